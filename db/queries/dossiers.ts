/**
 * Queries behind the Dossiers table and the dossier page.
 * Sorting picks a whole fragment from a fixed map (never user text); lists go through json_each.
 */
import { DOSSIER_KINDS, DOSSIER_STATUSES, type DossierKind, type DossierStatus, type Scheme } from '../../shared/domain';
import { searchTerms, type DossierGrouping, type DossierSortColumn } from '../../shared/contract';
import type { ComplianceSummary } from '../../shared/compliance/model';
import type { Db } from '../open';
import { statementCache } from './statements';
import { toSummary } from './compliance';
import { ftsTerm } from './search';
import { VISIBLE_TO_VIEWER, type Viewer } from './visibility';

export interface DossierListQuery {
  sort: { column: DossierSortColumn; direction: 'asc' | 'desc' };
  filters: {
    text?: string | undefined;
    schemes?: Scheme[] | undefined;
    kinds?: DossierKind[] | undefined;
    statuses?: DossierStatus[] | undefined;
    /** Dossiers whose stored compliance result has at least one rule in one of these statuses. */
    compliance?: ComplianceFilter[] | undefined;
  };
  groupBy?: DossierGrouping | null | undefined;
  offset: number;
  limit: number;
}

export interface DossierListRow {
  id: number;
  reference: string;
  operatorId: number;
  operatorName: string;
  scheme: Scheme;
  kind: DossierKind;
  status: DossierStatus;
  receivedOn: string;
  sessionNumber: number | null;
  sessionDate: string | null;
  /** The stored result of the compliance checks (dossier_compliance); null while not evaluated. */
  compliance: ComplianceSummary | null;
}

export type ComplianceFilter = 'breach' | 'missing' | 'warning';

/**
 * The stored results with at least one rule in a status, each read from its partial index
 * (dossier_compliance_breaches, _missing, _warnings): a fixed fragment per status, never user text.
 */
const COMPLIANCE_MATCHES: Record<ComplianceFilter, string> = {
  breach: 'SELECT dossier_id FROM dossier_compliance WHERE breaches > 0',
  missing: 'SELECT dossier_id FROM dossier_compliance WHERE missing > 0',
  warning: 'SELECT dossier_id FROM dossier_compliance WHERE warnings > 0',
};
const COMPLIANCE_FILTERS: readonly ComplianceFilter[] = ['breach', 'missing', 'warning'];

export interface DossierGroupRow {
  key: string | null;
  count: number;
  sessionNumber: number | null;
  sessionDate: string | null;
}

/** `CASE col WHEN 'a' THEN 0 WHEN 'b' THEN 1 … END`: sorts an enumeration in its workflow order. */
function orderOf(column: string, values: readonly string[]): string {
  return `CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} END`;
}

/** ORDER BY fragments; rows without a session stay last in both directions. */
const SORT_EXPRESSIONS: Record<DossierSortColumn, (dir: 'ASC' | 'DESC') => string> = {
  reference: (dir) => `d.reference ${dir}`,
  operator: (dir) => `comes_fold(o.name) ${dir}`,
  scheme: (dir) => `d.scheme ${dir}`,
  kind: (dir) => `${orderOf('d.kind', DOSSIER_KINDS)} ${dir}`,
  status: (dir) => `${orderOf('d.status', DOSSIER_STATUSES)} ${dir}`,
  receivedOn: (dir) => `d.received_on ${dir}`,
  session: (dir) => `s.held_on IS NULL, s.held_on ${dir}`,
};

/**
 * The order of the groups, the same in the list (first ORDER BY terms) and in the counts: schemes
 * alphabetically (as their index), statuses in workflow order, sessions most recent first and
 * dossiers never put on an agenda last.
 */
const GROUP_ORDER: Record<DossierGrouping, string> = {
  scheme: 'd.scheme',
  status: orderOf('d.status', DOSSIER_STATUSES),
  session: 's.held_on IS NULL, s.held_on DESC, d.last_session_id DESC',
};

/**
 * The text filter goes through the full-text index: every word typed must start a word of the
 * dossier (reference, subject, proposal) or of its operator (name, BCE, postcode, commune). Each
 * word is its own MATCH value (`"word"*`), so the user's text never reaches the FTS syntax.
 * Sources are told apart by the rowid (id * 8 + 1 for a dossier, + 5 for an operator), which the
 * index yields without reading its stored columns.
 */
const TEXT_MATCHES = `
  SELECT id FROM (
    SELECT t.key AS k, si.rowid / 8 AS id
      FROM json_each(@tokens) t JOIN search_index si ON si.search_index MATCH t.value
      WHERE si.rowid % 8 = 1
    UNION
    SELECT t.key AS k, d2.id AS id
      FROM json_each(@tokens) t JOIN search_index si ON si.search_index MATCH t.value
      JOIN dossiers d2 ON d2.operator_id = si.rowid / 8
      WHERE si.rowid % 8 = 5
  ) GROUP BY id HAVING count(*) = json_array_length(@tokens)`;

/** A text shaped like a dossier reference (EI-2025-0003, IDESS-2025): its words are searched in the dossiers only, in one MATCH. */
const REFERENCE_MATCHES = `SELECT rowid / 8 FROM search_index WHERE search_index MATCH @tokens AND rowid % 8 = 1`;

/** One word: the dossiers it starts a word of, and those of the operators it starts a word of. */
const WORD_MATCHES = `d.id IN (SELECT rowid / 8 FROM search_index WHERE search_index MATCH @tokens AND rowid % 8 = 1)
    OR d.operator_id IN (SELECT rowid / 8 FROM search_index WHERE search_index MATCH @tokens AND rowid % 8 = 5)`;

/** How the text filter is applied: none, one word, several words across dossier and operator, or a reference. */
export type TextMode = false | 'word' | 'words' | 'reference';

/** Which filters a query uses: each combination has its own statement, so its own plan. */
export interface FilterShape {
  schemes: boolean;
  kinds: boolean;
  statuses: boolean;
  text: TextMode;
  /** The compliance statuses filtered on, in a fixed order (empty: no compliance filter). */
  compliance?: readonly ComplianceFilter[];
  /** A member's workspace: the dossiers of operators the member declared a conflict with are left out (bound as @viewer). */
  viewer?: boolean;
}

const NO_FILTERS: FilterShape = { schemes: false, kinds: false, statuses: false, text: false };

/**
 * The WHERE clause of the active filters only (an unused `@x IS NULL OR …` would cost a table
 * scan in count(*)). For a page of rows (`ordered`), the scheme/kind/status terms are kept off
 * their indexes (unary +): the page is read in the order's index and filtered, which stops after
 * 200 rows, instead of collecting every matching row to sort it. Counts use those indexes, except
 * with a text filter: then the full-text matches are the shorter way in.
 */
function where(shape: FilterShape, ordered = false): string {
  const plus = ordered || shape.text ? '+' : '';
  const clauses: string[] = [];
  if (shape.schemes) clauses.push(`${plus}d.scheme IN (SELECT value FROM json_each(@schemes))`);
  if (shape.kinds) clauses.push(`${plus}d.kind IN (SELECT value FROM json_each(@kinds))`);
  if (shape.statuses) clauses.push(`${plus}d.status IN (SELECT value FROM json_each(@statuses))`);
  if (shape.text === 'words') clauses.push(`d.id IN (${TEXT_MATCHES})`);
  if (shape.text === 'word') clauses.push(`(${WORD_MATCHES})`);
  if (shape.text === 'reference') clauses.push(`d.id IN (${REFERENCE_MATCHES})`);
  if (shape.viewer) clauses.push(VISIBLE_TO_VIEWER('d.operator_id'));
  if (shape.compliance && shape.compliance.length > 0) clauses.push(`d.id IN (${shape.compliance.map((status) => COMPLIANCE_MATCHES[status]).join(' UNION ')})`);
  return clauses.length > 0 ? `WHERE ${clauses.join('\n    AND ')}` : '';
}

const shapeKey = (shape: FilterShape) =>
  `${+shape.schemes}${+shape.kinds}${+shape.statuses}${shape.text || ''}:${(shape.compliance ?? []).join(',')}${shape.viewer ? ':viewer' : ''}`;

const cached = statementCache();

/** At most this many words of the filter are used (the rest would only narrow an already short list). */
export const MAX_TEXT_TOKENS = 8;

/**
 * The terms of a text filter as FTS5 prefix terms, cut like the search screen cuts them
 * (`searchTerms`: a BCE number typed with dots is one number, `EI-2025` one phrase). One-letter
 * words are left out (they would match nearly everything, slowly); punctuation only: no terms,
 * so no text filter.
 */
export function textTokens(text: string): string[] {
  return searchTerms(text)
    .filter((term) => [...term].length > 1)
    .slice(0, MAX_TEXT_TOKENS)
    .map(ftsTerm);
}

/** EI-2025-0003, IDESS-2025, ac-2024-12: a reference (or its beginning), searched among dossiers only. */
const REFERENCE_SHAPE = /^\s*[a-z]{2,5}-\d{2,4}(-\d*)?\s*$/i;

/** The SQL of one page of the list for a sort order and grouping (exported for the query-plan tests). */
export function listSql(sort: DossierListQuery['sort'], groupBy: DossierGrouping | null = null, shape: FilterShape = NO_FILTERS): string {
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  const group = groupBy ? `${GROUP_ORDER[groupBy]}, ` : '';
  return `SELECT d.id, d.reference, d.operator_id AS operatorId, o.name AS operatorName, d.scheme, d.kind, d.status,
              d.received_on AS receivedOn, s.number AS sessionNumber, s.held_on AS sessionDate,
              c.worst, c.breaches, c.warnings, c.missing, c.flags
       FROM dossiers d
       JOIN operators o ON o.id = d.operator_id
       LEFT JOIN sessions s ON s.id = d.last_session_id
       LEFT JOIN dossier_compliance c ON c.dossier_id = d.id
       ${where(shape, true)}
       ORDER BY ${group}${SORT_EXPRESSIONS[sort.column](dir)}, d.id ${dir}
       LIMIT @limit OFFSET @offset`;
}

const GROUP_KEY: Record<DossierGrouping, string> = {
  scheme: 'd.scheme',
  status: 'd.status',
  session: 'CAST(d.last_session_id AS TEXT)',
};

/** The groups and their counts, in the order of the list (exported for the query-plan tests). */
export function groupsSql(groupBy: DossierGrouping, shape: FilterShape = NO_FILTERS): string {
  const session = groupBy === 'session';
  return `SELECT ${GROUP_KEY[groupBy]} AS key, count(*) AS count,
              ${session ? 's.number' : 'NULL'} AS sessionNumber, ${session ? 's.held_on' : 'NULL'} AS sessionDate
       FROM dossiers d
       ${session ? 'LEFT JOIN sessions s ON s.id = d.last_session_id' : ''}
       ${where(shape)}
       GROUP BY ${GROUP_KEY[groupBy]}
       ORDER BY ${GROUP_ORDER[groupBy]}`;
}

/** The count of the whole list (exported for the query-plan tests): it needs neither operators nor sessions. */
export const countSql = (shape: FilterShape = NO_FILTERS) => `SELECT count(*) AS n FROM dossiers d ${where(shape)}`;

/** The shape of a query's filters and the values bound to its statement (only those it uses). */
export function listParameters(filters: DossierListQuery['filters']): { shape: FilterShape; params: Record<string, string> } {
  const params: Record<string, string> = {};
  if (filters.schemes && filters.schemes.length > 0) params.schemes = JSON.stringify(filters.schemes);
  if (filters.kinds && filters.kinds.length > 0) params.kinds = JSON.stringify(filters.kinds);
  if (filters.statuses && filters.statuses.length > 0) params.statuses = JSON.stringify(filters.statuses);
  const tokens = filters.text ? textTokens(filters.text) : [];
  const reference = tokens.length > 0 && REFERENCE_SHAPE.test(filters.text ?? '');
  const text: TextMode = tokens.length === 0 ? false : reference ? 'reference' : tokens.length === 1 ? 'word' : 'words';
  // @tokens: a JSON array of words, or one MATCH expression (one word, or a reference's words).
  if (text) params.tokens = text === 'words' ? JSON.stringify(tokens) : tokens.join(' ');
  const compliance = COMPLIANCE_FILTERS.filter((status) => filters.compliance?.includes(status));
  return {
    shape: { schemes: 'schemes' in params, kinds: 'kinds' in params, statuses: 'statuses' in params, text, ...(compliance.length > 0 ? { compliance } : {}) },
    params,
  };
}

type ListRowColumns = Omit<DossierListRow, 'compliance'> & {
  worst: ComplianceSummary['worst'] | null;
  breaches: number | null;
  warnings: number | null;
  missing: number | null;
  flags: string | null;
};

function toListRow({ worst, breaches, warnings, missing, flags, ...row }: ListRowColumns): DossierListRow {
  const compliance =
    worst === null || breaches === null || warnings === null || missing === null || flags === null ? null : toSummary({ worst, breaches, warnings, missing, flags });
  return { ...row, compliance };
}

/**
 * One page of the list. The rows are counted (and the groups with their counts) for the first
 * page only: the client keeps them while it scrolls, so later pages cost only their own rows.
 */
export function listDossiers(
  db: Db,
  query: DossierListQuery,
  viewer: Viewer = null,
): { rows: DossierListRow[]; total: number | null; groups: DossierGroupRow[] | null } {
  const filtered = listParameters(query.filters);
  const shape: FilterShape = viewer === null ? filtered.shape : { ...filtered.shape, viewer: true };
  const params: Record<string, string | number> = viewer === null ? filtered.params : { ...filtered.params, viewer };
  const key = shapeKey(shape);
  const groupBy = query.groupBy ?? null;
  const rows = (
    cached(db, `list:${query.sort.column}:${query.sort.direction}:${groupBy ?? ''}:${key}`, () => listSql(query.sort, groupBy, shape)).all({
      ...params,
      limit: query.limit,
      offset: query.offset,
    }) as ListRowColumns[]
  ).map(toListRow);
  if (query.offset > 0) return { rows, total: null, groups: null };
  if (groupBy) {
    const groups = cached(db, `groups:${groupBy}:${key}`, () => groupsSql(groupBy, shape)).all(params) as DossierGroupRow[];
    return { rows, total: groups.reduce((sum, group) => sum + group.count, 0), groups };
  }
  const total = cached(db, `count:${key}`, () => countSql(shape)).get(params) as { n: number };
  return { rows, total: total.n, groups: null };
}

export interface DossierHeaderRow {
  id: number;
  reference: string;
  scheme: Scheme;
  kind: DossierKind;
  status: DossierStatus;
  subject: string;
  receivedOn: string;
  completeOn: string | null;
  opinionDueOn: string | null;
  reportYear: number | null;
  operatorId: number;
  agrementId: number | null;
}

export function getDossier(db: Db, id: number): DossierHeaderRow | undefined {
  return cached(
    db,
    'get',
    () => `SELECT id, reference, scheme, kind, status, subject, received_on AS receivedOn, complete_on AS completeOn,
              opinion_due_on AS opinionDueOn, report_year AS reportYear, operator_id AS operatorId, agrement_id AS agrementId
       FROM dossiers WHERE id = ?`,
  ).get(id) as DossierHeaderRow | undefined;
}

export function getDossierSessions(db: Db, dossierId: number) {
  return cached(
    db,
    'sessions-of-dossier',
    () => `SELECT s.id, s.number, s.held_on AS heldOn, s.status
       FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id
       WHERE ai.dossier_id = ? ORDER BY s.held_on`,
  ).all(dossierId) as { id: number; number: number; heldOn: string; status: string }[];
}
