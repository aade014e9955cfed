/**
 * Sessions as the calendar sees them: the list with each session's agenda and opinion counts, the
 * sessions of a period, and the writes of planning (insert, move, cancel) guarded by `version`.
 */
import type { Db } from '../open';
import { statementCache } from './statements';

const cached = statementCache();

export interface SessionRecord {
  id: number;
  number: number;
  heldOn: string;
  startsAt: string;
  place: string;
  status: 'planned' | 'agenda_frozen' | 'in_progress' | 'closed' | 'cancelled';
  cancelReason: string;
  agendaItems: number;
  opinions: number;
  version: number;
}

/** A session with its counts (exported for the query-plan test). */
export const SELECT_SESSION = `
  SELECT s.id, s.number, s.held_on AS heldOn, s.starts_at AS startsAt, s.place, s.status,
         s.cancel_reason AS cancelReason, s.version,
         (SELECT count(*) FROM agenda_items ai WHERE ai.session_id = s.id) AS agendaItems,
         (SELECT count(*) FROM agenda_items ai JOIN opinions o ON o.agenda_item_id = ai.id WHERE ai.session_id = s.id) AS opinions
  FROM sessions s`;

/** Sessions on or after `today`, the nearest first. */
export function listUpcomingSessions(db: Db, today: string): SessionRecord[] {
  return cached(db, 'upcoming', () => SELECT_SESSION + ' WHERE s.held_on >= ? ORDER BY s.held_on, s.number').all(today) as SessionRecord[];
}

/** Sessions before `today`, the latest first. */
export function listPastSessions(db: Db, today: string): SessionRecord[] {
  return cached(db, 'past', () => SELECT_SESSION + ' WHERE s.held_on < ? ORDER BY s.held_on DESC, s.number DESC').all(today) as SessionRecord[];
}

/** Sessions held or planned in [from, to], in date order (cancelled ones included). */
export function listSessionsBetween(db: Db, from: string, to: string): SessionRecord[] {
  return cached(db, 'between', () => SELECT_SESSION + ' WHERE s.held_on BETWEEN ? AND ? ORDER BY s.held_on, s.number').all(from, to) as SessionRecord[];
}

export function getSession(db: Db, id: number): SessionRecord | undefined {
  return cached(db, 'get', () => SELECT_SESSION + ' WHERE s.id = ?').get(id) as SessionRecord | undefined;
}

/** The session (not cancelled) held on `date`, other than `exceptId`. */
export function activeSessionOn(db: Db, date: string, exceptId = 0): { id: number; number: number } | undefined {
  return cached(db, 'on', () => `SELECT id, number FROM sessions WHERE held_on = ? AND status <> 'cancelled' AND id <> ?`).get(date, exceptId) as
    | { id: number; number: number }
    | undefined;
}

export function highestSessionNumber(db: Db): number {
  return (cached(db, 'max', () => 'SELECT coalesce(max(number), 0) AS n FROM sessions').get() as { n: number }).n;
}

export function insertPlannedSession(db: Db, write: { number: number; heldOn: string; startsAt: string; place: string }): number {
  const info = cached(db, 'insert', () => `INSERT INTO sessions (number, held_on, starts_at, place, status) VALUES (?, ?, ?, ?, 'planned')`).run(
    write.number,
    write.heldOn,
    write.startsAt,
    write.place,
  );
  return Number(info.lastInsertRowid);
}

/** Moves a session; false when `version` is stale. */
export function moveSession(db: Db, id: number, version: number, write: { heldOn: string; startsAt: string; place: string }): boolean {
  return (
    cached(db, 'move', () => 'UPDATE sessions SET held_on = ?, starts_at = ?, place = ?, version = version + 1 WHERE id = ? AND version = ?').run(
      write.heldOn,
      write.startsAt,
      write.place,
      id,
      version,
    ).changes === 1
  );
}

/** Cancels a session with its reason; false when `version` is stale. */
export function cancelSession(db: Db, id: number, version: number, reason: string): boolean {
  return (
    cached(db, 'cancel', () => `UPDATE sessions SET status = 'cancelled', cancel_reason = ?, version = version + 1 WHERE id = ? AND version = ?`).run(
      reason,
      id,
      version,
    ).changes === 1
  );
}

export interface ReleasedDossier {
  dossierId: number;
  operatorId: number;
  reference: string;
}

/**
 * Empties the agenda of a session being cancelled and returns the dossiers it had scheduled (an
 * adjourned dossier keeps its status); the caller sets those back to « prêt ».
 */
export function releaseAgenda(db: Db, sessionId: number): ReleasedDossier[] {
  const released = cached(
    db,
    'released',
    () =>
      `SELECT d.id AS dossierId, d.operator_id AS operatorId, d.reference FROM agenda_items ai JOIN dossiers d ON d.id = ai.dossier_id
       WHERE ai.session_id = ? AND d.status = 'scheduled' ORDER BY ai.section, ai.position`,
  ).all(sessionId) as ReleasedDossier[];
  cached(db, 'releaseItems', () => 'DELETE FROM agenda_items WHERE session_id = ?').run(sessionId);
  return released;
}
