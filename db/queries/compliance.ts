/**
 * The compliance checks' side of the database (issue 4): the facts the rules read, loaded in bulk
 * (a fixed handful of queries per batch of operators, whatever their number of dossiers), and the
 * results stored for the Dossiers table (`dossier_compliance`), with the stamp of the last full
 * refresh in `meta`.
 *
 * Every query takes its ids through `json_each(?)` and reaches its rows through an index:
 * operators by id, agréments by (operator_id, scheme), periods by (agrement_id, start_on),
 * activities by their primary key, dossiers by (operator_id, received_on), reports by
 * (operator_id, scheme, year), opinions and decisions by dossier_id.
 */
import { REPORT_FIELDS } from '../../shared/contract/entry';
import type { AgrementFacts, ComplianceFacts, ComplianceStatus, ComplianceSummary, ReportFacts, RuleId } from '../../shared/compliance/model';
import type { AgrementScheme, DossierKind, DossierStatus, IsoDate, LegalForm, Scheme, Term } from '../../shared/domain';
import type { Db } from '../open';
import { statementCache } from './statements';

const cached = statementCache();

/** Dossier statuses whose judgement is fixed at the commission's opinion (or the decision). */
export const JUDGED_STATUSES: readonly DossierStatus[] = ['opinion_given', 'decided', 'closed'];

/** Operators per batch when every dossier is refreshed: bounds memory, keeps each query's id list short. */
export const OPERATOR_BATCH = 1000;

const IDS = `SELECT value FROM json_each(@ids)`;

/**
 * The date a dossier `d` is judged at once the commission spoke (its status one of
 * JUDGED_STATUSES): its latest opinion, else its latest decision; NULL otherwise (judged « today »).
 * Shared by the facts loader and the stale-results query so that both agree on the date.
 */
const JUDGED_ON = `CASE WHEN d.status IN ('opinion_given', 'decided', 'closed') THEN coalesce(
        (SELECT max(o.given_on) FROM opinions o WHERE o.dossier_id = d.id),
        (SELECT max(x.decided_on) FROM decisions x WHERE x.dossier_id = d.id)) END`;

/** The loader's queries (exported for the query-plan tests). */
export const FACTS_SQL = {
  operators: `SELECT id, bce, legal_form AS legalForm, social_enterprise AS socialEnterprise FROM operators WHERE id IN (${IDS})`,
  agrements: `SELECT id, operator_id AS operatorId, scheme, number, status, first_granted_on AS firstGrantedOn
    FROM agrements WHERE operator_id IN (${IDS}) ORDER BY operator_id, id`,
  periods: `SELECT p.agrement_id AS agrementId, p.start_on AS startOn, p.end_on AS endOn, p.term
    FROM agrements a JOIN agrement_periods p ON p.agrement_id = a.id
    WHERE a.operator_id IN (${IDS}) ORDER BY p.agrement_id, p.start_on, p.id`,
  activities: `SELECT x.agrement_id AS agrementId, x.activity, x.precarious_only AS precariousOnly
    FROM agrements a JOIN agrement_activities x ON x.agrement_id = a.id
    WHERE a.operator_id IN (${IDS}) ORDER BY x.agrement_id, x.since_on, x.activity`,
  // The date a dossier is judged at: its latest opinion (or decision) once the commission spoke.
  dossiers: `SELECT d.id, d.operator_id AS operatorId, d.agrement_id AS agrementId, d.scheme, d.kind, d.status,
      d.received_on AS receivedOn, d.report_year AS reportYear,
      ${JUDGED_ON} AS judgedOn
    FROM dossiers d WHERE d.operator_id IN (${IDS}) ORDER BY d.operator_id, d.received_on, d.id`,
  reports: `SELECT operator_id AS operatorId, scheme, year, due_on AS dueOn, received_on AS receivedOn,
      ${REPORT_FIELDS.map((f) => `${f.column} AS ${f.key}`).join(', ')}
    FROM activity_reports WHERE operator_id IN (${IDS}) ORDER BY operator_id, scheme, year`,
} as const;

/** In a row of FACTS_SQL.reports: operator, scheme, year, due date, reception, then REPORT_FIELDS in order. */
const FIGURES_AT = 5;

interface DossierRow {
  id: number;
  operatorId: number;
  agrementId: number | null;
  scheme: Scheme;
  kind: DossierKind;
  status: DossierStatus;
  receivedOn: IsoDate;
  reportYear: number | null;
  judgedOn: IsoDate | null;
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/**
 * The facts of the dossiers of these operators (all their dossiers, or only those in `only`):
 * six queries whatever the number of operators and dossiers. `today` is the date an open
 * dossier is judged at.
 */
export function loadFactsOfOperators(db: Db, operatorIds: readonly number[], today: IsoDate, only?: ReadonlySet<number>): ComplianceFacts[] {
  if (operatorIds.length === 0) return [];
  const ids = JSON.stringify([...new Set(operatorIds)]);
  const all = <T>(key: keyof typeof FACTS_SQL) => cached(db, `compliance:${key}`, () => FACTS_SQL[key]).all({ ids }) as T[];

  const operators = new Map(
    all<{ id: number; bce: string; legalForm: LegalForm; socialEnterprise: number }>('operators').map((o) => [
      o.id,
      { bce: o.bce, legalForm: o.legalForm, socialEnterprise: o.socialEnterprise === 1 },
    ]),
  );
  const periods = groupBy(all<{ agrementId: number; startOn: IsoDate; endOn: IsoDate | null; term: Term }>('periods'), (p) => p.agrementId);
  const activities = groupBy(all<{ agrementId: number; activity: string; precariousOnly: number | null }>('activities'), (x) => x.agrementId);
  const agrements = groupBy(
    all<{ id: number; operatorId: number; scheme: AgrementScheme; number: string; status: string; firstGrantedOn: IsoDate | null }>('agrements').map(
      (a): AgrementFacts & { operatorId: number } => ({
        id: a.id,
        operatorId: a.operatorId,
        scheme: a.scheme,
        number: a.number,
        status: a.status,
        firstGrantedOn: a.firstGrantedOn,
        periods: (periods.get(a.id) ?? []).map((p) => ({ startOn: p.startOn, endOn: p.endOn, term: p.term })),
        activities: (activities.get(a.id) ?? []).map((x) => ({
          activity: x.activity,
          precariousOnly: x.precariousOnly === null ? null : x.precariousOnly === 1,
        })),
      }),
    ),
    (a) => a.operatorId,
  );
  // Read as arrays (columns in the order of the SELECT): 30-odd figures per row, tens of thousands of rows in a full refresh.
  const reportRows = cached(db, 'compliance:reports', () => FACTS_SQL.reports).raw().all({ ids }) as unknown[][];
  const reports = groupBy(reportRows, (r) => `${r[0] as number}/${r[1] as Scheme}`);
  const reportFacts = new Map<string, ReportFacts[]>();
  const reportsOf = (operatorId: number, scheme: Scheme): ReportFacts[] => {
    const key = `${operatorId}/${scheme}`;
    let list = reportFacts.get(key);
    if (!list) {
      list = (reports.get(key) ?? []).map((r) => {
        const figures: Record<string, number | null> = {};
        REPORT_FIELDS.forEach((field, i) => (figures[field.key] = (r[FIGURES_AT + i] as number | null) ?? null));
        return { year: r[2] as number, dueOn: r[3] as IsoDate, receivedOn: (r[4] as IsoDate | null) ?? null, figures };
      });
      reportFacts.set(key, list);
    }
    return list;
  };
  const dossiers = groupBy(all<DossierRow>('dossiers'), (d) => d.operatorId);

  const facts: ComplianceFacts[] = [];
  for (const [operatorId, ofOperator] of dossiers) {
    const operator = operators.get(operatorId);
    if (!operator) continue;
    const agrementFacts = (agrements.get(operatorId) ?? []).map(({ operatorId: _operatorId, ...a }) => a);
    const renewalRequests = ofOperator
      .filter((d) => d.kind === 'renewal')
      .map((d) => ({ agrementId: d.agrementId, scheme: d.scheme, receivedOn: d.receivedOn }));
    for (const d of ofOperator) {
      if (only && !only.has(d.id)) continue;
      facts.push({
        asOf: JUDGED_STATUSES.includes(d.status) && d.judgedOn ? d.judgedOn : today,
        operator,
        agrements: agrementFacts,
        dossier: { id: d.id, scheme: d.scheme, kind: d.kind, agrementId: d.agrementId, receivedOn: d.receivedOn, reportYear: d.reportYear },
        renewalRequests,
        reports: reportsOf(operatorId, d.scheme),
      });
    }
  }
  return facts;
}

/** The operators of these dossiers (unknown ids are left out). */
export function operatorsOfDossiers(db: Db, dossierIds: readonly number[]): number[] {
  if (dossierIds.length === 0) return [];
  return cached(db, 'compliance:operators-of', () => `SELECT DISTINCT operator_id FROM dossiers WHERE id IN (${IDS})`)
    .pluck()
    .all({ ids: JSON.stringify(dossierIds) }) as number[];
}

/** The facts of these dossiers (unknown ids are left out), loaded with their operators' in bulk. */
export function loadFactsOfDossiers(db: Db, dossierIds: readonly number[], today: IsoDate): ComplianceFacts[] {
  return loadFactsOfOperators(db, operatorsOfDossiers(db, dossierIds), today, new Set(dossierIds));
}

/** Every operator id with at least one dossier, in batches of OPERATOR_BATCH (for a full refresh). */
export function operatorBatches(db: Db, size = OPERATOR_BATCH): number[][] {
  const ids = cached(db, 'compliance:operators-with-dossiers', () => `SELECT DISTINCT operator_id FROM dossiers ORDER BY operator_id`)
    .pluck()
    .all() as number[];
  const batches: number[][] = [];
  for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
  return batches;
}

/**
 * The dossiers whose stored result no longer holds on `today` with this rules version: never
 * evaluated, evaluated with other rules, or stored at another date than the one the dossier is
 * judged at now (its latest opinion, else decision, once the commission spoke; else `today`).
 * Comparing with the date it should have — not with the day of the previous refresh — also
 * catches a result a write stored on a day without refresh (a judged dossier with neither opinion
 * nor decision is judged « today » too). Read once a day: one pass over the dossiers, each result
 * reached by its key, the opinions and decisions of the judged ones by their dossier index.
 */
export const STALE_SQL = `SELECT d.id, d.operator_id AS operatorId FROM dossiers d LEFT JOIN dossier_compliance c ON c.dossier_id = d.id
       WHERE c.dossier_id IS NULL OR c.rules_version <> @rulesVersion OR c.as_of IS NOT coalesce(${JUDGED_ON}, @today)
       ORDER BY d.operator_id`;

export function staleDossiers(db: Db, at: { today: IsoDate; rulesVersion: string }): { id: number; operatorId: number }[] {
  return cached(db, 'compliance:stale', () => STALE_SQL).all(at) as { id: number; operatorId: number }[];
}

// ----- stored results -----------------------------------------------------------------------------

export interface StoredCompliance {
  dossierId: number;
  asOf: IsoDate;
  rulesVersion: string;
  summary: ComplianceSummary;
}

/** Writes (or replaces) the results of these dossiers. Runs inside the caller's transaction. */
export function storeCompliance(db: Db, rows: readonly StoredCompliance[]): void {
  const upsert = cached(
    db,
    'compliance:upsert',
    () => `INSERT INTO dossier_compliance (dossier_id, as_of, rules_version, worst, breaches, warnings, missing, flags)
       VALUES (@dossierId, @asOf, @rulesVersion, @worst, @breaches, @warnings, @missing, @flags)
       ON CONFLICT (dossier_id) DO UPDATE SET as_of = excluded.as_of, rules_version = excluded.rules_version, worst = excluded.worst,
         breaches = excluded.breaches, warnings = excluded.warnings, missing = excluded.missing, flags = excluded.flags`,
  );
  for (const row of rows) {
    upsert.run({
      dossierId: row.dossierId,
      asOf: row.asOf,
      rulesVersion: row.rulesVersion,
      worst: row.summary.worst,
      breaches: row.summary.breaches,
      warnings: row.summary.warnings,
      missing: row.summary.missing,
      flags: JSON.stringify(row.summary.flags),
    });
  }
}

interface SummaryColumns {
  worst: ComplianceStatus;
  breaches: number;
  warnings: number;
  missing: number;
  flags: string;
}

/** A stored row's columns as the contract's ComplianceSummary. */
export function toSummary(row: SummaryColumns): ComplianceSummary {
  return {
    worst: row.worst,
    breaches: row.breaches,
    warnings: row.warnings,
    missing: row.missing,
    flags: JSON.parse(row.flags) as { ruleId: RuleId; status: ComplianceStatus }[],
  };
}

/** The stored result of one dossier, or undefined when it was never evaluated. */
export function getStoredCompliance(db: Db, dossierId: number): StoredCompliance | undefined {
  const row = cached(
    db,
    'compliance:get',
    () => `SELECT dossier_id AS dossierId, as_of AS asOf, rules_version AS rulesVersion, worst, breaches, warnings, missing, flags
       FROM dossier_compliance WHERE dossier_id = ?`,
  ).get(dossierId) as (SummaryColumns & { dossierId: number; asOf: IsoDate; rulesVersion: string }) | undefined;
  return row ? { dossierId: row.dossierId, asOf: row.asOf, rulesVersion: row.rulesVersion, summary: toSummary(row) } : undefined;
}

// ----- the stamp of the last full refresh ---------------------------------------------------------

export interface ComplianceStamp {
  /** The day every stored result was computed for. */
  asOf: string | null;
  rulesVersion: string | null;
}

export function getComplianceStamp(db: Db): ComplianceStamp {
  const rows = cached(
    db,
    'compliance:stamp',
    () => `SELECT key, value FROM meta WHERE key IN ('compliance_as_of', 'compliance_rules_version')`,
  ).all() as { key: string; value: string }[];
  const value = (key: string) => rows.find((r) => r.key === key)?.value ?? null;
  return { asOf: value('compliance_as_of'), rulesVersion: value('compliance_rules_version') };
}

export function setComplianceStamp(db: Db, stamp: { asOf: string; rulesVersion: string }): void {
  const set = cached(db, 'compliance:set-stamp', () => 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  set.run('compliance_as_of', stamp.asOf);
  set.run('compliance_rules_version', stamp.rulesVersion);
}
