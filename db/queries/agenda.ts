/**
 * A session's agenda: its items with their dossier, the recused members, the members who may be
 * rapporteur, the dossiers ready to be added, and the writes that build it. Positions are the
 * item's number on the agenda, continuous across the sections in their official order; every
 * change of the agenda renumbers them 1..n (`renumberAgenda`), inside the caller's transaction.
 */
import { AGENDA_SECTIONS, type AgendaSection } from '../../shared/domain';
import type { Db } from '../open';
import { toSummary } from './compliance';
import { statementCache } from './statements';
import type { ComplianceSummary } from '../../shared/compliance/model';

const cached = statementCache();

/** The sections in their official order, as an SQL CASE (fixed text, no user input). */
const SECTION_ORDER = `CASE ai.section ${AGENDA_SECTIONS.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END`;

export interface SessionRecord {
  id: number;
  version: number;
  number: number;
  heldOn: string;
  startsAt: string;
  place: string;
  status: string;
  agendaFrozenAt: string | null;
}

export function getSession(db: Db, id: number): SessionRecord | undefined {
  return cached(
    db,
    'session',
    () => `SELECT id, version, number, held_on AS heldOn, starts_at AS startsAt, place, status, agenda_frozen_at AS agendaFrozenAt
       FROM sessions WHERE id = ?`,
  ).get(id) as SessionRecord | undefined;
}

export interface AgendaItemRecord {
  id: number;
  version: number;
  sessionId: number;
  section: AgendaSection;
  position: number;
  hearingAt: string | null;
  rapporteurId: number | null;
  rapporteurName: string | null;
  dossierId: number;
  dossierVersion: number;
  reference: string;
  operatorId: number;
  operatorName: string;
  scheme: string;
  kind: string;
  subject: string;
  status: string;
  proposalOutcome: string | null;
  proposalText: string | null;
  compliance: ComplianceSummary | null;
}

type ItemColumns = Omit<AgendaItemRecord, 'compliance'> & {
  worst: ComplianceSummary['worst'] | null;
  breaches: number | null;
  warnings: number | null;
  missing: number | null;
  flags: string | null;
};

const ITEM_SELECT = `SELECT ai.id, ai.version, ai.session_id AS sessionId, ai.section, ai.position, ai.hearing_at AS hearingAt,
         ai.rapporteur_member_id AS rapporteurId, m.full_name AS rapporteurName,
         d.id AS dossierId, d.version AS dossierVersion, d.reference, d.operator_id AS operatorId, o.name AS operatorName,
         d.scheme, d.kind, d.subject, d.status, d.proposal_outcome AS proposalOutcome, d.proposal_text AS proposalText,
         c.worst, c.breaches, c.warnings, c.missing, c.flags
       FROM agenda_items ai
       JOIN dossiers d ON d.id = ai.dossier_id
       JOIN operators o ON o.id = d.operator_id
       LEFT JOIN members m ON m.id = ai.rapporteur_member_id
       LEFT JOIN dossier_compliance c ON c.dossier_id = d.id`;

type SummaryColumns = Pick<ItemColumns, 'worst' | 'breaches' | 'warnings' | 'missing' | 'flags'>;

/** The stored compliance result of a row's LEFT JOIN, or null when never evaluated. */
function summaryOf({ worst, breaches, warnings, missing, flags }: SummaryColumns): ComplianceSummary | null {
  return worst === null || breaches === null || warnings === null || missing === null || flags === null ? null : toSummary({ worst, breaches, warnings, missing, flags });
}

function toItem({ worst, breaches, warnings, missing, flags, ...row }: ItemColumns): AgendaItemRecord {
  return { ...row, compliance: summaryOf({ worst, breaches, warnings, missing, flags }) };
}

/** The session's items in agenda order (section, then position). */
export function listAgendaItems(db: Db, sessionId: number): AgendaItemRecord[] {
  return (
    cached(db, 'items', () => `${ITEM_SELECT} WHERE ai.session_id = ? ORDER BY ${SECTION_ORDER}, ai.position, ai.id`).all(
      sessionId,
    ) as ItemColumns[]
  ).map(toItem);
}

export function getAgendaItem(db: Db, id: number): AgendaItemRecord | undefined {
  const row = cached(db, 'item', () => `${ITEM_SELECT} WHERE ai.id = ?`).get(id) as ItemColumns | undefined;
  return row ? toItem(row) : undefined;
}

export interface RecusalRecord {
  itemId: number;
  memberId: number;
  name: string;
  source: 'conflict' | 'recusal';
  /** The conflict's kind, or the recusal's reason. */
  detail: string;
}

/**
 * Members recused on each item of the session. An item with an opinion keeps the recusals recorded
 * with it (the `recusals` table), whatever is declared later. An item still without opinion names
 * the members in office with a conflict with its operator declared by the session's date, then any
 * recusal recorded on it.
 */
export function listRecusals(db: Db, sessionId: number): RecusalRecord[] {
  return cached(
    db,
    'recusals',
    () => `SELECT ai.id AS itemId, m.id AS memberId, m.full_name AS name, 'conflict' AS source, c.kind AS detail
       FROM agenda_items ai
       JOIN sessions s ON s.id = ai.session_id
       JOIN dossiers d ON d.id = ai.dossier_id
       JOIN conflicts c ON c.operator_id = d.operator_id
       JOIN members m ON m.id = c.member_id
       WHERE ai.session_id = @sessionId AND m.active_from <= s.held_on AND (m.active_to IS NULL OR m.active_to >= s.held_on)
         AND c.declared_on <= s.held_on
         AND NOT EXISTS (SELECT 1 FROM opinions op WHERE op.agenda_item_id = ai.id)
       UNION ALL
       SELECT r.agenda_item_id, m.id, m.full_name, 'recusal', r.reason
       FROM recusals r
       JOIN agenda_items ai ON ai.id = r.agenda_item_id
       JOIN sessions s ON s.id = ai.session_id
       JOIN members m ON m.id = r.member_id
       WHERE ai.session_id = @sessionId
         AND (EXISTS (SELECT 1 FROM opinions op WHERE op.agenda_item_id = ai.id)
              OR NOT EXISTS (SELECT 1 FROM conflicts c JOIN dossiers d ON d.operator_id = c.operator_id
                             WHERE d.id = ai.dossier_id AND c.member_id = r.member_id AND c.declared_on <= s.held_on
                               AND m.active_from <= s.held_on AND (m.active_to IS NULL OR m.active_to >= s.held_on)))
       ORDER BY 1, 3`,
  ).all({ sessionId }) as RecusalRecord[];
}

/** The members in office on the session's date with a conflict with the item's operator declared by then, with its kind. */
export function itemConflicts(db: Db, itemId: number): { memberId: number; kind: string }[] {
  return cached(
    db,
    'item-conflicts',
    () => `SELECT m.id AS memberId, c.kind
       FROM agenda_items ai
       JOIN sessions s ON s.id = ai.session_id
       JOIN dossiers d ON d.id = ai.dossier_id
       JOIN conflicts c ON c.operator_id = d.operator_id
       JOIN members m ON m.id = c.member_id
       WHERE ai.id = ? AND c.declared_on <= s.held_on AND m.active_from <= s.held_on AND (m.active_to IS NULL OR m.active_to >= s.held_on)
       ORDER BY m.full_name`,
  ).all(itemId) as { memberId: number; kind: string }[];
}

/** The operators with which a member declared a conflict, with its kind. */
export function memberConflicts(db: Db, memberId: number): Map<number, string> {
  const rows = cached(db, 'member-conflicts', () => `SELECT operator_id AS operatorId, kind FROM conflicts WHERE member_id = ?`).all(memberId) as {
    operatorId: number;
    kind: string;
  }[];
  return new Map(rows.map((r) => [r.operatorId, r.kind]));
}

/** Voting members in office on a date (president and members): who may be rapporteur. */
export function votingMembersOn(db: Db, date: string): { id: number; name: string }[] {
  return cached(
    db,
    'voting-members',
    () => `SELECT id, full_name AS name FROM members
       WHERE voting = 1 AND role IN ('president', 'member') AND active_from <= @date AND (active_to IS NULL OR active_to >= @date)
       ORDER BY CASE role WHEN 'president' THEN 0 ELSE 1 END, full_name`,
  ).all({ date }) as { id: number; name: string }[];
}

/** Open sessions: their agenda still to be held. A dossier is on at most one open agenda. */
const OPEN_SESSION = `s.status IN ('planned', 'agenda_frozen', 'in_progress')`;

export interface CandidateRecord {
  id: number;
  version: number;
  reference: string;
  operatorName: string;
  scheme: string;
  kind: string;
  status: string;
  subject: string;
  receivedOn: string;
  compliance: ComplianceSummary | null;
}

/**
 * Dossiers ready for a session (ready, or adjourned by a past one) and on no open agenda, oldest
 * first; `text` filters on the reference, the operator's name or the subject (case-insensitive).
 */
export function listCandidates(db: Db, text: string, limit = 500): CandidateRecord[] {
  const rows = cached(
    db,
    'candidates',
    () => `SELECT d.id, d.version, d.reference, o.name AS operatorName, d.scheme, d.kind, d.status, d.subject, d.received_on AS receivedOn,
              c.worst, c.breaches, c.warnings, c.missing, c.flags
       FROM dossiers d
       JOIN operators o ON o.id = d.operator_id
       LEFT JOIN dossier_compliance c ON c.dossier_id = d.id
       WHERE d.status IN ('ready', 'adjourned')
         AND NOT EXISTS (SELECT 1 FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id WHERE ai.dossier_id = d.id AND ${OPEN_SESSION})
         AND (@text = '' OR instr(lower(d.reference || ' ' || o.name || ' ' || d.subject), lower(@text)) > 0)
       ORDER BY d.received_on, d.id
       LIMIT @limit`,
  ).all({ text, limit }) as (Omit<CandidateRecord, 'compliance'> & SummaryColumns)[];
  return rows.map(({ worst, breaches, warnings, missing, flags, ...row }) => ({ ...row, compliance: summaryOf({ worst, breaches, warnings, missing, flags }) }));
}

export interface DossierForAgenda {
  id: number;
  reference: string;
  operatorId: number;
  kind: string;
  status: string;
  /** The number of the open session whose agenda carries it, if any. */
  openSessionId: number | null;
  openSessionNumber: number | null;
}

/** The dossiers of `ids` with what adding them to an agenda needs to check. */
export function dossiersForAgenda(db: Db, ids: readonly number[]): DossierForAgenda[] {
  return cached(
    db,
    'dossiers-for-agenda',
    () => `SELECT d.id, d.reference, d.operator_id AS operatorId, d.kind, d.status,
              (SELECT s.id FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id WHERE ai.dossier_id = d.id AND ${OPEN_SESSION} ORDER BY s.held_on LIMIT 1) AS openSessionId,
              (SELECT s.number FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id WHERE ai.dossier_id = d.id AND ${OPEN_SESSION} ORDER BY s.held_on LIMIT 1) AS openSessionNumber
       FROM json_each(?) j JOIN dossiers d ON d.id = j.value`,
  ).all(JSON.stringify(ids)) as DossierForAgenda[];
}

/** Adds an item at the end of its section (position renumbered afterwards by `renumberAgenda`). */
export function insertAgendaItem(db: Db, sessionId: number, dossierId: number, section: AgendaSection): number {
  return Number(
    cached(
      db,
      'insert-item',
      () => `INSERT INTO agenda_items (session_id, dossier_id, section, position)
       VALUES (@sessionId, @dossierId, @section, (SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE session_id = @sessionId))`,
    ).run({ sessionId, dossierId, section }).lastInsertRowid,
  );
}

export function deleteAgendaItem(db: Db, id: number, version: number): boolean {
  return cached(db, 'delete-item', () => `DELETE FROM agenda_items WHERE id = ? AND version = ?`).run(id, version).changes === 1;
}

/** Sets the item's place: its section and an order key (renumbered afterwards); bumps its version. */
export function placeAgendaItem(db: Db, id: number, version: number, section: AgendaSection): boolean {
  return (
    cached(db, 'place-item', () => `UPDATE agenda_items SET section = ?, version = version + 1 WHERE id = ? AND version = ?`).run(section, id, version).changes === 1
  );
}

/** Writes positions 1..n in the order given (the item ids of the whole agenda). */
export function writePositions(db: Db, orderedIds: readonly number[]): void {
  cached(
    db,
    'write-positions',
    () => `UPDATE agenda_items SET position = (SELECT j.key + 1 FROM json_each(@ids) j WHERE j.value = agenda_items.id)
       WHERE id IN (SELECT value FROM json_each(@ids))`,
  ).run({ ids: JSON.stringify(orderedIds) });
}

/** Renumbers the session's items 1..n in agenda order (section, then current position). */
export function renumberAgenda(db: Db, sessionId: number): void {
  writePositions(
    db,
    listAgendaItems(db, sessionId).map((item) => item.id),
  );
}

export function updateAgendaItem(db: Db, id: number, version: number, write: { rapporteurMemberId: number | null; hearingAt: string | null }): boolean {
  return (
    cached(
      db,
      'update-item',
      () => `UPDATE agenda_items SET rapporteur_member_id = @rapporteurMemberId, hearing_at = @hearingAt, version = version + 1
       WHERE id = @id AND version = @version`,
    ).run({ id, version, ...write }).changes === 1
  );
}

export function setDossierStatus(db: Db, id: number, status: string, at: string): void {
  cached(db, 'dossier-status', () => `UPDATE dossiers SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?`).run(status, at, id);
}

export function updateDossierProposal(
  db: Db,
  id: number,
  version: number,
  write: { proposalOutcome: string | null; proposalText: string | null },
  at: string,
): boolean {
  return (
    cached(
      db,
      'dossier-proposal',
      () => `UPDATE dossiers SET proposal_outcome = @proposalOutcome, proposal_text = @proposalText, updated_at = @at, version = version + 1
       WHERE id = @id AND version = @version`,
    ).run({ id, version, at, ...write }).changes === 1
  );
}

/** Moves the session between planned and agenda_frozen; false when its version or status changed. */
export function setSessionFrozen(db: Db, id: number, version: number, frozen: boolean, at: string): boolean {
  return (
    cached(
      db,
      `session-frozen`,
      () => `UPDATE sessions SET status = CASE WHEN @frozen THEN 'agenda_frozen' ELSE 'planned' END,
              agenda_frozen_at = CASE WHEN @frozen THEN @at ELSE NULL END, version = version + 1
       WHERE id = @id AND version = @version AND status = CASE WHEN @frozen THEN 'planned' ELSE 'agenda_frozen' END`,
    ).run({ id, version, frozen: frozen ? 1 : 0, at }).changes === 1
  );
}

export function memberName(db: Db, id: number): string | undefined {
  return (cached(db, 'member-name', () => `SELECT full_name AS name FROM members WHERE id = ?`).get(id) as { name: string } | undefined)?.name;
}
