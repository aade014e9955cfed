/**
 * Queries behind the Dossiers table and the dossier page.
 * Sorting picks a whole fragment from a fixed map (never user text); lists go through json_each.
 */
import { DOSSIER_KINDS, DOSSIER_STATUSES, type DossierKind, type DossierStatus, type Scheme } from '../../shared/domain';
import { normalizeBce } from '../../shared/bce';
import type { DossierSortColumn } from '../../shared/contract';
import { fold, type Db } from '../open';
import type { Statement } from 'better-sqlite3';

export interface DossierListQuery {
  sort: { column: DossierSortColumn; direction: 'asc' | 'desc' };
  filters: { text?: string | undefined; schemes?: Scheme[] | undefined; kinds?: DossierKind[] | undefined; statuses?: DossierStatus[] | undefined };
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

const ENUM_FILTERS = `
  WHERE (@schemes IS NULL OR d.scheme IN (SELECT value FROM json_each(@schemes)))
    AND (@kinds IS NULL OR d.kind IN (SELECT value FROM json_each(@kinds)))
    AND (@statuses IS NULL OR d.status IN (SELECT value FROM json_each(@statuses)))`;

const FROM_WHERE = `
  FROM dossiers d
  JOIN operators o ON o.id = d.operator_id
  LEFT JOIN sessions s ON s.id = d.last_session_id
  ${ENUM_FILTERS}
    AND (@text IS NULL OR comes_fold(d.reference || ' ' || o.name || ' ' || o.bce || ' ' || d.subject || ' ' || o.commune) LIKE @text ESCAPE '\\')`;

const statements = new WeakMap<Db, Map<string, Statement>>();

function cached(db: Db, key: string, sql: () => string): Statement {
  let byKey = statements.get(db);
  if (!byKey) statements.set(db, (byKey = new Map()));
  let statement = byKey.get(key);
  if (!statement) byKey.set(key, (statement = db.prepare(sql())));
  return statement;
}

function likePattern(text: string): string {
  const trimmed = text.trim();
  // A BCE number typed with dots or spaces matches the stored digits.
  const needle = /^(BE)?[\d.\s]+$/i.test(trimmed) && /\d{4}/.test(normalizeBce(trimmed)) ? normalizeBce(trimmed) : trimmed;
  return `%${fold(needle).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The SQL of one page of the list for a sort order (exported for the query-plan tests). */
export function listSql(sort: DossierListQuery['sort']): string {
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  return `SELECT d.id, d.reference, d.operator_id AS operatorId, o.name AS operatorName, d.scheme, d.kind, d.status,
              d.received_on AS receivedOn, s.number AS sessionNumber, s.held_on AS sessionDate
       ${FROM_WHERE}
       ORDER BY ${SORT_EXPRESSIONS[sort.column](dir)}, d.id ${dir}
       LIMIT @limit OFFSET @offset`;
}

/** The bound parameters of the list and count statements. */
export function listParameters(filters: DossierListQuery['filters']) {
  const asJson = (values: readonly string[] | undefined) => (values && values.length > 0 ? JSON.stringify(values) : null);
  return {
    schemes: asJson(filters.schemes),
    kinds: asJson(filters.kinds),
    statuses: asJson(filters.statuses),
    text: filters.text && filters.text.trim() !== '' ? likePattern(filters.text) : null,
  };
}

export function listDossiers(db: Db, query: DossierListQuery): { rows: DossierListRow[]; total: number } {
  const params = listParameters(query.filters);
  const rows = cached(db, `list:${query.sort.column}:${query.sort.direction}`, () => listSql(query.sort)).all({
    ...params,
    limit: query.limit,
    offset: query.offset,
  }) as DossierListRow[];
  // Without a text filter the count needs neither operators nor sessions.
  const total = (
    params.text === null
      ? cached(db, 'count-plain', () => `SELECT count(*) AS n FROM dossiers d ${ENUM_FILTERS}`).get(params)
      : cached(db, 'count', () => `SELECT count(*) AS n ${FROM_WHERE}`).get(params)
  ) as { n: number };
  return { rows, total: total.n };
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
