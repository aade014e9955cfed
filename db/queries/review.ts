/**
 * Queries behind the dossier page (`dossiers.review`): a few set-based reads, each by index —
 * never one query per row. The operator's timeline is read per kind (agréments, dossiers,
 * opinions, decisions, inspections) by `operator_id`, and merged in memory.
 */
import type { Db } from '../open';
import { listDeadlines, type DeadlineListRow, type DeadlineRules } from './deadlines';
import { statementCache } from './statements';

const cached = statementCache();
const stmt = (db: Db, key: string, sql: string) => cached(db, key, () => sql);

export interface ReviewDossierRow {
  id: number;
  reference: string;
  operatorId: number;
  agrementId: number | null;
  scheme: string;
  kind: string;
  status: string;
  subject: string;
  receivedOn: string;
  completeOn: string | null;
  opinionDueOn: string | null;
  reportYear: number | null;
  proposalOutcome: string | null;
  proposalText: string | null;
}

export function getReviewDossier(db: Db, id: number): ReviewDossierRow | undefined {
  return stmt(
    db,
    'dossier',
    `SELECT id, reference, operator_id AS operatorId, agrement_id AS agrementId, scheme, kind, status, subject,
            received_on AS receivedOn, complete_on AS completeOn, opinion_due_on AS opinionDueOn, report_year AS reportYear,
            proposal_outcome AS proposalOutcome, proposal_text AS proposalText
     FROM dossiers WHERE id = ?`,
  ).get(id) as ReviewDossierRow | undefined;
}

/**
 * The dossier's open deadlines, then its operator's that belong to no dossier (renewal windows,
 * expiry, missing reports…), each by due date: the derived deadlines of `db/queries/deadlines.ts`
 * for this operator, whatever their date.
 */
export function listOpenDeadlines(db: Db, dossierId: number, operatorId: number, today: string, rules: DeadlineRules): DeadlineListRow[] {
  const rows = listDeadlines(db, { today, horizonDays: null, operatorId }, rules);
  return [...rows.filter((row) => row.dossierId === dossierId), ...rows.filter((row) => row.dossierId === null)];
}

export interface OpinionRow {
  id: number;
  dossierId: number;
  reference: string;
  outcome: string;
  conditions: string;
  motivation: string;
  consensus: number;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  givenOn: string;
  sessionId: number;
  sessionNumber: number;
  sessionHeldOn: string;
}

/** Every opinion given on the operator's dossiers (the page keeps this dossier's for its synthesis). */
export function listOperatorOpinions(db: Db, operatorId: number): OpinionRow[] {
  return stmt(
    db,
    'opinions',
    `SELECT op.id, op.dossier_id AS dossierId, d.reference, op.outcome, op.conditions, op.motivation, op.consensus,
            op.votes_for AS votesFor, op.votes_against AS votesAgainst, op.votes_abstain AS votesAbstain, op.given_on AS givenOn,
            s.id AS sessionId, s.number AS sessionNumber, s.held_on AS sessionHeldOn
     FROM dossiers d
     JOIN opinions op ON op.dossier_id = d.id
     JOIN agenda_items ai ON ai.id = op.agenda_item_id
     JOIN sessions s ON s.id = ai.session_id
     WHERE d.operator_id = ?
     ORDER BY op.given_on, op.id`,
  ).all(operatorId) as OpinionRow[];
}

export interface AmendmentRow {
  id: number;
  opinionId: number;
  dossierId: number;
  reference: string;
  amendedOn: string;
  reason: string;
  outcome: string;
  conditions: string;
  motivation: string;
}

export function listOperatorAmendments(db: Db, operatorId: number): AmendmentRow[] {
  return stmt(
    db,
    'amendments',
    `SELECT am.id, am.opinion_id AS opinionId, d.id AS dossierId, d.reference, am.amended_on AS amendedOn, am.reason,
            am.outcome, am.conditions, am.motivation
     FROM dossiers d
     JOIN opinions op ON op.dossier_id = d.id
     JOIN opinion_amendments am ON am.opinion_id = op.id
     WHERE d.operator_id = ?
     ORDER BY am.amended_on, am.id`,
  ).all(operatorId) as AmendmentRow[];
}

export interface DecisionRow {
  id: number;
  dossierId: number;
  reference: string;
  kind: string;
  term: string | null;
  decidedOn: string;
  notifiedOn: string | null;
  decisionReference: string;
  note: string;
}

export function listOperatorDecisions(db: Db, operatorId: number): DecisionRow[] {
  return stmt(
    db,
    'decisions',
    `SELECT de.id, d.id AS dossierId, d.reference, de.kind, de.term, de.decided_on AS decidedOn, de.notified_on AS notifiedOn,
            de.reference AS decisionReference, de.note
     FROM dossiers d
     JOIN decisions de ON de.dossier_id = d.id
     WHERE d.operator_id = ?
     ORDER BY de.decided_on, de.id`,
  ).all(operatorId) as DecisionRow[];
}

export interface OperatorDossierRow {
  id: number;
  reference: string;
  scheme: string;
  kind: string;
  status: string;
  subject: string;
  receivedOn: string;
}

export function listOperatorDossiers(db: Db, operatorId: number): OperatorDossierRow[] {
  return stmt(
    db,
    'operator-dossiers',
    `SELECT id, reference, scheme, kind, status, subject, received_on AS receivedOn
     FROM dossiers WHERE operator_id = ? ORDER BY received_on, id`,
  ).all(operatorId) as OperatorDossierRow[];
}

export interface AgrementPeriodRow {
  agrementId: number;
  scheme: string;
  number: string;
  status: string;
  firstGrantedOn: string | null;
  periodId: number | null;
  startOn: string | null;
  endOn: string | null;
  term: string | null;
}

/** The operator's agréments, one row per period (an agrément without period gives one row of nulls). */
export function listOperatorAgrements(db: Db, operatorId: number): AgrementPeriodRow[] {
  return stmt(
    db,
    'agrements',
    `SELECT a.id AS agrementId, a.scheme, a.number, a.status, a.first_granted_on AS firstGrantedOn,
            p.id AS periodId, p.start_on AS startOn, p.end_on AS endOn, p.term
     FROM agrements a
     LEFT JOIN agrement_periods p ON p.agrement_id = a.id
     WHERE a.operator_id = ?
     ORDER BY a.id, p.start_on`,
  ).all(operatorId) as AgrementPeriodRow[];
}

export interface InspectionRow {
  id: number;
  inspectedOn: string;
  inspector: string;
  scope: string;
  conclusion: string;
  dossierId: number | null;
  dossierReference: string | null;
}

export interface FindingRow {
  id: number;
  inspectionId: number;
  severity: string;
  description: string;
  followUpDueOn: string | null;
  resolvedOn: string | null;
  updatedAt: string | null;
}

export function listOperatorInspections(db: Db, operatorId: number): InspectionRow[] {
  return stmt(
    db,
    'inspections',
    `SELECT i.id, i.inspected_on AS inspectedOn, i.inspector, i.scope, i.conclusion, i.dossier_id AS dossierId,
            d.reference AS dossierReference
     FROM inspections i LEFT JOIN dossiers d ON d.id = i.dossier_id
     WHERE i.operator_id = ?
     ORDER BY i.inspected_on DESC, i.id DESC`,
  ).all(operatorId) as InspectionRow[];
}

/** The findings of all the operator's inspections, in one query. */
export function listOperatorFindings(db: Db, operatorId: number): FindingRow[] {
  return stmt(
    db,
    'findings',
    `SELECT f.id, f.inspection_id AS inspectionId, f.severity, f.description, f.follow_up_due_on AS followUpDueOn,
            f.resolved_on AS resolvedOn, f.updated_at AS updatedAt
     FROM inspections i JOIN findings f ON f.inspection_id = i.id
     WHERE i.operator_id = ?
     ORDER BY f.inspection_id, CASE f.severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 WHEN 'minor' THEN 2 ELSE 3 END, f.id`,
  ).all(operatorId) as FindingRow[];
}

export interface EventRow {
  id: number;
  occurredOn: string;
  kind: string;
  title: string;
  detail: string;
}

export function listDossierEvents(db: Db, dossierId: number): EventRow[] {
  return stmt(
    db,
    'events',
    `SELECT id, occurred_on AS occurredOn, kind, title, detail FROM dossier_events WHERE dossier_id = ? ORDER BY occurred_on, id`,
  ).all(dossierId) as EventRow[];
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: number | null;
  changes: string;
}

/**
 * Audit entries about the dossier and what hangs from it: its activity report (figures), its
 * inspections and their findings, its notes and its documents. Each branch reaches the log
 * through its (entity, entity_id) index.
 */
/** Notes of dossier @id the user may see: shared ones and their own private ones (@memberId, NULL = secretariat). */
const VISIBLE_NOTES_OF_DOSSIER = `SELECT id FROM notes WHERE dossier_id = @id AND (visibility = 'shared' OR author_member_id IS @memberId)`;

export const DOSSIER_AUDIT_SQL = `
  SELECT id, at, actor, action, entity, entity_id AS entityId, changes FROM audit_log
  WHERE entity = 'dossier' AND entity_id = @id
  UNION ALL
  SELECT id, at, actor, action, entity, entity_id, changes FROM audit_log
  WHERE entity IN ('activity_report', 'figures') AND entity_id IN (SELECT id FROM activity_reports WHERE dossier_id = @id)
  UNION ALL
  SELECT id, at, actor, action, entity, entity_id, changes FROM audit_log
  WHERE entity = 'inspection' AND entity_id IN (SELECT id FROM inspections WHERE dossier_id = @id)
  UNION ALL
  SELECT id, at, actor, action, entity, entity_id, changes FROM audit_log
  WHERE entity = 'finding' AND entity_id IN (SELECT f.id FROM inspections i JOIN findings f ON f.inspection_id = i.id WHERE i.dossier_id = @id)
  UNION ALL
  SELECT id, at, actor, action, entity, entity_id, changes FROM audit_log
  WHERE entity = 'note' AND entity_id IN (${VISIBLE_NOTES_OF_DOSSIER})
  UNION ALL
  SELECT id, at, actor, action, entity, entity_id, changes FROM audit_log
  WHERE entity = 'document' AND entity_id IN (SELECT id FROM documents WHERE dossier_id = @id)
  ORDER BY id DESC
  LIMIT 500`;

/** `memberId`: the workspace's user (null = the secretariat); other members' private notes stay hidden. */
export function listDossierAudit(db: Db, dossierId: number, memberId: number | null): AuditRow[] {
  return stmt(db, 'audit', DOSSIER_AUDIT_SQL).all({ id: dossierId, memberId }) as AuditRow[];
}

export interface ReportRow {
  id: number;
  year: number;
  dossierId: number | null;
  dueOn: string;
  receivedOn: string | null;
  updatedAt: string | null;
  headcount: number | null;
  fteTotal: number | null;
  targetFteTd: number | null;
  targetFteTgd: number | null;
  targetFteSine: number | null;
  targetFteArt60: number | null;
  targetFteArt61: number | null;
  targetHeadcount: number | null;
  targetHires: number | null;
  cdiWithin6Months: number | null;
  partTimeBelowHalf: number | null;
  lowestFtePayCents: number | null;
  highestFtePayCents: number | null;
  accompanimentFte: number | null;
  trainingPlan: number | null;
  trainingHours: number | null;
  yearlyEvaluations: number | null;
  workerParticipation: number | null;
  wageCostCents: number | null;
  subsidyTdCents: number | null;
  subsidyTgdCents: number | null;
  otherSubsidiesCents: number | null;
  turnoverCents: number | null;
  operatingResultCents: number | null;
  acProjectsSupported: number | null;
  acEnterprisesCreated: number | null;
  acJobsCreatedFte: number | null;
}

export const REPORTS_SQL = `
  SELECT id, year, dossier_id AS dossierId, due_on AS dueOn, received_on AS receivedOn, updated_at AS updatedAt,
         headcount, fte_total AS fteTotal, target_fte_td AS targetFteTd, target_fte_tgd AS targetFteTgd,
         target_fte_sine AS targetFteSine, target_fte_art60 AS targetFteArt60, target_fte_art61 AS targetFteArt61,
         target_headcount AS targetHeadcount, target_hires AS targetHires, cdi_within_6_months AS cdiWithin6Months,
         part_time_below_half AS partTimeBelowHalf, lowest_fte_pay_cents AS lowestFtePayCents,
         highest_fte_pay_cents AS highestFtePayCents, accompaniment_fte AS accompanimentFte, training_plan AS trainingPlan,
         training_hours AS trainingHours, yearly_evaluations AS yearlyEvaluations, worker_participation AS workerParticipation,
         wage_cost_cents AS wageCostCents, subsidy_td_cents AS subsidyTdCents, subsidy_tgd_cents AS subsidyTgdCents,
         other_subsidies_cents AS otherSubsidiesCents, turnover_cents AS turnoverCents, operating_result_cents AS operatingResultCents,
         ac_projects_supported AS acProjectsSupported, ac_enterprises_created AS acEnterprisesCreated, ac_jobs_created_fte AS acJobsCreatedFte
  FROM activity_reports
  WHERE operator_id = @operatorId AND scheme = @scheme
  ORDER BY year`;

/** Every yearly report of an operator for one scheme, oldest first. */
export function listOperatorReports(db: Db, operatorId: number, scheme: string): ReportRow[] {
  return stmt(db, 'reports', REPORTS_SQL).all({ operatorId, scheme }) as ReportRow[];
}

export interface ChangeRows {
  documents: { id: number; title: string; addedAt: string }[];
  notes: { id: number; visibility: 'private' | 'shared'; body: string; createdAt: string; updatedAt: string }[];
  events: { id: number; occurredOn: string; title: string }[];
}

/**
 * What changed on the dossier after `since` (an ISO timestamp): documents added, notes added or
 * edited, dated events after the visit's day. (Figures and findings carry their own updated_at,
 * read with the rest of the page.)
 */
export function listChangesSince(db: Db, dossierId: number, since: string, memberId: number | null): ChangeRows {
  const params = { dossierId, since, sinceDay: since.slice(0, 10), memberId };
  return {
    documents: stmt(
      db,
      'changes-documents',
      `SELECT id, title, added_at AS addedAt FROM documents WHERE dossier_id = @dossierId AND added_at > @since ORDER BY added_at DESC`,
    ).all(params) as ChangeRows['documents'],
    notes: stmt(
      db,
      'changes-notes',
      `SELECT id, visibility, body, created_at AS createdAt, updated_at AS updatedAt FROM notes
       WHERE dossier_id = @dossierId AND (created_at > @since OR updated_at > @since)
         AND (visibility = 'shared' OR author_member_id IS @memberId)
       ORDER BY updated_at DESC`,
    ).all(params) as ChangeRows['notes'],
    events: stmt(
      db,
      'changes-events',
      `SELECT id, occurred_on AS occurredOn, title FROM dossier_events
       WHERE dossier_id = @dossierId AND occurred_on > @sinceDay ORDER BY occurred_on DESC, id DESC`,
    ).all(params) as ChangeRows['events'],
  };
}

export function getVisit(db: Db, dossierId: number): string | null {
  const row = stmt(db, 'visit', 'SELECT visited_at AS visitedAt FROM dossier_visits WHERE dossier_id = ?').get(dossierId) as
    | { visitedAt: string }
    | undefined;
  return row?.visitedAt ?? null;
}

/** Records a visit; a visit never moves back in time. Returns the stored time. */
export function recordVisit(db: Db, dossierId: number, at: string): string {
  stmt(
    db,
    'record-visit',
    `INSERT INTO dossier_visits (dossier_id, visited_at) VALUES (?, ?)
     ON CONFLICT (dossier_id) DO UPDATE SET visited_at = max(visited_at, excluded.visited_at)`,
  ).run(dossierId, at);
  return getVisit(db, dossierId) ?? at;
}
