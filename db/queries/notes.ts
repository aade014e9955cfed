/**
 * Notes on dossiers. The workspace's user is the author of the notes they write (a member's id, or
 * NULL for the secretariat); private notes are only ever read back by their author.
 */
import type { NoteVisibility } from '../../shared/contract/notes';
import { appendAudit } from '../audit';
import type { Db } from '../open';

export interface NoteRecord {
  id: number;
  dossierId: number;
  visibility: NoteVisibility;
  body: string;
  authorMemberId: number | null;
  authorName: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const SELECT = `SELECT n.id, n.dossier_id AS dossierId, n.visibility, n.body, n.author_member_id AS authorMemberId,
  m.full_name AS authorName, n.created_at AS createdAt, n.updated_at AS updatedAt, n.version
  FROM notes n LEFT JOIN members m ON m.id = n.author_member_id`;

/** A dossier's notes visible to a user (parameters: dossier id, the user's member id or NULL). */
export const LIST_NOTES_SQL = SELECT + " WHERE n.dossier_id = ? AND (n.visibility = 'shared' OR n.author_member_id IS ?) ORDER BY n.created_at, n.id";

/** The shared notes of everyone and the user's own private notes, oldest first (index notes_dossier). */
export function listNotes(db: Db, dossierId: number, userMemberId: number | null): NoteRecord[] {
  return db.prepare(LIST_NOTES_SQL).all(dossierId, userMemberId) as NoteRecord[];
}

export function getNote(db: Db, id: number): NoteRecord | undefined {
  return db.prepare(SELECT + ' WHERE n.id = ?').get(id) as NoteRecord | undefined;
}

export function createNote(
  db: Db,
  actor: string,
  note: { dossierId: number; authorMemberId: number | null; visibility: NoteVisibility; body: string; at: string },
): NoteRecord {
  return db.transaction(() => {
    const info = db
      .prepare(
        `INSERT INTO notes (dossier_id, author_member_id, visibility, body, created_at, updated_at)
         VALUES (@dossierId, @authorMemberId, @visibility, @body, @at, @at)`,
      )
      .run(note);
    const id = Number(info.lastInsertRowid);
    appendAudit(db, {
      actor,
      action: 'note.create',
      entity: 'note',
      entityId: id,
      changes: { dossierId: note.dossierId, visibility: note.visibility, length: note.body.length },
      at: note.at,
    });
    return getNote(db, id)!;
  })();
}

export type NoteWriteResult<T> = { ok: true; value: T } | { ok: false; reason: 'not_found' | 'not_author' | 'stale' };

/** Updates the note when `version` is still current and the user is its author; audit in the same transaction. */
export function updateNote(
  db: Db,
  actor: string,
  change: { id: number; version: number; body: string; visibility: NoteVisibility; userMemberId: number | null; at: string },
): NoteWriteResult<NoteRecord> {
  return db.transaction((): NoteWriteResult<NoteRecord> => {
    const before = getNote(db, change.id);
    if (!before || (before.visibility === 'private' && before.authorMemberId !== change.userMemberId)) return { ok: false, reason: 'not_found' };
    if (before.authorMemberId !== change.userMemberId) return { ok: false, reason: 'not_author' };
    const info = db
      .prepare(
        `UPDATE notes SET body = @body, visibility = @visibility, updated_at = @at, version = version + 1
         WHERE id = @id AND version = @version`,
      )
      .run({ id: change.id, version: change.version, body: change.body, visibility: change.visibility, at: change.at });
    if (info.changes === 0) return { ok: false, reason: 'stale' };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    // The text itself stays out of the log: a private note must not be readable there.
    if (before.body !== change.body) changes.length = { from: before.body.length, to: change.body.length };
    if (before.visibility !== change.visibility) changes.visibility = { from: before.visibility, to: change.visibility };
    appendAudit(db, { actor, action: 'note.update', entity: 'note', entityId: change.id, changes, at: change.at });
    return { ok: true, value: getNote(db, change.id)! };
  })();
}

export function deleteNote(
  db: Db,
  actor: string,
  target: { id: number; version: number; userMemberId: number | null; at: string },
): NoteWriteResult<{ id: number }> {
  return db.transaction((): NoteWriteResult<{ id: number }> => {
    const before = getNote(db, target.id);
    if (!before || (before.visibility === 'private' && before.authorMemberId !== target.userMemberId)) return { ok: false, reason: 'not_found' };
    if (before.authorMemberId !== target.userMemberId) return { ok: false, reason: 'not_author' };
    const info = db.prepare('DELETE FROM notes WHERE id = ? AND version = ?').run(target.id, target.version);
    if (info.changes === 0) return { ok: false, reason: 'stale' };
    appendAudit(db, {
      actor,
      action: 'note.delete',
      entity: 'note',
      entityId: target.id,
      changes: { dossierId: before.dossierId, visibility: before.visibility, length: { from: before.body.length, to: null } },
      at: target.at,
    });
    return { ok: true, value: { id: target.id } };
  })();
}
