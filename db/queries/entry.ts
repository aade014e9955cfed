/**
 * Writes of the secretariat's data entry: agréments and periods, dossiers, activity-report
 * figures, inspections and findings. Each update is conditional on the version it was based on
 * (`… WHERE id = ? AND version = ?`) and returns false when the row changed meanwhile; the
 * handler runs these inside one transaction with the audit entry.
 */
import type { Statement } from 'better-sqlite3';
import { REPORT_FIELDS } from '../../shared/contract';
import type { Db } from '../open';

const statements = new WeakMap<Db, Map<string, Statement>>();

function cached(db: Db, key: string, sql: () => string): Statement {
  let byKey = statements.get(db);
  if (!byKey) statements.set(db, (byKey = new Map()));
  let statement = byKey.get(key);
  if (!statement) byKey.set(key, (statement = db.prepare(sql())));
  return statement;
}

/** Field-level differences `{ field: { from, to } }` between two records (only changed fields). */
export function diffFields(before: object, after: object): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after) as [string, unknown][]) {
    if (to === undefined) continue;
    const from = (before as Record<string, unknown>)[key] ?? null;
    if (from !== to) changes[key] = { from, to };
  }
  return changes;
}

// ----- agréments and periods ------------------------------------------------------------------

export interface AgrementWrite {
  scheme: string;
  number: string;
  status: string;
  firstGrantedOn: string | null;
}

export function getAgrement(db: Db, id: number) {
  return cached(
    db,
    'agr-get',
    () => `SELECT id, operator_id AS operatorId, scheme, number, status, first_granted_on AS firstGrantedOn, version FROM agrements WHERE id = ?`,
  ).get(id) as (AgrementWrite & { id: number; operatorId: number; version: number }) | undefined;
}

export function findAgrementByNumber(db: Db, scheme: string, number: string) {
  return cached(
    db,
    'agr-by-number',
    () => `SELECT a.id, o.name AS operatorName FROM agrements a JOIN operators o ON o.id = a.operator_id WHERE a.scheme = ? AND a.number = ?`,
  ).get(scheme, number) as { id: number; operatorName: string } | undefined;
}

export function insertAgrement(db: Db, operatorId: number, a: AgrementWrite): number {
  return Number(
    cached(
      db,
      'agr-insert',
      () => `INSERT INTO agrements (operator_id, scheme, number, status, first_granted_on) VALUES (@operatorId, @scheme, @number, @status, @firstGrantedOn)`,
    ).run({ operatorId, ...a }).lastInsertRowid,
  );
}

export function updateAgrement(db: Db, id: number, version: number, a: AgrementWrite): boolean {
  return (
    cached(
      db,
      'agr-update',
      () => `UPDATE agrements SET scheme = @scheme, number = @number, status = @status, first_granted_on = @firstGrantedOn, version = version + 1
       WHERE id = @id AND version = @version`,
    ).run({ id, version, ...a }).changes === 1
  );
}

export interface PeriodWrite {
  startOn: string;
  endOn: string | null;
  term: string;
}

export function getPeriod(db: Db, id: number) {
  return cached(
    db,
    'period-get',
    () => `SELECT id, agrement_id AS agrementId, start_on AS startOn, end_on AS endOn, term, version FROM agrement_periods WHERE id = ?`,
  ).get(id) as (PeriodWrite & { id: number; agrementId: number; version: number }) | undefined;
}

export function insertPeriod(db: Db, agrementId: number, p: PeriodWrite): number {
  return Number(
    cached(
      db,
      'period-insert',
      () => `INSERT INTO agrement_periods (agrement_id, start_on, end_on, term) VALUES (@agrementId, @startOn, @endOn, @term)`,
    ).run({ agrementId, ...p }).lastInsertRowid,
  );
}

export function updatePeriod(db: Db, id: number, version: number, p: PeriodWrite): boolean {
  return (
    cached(
      db,
      'period-update',
      () => `UPDATE agrement_periods SET start_on = @startOn, end_on = @endOn, term = @term, version = version + 1 WHERE id = @id AND version = @version`,
    ).run({ id, version, ...p }).changes === 1
  );
}

// ----- dossiers ---------------------------------------------------------------------------------

export interface DossierWrite {
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

export function getDossierForEdit(db: Db, id: number) {
  return cached(
    db,
    'dossier-edit',
    () => `SELECT d.id, d.reference, d.operator_id AS operatorId, o.name AS operatorName, d.agrement_id AS agrementId, d.scheme, d.kind,
              d.status, d.subject, d.received_on AS receivedOn, d.complete_on AS completeOn, d.opinion_due_on AS opinionDueOn,
              d.report_year AS reportYear, d.proposal_outcome AS proposalOutcome, d.proposal_text AS proposalText, d.version
       FROM dossiers d JOIN operators o ON o.id = d.operator_id WHERE d.id = ?`,
  ).get(id) as (DossierWrite & { id: number; reference: string; operatorId: number; operatorName: string; version: number }) | undefined;
}

/** The next free reference `SCHEME-YEAR-NNNN` (as the demo and the administration number them). */
export function nextDossierReference(db: Db, scheme: string, year: number): string {
  const prefix = `${scheme}-${year}-`;
  // Numbers compared as numbers: after …-9999 comes …-10000, which sorts lower as text.
  const last = cached(
    db,
    'dossier-last-ref',
    () => `SELECT max(CAST(substr(reference, length(@prefix) + 1) AS INTEGER)) AS n
           FROM dossiers WHERE reference >= @prefix AND reference < @end`,
  ).get({ prefix, end: `${prefix}\uffff` }) as { n: number | null };
  return `${prefix}${String((last.n ?? 0) + 1).padStart(4, '0')}`;
}

export function insertDossier(db: Db, operatorId: number, reference: string, d: DossierWrite, now: string): number {
  return Number(
    cached(
      db,
      'dossier-insert',
      () => `INSERT INTO dossiers (reference, operator_id, agrement_id, scheme, kind, status, subject, received_on, complete_on, opinion_due_on,
         report_year, proposal_outcome, proposal_text, created_at, updated_at)
       VALUES (@reference, @operatorId, @agrementId, @scheme, @kind, @status, @subject, @receivedOn, @completeOn, @opinionDueOn,
         @reportYear, @proposalOutcome, @proposalText, @now, @now)`,
    ).run({ reference, operatorId, ...d, now }).lastInsertRowid,
  );
}

export function updateDossier(db: Db, id: number, version: number, d: DossierWrite, now: string): boolean {
  return (
    cached(
      db,
      'dossier-update',
      () => `UPDATE dossiers SET agrement_id = @agrementId, scheme = @scheme, kind = @kind, status = @status, subject = @subject,
         received_on = @receivedOn, complete_on = @completeOn, opinion_due_on = @opinionDueOn, report_year = @reportYear,
         proposal_outcome = @proposalOutcome, proposal_text = @proposalText, updated_at = @now, version = version + 1
       WHERE id = @id AND version = @version`,
    ).run({ id, version, ...d, now }).changes === 1
  );
}

// ----- activity reports -------------------------------------------------------------------------

const COLUMN_OF: ReadonlyMap<string, string> = new Map(REPORT_FIELDS.map((f) => [f.key, f.column]));

export function findReport(db: Db, operatorId: number, scheme: string, year: number) {
  return cached(
    db,
    'report-find',
    () => `SELECT id, dossier_id AS dossierId FROM activity_reports WHERE operator_id = ? AND scheme = ? AND year = ?`,
  ).get(operatorId, scheme, year) as { id: number; dossierId: number | null } | undefined;
}

export function insertReport(
  db: Db,
  r: { operatorId: number; dossierId: number; scheme: string; year: number; dueOn: string; receivedOn: string | null },
  now: string,
): number {
  return Number(
    cached(
      db,
      'report-insert',
      () => `INSERT INTO activity_reports (operator_id, dossier_id, scheme, year, due_on, received_on, updated_at)
       VALUES (@operatorId, @dossierId, @scheme, @year, @dueOn, @receivedOn, @now)`,
    ).run({ ...r, now }).lastInsertRowid,
  );
}

export function attachReport(db: Db, reportId: number, dossierId: number): void {
  cached(db, 'report-attach', () => `UPDATE activity_reports SET dossier_id = ?, version = version + 1 WHERE id = ?`).run(dossierId, reportId);
}

/**
 * Writes the given figures (keys of REPORT_FIELDS; others ignored) when the report is still at
 * `version`. The SET list is made of the fixed column names of REPORT_FIELDS, never of input text.
 */
export function updateReportFigures(
  db: Db,
  id: number,
  version: number,
  figures: Record<string, number | null>,
  receivedOn: string | null | undefined,
  now: string,
): boolean {
  const keys = Object.keys(figures).filter((key) => COLUMN_OF.has(key)).sort();
  const sets = keys.map((key) => `${COLUMN_OF.get(key)} = @f_${key}`);
  if (receivedOn !== undefined) sets.push('received_on = @receivedOn');
  const params: Record<string, unknown> = { id, version, now, receivedOn: receivedOn ?? null };
  for (const key of keys) params[`f_${key}`] = figures[key];
  const sql = `UPDATE activity_reports SET ${[...sets, 'updated_at = @now', 'version = version + 1'].join(', ')} WHERE id = @id AND version = @version`;
  return cached(db, `report-update:${keys.join(',')}:${receivedOn !== undefined}`, () => sql).run(params).changes === 1;
}

// ----- inspections and findings -----------------------------------------------------------------

export interface InspectionWrite {
  inspectedOn: string;
  inspector: string;
  scope: string;
  conclusion: string;
}

export function getInspectionOfDossier(db: Db, dossierId: number) {
  return cached(
    db,
    'inspection-of-dossier',
    () => `SELECT id, operator_id AS operatorId, inspected_on AS inspectedOn, inspector, scope, conclusion, version
       FROM inspections WHERE dossier_id = ? ORDER BY inspected_on DESC, id DESC LIMIT 1`,
  ).get(dossierId) as (InspectionWrite & { id: number; operatorId: number; version: number }) | undefined;
}

export function insertInspection(db: Db, operatorId: number, dossierId: number, i: InspectionWrite, now: string): number {
  return Number(
    cached(
      db,
      'inspection-insert',
      () => `INSERT INTO inspections (operator_id, dossier_id, inspected_on, inspector, scope, conclusion, updated_at)
       VALUES (@operatorId, @dossierId, @inspectedOn, @inspector, @scope, @conclusion, @now)`,
    ).run({ operatorId, dossierId, ...i, now }).lastInsertRowid,
  );
}

export function updateInspection(db: Db, id: number, version: number, i: InspectionWrite, now: string): boolean {
  return (
    cached(
      db,
      'inspection-update',
      () => `UPDATE inspections SET inspected_on = @inspectedOn, inspector = @inspector, scope = @scope, conclusion = @conclusion,
         updated_at = @now, version = version + 1 WHERE id = @id AND version = @version`,
    ).run({ id, version, ...i, now }).changes === 1
  );
}

export interface FindingWrite {
  severity: string;
  description: string;
  followUpDueOn: string | null;
  resolvedOn: string | null;
}

export function getFindings(db: Db, inspectionId: number) {
  return cached(
    db,
    'findings-of',
    () => `SELECT id, severity, description, follow_up_due_on AS followUpDueOn, resolved_on AS resolvedOn, version
       FROM findings WHERE inspection_id = ? ORDER BY id`,
  ).all(inspectionId) as (FindingWrite & { id: number; version: number })[];
}

export function getFinding(db: Db, id: number) {
  return cached(
    db,
    'finding-get',
    () => `SELECT id, inspection_id AS inspectionId, severity, description, follow_up_due_on AS followUpDueOn, resolved_on AS resolvedOn, version
       FROM findings WHERE id = ?`,
  ).get(id) as (FindingWrite & { id: number; inspectionId: number; version: number }) | undefined;
}

export function insertFinding(db: Db, inspectionId: number, f: FindingWrite, now: string): number {
  return Number(
    cached(
      db,
      'finding-insert',
      () => `INSERT INTO findings (inspection_id, severity, description, follow_up_due_on, resolved_on, updated_at)
       VALUES (@inspectionId, @severity, @description, @followUpDueOn, @resolvedOn, @now)`,
    ).run({ inspectionId, ...f, now }).lastInsertRowid,
  );
}

export function updateFinding(db: Db, id: number, version: number, f: FindingWrite, now: string): boolean {
  return (
    cached(
      db,
      'finding-update',
      () => `UPDATE findings SET severity = @severity, description = @description, follow_up_due_on = @followUpDueOn,
         resolved_on = @resolvedOn, updated_at = @now, version = version + 1 WHERE id = @id AND version = @version`,
    ).run({ id, version, ...f, now }).changes === 1
  );
}
