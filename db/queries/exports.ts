/**
 * What the exports read beyond the closing view (db/queries/closing.ts): the session's header, the
 * dossier and operator facts of its items, the officers who sign letters, and the yearly figures.
 * Sessions are found by `sessions_held_on`, items by `agenda_items_session`, opinions by their
 * unique agenda item, amendments by `opinion_amendments_opinion`.
 */
import type { Db } from '../open';
import { statementCache } from './statements';

const cached = statementCache();

/** Sessions that took place: their opinions count in the statistics. */
const HELD = `s.status IN ('in_progress', 'closed')`;

export interface ExportSessionRecord {
  id: number;
  number: number;
  heldOn: string;
  startsAt: string;
  place: string;
  status: 'planned' | 'agenda_frozen' | 'in_progress' | 'closed' | 'cancelled';
  closedAt: string | null;
}

export function getExportSession(db: Db, id: number): ExportSessionRecord | undefined {
  return cached(db, 'session', () => `SELECT id, number, held_on AS heldOn, starts_at AS startsAt, place, status, closed_at AS closedAt FROM sessions WHERE id = ?`).get(
    id,
  ) as ExportSessionRecord | undefined;
}

/**
 * The dossier and operator facts of a session's items, beyond what the closing view gives. The
 * proposal is the one the opinion answered when it was recorded (migration 7), else the dossier's.
 */
export interface ItemFactsRecord {
  itemId: number;
  operatorId: number;
  bce: string;
  legalForm: string;
  street: string;
  postcode: string;
  commune: string;
  scheme: 'IES' | 'EI' | 'IDESS' | 'AC';
  kind: string;
  receivedOn: string;
  proposalOutcome: string | null;
  proposalText: string | null;
  hearingAt: string | null;
  rapporteur: string | null;
}

export function listItemFacts(db: Db, sessionId: number): ItemFactsRecord[] {
  return cached(
    db,
    'item-facts',
    () => `SELECT ai.id AS itemId, o.id AS operatorId, o.bce, o.legal_form AS legalForm, o.street, o.postcode, o.commune,
              d.scheme, d.kind, d.received_on AS receivedOn,
              CASE WHEN op.proposal_text IS NOT NULL THEN op.proposal_outcome ELSE d.proposal_outcome END AS proposalOutcome,
              COALESCE(op.proposal_text, d.proposal_text) AS proposalText,
              ai.hearing_at AS hearingAt, rm.full_name AS rapporteur
       FROM agenda_items ai
       JOIN dossiers d ON d.id = ai.dossier_id
       JOIN operators o ON o.id = d.operator_id
       LEFT JOIN opinions op ON op.agenda_item_id = ai.id
       LEFT JOIN members rm ON rm.id = ai.rapporteur_member_id
       WHERE ai.session_id = ?`,
  ).all(sessionId) as ItemFactsRecord[];
}

/** The member in office on `date` with `role` (the latest to take office), e.g. who signs a letter. */
export function officerOn(db: Db, role: 'president' | 'secretariat', date: string): string | null {
  const row = cached(
    db,
    'officer',
    () => `SELECT full_name AS name FROM members
       WHERE role = @role AND active_from <= @date AND (active_to IS NULL OR active_to >= @date)
       ORDER BY active_from DESC, id DESC LIMIT 1`,
  ).get({ role, date }) as { name: string } | undefined;
  return row?.name ?? null;
}

export interface MemberNameRecord {
  id: number;
  name: string;
}

/** Members in office on the date who take part in sessions (not the secretariat nor observers). */
export function sittingMembersOn(db: Db, date: string): MemberNameRecord[] {
  return cached(
    db,
    'sitting-members',
    () => `SELECT id, full_name AS name FROM members
       WHERE role IN ('president', 'member', 'substitute') AND active_from <= @date AND (active_to IS NULL OR active_to >= @date)
       ORDER BY full_name, id`,
  ).all({ date }) as MemberNameRecord[];
}

export function getMemberName(db: Db, id: number): string | null {
  const row = cached(db, 'member-name', () => `SELECT full_name AS name FROM members WHERE id = ?`).get(id) as { name: string } | undefined;
  return row?.name ?? null;
}

// ---------------------------------------------------------------------------------------------
// Yearly statistics.

export interface HeldSessionRecord {
  number: number;
  heldOn: string;
  items: number;
  opinions: number;
  hearings: number;
}

/** Sessions held in [from, to], by date, with their items, opinions and hearings. */
export function listHeldSessions(db: Db, from: string, to: string): HeldSessionRecord[] {
  return cached(
    db,
    'held-sessions',
    () => `SELECT s.number, s.held_on AS heldOn, COUNT(ai.id) AS items, COUNT(op.id) AS opinions, COUNT(ai.hearing_at) AS hearings
       FROM sessions s
       LEFT JOIN agenda_items ai ON ai.session_id = s.id
       LEFT JOIN opinions op ON op.agenda_item_id = ai.id
       WHERE s.held_on BETWEEN @from AND @to AND ${HELD}
       GROUP BY s.id
       ORDER BY s.held_on, s.number`,
  ).all({ from, to }) as HeldSessionRecord[];
}

export interface YearOpinionRecord {
  dossierId: number;
  scheme: string;
  kind: string;
  receivedOn: string;
  givenOn: string;
  /** The outcome in force: the latest amendment's, else the opinion's. */
  outcome: string;
}

/** Every opinion given in a session held in [from, to]. */
export function listYearOpinions(db: Db, from: string, to: string): YearOpinionRecord[] {
  return cached(
    db,
    'year-opinions',
    () => `SELECT d.id AS dossierId, d.scheme, d.kind, d.received_on AS receivedOn, op.given_on AS givenOn,
              COALESCE((SELECT am.outcome FROM opinion_amendments am WHERE am.opinion_id = op.id ORDER BY am.amended_on DESC, am.id DESC LIMIT 1), op.outcome) AS outcome
       FROM sessions s
       JOIN agenda_items ai ON ai.session_id = s.id
       JOIN opinions op ON op.agenda_item_id = ai.id
       JOIN dossiers d ON d.id = op.dossier_id
       WHERE s.held_on BETWEEN @from AND @to AND ${HELD}
       ORDER BY s.held_on, ai.id`,
  ).all({ from, to }) as YearOpinionRecord[];
}

/** Years with a session held, newest first. */
export function listHeldYears(db: Db): number[] {
  const rows = cached(db, 'held-years', () => `SELECT DISTINCT CAST(substr(s.held_on, 1, 4) AS INTEGER) AS year FROM sessions s WHERE ${HELD} ORDER BY year DESC`).all() as {
    year: number;
  }[];
  return rows.map((r) => r.year);
}
