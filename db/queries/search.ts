/**
 * Full-text search over `search_index` (FTS5, unicode61 with diacritics removed, prefix indexes
 * of 2 and 3 characters). The words come from `searchTerms` (shared/contract/search.ts): each one
 * is quoted and becomes a prefix term, all required, so no operator of the FTS5 syntax (OR, NOT,
 * NEAR, column filters, parentheses) can come from the user.
 *
 * One statement ranks the page (bm25, titles weighted above bodies) and reads the facts of each
 * hit through primary keys; a second one highlights the titles and snippets of that page only.
 */
import type { Statement } from 'better-sqlite3';
import { SEARCH_SOURCES, type SearchSegment, type SearchSource } from '../../shared/contract';
import type { DossierKind, FindingSeverity, Scheme } from '../../shared/domain';
import type { Db } from '../open';

/** bm25 weights by column of search_index: source, source_id, dossier_id, title, body. */
export const TITLE_WEIGHT = 8;
export const BODY_WEIGHT = 1;

const HIT_START = '\u0002';
const HIT_END = '\u0003';

export interface SearchFilters {
  schemes?: readonly Scheme[] | undefined;
  kinds?: readonly DossierKind[] | undefined;
  years?: readonly number[] | undefined;
  sources?: readonly SearchSource[] | undefined;
}

export interface SearchRequest {
  /** Terms from `searchTerms`, at least one. */
  terms: readonly string[];
  filters: SearchFilters;
  /** The workspace user's member id: their private notes match, nobody else's. Null: notes without author. */
  memberId: number | null;
  limit: number;
  offset: number;
}

export interface SearchHit {
  source: SearchSource;
  sourceId: number;
  dossierId: number | null;
  operatorId: number | null;
  reference: string | null;
  operatorName: string;
  scheme: Scheme | null;
  kind: DossierKind | null;
  date: string | null;
  visibility: 'private' | 'shared' | null;
  severity: FindingSeverity | null;
  /** Plain title for sources whose indexed title is empty (notes, findings). */
  plainTitle: string | null;
  title: SearchSegment[];
  snippet: SearchSegment[];
  rank: number;
}

export interface SearchPage {
  total: number;
  bySource: Record<SearchSource, number>;
  hits: SearchHit[];
}

/**
 * `"réins"* "EI 2024"*`: every term quoted (inner quotes doubled) — a word, or a phrase of words
 * written together — whose last word is a prefix (unless it is a single character); terms are
 * implicitly ANDed.
 */
export function matchExpression(terms: readonly string[]): string {
  if (terms.length === 0) throw new Error('matchExpression needs at least one term');
  return terms.map(ftsTerm).join(' ');
}

/**
 * One term of `searchTerms` as a safe FTS5 query term: quoted (inner quotes doubled), its last
 * word a prefix unless it is a single character (« e » would match most of the index, slowly).
 * Every query built from typed text (search, Dossiers filter, operators filter) goes through here.
 */
export function ftsTerm(term: string): string {
  const last = term.slice(term.lastIndexOf(' ') + 1);
  return `"${term.replace(/"/g, '""')}"${[...last].length > 1 ? '*' : ''}`;
}

/**
 * The rowid says what a row is (rowid = id * 8 + code, see migration 1): the queries below never
 * read the index's stored columns to rank or count, so a document's text is only read for the
 * snippets of the page shown.
 */
const SOURCE_CODES: Record<SearchSource, number> = { dossier: 1, note: 2, finding: 3, document: 4, operator: 5 };
const CODE = '(si.rowid & 7)';
const ID = '(si.rowid >> 3)';

const JOINS = `
  LEFT JOIN notes n ON ${CODE} = 2 AND n.id = ${ID}
  LEFT JOIN documents doc ON ${CODE} = 4 AND doc.id = ${ID}
  LEFT JOIN findings f ON ${CODE} = 3 AND f.id = ${ID}
  LEFT JOIN inspections i ON i.id = f.inspection_id
  LEFT JOIN dossiers d ON d.id = CASE ${CODE} WHEN 1 THEN ${ID} WHEN 2 THEN n.dossier_id WHEN 4 THEN doc.dossier_id WHEN 3 THEN i.dossier_id END
  JOIN operators o ON o.id = CASE ${CODE} WHEN 5 THEN ${ID} WHEN 3 THEN i.operator_id ELSE d.operator_id END`;

/** Only another member's private notes are left out: what a search without filters needs. */
const LIGHT_FROM_WHERE = `
  FROM search_index si
  WHERE si.search_index MATCH @match
    AND (${CODE} <> 2 OR EXISTS (SELECT 1 FROM notes n WHERE n.id = ${ID} AND (n.visibility = 'shared' OR n.author_member_id IS @memberId)))`;

/** Filters on the dossier or operator of each hit, and the member's conflicts of interest. */
const FULL_FROM_WHERE = `
  FROM search_index si
  ${JOINS}
  WHERE si.search_index MATCH @match
    AND (${CODE} <> 2 OR n.visibility = 'shared' OR n.author_member_id IS @memberId)
    AND (@memberId IS NULL OR NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.member_id = @memberId AND c.operator_id = o.id))
    AND (@schemes IS NULL
         OR d.scheme IN (SELECT value FROM json_each(@schemes))
         OR (${CODE} = 5 AND @kinds IS NULL AND @years IS NULL
             AND EXISTS (SELECT 1 FROM agrements a WHERE a.operator_id = o.id AND a.scheme IN (SELECT value FROM json_each(@schemes)))))
    AND (@kinds IS NULL OR d.kind IN (SELECT value FROM json_each(@kinds)))
    AND (@years IS NULL
         OR CAST(substr(d.received_on, 1, 4) AS INTEGER) IN (SELECT value FROM json_each(@years))
         OR d.report_year IN (SELECT value FROM json_each(@years)))`;

export type SearchPlan = 'light' | 'full';

/** The light plan serves a search without filters in a workspace without member (no conflicts to apply). */
export function planOf(request: Pick<SearchRequest, 'filters' | 'memberId'>): SearchPlan {
  const { schemes, kinds, years } = request.filters;
  const filtered = [schemes, kinds, years].some((list) => list !== undefined && list.length > 0);
  return filtered || request.memberId !== null ? 'full' : 'light';
}

const fromWhere = (plan: SearchPlan) => (plan === 'light' ? LIGHT_FROM_WHERE : FULL_FROM_WHERE);

/**
 * One pass over the matches (exported for the query-plan test): rows with `part` 0 count the
 * matches per source code, whatever the source filter; rows with `part` 1 are the ranked page
 * (row id and bm25 score), within the selected sources.
 */
export const searchSql = (plan: SearchPlan) => `
  WITH hits AS MATERIALIZED (
    SELECT si.rowid AS rowid, ${CODE} AS code, bm25(search_index, 0, 0, 0, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS score
    ${fromWhere(plan)}
  )
  SELECT 0 AS part, code AS a, count(*) AS b FROM hits GROUP BY code
  UNION ALL
  SELECT * FROM (
    SELECT 1, rowid, score FROM hits
    WHERE @sources IS NULL OR code IN (SELECT value FROM json_each(@sources))
    ORDER BY score, rowid
    LIMIT @limit OFFSET @offset
  )`;

/**
 * The facts, title and snippet of the page's rows (exported for the query-plan test). The unary
 * `+` keeps the row ids away from FTS5: given `rowid = ?` it would evaluate the whole MATCH again
 * for each row of the page, where one pass over the matches keeps the page's rows.
 */
export const DETAILS_SQL = `
  SELECT si.rowid AS rowid,
         CASE ${CODE} WHEN 1 THEN 'dossier' WHEN 2 THEN 'note' WHEN 3 THEN 'finding' WHEN 4 THEN 'document' ELSE 'operator' END AS source,
         ${ID} AS sourceId, d.id AS dossierId, o.id AS operatorId,
         d.reference AS reference, o.name AS operatorName, d.scheme AS scheme, d.kind AS kind,
         CASE ${CODE} WHEN 1 THEN d.received_on WHEN 2 THEN substr(n.updated_at, 1, 10)
           WHEN 4 THEN coalesce(doc.document_date, substr(doc.added_at, 1, 10)) WHEN 3 THEN i.inspected_on END AS date,
         n.visibility AS visibility, f.severity AS severity,
         CASE ${CODE} WHEN 2 THEN d.subject WHEN 3 THEN coalesce(d.subject, i.scope) END AS plainTitle,
         highlight(search_index, 3, char(2), char(3)) AS markedTitle,
         snippet(search_index, 4, char(2), char(3), '…', 24) AS markedSnippet
  FROM search_index si
  ${JOINS}
  WHERE si.search_index MATCH @match AND +si.rowid IN (SELECT value FROM json_each(@rowids))`;

const YEARS_SQL = `
  SELECT CAST(substr(min(received_on), 1, 4) AS INTEGER) AS first, CAST(substr(max(received_on), 1, 4) AS INTEGER) AS last,
         (SELECT min(report_year) FROM dossiers) AS firstReport
  FROM dossiers`;

const statements = new WeakMap<Db, Map<string, Statement>>();

function cached(db: Db, sql: string): Statement {
  let bySql = statements.get(db);
  if (!bySql) statements.set(db, (bySql = new Map()));
  let statement = bySql.get(sql);
  if (!statement) bySql.set(sql, (statement = db.prepare(sql)));
  return statement;
}

const asJson = (values: readonly (string | number)[] | undefined) => (values && values.length > 0 ? JSON.stringify(values) : null);

/** The bound parameters of the page and count statements of a plan. */
export function searchParameters(request: Pick<SearchRequest, 'terms' | 'filters' | 'memberId'>, plan: SearchPlan = planOf(request)) {
  const match = matchExpression(request.terms);
  if (plan === 'light') return { match, memberId: request.memberId };
  return {
    match,
    memberId: request.memberId,
    schemes: asJson(request.filters.schemes),
    kinds: asJson(request.filters.kinds),
    years: asJson(request.filters.years),
  };
}

/** `a\u0002hit\u0003 b` → `[{a, false}, {hit, true}, {b, false}]`, white space collapsed. */
export function segmentsOf(marked: string): SearchSegment[] {
  const segments: SearchSegment[] = [];
  const push = (text: string, hit: boolean) => {
    const clean = text.split(HIT_START).join('').split(HIT_END).join('').replace(/\s+/g, ' ');
    if (clean === '') return;
    const last = segments[segments.length - 1];
    if (last && last.hit === hit) last.text += clean;
    else segments.push({ text: clean, hit });
  };
  let rest = marked;
  for (;;) {
    const start = rest.indexOf(HIT_START);
    if (start < 0) break;
    const end = rest.indexOf(HIT_END, start + 1);
    if (end < 0) break;
    push(rest.slice(0, start), false);
    push(rest.slice(start + 1, end), true);
    rest = rest.slice(end + 1);
  }
  push(rest, false);
  const first = segments[0];
  if (first) first.text = first.text.trimStart();
  const last = segments[segments.length - 1];
  if (last) last.text = last.text.trimEnd();
  return segments.filter((s) => s.text !== '');
}

/** The segments after the first `count` characters (drops the reference in front of a dossier's subject). */
export function dropChars(segments: SearchSegment[], count: number): SearchSegment[] {
  const out: SearchSegment[] = [];
  let skip = count;
  for (const segment of segments) {
    if (skip >= segment.text.length) {
      skip -= segment.text.length;
      continue;
    }
    out.push({ text: segment.text.slice(skip), hit: segment.hit });
    skip = 0;
  }
  return out;
}

/** `0464281392 5000 Namur` → `0464.281.392 5000 Namur` inside the operator's snippet. */
function formatBceIn(segments: SearchSegment[]): SearchSegment[] {
  return segments.map((s) => ({ ...s, text: s.text.replace(/\b([01]\d{3})(\d{3})(\d{3})\b/g, '$1.$2.$3') }));
}

interface DetailsRow extends Omit<SearchHit, 'title' | 'snippet' | 'rank'> {
  rowid: number;
  markedTitle: string;
  markedSnippet: string;
}

export function searchIndex(db: Db, request: SearchRequest): SearchPage {
  const plan = planOf(request);
  const params = searchParameters(request, plan);
  const selected = request.filters.sources && request.filters.sources.length > 0 ? request.filters.sources : null;
  const rows = cached(db, searchSql(plan)).all({
    ...params,
    sources: selected ? JSON.stringify(selected.map((source) => SOURCE_CODES[source])) : null,
    limit: request.limit,
    offset: request.offset,
  }) as { part: 0 | 1; a: number; b: number }[];

  const bySource: Record<SearchSource, number> = { dossier: 0, note: 0, finding: 0, document: 0, operator: 0 };
  const sourceOf = new Map(SEARCH_SOURCES.map((source) => [SOURCE_CODES[source], source]));
  const page: { rowid: number; score: number }[] = [];
  for (const { part, a, b } of rows) {
    if (part === 1) page.push({ rowid: a, score: b });
    else {
      const source = sourceOf.get(a);
      if (source) bySource[source] = b;
    }
  }
  const total = (selected ?? SEARCH_SOURCES).reduce((sum, source) => sum + bySource[source], 0);
  if (page.length === 0) return { total, bySource, hits: [] };

  const details = new Map(
    (cached(db, DETAILS_SQL).all({ match: params.match, rowids: JSON.stringify(page.map((r) => r.rowid)) }) as DetailsRow[]).map((row) => [
      row.rowid,
      row,
    ]),
  );
  const hits: SearchHit[] = [];
  for (const { rowid, score } of page) {
    const found = details.get(rowid);
    if (!found) continue;
    const { rowid: _rowid, markedTitle, markedSnippet, ...row } = found;
    let title = segmentsOf(markedTitle);
    let snippet = segmentsOf(markedSnippet);
    if (row.source === 'dossier' && row.reference) title = dropChars(title, row.reference.length + 1);
    if (row.source === 'operator') snippet = formatBceIn(snippet);
    // A document's text without the words is its letterhead: no help to the reader.
    if (row.source === 'document' && !snippet.some((s) => s.hit)) snippet = [];
    if (title.length === 0 && row.plainTitle) title = [{ text: row.plainTitle, hit: false }];
    hits.push({ ...row, title, snippet, rank: score });
  }
  return { total, bySource, hits };
}

/** The years of the dossiers (received or reported on), most recent first. */
export function searchYears(db: Db): number[] {
  const row = cached(db, YEARS_SQL).get() as { first: number | null; last: number | null; firstReport: number | null };
  if (row.first === null || row.last === null) return [];
  const first = Math.min(row.first, row.firstReport ?? row.first);
  const years: number[] = [];
  for (let year = row.last; year >= first; year -= 1) years.push(year);
  return years;
}
