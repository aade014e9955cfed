/**
 * Meeting mode: the attendance of the members in office on a session's date, the facts shown for
 * each item, the opinions recorded on the session's items and the writes that record them (with
 * the item's recusals), and the next planned session an adjourned item is carried to. Writes run
 * inside the caller's transaction.
 */
import type { Db } from '../open';
import { statementCache } from './statements';

const cached = statementCache();

/** Members who sit in office on a date: everyone but the secretariat. */
const IN_OFFICE = `m.role <> 'secretariat' AND m.active_from <= @date AND (m.active_to IS NULL OR m.active_to >= @date)`;
/** Voting members counted for the quorum (as for the rapporteur: president and members with a vote). */
const VOTING = `m.voting = 1 AND m.role IN ('president', 'member')`;

export interface AttendeeRecord {
  memberId: number;
  name: string;
  organisation: string;
  role: string;
  /** Counted for the quorum and the votes. */
  voting: boolean;
  status: 'present' | 'excused' | 'absent' | null;
}

/** Every member in office on the session's date, voting ones first, with the recorded attendance. */
export function listAttendance(db: Db, sessionId: number, date: string): AttendeeRecord[] {
  const rows = cached(
    db,
    'attendance',
    () => `SELECT m.id AS memberId, m.full_name AS name, m.organisation, m.role, (${VOTING}) AS voting, a.status
       FROM members m
       LEFT JOIN attendance a ON a.member_id = m.id AND a.session_id = @sessionId
       WHERE ${IN_OFFICE}
       ORDER BY (${VOTING}) DESC, CASE m.role WHEN 'president' THEN 0 WHEN 'member' THEN 1 WHEN 'substitute' THEN 2 ELSE 3 END, m.full_name, m.id`,
  ).all({ sessionId, date }) as (Omit<AttendeeRecord, 'voting'> & { voting: number })[];
  return rows.map((r) => ({ ...r, voting: r.voting === 1 }));
}

/** Records (or changes) a member's attendance; returns the previous status, if any. */
export function upsertAttendance(db: Db, sessionId: number, memberId: number, status: string): string | null {
  const before = cached(db, 'attendance-one', () => `SELECT status FROM attendance WHERE session_id = ? AND member_id = ?`).get(sessionId, memberId) as
    | { status: string }
    | undefined;
  cached(
    db,
    'attendance-upsert',
    () => `INSERT INTO attendance (session_id, member_id, status) VALUES (@sessionId, @memberId, @status)
       ON CONFLICT (session_id, member_id) DO UPDATE SET status = excluded.status`,
  ).run({ sessionId, memberId, status });
  return before?.status ?? null;
}

/** Starts the session (planned or agenda frozen → in progress); false when its version or status changed. */
export function setSessionInProgress(db: Db, id: number, version: number): boolean {
  return (
    cached(
      db,
      'session-start',
      () => `UPDATE sessions SET status = 'in_progress', version = version + 1
       WHERE id = ? AND version = ? AND status IN ('planned', 'agenda_frozen')`,
    ).run(id, version).changes === 1
  );
}

export interface ItemFacts {
  itemId: number;
  commune: string;
  receivedOn: string;
  opinionDueOn: string | null;
}

/** The facts meeting mode shows beside the agenda's own columns, for each item of the session. */
export function listItemFacts(db: Db, sessionId: number): Map<number, ItemFacts> {
  const rows = cached(
    db,
    'item-facts',
    () => `SELECT ai.id AS itemId, o.commune, d.received_on AS receivedOn, d.opinion_due_on AS opinionDueOn
       FROM agenda_items ai JOIN dossiers d ON d.id = ai.dossier_id JOIN operators o ON o.id = d.operator_id
       WHERE ai.session_id = ?`,
  ).all(sessionId) as ItemFacts[];
  return new Map(rows.map((r) => [r.itemId, r]));
}

export interface OpinionRecord {
  id: number;
  itemId: number;
  dossierId: number;
  outcome: string;
  conditions: string;
  motivation: string;
  consensus: boolean;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  givenOn: string;
}

const OPINION_SELECT = `SELECT o.id, o.agenda_item_id AS itemId, o.dossier_id AS dossierId, o.outcome, o.conditions, o.motivation, o.consensus,
         o.votes_for AS votesFor, o.votes_against AS votesAgainst, o.votes_abstain AS votesAbstain, o.given_on AS givenOn
       FROM opinions o`;

type OpinionRow = Omit<OpinionRecord, 'consensus'> & { consensus: number };
const toOpinion = (r: OpinionRow): OpinionRecord => ({ ...r, consensus: r.consensus === 1 });

/** The opinions recorded on the session's items, by item. */
export function listSessionOpinions(db: Db, sessionId: number): Map<number, OpinionRecord> {
  const rows = cached(
    db,
    'session-opinions',
    () => `${OPINION_SELECT} JOIN agenda_items ai ON ai.id = o.agenda_item_id WHERE ai.session_id = ?`,
  ).all(sessionId) as OpinionRow[];
  return new Map(rows.map((r) => [r.itemId, toOpinion(r)]));
}

export function getItemOpinion(db: Db, itemId: number): OpinionRecord | undefined {
  const row = cached(db, 'item-opinion', () => `${OPINION_SELECT} WHERE o.agenda_item_id = ?`).get(itemId) as OpinionRow | undefined;
  return row ? toOpinion(row) : undefined;
}

export interface OpinionWrite {
  itemId: number;
  dossierId: number;
  outcome: string;
  conditions: string;
  motivation: string;
  consensus: boolean;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  givenOn: string;
}

/** Inserts the item's opinion, or replaces the one recorded before; returns its id. */
export function writeOpinion(db: Db, write: OpinionWrite): number {
  const params = { ...write, consensus: write.consensus ? 1 : 0 };
  const row = cached(
    db,
    'opinion-upsert',
    // The opinion keeps the administration's proposal it answers (migration 7): the dossier's may
    // change later, when an adjourned dossier is proposed again.
    () => `INSERT INTO opinions (agenda_item_id, dossier_id, outcome, conditions, motivation, consensus, votes_for, votes_against, votes_abstain, given_on,
                                 proposal_outcome, proposal_text)
       SELECT @itemId, @dossierId, @outcome, @conditions, @motivation, @consensus, @votesFor, @votesAgainst, @votesAbstain, @givenOn,
              d.proposal_outcome, COALESCE(d.proposal_text, '')
       FROM dossiers d WHERE d.id = @dossierId
       ON CONFLICT (agenda_item_id) DO UPDATE SET outcome = excluded.outcome, conditions = excluded.conditions, motivation = excluded.motivation,
         consensus = excluded.consensus, votes_for = excluded.votes_for, votes_against = excluded.votes_against,
         votes_abstain = excluded.votes_abstain, given_on = excluded.given_on,
         proposal_outcome = excluded.proposal_outcome, proposal_text = excluded.proposal_text
       RETURNING id`,
  ).get(params) as { id: number };
  return row.id;
}

/** Replaces the recusals recorded on an item by `recusals`. */
export function replaceRecusals(db: Db, itemId: number, recusals: readonly { memberId: number; reason: string }[]): void {
  cached(db, 'recusals-clear', () => `DELETE FROM recusals WHERE agenda_item_id = ?`).run(itemId);
  const insert = cached(db, 'recusal-insert', () => `INSERT INTO recusals (agenda_item_id, member_id, reason) VALUES (@itemId, @memberId, @reason)`);
  for (const r of recusals) insert.run({ itemId, ...r });
}

/** The member ids recorded as recused on an item (explicit recusals only). */
export function itemRecusalIds(db: Db, itemId: number): number[] {
  return cached(db, 'recusal-ids', () => `SELECT member_id FROM recusals WHERE agenda_item_id = ? ORDER BY member_id`).pluck().all(itemId) as number[];
}

/** Bumps an agenda item's version if it still has `version`; false otherwise. */
export function bumpItemVersion(db: Db, id: number, version: number): boolean {
  return cached(db, 'item-bump', () => `UPDATE agenda_items SET version = version + 1 WHERE id = ? AND version = ?`).run(id, version).changes === 1;
}

export interface NextSession {
  id: number;
  number: number;
  heldOn: string;
}

/** The earliest planned session (agenda still open) after a date. */
export function nextPlannedSession(db: Db, after: string): NextSession | undefined {
  return cached(
    db,
    'next-planned',
    () => `SELECT id, number, held_on AS heldOn FROM sessions WHERE status = 'planned' AND held_on > ? ORDER BY held_on, id LIMIT 1`,
  ).get(after) as NextSession | undefined;
}

/** The item carrying a dossier on a given session's agenda, if any. */
export function itemOfDossier(db: Db, sessionId: number, dossierId: number): number | undefined {
  return cached(db, 'item-of-dossier', () => `SELECT id FROM agenda_items WHERE session_id = ? AND dossier_id = ?`).pluck().get(sessionId, dossierId) as
    | number
    | undefined;
}

export interface LaterItemRecord {
  id: number;
  version: number;
  sessionId: number;
  sessionNumber: number;
  /** 1 when the item already has its opinion. */
  hasOpinion: number;
}

/** The item carrying a dossier on a later session still open (planned or agenda frozen), earliest first. */
export function laterOpenItemOfDossier(db: Db, dossierId: number, after: string): LaterItemRecord | undefined {
  return cached(
    db,
    'later-open-item',
    () => `SELECT ai.id, ai.version, s.id AS sessionId, s.number AS sessionNumber,
              EXISTS (SELECT 1 FROM opinions op WHERE op.agenda_item_id = ai.id) AS hasOpinion
       FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id
       WHERE ai.dossier_id = ? AND s.held_on > ? AND s.status IN ('planned', 'agenda_frozen')
       ORDER BY s.held_on, s.id LIMIT 1`,
  ).get(dossierId, after) as LaterItemRecord | undefined;
}

/** The members of `ids` in office on a date (secretariat aside), with their name. */
export function membersInOffice(db: Db, ids: readonly number[], date: string): Map<number, string> {
  const rows = cached(
    db,
    'members-in-office',
    () => `SELECT m.id, m.full_name AS name FROM json_each(@ids) j JOIN members m ON m.id = j.value WHERE ${IN_OFFICE}`,
  ).all({ ids: JSON.stringify(ids), date }) as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}
