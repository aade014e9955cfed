/**
 * The append-only, hash-chained audit log. Each entry's hash covers the previous hash and
 * the entry's own fields, so that an edit or a deletion anywhere breaks the chain.
 */
import { createHash } from 'node:crypto';
import type { Db } from './open';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  actor: string;
  action: string;
  entity: string;
  entityId?: number | null;
  changes?: Record<string, unknown>;
  /** ISO timestamp; defaults to now. */
  at?: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: number | null;
  changes: string;
  prevHash: string;
  hash: string;
}

function entryHash(prevHash: string, e: Omit<AuditEntry, 'id' | 'hash' | 'prevHash'>): string {
  return createHash('sha256')
    .update([prevHash, e.at, e.actor, e.action, e.entity, e.entityId ?? '', e.changes].join('\u001f'))
    .digest('hex');
}

/** Appends one entry; call inside the transaction that makes the change it records. */
export function appendAudit(db: Db, input: AuditInput): AuditEntry {
  const last = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields = {
    at: input.at ?? new Date().toISOString(),
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId ?? null,
    changes: JSON.stringify(input.changes ?? {}),
  };
  const hash = entryHash(prevHash, fields);
  const info = db
    .prepare(
      `INSERT INTO audit_log (at, actor, action, entity, entity_id, changes, prev_hash, hash)
       VALUES (@at, @actor, @action, @entity, @entityId, @changes, @prevHash, @hash)`,
    )
    .run({ ...fields, prevHash, hash });
  return { id: Number(info.lastInsertRowid), ...fields, prevHash, hash };
}

/** Walks the chain; returns the id of the first entry that does not match, or null when intact. */
export function verifyAuditChain(db: Db): number | null {
  let prevHash = GENESIS_HASH;
  const rows = db
    .prepare(
      `SELECT id, at, actor, action, entity, entity_id AS entityId, changes, prev_hash AS prevHash, hash
       FROM audit_log ORDER BY id`,
    )
    .iterate() as IterableIterator<AuditEntry>;
  for (const row of rows) {
    if (row.prevHash !== prevHash || entryHash(prevHash, row) !== row.hash) return row.id;
    prevHash = row.hash;
  }
  return null;
}
