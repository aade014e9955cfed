/**
 * Deadlines (*échéances*, issue 4), derived from the facts at each read — never stored, never
 * stale. One UNION ALL of a branch per source, each reading only open facts through its index
 * (migration 4):
 *
 * - `report_due`: yearly reports recorded but not received (due on the rule book's report day,
 *   `rules.reportDays`), and reports missing altogether: for each agrément in force and each report
 *   year of `rules.reports` (this year − REPORT_YEARS_BACK … this year) granted by the end of that
 *   year, with no report row for (operator, scheme, year);
 * - `renewal_window_opens` / `renewal_window_closes` / `agrement_expires`: from the current
 *   (latest) period of each agrément in force that has an end date. The windows only for the
 *   schemes of `rules.windows`, and only until a renewal dossier of the agrément is received on or
 *   after the period's first day (and not after today: a date ahead is not a request yet); `opens`
 *   while it is ahead, `closes` until the expiry (overdue once passed);
 *   `agrement_expires` as long as the agrément is in force (overdue once the end date passed);
 * - `appeal_window`: adverse decisions notified, `rules.appealDays` after the notification, while
 *   the window is open;
 * - `opinion_due`: dossiers whose opinion is due and not given yet;
 * - `condition_follow_up`: the follow-ups the secretariat recorded (table `deadlines`) not done,
 *   and inspection findings with a follow-up date not resolved.
 *
 * Thresholds (days, due dates) come from the rule book as bound parameters (`DeadlineRules`);
 * lists (schemes, kinds, rules) go through `json_each`.
 */
import { addDays as shift, daysBetween } from '../../shared/calendar';
import { regimeFor, reportDueOn, type RuleBook } from '../../shared/compliance';
import { SCHEMES } from '../../shared/domain';
import type { Db } from '../open';
import { statementCache } from './statements';
import { VISIBLE_TO_VIEWER_OR_ALL } from './visibility';

/** The thresholds the query needs, taken from the rule book (see `deadlineRulesOf` in the backend). */
export interface DeadlineRules {
  /** Days after notification during which an appeal may be lodged (Conseil d'État: 60). */
  appealDays: number;
  /** The report years to check, with their due date, per scheme (e.g. EI 2025 → 2026-07-15). */
  reports: readonly { scheme: string; year: number; dueOn: string }[];
  /**
   * The report day of each regime, in the file's order (the first one in force on 31/12 of the
   * report year applies, as `reportDueOn`): recorded reports are due then, not on their stored date.
   */
  reportDays: readonly { scheme: string; from: string; to: string | null; monthDay: string }[];
  /** Renewal windows, in days before expiry, of the schemes that have one (IES, EI: 240 / 180). */
  windows: readonly { scheme: string; openDaysBeforeExpiry: number; closeDaysBeforeExpiry: number }[];
}

/**
 * How many report years back are checked for a missing report (this year − 2 … this year; the
 * agrément's first year bounds it too, through `first_granted_on`). A report missing longer than
 * that leaves the Échéances screen. Six years was measured at 100 × the demo (bench,
 * deadlinesFirstPage): 47 → 84 ms and twice the rows, over the ~20 ms budget; kept at two until
 * the missing-reports branch is made cheaper.
 */
export const REPORT_YEARS_BACK = 2;

/**
 * The thresholds of the rule book as the query takes them: the due date of each scheme's report
 * for the years checked (regime in force on 31/12 of the year), the renewal windows of the
 * regimes in force today that have one, the appeal delay.
 */
export function deadlineRulesOf(book: RuleBook, today: string): DeadlineRules {
  const year = Number(today.slice(0, 4));
  const reports: { scheme: string; year: number; dueOn: string }[] = [];
  const windows: { scheme: string; openDaysBeforeExpiry: number; closeDaysBeforeExpiry: number }[] = [];
  for (const scheme of SCHEMES) {
    for (let y = year - REPORT_YEARS_BACK; y <= year; y += 1) {
      const dueOn = reportDueOn(book, scheme, y);
      if (dueOn !== null) reports.push({ scheme, year: y, dueOn });
    }
    const window = regimeFor(book, scheme, today)?.renewalWindow;
    if (window) windows.push({ scheme, openDaysBeforeExpiry: window.openDaysBeforeExpiry, closeDaysBeforeExpiry: window.closeDaysBeforeExpiry });
  }
  const reportDays = book.regimes.map((r) => ({ scheme: r.scheme, from: r.from, to: r.to, monthDay: r.report.dueMonthDay }));
  return { appealDays: book.appeal.days, reports, reportDays, windows };
}

export type DeadlineStateFilter = 'all' | 'overdue' | 'upcoming';

export interface DeadlineQuery {
  /** ISO date: what is before it is overdue. */
  today: string;
  schemes?: readonly string[] | undefined;
  kinds?: readonly string[] | undefined;
  state?: DeadlineStateFilter;
  /** Upcoming deadlines up to this many days ahead (overdue ones always); null: no limit. */
  horizonDays: number | null;
  /** Only this operator's deadlines (the dossier page). */
  operatorId?: number | null;
  /** A member's workspace: the deadlines of operators the member declared a conflict with are left out. */
  viewer?: number | null;
}

export interface DeadlineListRow {
  key: string;
  kind: string;
  dueOn: string;
  daysLeft: number;
  overdue: boolean;
  operatorId: number;
  operatorName: string;
  scheme: string | null;
  agrementNumber: string | null;
  dossierId: number | null;
  dossierReference: string | null;
  reportYear: number | null;
  detail: string;
}

const FIRST_DAY = '0001-01-01';
const LAST_DAY = '9999-12-31';

/*
 * The branches. Each selects: key, kind, kindRank (the kind's catalogue order, to sort), dueOn,
 * operatorId, scheme, agrementId, dossierId, reportYear, detail. `@dueFrom`..`@dueTo` bound the due
 * date (state and horizon); `@kinds` / `@schemes` are JSON arrays or NULL (no filter). The
 * `-- operator:x` markers become `AND x.operator_id = @operatorId` in the per-operator variant.
 */
const KIND = (kind: string) => `(@kinds IS NULL OR '${kind}' IN (SELECT value FROM json_each(@kinds)))`;
const SCHEME = (column: string) => `(@schemes IS NULL OR ${column} IN (SELECT value FROM json_each(@schemes)))`;

/*
 * A recorded report is due on the report day of the rule book (as the missing ones and the rules
 * engine), not on the date stored when it was recorded; the stored date only when the file has no
 * regime for that year. Read from the partial index of the reports not received.
 */
const REPORTS_RECORDED = `
  SELECT 'report:' || r.operator_id || ':' || r.scheme || ':' || r.year AS key, 'report_due' AS kind, 0 AS kindRank,
         coalesce((SELECT printf('%04d-', r.year + 1) || json_extract(rd.value, '$.monthDay') FROM json_each(@reportDays) rd
                   WHERE json_extract(rd.value, '$.scheme') = r.scheme AND json_extract(rd.value, '$.from') <= printf('%04d-12-31', r.year)
                     AND coalesce(json_extract(rd.value, '$.to'), '9999-12-31') >= printf('%04d-12-31', r.year)
                   ORDER BY rd.key LIMIT 1), r.due_on) AS dueOn,
         r.operator_id AS operatorId, r.scheme AS scheme,
         (SELECT ag.id FROM agrements ag WHERE ag.operator_id = r.operator_id AND ag.scheme = r.scheme
          ORDER BY ag.status IN ('active', 'suspended') DESC, ag.id DESC LIMIT 1) AS agrementId,
         r.dossier_id AS dossierId, r.year AS reportYear, '' AS detail
  FROM activity_reports r
  WHERE r.received_on IS NULL AND dueOn BETWEEN @dueFrom AND @dueTo
    AND ${KIND('report_due')} AND ${SCHEME('r.scheme')} -- operator:r`;

const REPORTS_MISSING = `
  SELECT 'report:' || a.operator_id || ':' || a.scheme || ':' || y.year, 'report_due', 0, y.dueOn,
         a.operator_id, a.scheme, max(a.id), NULL, y.year, ''
  FROM (SELECT json_extract(value, '$.scheme') AS scheme, json_extract(value, '$.year') AS year, json_extract(value, '$.dueOn') AS dueOn
        FROM json_each(@reportRules)) y
  JOIN agrements a ON a.scheme = y.scheme AND a.status IN ('active', 'suspended')
  WHERE y.dueOn BETWEEN @dueFrom AND @dueTo
    AND a.first_granted_on <= printf('%04d-12-31', y.year)
    AND NOT EXISTS (SELECT 1 FROM activity_reports r WHERE r.operator_id = a.operator_id AND r.scheme = a.scheme AND r.year = y.year)
    AND ${KIND('report_due')} AND ${SCHEME('a.scheme')} -- operator:a
  GROUP BY a.operator_id, a.scheme, y.year`;

/*
 * The current period of each agrément in force with an end date within reach (its window may
 * open before the horizon), whether a renewal was requested since it started, and the scheme's
 * window (NULL when the scheme has none).
 */
const CURRENT_PERIODS = `
  current_periods AS MATERIALIZED (
    SELECT p.id AS periodId, p.end_on AS endOn, a.id AS agrementId, a.operator_id AS operatorId, a.scheme AS scheme,
           EXISTS (SELECT 1 FROM dossiers d WHERE d.agrement_id = a.id AND +d.kind = 'renewal'
                   AND +d.received_on BETWEEN p.start_on AND @today) AS requested,
           date(p.end_on, '-' || w.openDays || ' days') AS opensOn,
           date(p.end_on, '-' || w.closeDays || ' days') AS closesOn
    FROM agrements a
    JOIN agrement_periods p ON p.id = (SELECT p2.id FROM agrement_periods p2 WHERE p2.agrement_id = a.id ORDER BY p2.start_on DESC LIMIT 1)
    LEFT JOIN (SELECT json_extract(value, '$.scheme') AS scheme, json_extract(value, '$.openDaysBeforeExpiry') AS openDays,
                      json_extract(value, '$.closeDaysBeforeExpiry') AS closeDays
               FROM json_each(@windowRules)) w ON w.scheme = a.scheme
    WHERE a.status IN ('active', 'suspended') AND a.scheme IN ('IES', 'EI', 'IDESS', 'AC')
      AND p.end_on IS NOT NULL AND p.end_on <= @periodEndMax
      AND (@kinds IS NULL OR EXISTS (SELECT 1 FROM json_each(@kinds) k WHERE k.value IN ('renewal_window_opens', 'renewal_window_closes', 'agrement_expires')))
      AND ${SCHEME('a.scheme')} -- operator:a
  )`;

const WINDOW_OPENS = `
  SELECT 'period:' || c.periodId || ':opens', 'renewal_window_opens', 1, c.opensOn, c.operatorId, c.scheme, c.agrementId, NULL, NULL, ''
  FROM current_periods c
  WHERE c.opensOn IS NOT NULL AND NOT c.requested AND c.opensOn >= @today AND c.opensOn BETWEEN @dueFrom AND @dueTo
    AND ${KIND('renewal_window_opens')}`;

const WINDOW_CLOSES = `
  SELECT 'period:' || c.periodId || ':closes', 'renewal_window_closes', 2, c.closesOn, c.operatorId, c.scheme, c.agrementId, NULL, NULL, ''
  FROM current_periods c
  WHERE c.closesOn IS NOT NULL AND NOT c.requested AND c.endOn >= @today AND c.closesOn BETWEEN @dueFrom AND @dueTo
    AND ${KIND('renewal_window_closes')}`;

const EXPIRES = `
  SELECT 'period:' || c.periodId || ':expires', 'agrement_expires', 3, c.endOn, c.operatorId, c.scheme, c.agrementId, NULL, NULL, ''
  FROM current_periods c
  WHERE c.endOn BETWEEN @dueFrom AND @dueTo AND ${KIND('agrement_expires')}`;

const FOLLOW_UPS_RECORDED = `
  SELECT 'stored:' || dl.id, 'condition_follow_up', 4, dl.due_on, dl.operator_id, d.scheme, d.agrement_id, dl.dossier_id, NULL, dl.description
  FROM deadlines dl LEFT JOIN dossiers d ON d.id = dl.dossier_id
  WHERE dl.done_on IS NULL AND dl.kind = 'condition_follow_up' AND dl.due_on BETWEEN @dueFrom AND @dueTo
    AND ${KIND('condition_follow_up')} AND ${SCHEME('d.scheme')} -- operator:dl`;

const FOLLOW_UPS_FINDINGS = `
  SELECT 'finding:' || f.id, 'condition_follow_up', 4, f.follow_up_due_on, i.operator_id, d.scheme, d.agrement_id, i.dossier_id, NULL, f.description
  FROM findings f JOIN inspections i ON i.id = f.inspection_id LEFT JOIN dossiers d ON d.id = i.dossier_id
  WHERE f.resolved_on IS NULL AND f.follow_up_due_on IS NOT NULL AND f.follow_up_due_on BETWEEN @dueFrom AND @dueTo
    AND ${KIND('condition_follow_up')} AND ${SCHEME('d.scheme')} -- operator:i`;

const APPEALS = `
  SELECT 'appeal:' || de.id, 'appeal_window', 5, date(de.notified_on, '+' || @appealDays || ' days'), d.operator_id, d.scheme, d.agrement_id, d.id, NULL, ''
  FROM decisions de JOIN dossiers d ON d.id = de.dossier_id
  WHERE de.notified_on IS NOT NULL AND de.notified_on BETWEEN @notifiedFrom AND @notifiedTo
    -- The adverse decisions, against which an appeal lies.
    AND de.kind IN ('refuse', 'derogation_refused', 'suspension_total', 'suspension_partial', 'withdrawal')
    AND ${KIND('appeal_window')} AND ${SCHEME('d.scheme')} -- operator:d`;

const OPINIONS = `
  SELECT 'opinion:' || d.id, 'opinion_due', 6, d.opinion_due_on, d.operator_id, d.scheme, d.agrement_id, d.id, NULL, ''
  FROM dossiers d
  WHERE d.opinion_due_on IS NOT NULL AND d.status NOT IN ('opinion_given', 'decided', 'closed') AND d.opinion_due_on BETWEEN @dueFrom AND @dueTo
    AND ${KIND('opinion_due')} AND ${SCHEME('d.scheme')} -- operator:d`;

const UNION = [REPORTS_RECORDED, REPORTS_MISSING, WINDOW_OPENS, WINDOW_CLOSES, EXPIRES, FOLLOW_UPS_RECORDED, FOLLOW_UPS_FINDINGS, APPEALS, OPINIONS].join(
  '\n  UNION ALL',
);

/**
 * The SQL of the list, for all operators or one: one page in order, each row carrying the count
 * of the whole list and of its overdue deadlines (window functions over the same pass).
 */
export function deadlinesSql(byOperator: boolean): string {
  const operatorClause = (_: string, alias: string) => (byOperator ? `AND ${alias}.operator_id = @operatorId` : '');
  const body = `WITH ${CURRENT_PERIODS}
SELECT * FROM (${UNION}
)`.replace(/-- operator:(\w+)/g, operatorClause);
  return `SELECT x.key, x.kind, x.dueOn, x.operatorId, o.name AS operatorName, x.scheme, ag.number AS agrementNumber,
       x.dossierId, dd.reference AS dossierReference, x.reportYear, x.detail,
       count(*) OVER () AS total, sum(x.dueOn < @today) OVER () AS overdueTotal
FROM (${body}) x
CROSS JOIN operators o ON o.id = x.operatorId -- CROSS: the list first, each operator by its key (never a scan of the operators)
LEFT JOIN agrements ag ON ag.id = x.agrementId
LEFT JOIN dossiers dd ON dd.id = x.dossierId
WHERE ${VISIBLE_TO_VIEWER_OR_ALL('x.operatorId')} -- a member's conflicts of interest (db/queries/visibility.ts)
ORDER BY x.dueOn, x.kindRank, o.name COLLATE NOCASE, x.key
LIMIT @limit OFFSET @offset`;
}

const SQL = { all: deadlinesSql(false), byOperator: deadlinesSql(true) };
const cached = statementCache();

/** The bound parameters of a query (exported for the query-plan tests). */
export function deadlineParameters(query: DeadlineQuery, rules: DeadlineRules, page: { offset?: number; limit?: number | null } = {}) {
  const { today } = query;
  const horizonEnd = query.horizonDays === null ? LAST_DAY : shift(today, query.horizonDays);
  const state = query.state ?? 'all';
  const dueFrom = state === 'upcoming' ? today : FIRST_DAY;
  const dueTo = state === 'overdue' ? (shift(today, -1) < horizonEnd ? shift(today, -1) : horizonEnd) : horizonEnd;
  // Appeal windows are listed while open: due (= notified + days) between max(today, dueFrom) and dueTo.
  const appealFrom = dueFrom > today ? dueFrom : today;
  const maxOpen = Math.max(0, ...rules.windows.map((w) => w.openDaysBeforeExpiry));
  return {
    today,
    dueFrom,
    dueTo,
    notifiedFrom: shift(appealFrom, -rules.appealDays),
    notifiedTo: dueTo === LAST_DAY ? LAST_DAY : shift(dueTo, -rules.appealDays),
    periodEndMax: dueTo === LAST_DAY ? LAST_DAY : shift(dueTo, maxOpen),
    appealDays: rules.appealDays,
    kinds: query.kinds && query.kinds.length > 0 ? JSON.stringify(query.kinds) : null,
    schemes: query.schemes && query.schemes.length > 0 ? JSON.stringify(query.schemes) : null,
    reportRules: JSON.stringify(rules.reports),
    reportDays: JSON.stringify(rules.reportDays),
    windowRules: JSON.stringify(rules.windows),
    operatorId: query.operatorId ?? null,
    viewer: query.viewer ?? null,
    limit: page.limit ?? -1,
    offset: page.offset ?? 0,
  };
}

type RawRow = Omit<DeadlineListRow, 'daysLeft' | 'overdue'> & { total: number; overdueTotal: number };

export interface DeadlinePage {
  rows: DeadlineListRow[];
  /** The whole list's count and overdue count; null on a page past the end (no row to carry them). */
  total: number | null;
  overdue: number | null;
}

/**
 * One page of deadlines, by due date, then kind, then operator name, with the list's counts.
 * `limit` null: every row (the CSV, the dossier page).
 */
export function pageOfDeadlines(db: Db, query: DeadlineQuery, rules: DeadlineRules, page: { offset?: number; limit?: number | null } = {}): DeadlinePage {
  const params = deadlineParameters(query, rules, page);
  const byOperator = params.operatorId !== null;
  const raw = cached(db, byOperator ? 'by-operator' : 'all', () => (byOperator ? SQL.byOperator : SQL.all)).all(params) as RawRow[];
  const rows = raw.map(({ total: _total, overdueTotal: _overdue, ...row }) => {
    const daysLeft = daysBetween(query.today, row.dueOn);
    return { ...row, daysLeft, overdue: daysLeft < 0 };
  });
  const first = raw[0];
  if (first) return { rows, total: first.total, overdue: first.overdueTotal };
  return (page.offset ?? 0) === 0 ? { rows, total: 0, overdue: 0 } : { rows, total: null, overdue: null };
}

/** Every deadline of the query (or one page of them), without the counts. */
export function listDeadlines(db: Db, query: DeadlineQuery, rules: DeadlineRules, page: { offset?: number; limit?: number | null } = {}): DeadlineListRow[] {
  return pageOfDeadlines(db, query, rules, page).rows;
}
