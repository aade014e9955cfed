/**
 * A member's preparation of agenda items (table `preparations`, one row per member and item):
 * status unread | read | prepared, the draft outcome the member leans to, and when it last
 * changed. An item without a row is unread, with no draft position.
 */
import type { OpinionOutcome } from '../../shared/domain';
import type { Db } from '../open';
import { statementCache } from './statements';

const cached = statementCache();

export type PreparationStatusValue = 'unread' | 'read' | 'prepared';

export interface PreparationRecord {
  itemId: number;
  status: PreparationStatusValue;
  draftOutcome: OpinionOutcome | null;
  updatedAt: string;
}

const COLUMNS = 'p.agenda_item_id AS itemId, p.status, p.draft_outcome AS draftOutcome, p.updated_at AS updatedAt';

/** The member's preparation of each item of a session that has one, by item id. */
export function listPreparations(db: Db, memberId: number, sessionId: number): Map<number, PreparationRecord> {
  const rows = cached(
    db,
    'session-preparations',
    () => `SELECT ${COLUMNS} FROM preparations p JOIN agenda_items ai ON ai.id = p.agenda_item_id
       WHERE p.member_id = ? AND ai.session_id = ?`,
  ).all(memberId, sessionId) as PreparationRecord[];
  return new Map(rows.map((r) => [r.itemId, r]));
}

export function getPreparation(db: Db, memberId: number, itemId: number): PreparationRecord | undefined {
  return cached(db, 'preparation', () => `SELECT ${COLUMNS} FROM preparations p WHERE p.member_id = ? AND p.agenda_item_id = ?`).get(memberId, itemId) as
    | PreparationRecord
    | undefined;
}

/** Writes the member's preparation of an item, creating the row the first time. */
export function savePreparation(db: Db, memberId: number, write: PreparationRecord): void {
  cached(
    db,
    'save-preparation',
    () => `INSERT INTO preparations (member_id, agenda_item_id, status, draft_outcome, updated_at)
       VALUES (@memberId, @itemId, @status, @draftOutcome, @updatedAt)
       ON CONFLICT (member_id, agenda_item_id) DO UPDATE SET status = excluded.status, draft_outcome = excluded.draft_outcome, updated_at = excluded.updated_at`,
  ).run({ memberId, ...write });
}
