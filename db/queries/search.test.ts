import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bceFromBase } from '../../shared/bce';
import { searchTerms, type SearchSegment } from '../../shared/contract/search';
import { openDatabase, type Db } from '../open';
import { DETAILS_SQL, matchExpression, planOf, searchIndex, searchParameters, searchSql, searchYears, segmentsOf, type SearchFilters } from './search';

let dir: string;
let db: Db;
const NOW = '2026-11-22T09:00:00.000Z';

function insert(sql: string, ...params: unknown[]): number {
  return Number(db.prepare(sql).run(...params).lastInsertRowid);
}

function addOperator(name: string, base: string, commune = 'Namur'): number {
  return insert(
    `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
     VALUES (?, ?, 'SC', 1, '5000', ?, 'NA', 'ressourcerie', ?, ?)`,
    bceFromBase(base), name, commune, NOW, NOW,
  );
}

function addDossier(
  reference: string,
  operatorId: number,
  fields: { scheme: string; kind: string; receivedOn: string; subject: string; proposal?: string; reportYear?: number },
): number {
  return insert(
    `INSERT INTO dossiers (reference, operator_id, scheme, kind, status, subject, received_on, report_year, proposal_text, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?)`,
    reference, operatorId, fields.scheme, fields.kind, fields.subject, fields.receivedOn, fields.reportYear ?? null, fields.proposal ?? null, NOW, NOW,
  );
}

function addMember(name: string): number {
  return insert(
    `INSERT INTO members (full_name, organisation, organisation_kind, role, voting, active_from) VALUES (?, 'Fédération', 'federation', 'member', 1, '2020-01-01')`,
    name,
  );
}

function addNote(dossierId: number, authorId: number | null, visibility: 'private' | 'shared', body: string): number {
  return insert(
    `INSERT INTO notes (dossier_id, author_member_id, visibility, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    dossierId, authorId, visibility, body, NOW, NOW,
  );
}

function addInspection(operatorId: number, dossierId: number | null, on: string): number {
  return insert(`INSERT INTO inspections (operator_id, dossier_id, inspected_on, inspector, scope) VALUES (?, ?, ?, 'Sophie Delvaux', 'Contrôle des conditions d’agrément')`, operatorId, dossierId, on);
}

function addFinding(inspectionId: number, description: string, severity = 'minor'): number {
  return insert(`INSERT INTO findings (inspection_id, severity, description) VALUES (?, ?, ?)`, inspectionId, severity, description);
}

function addDocument(dossierId: number, title: string, text: string, date: string | null = '2025-03-01'): number {
  const sha = (dossierId.toString(16) + title.length.toString(16)).padEnd(64, '0');
  return insert(
    `INSERT INTO documents (dossier_id, sha256, title, kind, document_date, filename, media_type, size_bytes, text_content, added_at)
     VALUES (?, ?, ?, 'annex', ?, 'annexe.pdf', 'application/pdf', 1000, ?, ?)`,
    dossierId, sha, title, date, text, NOW,
  );
}

let ids: Record<string, number>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-search-'));
  db = openDatabase(join(dir, 'comes.sqlite'), { create: true });
  const jardins = addOperator('Éco-Jardins de Liège SC', '04000001', 'Liège');
  const laverie = addOperator('Laverie sociale du Condroz ASBL', '04000002', 'Ciney');
  const alice = addMember('Alice Martin');
  const bruno = addMember('Bruno Lefèvre');
  insert(`INSERT INTO agrements (operator_id, scheme, number, status) VALUES (?, 'EI', 'EI-001', 'active')`, jardins);
  const a = addDossier('EI-2024-0001', jardins, {
    scheme: 'EI', kind: 'agrement', receivedOn: '2024-02-01',
    subject: 'Demande d’agrément — projet de réinsertion par le maraîchage',
    proposal: 'Avis favorable proposé. Le public cible est accompagné par un accompagnateur social.',
  });
  const b = addDossier('IDESS-2025-0002', laverie, {
    scheme: 'IDESS', kind: 'renewal', receivedOn: '2025-06-15',
    subject: 'Renouvellement — laverie sociale',
    proposal: 'La laverie poursuit son projet de reinsertion des travailleurs SINE, avec un volet de réinsertion par le travail et une réinsertion durable.',
  });
  const c = addDossier('EI-2026-0003', jardins, {
    scheme: 'EI', kind: 'activity_report', receivedOn: '2026-05-20', reportYear: 2025,
    subject: 'Rapport d’activités 2025 — entreprise d’insertion',
    proposal: 'Economie sociale : prise d’acte du rapport.',
  });
  const inspected = addInspection(jardins, c, '2026-03-10');
  const loose = addInspection(laverie, null, '2023-11-05');
  ids = {
    jardins, laverie, alice, bruno, a, b, c, inspected, loose,
    sharedNote: addNote(a, bruno, 'shared', 'Maraîchage solidaire : visite utile avant la séance.'),
    alicePrivate: addNote(a, alice, 'private', 'Maraîchage : vérifier le plan financier (note d’Alice).'),
    brunoPrivate: addNote(a, bruno, 'private', 'Maraîchage : position de Bruno, confidentielle.'),
    ownPrivate: addNote(b, null, 'private', 'Maraîchage urbain ? Demander au secrétariat.'),
    finding: addFinding(inspected, 'Les barèmes de la commission paritaire ne sont pas respectés.', 'major'),
    looseFinding: addFinding(loose, 'Barèmes appliqués correctement.', 'info'),
    document: addDocument(b, 'Rapport d’activités de la laverie', 'La laverie emploie six travailleurs.\n\nNear the station, the shop opens.', '2025-04-02'),
  };
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const search = (q: string, filters: SearchFilters = {}, memberId: number | null = null, limit = 50) =>
  searchIndex(db, { terms: searchTerms(q), filters, memberId, limit, offset: 0 });
const keys = (q: string, filters: SearchFilters = {}, memberId: number | null = null) =>
  search(q, filters, memberId).hits.map((h) => `${h.source}:${h.sourceId}`);
const text = (segments: SearchSegment[]) => segments.map((s) => s.text).join('');
const hits = (segments: SearchSegment[]) => segments.filter((s) => s.hit).map((s) => s.text);

describe('the words of a query', () => {
  it('keeps letters and digits, whatever the script or accents, and drops punctuation', () => {
    expect(searchTerms('  Réinsertion,  MARAÎCHAGE ! ')).toEqual(['Réinsertion', 'MARAÎCHAGE']);
    expect(searchTerms('« L’économie » d’insertion')).toEqual(['économie', 'insertion']);
    expect(searchTerms('EI-2024-0001')).toEqual(['EI 2024 0001']);
    expect(searchTerms('laverie Laverie LAVERIE')).toEqual(['laverie']);
  });

  it('has no word at all in punctuation or blanks', () => {
    for (const q of ['', '   ', '?!…', '— « » ; : ( ) *', '"', '-- /* */']) expect(searchTerms(q)).toEqual([]);
  });

  it('reads a BCE number typed with dots, spaces or BE as its ten digits', () => {
    const bce = bceFromBase('04000001');
    const dotted = `${bce.slice(0, 4)}.${bce.slice(4, 7)}.${bce.slice(7)}`;
    expect(searchTerms(dotted)).toEqual([bce]);
    expect(searchTerms(`BE ${dotted}`)).toEqual([bce]);
    expect(searchTerms(`${bce.slice(0, 4)} ${bce.slice(4, 7)} ${bce.slice(7)}`)).toEqual([bce]);
    expect(searchTerms(`${bce.slice(0, 4)}.${bce.slice(4, 6)}`)).toEqual([bce.slice(0, 6)]);
  });

  it('quotes every term as a prefix, so that no FTS5 syntax can come from the user', () => {
    expect(matchExpression(searchTerms('"a" OR 1=1 --'))).toBe('"a" "OR"* "1 1"');
    expect(matchExpression(searchTerms('NEAR(laverie, 20)'))).toBe('"NEAR laverie"* "20"*');
    expect(matchExpression(['a"b'])).toBe('"a""b"*');
    // A single character is a word of its own, not the prefix of most of the index.
    expect(matchExpression(['é', 'EI 2024 0'])).toBe('"é" "EI 2024 0"');
    expect(() => matchExpression([])).toThrow();
  });
});

describe('full-text search', () => {
  it('ignores accents both ways and case', () => {
    // « reinsertion » finds « réinsertion » and « réinsertion » finds « reinsertion ».
    expect(keys('reinsertion').sort()).toEqual([`dossier:${ids.a}`, `dossier:${ids.b}`].sort());
    expect(keys('réinsertion').sort()).toEqual(keys('reinsertion').sort());
    expect(keys('RÉINSERTION').sort()).toEqual(keys('reinsertion').sort());
    expect(keys('économie')).toEqual([`dossier:${ids.c}`]);
    expect(keys('BAREMES').sort()).toEqual([`finding:${ids.finding}`, `finding:${ids.looseFinding}`].sort());
  });

  it('matches each word as a prefix, all words required', () => {
    expect(keys('reins').sort()).toEqual(keys('reinsertion').sort());
    expect(keys('réin lav')).toEqual([`dossier:${ids.b}`]);
    expect(keys('réinsertionx')).toEqual([]);
    expect(keys('laverie maraîchage')).toEqual([]);
  });

  it('ranks a title hit above a body hit, even when the body repeats the word', () => {
    const results = search('reinsertion').hits;
    expect(results.map((h) => h.sourceId)).toEqual([ids.a, ids.b]);
    expect(results[0]!.rank).toBeLessThan(results[1]!.rank);
  });

  it('returns titles and snippets as segments marking the matched words', () => {
    const [dossier] = search('maraich').hits.filter((h) => h.source === 'dossier');
    // The reference is shown apart: the title is the subject.
    expect(text(dossier!.title)).toBe('Demande d’agrément — projet de réinsertion par le maraîchage');
    expect(hits(dossier!.title)).toEqual(['maraîchage']);
    const [doc] = search('emploie').hits;
    expect(doc).toMatchObject({ source: 'document', dossierId: ids.b, reference: 'IDESS-2025-0002', date: '2025-04-02' });
    expect(hits(doc!.snippet)).toEqual(['emploie']);
    expect(text(doc!.snippet)).not.toContain('\n');
    expect(text(doc!.snippet)).not.toContain('\u0002');
    expect(text(doc!.snippet)).not.toContain('\u0003');
    expect(segmentsOf('a \u0002b\u0003 c')).toEqual([
      { text: 'a ', hit: false },
      { text: 'b', hit: true },
      { text: ' c', hit: false },
    ]);
  });

  it('describes each hit with its dossier, operator and date', () => {
    const [finding] = search('barèmes commission').hits;
    expect(finding).toMatchObject({
      source: 'finding', sourceId: ids.finding, dossierId: ids.c, reference: 'EI-2026-0003', operatorId: ids.jardins,
      operatorName: 'Éco-Jardins de Liège SC', scheme: 'EI', kind: 'activity_report', date: '2026-03-10', severity: 'major',
    });
    expect(text(finding!.title)).toBe('Rapport d’activités 2025 — entreprise d’insertion');
    // A finding of an inspection without dossier still names its operator.
    const [loose] = search('appliqués').hits;
    expect(loose).toMatchObject({ source: 'finding', dossierId: null, reference: null, operatorId: ids.laverie, scheme: null, date: '2023-11-05' });
    expect(text(loose!.title)).toBe('Contrôle des conditions d’agrément');
  });

  it('finds operators by name, commune and BCE number typed with dots', () => {
    const bce = bceFromBase('04000002');
    const [operator] = search(`${bce.slice(0, 4)}.${bce.slice(4, 7)}.${bce.slice(7)}`).hits;
    expect(operator).toMatchObject({ source: 'operator', sourceId: ids.laverie, operatorId: ids.laverie, dossierId: null, operatorName: 'Laverie sociale du Condroz ASBL' });
    expect(hits(operator!.snippet)).toEqual([`${bce.slice(0, 4)}.${bce.slice(4, 7)}.${bce.slice(7)}`]);
    expect(keys('ciney')).toEqual([`operator:${ids.laverie}`]);
  });

  it('filters by scheme, kind, year (received or reported on) and source', () => {
    expect(keys('reinsertion', { schemes: ['IDESS'] })).toEqual([`dossier:${ids.b}`]);
    expect(keys('reinsertion', { kinds: ['agrement'] })).toEqual([`dossier:${ids.a}`]);
    expect(keys('reinsertion', { years: [2025] })).toEqual([`dossier:${ids.b}`]);
    expect(keys('rapport', { years: [2025] }).sort()).toEqual([`dossier:${ids.c}`, `document:${ids.document}`].sort());
    expect(keys('rapport', { years: [2026] })).toEqual([`dossier:${ids.c}`]);
    expect(keys('reinsertion', { schemes: ['EI'], kinds: ['renewal'] })).toEqual([]);
    expect(keys('barèmes', { sources: ['finding'] })).toHaveLength(2);
    expect(keys('laverie', { sources: ['operator'] })).toEqual([`operator:${ids.laverie}`]);
    // An operator matches a scheme filter through its agréments, not a kind or year filter.
    expect(keys('liège', { schemes: ['EI'] })).toContain(`operator:${ids.jardins}`);
    expect(keys('liège', { schemes: ['IDESS'] })).not.toContain(`operator:${ids.jardins}`);
    expect(keys('liège', { kinds: ['agrement'] })).not.toContain(`operator:${ids.jardins}`);
  });

  it('counts all matches per source, pages them, and keeps the counts whatever the source filter', () => {
    const all = search('laverie');
    expect(all.bySource).toEqual({ dossier: 1, note: 0, finding: 0, document: 1, operator: 1 });
    expect(all.total).toBe(3);
    const onlyDocs = search('laverie', { sources: ['document'] });
    expect(onlyDocs.total).toBe(1);
    expect(onlyDocs.bySource).toEqual(all.bySource);
    const first = searchIndex(db, { terms: ['laverie'], filters: {}, memberId: null, limit: 2, offset: 0 });
    const second = searchIndex(db, { terms: ['laverie'], filters: {}, memberId: null, limit: 2, offset: 2 });
    expect(first.hits).toHaveLength(2);
    expect(second.hits).toHaveLength(1);
    expect(second.total).toBe(3);
    expect(new Set([...first.hits, ...second.hits].map((h) => `${h.source}:${h.sourceId}`)).size).toBe(3);
  });

  it('finds shared notes and only the user’s own private notes', () => {
    // Secretariat workspace (no member): its own notes have no author.
    expect(keys('maraîchage', { sources: ['note'] }).sort()).toEqual([`note:${ids.sharedNote}`, `note:${ids.ownPrivate}`].sort());
    // Alice's workspace: her private note, never Bruno's.
    expect(keys('maraîchage', { sources: ['note'] }, ids.alice).sort()).toEqual([`note:${ids.sharedNote}`, `note:${ids.alicePrivate}`].sort());
    expect(keys('confidentielle', {}, ids.alice)).toEqual([]);
    expect(keys('confidentielle', {}, ids.bruno)).toEqual([`note:${ids.brunoPrivate}`]);
    expect(search('maraîchage', {}, ids.alice).bySource.note).toBe(2);
    const [note] = search('confidentielle', {}, ids.bruno).hits;
    expect(note).toMatchObject({ visibility: 'private', dossierId: ids.a, reference: 'EI-2024-0001' });
    expect(text(note!.title)).toBe('Demande d’agrément — projet de réinsertion par le maraîchage');
  });

  it('never shows a member what concerns an operator they declared a conflict with', () => {
    insert(`INSERT INTO conflicts (member_id, operator_id, kind, declared_on) VALUES (?, ?, 'board', '2024-01-01')`, ids.alice, ids.laverie);
    expect(keys('laverie', {}, ids.alice)).toEqual([]);
    expect(keys('reinsertion', {}, ids.alice)).toEqual([`dossier:${ids.a}`]);
    expect(keys('laverie', {}, ids.bruno)).toHaveLength(3);
  });

  it('treats FTS5 syntax typed by the user as plain words', () => {
    expect(() => search('"a" OR 1=1 --')).not.toThrow();
    expect(search('"a" OR 1=1 --').total).toBe(0);
    expect(keys('NEAR(')).toEqual([`document:${ids.document}`]);
    expect(keys('laverie OR maraîchage')).toEqual([]);
    expect(keys('title:laverie')).toEqual([]);
    expect(keys('laverie*')).toEqual(keys('laverie'));
    expect(keys('-laverie').length).toBe(3);
  });

  it('follows the live rows: an edited note or finding is found by its new words', () => {
    db.prepare('UPDATE notes SET body = ? WHERE id = ?').run('Potager collectif', ids.sharedNote);
    expect(keys('potager')).toEqual([`note:${ids.sharedNote}`]);
    db.prepare('UPDATE inspections SET dossier_id = ? WHERE id = ?').run(ids.a, ids.inspected);
    expect(search('paritaire').hits[0]).toMatchObject({ dossierId: ids.a, reference: 'EI-2024-0001' });
  });

  it('offers the years of the dossiers, most recent first', () => {
    expect(searchYears(db)).toEqual([2026, 2025, 2024]);
  });
});

describe('query plans of the search', () => {
  const plan = (sql: string, params: Record<string, unknown>) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
  const usesFtsIndex = (details: string[]) => expect(details.some((d) => /^SCAN si VIRTUAL TABLE INDEX \d+:.*M/.test(d))).toBe(true);
  // No real table is scanned; only the FTS index, the filter lists and the materialised matches.
  const scansNoTable = (details: string[]) =>
    expect(details.filter((d) => /^SCAN /.test(d) && !/VIRTUAL TABLE/.test(d) && !/^SCAN (hits|\(subquery-\d+\))$/.test(d))).toEqual([]);
  const byPrimaryKey = (details: string[], tables: string[]) => {
    for (const table of tables) {
      expect(details).toContainEqual(expect.stringMatching(new RegExp(`^SEARCH ${table} USING INTEGER PRIMARY KEY \\(rowid=\\?\\)`)));
    }
  };

  it('without filters, ranks and counts from the full-text index, checking a note’s visibility by its key', () => {
    const request = { terms: ['reins'], filters: {}, memberId: null };
    expect(planOf(request)).toBe('light');
    const params = searchParameters(request);
    const details = plan(searchSql('light'), { ...params, sources: null, limit: 50, offset: 0 });
    usesFtsIndex(details);
    byPrimaryKey(details, ['n']);
    scansNoTable(details);
    // The matches are read once, for the counts and the page.
    expect(details.filter((d) => d.includes('VIRTUAL TABLE INDEX') && d.startsWith('SCAN si'))).toHaveLength(1);
  });

  it('with filters or for a member, joins every hit’s rows through their primary keys', () => {
    const request = { terms: ['reins'], filters: { schemes: ['EI' as const], kinds: ['renewal' as const], years: [2025] }, memberId: 3 };
    expect(planOf(request)).toBe('full');
    expect(planOf({ filters: {}, memberId: 3 })).toBe('full');
    const params = searchParameters(request);
    const details = plan(searchSql('full'), { ...params, sources: '[1]', limit: 50, offset: 0 });
    usesFtsIndex(details);
    byPrimaryKey(details, ['n', 'doc', 'f', 'i', 'd', 'o']);
    scansNoTable(details);
    expect(details).toContainEqual(expect.stringContaining('USING COVERING INDEX sqlite_autoindex_conflicts_1'));
    expect(details.filter((d) => d.includes('VIRTUAL TABLE INDEX') && d.startsWith('SCAN si'))).toHaveLength(1);
  });

  it('reads the details of the page’s rows in one pass over the matches, then by primary keys', () => {
    const details = plan(DETAILS_SQL, { match: '"reins"*', rowids: '[9, 17]' });
    // MATCH only: a rowid constraint would make FTS5 evaluate the query again for each row.
    expect(details.some((d) => /^SCAN si VIRTUAL TABLE INDEX \d+:M/.test(d))).toBe(true);
    byPrimaryKey(details, ['n', 'doc', 'f', 'i', 'd', 'o']);
    scansNoTable(details);
  });
});
