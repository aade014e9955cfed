import type { Statement } from 'better-sqlite3';
import { REPORT_FIELDS, searchTerms, type OperatorSortColumn } from '../../shared/contract';
import type { Db } from '../open';
import { matchExpression } from './search';
import { VISIBLE_TO_VIEWER_OR_ALL, type Viewer } from './visibility';

export interface OperatorRow {
  id: number;
  name: string;
  bce: string;
  legalForm: string;
  socialEnterprise: number;
  street: string;
  postcode: string;
  commune: string;
  province: string;
  sector: string;
}

export function getOperator(db: Db, id: number): OperatorRow | undefined {
  return db
    .prepare(
      `SELECT id, name, bce, legal_form AS legalForm, social_enterprise AS socialEnterprise, street, postcode, commune,
              province, sector
       FROM operators WHERE id = ?`,
    )
    .get(id) as OperatorRow | undefined;
}

export interface AgrementWithPeriod {
  id: number;
  scheme: string;
  number: string;
  status: string;
  startOn: string | null;
  endOn: string | null;
  term: string | null;
}

/** The agrément with its latest period (the one in force or the last one). */
export function getAgrementWithCurrentPeriod(db: Db, id: number): AgrementWithPeriod | undefined {
  return db
    .prepare(
      `SELECT a.id, a.scheme, a.number, a.status, p.start_on AS startOn, p.end_on AS endOn, p.term
       FROM agrements a
       LEFT JOIN agrement_periods p ON p.id = (
         SELECT id FROM agrement_periods WHERE agrement_id = a.id ORDER BY start_on DESC LIMIT 1)
       WHERE a.id = ?`,
    )
    .get(id) as AgrementWithPeriod | undefined;
}

// ---------------------------------------------------------------------------------------------
// The operators list, one operator's page, creating and editing operators.
// SQL is built from fixed fragments only (sort columns from a map); user text reaches SQL as a
// bound parameter, and reaches FTS MATCH only as quoted prefix tokens built by ftsPrefixQuery.


const statements = new WeakMap<Db, Map<string, Statement>>();

function cached(db: Db, key: string, sql: () => string): Statement {
  let byKey = statements.get(db);
  if (!byKey) statements.set(db, (byKey = new Map()));
  let statement = byKey.get(key);
  if (!statement) byKey.set(key, (statement = db.prepare(sql())));
  return statement;
}

/**
 * A safe FTS5 query for prefix search, cut like the search screen cuts text (`searchTerms`:
 * a BCE number typed with dots is one number) and quoted term by term (`ftsTerm`), all required.
 * Null when nothing searchable remains (only punctuation).
 */
export function ftsPrefixQuery(text: string): string | null {
  const terms = searchTerms(text).slice(0, 16);
  return terms.length === 0 ? null : matchExpression(terms);
}

export interface OperatorListQuery {
  text?: string | undefined;
  provinces?: string[] | undefined;
  schemes?: string[] | undefined;
  sort: { column: OperatorSortColumn; direction: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

const HELD = `('active', 'suspended')`;

/** Accented letters of French (and Walloon names) and their sorting letter. */
const SORT_FOLDS: readonly [string, string][] = [
  ...[...'àâäáãå'].map((c): [string, string] => [c, 'a']),
  ...[...'éèêë'].map((c): [string, string] => [c, 'e']),
  ...[...'îïíì'].map((c): [string, string] => [c, 'i']),
  ...[...'ôöóòõ'].map((c): [string, string] => [c, 'o']),
  ...[...'ùûüú'].map((c): [string, string] => [c, 'u']),
  ['ç', 'c'],
  ['ÿ', 'y'],
  ['ñ', 'n'],
  ['œ', 'oe'],
  ['æ', 'ae'],
];

/**
 * The sort key of a name: its first letter with case and accents folded (« Épicerie » among the
 * E), then the rest of the name without case. Built from SQL built-ins only: folding whole names
 * with a JavaScript function, once per operator, takes several hundred milliseconds at 30 000
 * operators. (Accents after the first letter still sort after the plain letter.)
 */
const FIRST_LETTER_CASES = SORT_FOLDS.flatMap(([accented, plain]) => [
  `WHEN '${accented}' THEN '${plain}'`,
  `WHEN '${accented.toUpperCase()}' THEN '${plain}'`,
]).join(' ');

function sortBy(column: string, dir: 'ASC' | 'DESC'): string {
  const first = `substr(${column}, 1, 1)`;
  return `CASE ${first} ${FIRST_LETTER_CASES} ELSE lower(${first}) END ${dir}, substr(${column}, 2) COLLATE NOCASE ${dir}`;
}

const OPERATOR_SORT: Record<OperatorSortColumn, (dir: 'ASC' | 'DESC') => string> = {
  name: (dir) => sortBy('o.name', dir),
  bce: (dir) => `o.bce ${dir}`,
  commune: (dir) => `${sortBy('o.commune', dir)}, ${sortBy('o.name', dir)}`,
  province: (dir) => `o.province ${dir}, ${sortBy('o.name', dir)}`,
  dossiers: (dir) => `(SELECT count(*) FROM dossiers d WHERE d.operator_id = o.id) ${dir}, ${sortBy('o.name', 'ASC')}`,
};

function operatorWhere(withText: boolean): string {
  return `
  WHERE (@provinces IS NULL OR o.province IN (SELECT value FROM json_each(@provinces)))
    AND (@schemes IS NULL OR EXISTS (SELECT 1 FROM agrements a WHERE a.operator_id = o.id AND a.status IN ${HELD}
                                     AND a.scheme IN (SELECT value FROM json_each(@schemes))))
    AND ${VISIBLE_TO_VIEWER_OR_ALL('o.id')}
    ${withText ? `AND o.id IN (SELECT source_id FROM search_index WHERE search_index MATCH @match AND source = 'operator')` : ''}`;
}

/**
 * The SQL of one page of the operators list (exported for the query-plan tests). The page's ids
 * are chosen first (filter, sort, limit); the schemes held and the dossier counts are then read
 * for those rows only, not for every operator the sort has to look at.
 */
export function operatorListSql(sort: OperatorListQuery['sort'], withText: boolean): string {
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  const order = `${OPERATOR_SORT[sort.column](dir)}, o.id ${dir}`;
  return `SELECT o.id, o.name, o.bce, o.legal_form AS legalForm, o.commune, o.province,
       (SELECT group_concat(scheme, ',') FROM (SELECT DISTINCT a.scheme FROM agrements a
          WHERE a.operator_id = o.id AND a.status IN ${HELD} ORDER BY a.scheme)) AS schemes,
       (SELECT count(*) FROM dossiers d WHERE d.operator_id = o.id) AS dossierCount
     FROM (SELECT o.id AS pageId FROM operators o
           ${operatorWhere(withText)}
           ORDER BY ${order}
           LIMIT @limit OFFSET @offset) page
     JOIN operators o ON o.id = page.pageId
     ORDER BY ${order}`;
}

export function operatorListParameters(query: Pick<OperatorListQuery, 'text' | 'provinces' | 'schemes'>, viewer: Viewer = null) {
  const asJson = (values: readonly string[] | undefined) => (values && values.length > 0 ? JSON.stringify(values) : null);
  return {
    provinces: asJson(query.provinces),
    schemes: asJson(query.schemes),
    match: query.text ? ftsPrefixQuery(query.text) : null,
    viewer,
  };
}

export interface OperatorListItem {
  id: number;
  name: string;
  bce: string;
  legalForm: string;
  commune: string;
  province: string;
  schemes: string[];
  dossierCount: number;
}

export function listOperators(db: Db, query: OperatorListQuery, viewer: Viewer = null): { rows: OperatorListItem[]; total: number } {
  const params = operatorListParameters(query, viewer);
  const withText = params.match !== null;
  const bound = withText ? params : { provinces: params.provinces, schemes: params.schemes, viewer };
  const rows = cached(db, `op-list:${query.sort.column}:${query.sort.direction}:${withText}`, () => operatorListSql(query.sort, withText))
    .all({ ...bound, limit: query.limit, offset: query.offset }) as (Omit<OperatorListItem, 'schemes'> & { schemes: string | null })[];
  const total = cached(db, `op-count:${withText}`, () => `SELECT count(*) AS n FROM operators o ${operatorWhere(withText)}`).get(bound) as { n: number };
  return { rows: rows.map((r) => ({ ...r, schemes: r.schemes ? r.schemes.split(',') : [] })), total: total.n };
}

export interface OperatorFull extends OperatorRow {
  version: number;
}

export function getOperatorFull(db: Db, id: number): OperatorFull | undefined {
  return cached(
    db,
    'op-full',
    () => `SELECT id, name, bce, legal_form AS legalForm, social_enterprise AS socialEnterprise, street, postcode, commune,
              province, sector, version
       FROM operators WHERE id = ?`,
  ).get(id) as OperatorFull | undefined;
}

export function findOperatorByBce(db: Db, bce: string): { id: number; name: string } | undefined {
  return cached(db, 'op-by-bce', () => 'SELECT id, name FROM operators WHERE bce = ?').get(bce) as { id: number; name: string } | undefined;
}

export interface OperatorWrite {
  name: string;
  bce: string;
  legalForm: string;
  socialEnterprise: boolean;
  street: string;
  postcode: string;
  commune: string;
  province: string;
  sector: string;
}

export function insertOperator(db: Db, o: OperatorWrite, now: string): number {
  return Number(
    cached(
      db,
      'op-insert',
      () => `INSERT INTO operators (bce, name, legal_form, social_enterprise, street, postcode, commune, province, sector, created_at, updated_at)
       VALUES (@bce, @name, @legalForm, @socialEnterprise, @street, @postcode, @commune, @province, @sector, @now, @now)`,
    ).run({ ...o, socialEnterprise: o.socialEnterprise ? 1 : 0, now }).lastInsertRowid,
  );
}

/** Updates when the row is still at `version`; returns false when it changed meanwhile (or is gone). */
export function updateOperator(db: Db, id: number, version: number, o: OperatorWrite, now: string): boolean {
  const info = cached(
    db,
    'op-update',
    () => `UPDATE operators SET bce = @bce, name = @name, legal_form = @legalForm, social_enterprise = @socialEnterprise,
         street = @street, postcode = @postcode, commune = @commune, province = @province, sector = @sector,
         updated_at = @now, version = version + 1
       WHERE id = @id AND version = @version`,
  ).run({ ...o, socialEnterprise: o.socialEnterprise ? 1 : 0, now, id, version });
  return info.changes === 1;
}

export interface AgrementFull {
  id: number;
  scheme: string;
  number: string;
  status: string;
  firstGrantedOn: string | null;
  version: number;
  periods: { id: number; startOn: string; endOn: string | null; term: string; version: number }[];
}

export function getOperatorAgrements(db: Db, operatorId: number): AgrementFull[] {
  const agrements = cached(
    db,
    'op-agrements',
    () => `SELECT id, scheme, number, status, first_granted_on AS firstGrantedOn, version
       FROM agrements WHERE operator_id = ? ORDER BY scheme, id`,
  ).all(operatorId) as Omit<AgrementFull, 'periods'>[];
  const periods = cached(
    db,
    'op-periods',
    () => `SELECT p.agrement_id AS agrementId, p.id, p.start_on AS startOn, p.end_on AS endOn, p.term, p.version
       FROM agrements a JOIN agrement_periods p ON p.agrement_id = a.id
       WHERE a.operator_id = ? ORDER BY p.start_on`,
  ).all(operatorId) as (AgrementFull['periods'][number] & { agrementId: number })[];
  return agrements.map((a) => ({
    ...a,
    periods: periods.filter((p) => p.agrementId === a.id).map(({ agrementId: _agrementId, ...p }) => p),
  }));
}

export function getOperatorDossiers(db: Db, operatorId: number) {
  return cached(
    db,
    'op-dossiers',
    () => `SELECT d.id, d.reference, d.scheme, d.kind, d.status, d.received_on AS receivedOn,
              s.number AS sessionNumber, s.held_on AS sessionDate
       FROM dossiers d LEFT JOIN sessions s ON s.id = d.last_session_id
       WHERE d.operator_id = ? ORDER BY d.received_on DESC, d.id DESC`,
  ).all(operatorId) as {
    id: number;
    reference: string;
    scheme: string;
    kind: string;
    status: string;
    receivedOn: string;
    sessionNumber: number | null;
    sessionDate: string | null;
  }[];
}

const FIGURE_COLUMNS = REPORT_FIELDS.map((f) => `${f.column} AS ${f.key}`).join(', ');

export interface ReportRow {
  id: number;
  scheme: string;
  year: number;
  dossierId: number | null;
  receivedOn: string | null;
  version: number;
  figures: Record<string, number | null>;
}

function toReport(row: Record<string, unknown>): ReportRow {
  const figures: Record<string, number | null> = {};
  for (const field of REPORT_FIELDS) figures[field.key] = (row[field.key] as number | null) ?? null;
  return {
    id: row.id as number,
    scheme: row.scheme as string,
    year: row.year as number,
    dossierId: (row.dossierId as number | null) ?? null,
    receivedOn: (row.receivedOn as string | null) ?? null,
    version: row.version as number,
    figures,
  };
}

/** Every yearly report of the operator, oldest year first. */
export function getOperatorReports(db: Db, operatorId: number): ReportRow[] {
  const rows = cached(
    db,
    'op-reports',
    () => `SELECT id, scheme, year, dossier_id AS dossierId, received_on AS receivedOn, version, ${FIGURE_COLUMNS}
       FROM activity_reports WHERE operator_id = ? ORDER BY scheme, year`,
  ).all(operatorId) as Record<string, unknown>[];
  return rows.map(toReport);
}

export function getReportOfDossier(db: Db, dossierId: number): ReportRow | undefined {
  const row = cached(
    db,
    'report-of-dossier',
    () => `SELECT id, scheme, year, dossier_id AS dossierId, received_on AS receivedOn, version, ${FIGURE_COLUMNS}
       FROM activity_reports WHERE dossier_id = ?`,
  ).get(dossierId) as Record<string, unknown> | undefined;
  return row ? toReport(row) : undefined;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: number | null;
  changes: Record<string, unknown>;
}

/** The recorded changes of one record, newest first. */
export function getAuditOf(db: Db, entity: string, entityId: number, limit = 100): AuditRow[] {
  const rows = cached(
    db,
    'audit-of',
    () => `SELECT id, at, actor, action, entity, entity_id AS entityId, changes
       FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?`,
  ).all(entity, entityId, limit) as (Omit<AuditRow, 'changes'> & { changes: string })[];
  return rows.map((r) => ({ ...r, changes: JSON.parse(r.changes) as Record<string, unknown> }));
}
