import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bceFromBase } from '../../shared/bce';
import { openDatabase, type Db } from '../open';
import { storeCompliance } from './compliance';
import { countSql, getDossier, getDossierSessions, groupsSql, listDossiers, listParameters, listSql, textTokens, type DossierListQuery } from './dossiers';

let dir: string;
let db: Db;

const NOW = '2026-11-22T09:00:00.000Z';

function addOperator(name: string, base: string, commune = 'Namur'): number {
  return Number(
    db
      .prepare(
        `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
         VALUES (?, ?, 'SC', 1, '5000', ?, 'NA', 'ressourcerie', ?, ?)`,
      )
      .run(bceFromBase(base), name, commune, NOW, NOW).lastInsertRowid,
  );
}

function addDossier(reference: string, operatorId: number, fields: { scheme: string; kind: string; status: string; receivedOn: string; subject?: string }): number {
  return Number(
    db
      .prepare(
        `INSERT INTO dossiers (reference, operator_id, scheme, kind, status, subject, received_on, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(reference, operatorId, fields.scheme, fields.kind, fields.status, fields.subject ?? 'Objet', fields.receivedOn, NOW, NOW).lastInsertRowid,
  );
}

function addSession(number: number, heldOn: string): number {
  return Number(db.prepare(`INSERT INTO sessions (number, held_on, status) VALUES (?, ?, 'closed')`).run(number, heldOn).lastInsertRowid);
}

function schedule(sessionId: number, dossierId: number, position: number): void {
  db.prepare(`INSERT INTO agenda_items (session_id, dossier_id, section, position) VALUES (?, ?, 'agrements', ?)`).run(sessionId, dossierId, position);
}

const query = (overrides: Partial<DossierListQuery> = {}): DossierListQuery => ({
  sort: { column: 'receivedOn', direction: 'desc' },
  filters: {},
  offset: 0,
  limit: 50,
  ...overrides,
});

let ids: Record<string, number>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-dossiers-'));
  db = openDatabase(join(dir, 'comes.sqlite'), { create: true });
  const reinsertion = addOperator('Réinsertion Éco-Jardins SC', '04000001', 'Liège');
  const laverie = addOperator('Laverie sociale du Condroz ASBL', '04000002', 'Ciney');
  const zeta = addOperator('Zeta Titres-Services SC', '04000003', 'Mons');
  ids = {
    a: addDossier('EI-2024-0001', reinsertion, { scheme: 'EI', kind: 'agrement', status: 'decided', receivedOn: '2024-02-01' }),
    b: addDossier('IDESS-2025-0002', laverie, { scheme: 'IDESS', kind: 'renewal', status: 'scheduled', receivedOn: '2025-06-15', subject: 'Renouvellement — laverie 100 % sociale' }),
    c: addDossier('EI-2025-0003', zeta, { scheme: 'EI', kind: 'activity_report', status: 'received', receivedOn: '2025-07-20' }),
    d: addDossier('IES-2026-0004', reinsertion, { scheme: 'IES', kind: 'renewal', status: 'ready', receivedOn: '2026-01-10' }),
  };
  const s1 = addSession(101, '2025-09-04');
  const s2 = addSession(102, '2025-09-18');
  schedule(s1, ids.b!, 1);
  schedule(s2, ids.b!, 1);
  schedule(s1, ids.a!, 2);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const refs = (q: DossierListQuery) => listDossiers(db, q).rows.map((r) => r.reference);

describe('the Dossiers list', () => {
  it('lists the most recently received dossiers first by default, with operator and latest session', () => {
    const { rows, total } = listDossiers(db, query());
    expect(total).toBe(4);
    expect(rows.map((r) => r.reference)).toEqual(['IES-2026-0004', 'EI-2025-0003', 'IDESS-2025-0002', 'EI-2024-0001']);
    expect(rows[2]).toMatchObject({ operatorName: 'Laverie sociale du Condroz ASBL', sessionNumber: 102, sessionDate: '2025-09-18' });
    expect(rows[0]).toMatchObject({ sessionNumber: null, sessionDate: null });
  });

  it('sorts by each column in both directions', () => {
    expect(refs(query({ sort: { column: 'receivedOn', direction: 'asc' } }))[0]).toBe('EI-2024-0001');
    expect(refs(query({ sort: { column: 'reference', direction: 'asc' } }))).toEqual(['EI-2024-0001', 'EI-2025-0003', 'IDESS-2025-0002', 'IES-2026-0004']);
    // Accents do not push "Réinsertion" after "Zeta".
    expect(listDossiers(db, query({ sort: { column: 'operator', direction: 'asc' } })).rows.map((r) => r.operatorName)[0]).toBe('Laverie sociale du Condroz ASBL');
    expect(listDossiers(db, query({ sort: { column: 'operator', direction: 'desc' } })).rows[0]?.operatorName).toBe('Zeta Titres-Services SC');
    // Status follows the workflow: received before ready before scheduled before decided.
    expect(refs(query({ sort: { column: 'status', direction: 'asc' } }))).toEqual(['EI-2025-0003', 'IES-2026-0004', 'IDESS-2025-0002', 'EI-2024-0001']);
  });

  it('keeps dossiers without a session last when sorting by session, in both directions', () => {
    expect(refs(query({ sort: { column: 'session', direction: 'asc' } })).slice(0, 2)).toEqual(['EI-2024-0001', 'IDESS-2025-0002']);
    expect(refs(query({ sort: { column: 'session', direction: 'desc' } })).slice(0, 2)).toEqual(['IDESS-2025-0002', 'EI-2024-0001']);
  });

  it('filters by scheme, kind and status, and counts the filtered total', () => {
    expect(listDossiers(db, query({ filters: { schemes: ['EI'] } })).total).toBe(2);
    expect(refs(query({ filters: { schemes: ['EI', 'IES'], kinds: ['renewal'] } }))).toEqual(['IES-2026-0004']);
    expect(refs(query({ filters: { statuses: ['scheduled', 'decided'] } }))).toEqual(['IDESS-2025-0002', 'EI-2024-0001']);
    expect(listDossiers(db, query({ filters: { schemes: [] } })).total).toBe(4);
  });

  it('filters on text ignoring case and accents, across reference, operator, commune and subject', () => {
    expect(refs(query({ filters: { text: 'reinsertion' } }))).toEqual(['IES-2026-0004', 'EI-2024-0001']);
    expect(refs(query({ filters: { text: 'LIÈGE' } }))).toHaveLength(2);
    expect(refs(query({ filters: { text: 'idess-2025' } }))).toEqual(['IDESS-2025-0002']);
    expect(listDossiers(db, query({ filters: { text: 'laverie', schemes: ['EI'] } })).total).toBe(0);
  });

  it('finds an operator by its BCE number typed with or without dots', () => {
    const bce = bceFromBase('04000003');
    const dotted = `${bce.slice(0, 4)}.${bce.slice(4, 7)}.${bce.slice(7)}`;
    expect(refs(query({ filters: { text: dotted } }))).toEqual(['EI-2025-0003']);
    expect(refs(query({ filters: { text: bce } }))).toEqual(['EI-2025-0003']);
  });

  it('matches the beginnings of words, across the dossier and its operator, each word narrowing the list', () => {
    // Word prefixes, not substrings: "sertion" does not find "Réinsertion".
    expect(refs(query({ filters: { text: 'réins' } }))).toEqual(['IES-2026-0004', 'EI-2024-0001']);
    expect(refs(query({ filters: { text: 'sertion' } }))).toEqual([]);
    // One word in the operator's commune, one in the dossier's reference.
    expect(refs(query({ filters: { text: 'liege ies' } }))).toEqual(['IES-2026-0004']);
    expect(refs(query({ filters: { text: 'EI-2025-0003' } }))).toEqual(['EI-2025-0003']);
    expect(refs(query({ filters: { text: 'laverie renouvellement' } }))).toEqual(['IDESS-2025-0002']);
    expect(refs(query({ filters: { text: 'laverie inconnu' } }))).toEqual([]);
  });

  it('treats quotes, stars and FTS operators typed by the user as plain text, and punctuation alone as no filter', () => {
    expect(refs(query({ filters: { text: '100 %' } }))).toEqual(['IDESS-2025-0002']);
    expect(refs(query({ filters: { text: '"laverie" OR NEAR(zeta*' } }))).toEqual([]);
    expect(refs(query({ filters: { text: 'laverie"' } }))).toEqual(['IDESS-2025-0002']);
    // Cut like the search screen: words written together are one phrase; the index folds case and accents.
    expect(textTokens('Éco-Jardins "OR" * a')).toEqual(['"Éco Jardins"*', '"OR"*']);
    expect(textTokens('Namur 0464.281.392')).toEqual(['"Namur"*', '"0464281392"*']);
    expect(listParameters({ text: 'EI-2025-0003' })).toMatchObject({ shape: { text: 'reference' }, params: { tokens: '"EI 2025 0003"*' } });
    expect(listDossiers(db, query({ filters: { text: '%' } })).total).toBe(4);
    expect(listDossiers(db, query({ filters: { text: '_ - ;' } })).total).toBe(4);
  });

  it('counts on the first page only: later pages leave the total to the client', () => {
    expect(listDossiers(db, query({ offset: 0, limit: 2 })).total).toBe(4);
    const page = listDossiers(db, query({ offset: 1, limit: 2 }));
    expect(page.total).toBeNull();
    expect(page.rows.map((r) => r.reference)).toEqual(['EI-2025-0003', 'IDESS-2025-0002']);
    expect(listDossiers(db, query({ offset: 0, limit: 1, filters: { text: 'reinsertion' } })).total).toBe(2);
  });
});

describe('grouping the Dossiers list', () => {
  it('orders rows by scheme first, then by the chosen sort, and counts each scheme', () => {
    const { rows, groups, total } = listDossiers(db, query({ groupBy: 'scheme' }));
    expect(rows.map((r) => r.reference)).toEqual(['EI-2025-0003', 'EI-2024-0001', 'IDESS-2025-0002', 'IES-2026-0004']);
    expect(groups?.map((g) => [g.key, g.count])).toEqual([['EI', 2], ['IDESS', 1], ['IES', 1]]);
    expect(total).toBe(4);
  });

  it('groups statuses in workflow order and respects the filters in the counts', () => {
    const { rows, groups } = listDossiers(db, query({ groupBy: 'status', filters: { schemes: ['EI', 'IES'] } }));
    expect(groups?.map((g) => [g.key, g.count])).toEqual([['received', 1], ['ready', 1], ['decided', 1]]);
    expect(rows.map((r) => r.status)).toEqual(['received', 'ready', 'decided']);
  });

  it('groups by latest session, most recent first, dossiers without a session last', () => {
    const { rows, groups } = listDossiers(db, query({ groupBy: 'session' }));
    expect(groups?.map((g) => [g.sessionNumber, g.sessionDate, g.count])).toEqual([
      [102, '2025-09-18', 1],
      [101, '2025-09-04', 1],
      [null, null, 2],
    ]);
    expect(groups?.[2]?.key).toBeNull();
    expect(rows.map((r) => r.reference)).toEqual(['IDESS-2025-0002', 'EI-2024-0001', 'IES-2026-0004', 'EI-2025-0003']);
  });

  it('pages through groups: the page after the first one continues in group order without counting again', () => {
    const second = listDossiers(db, query({ groupBy: 'scheme', offset: 2, limit: 2 }));
    expect(second.rows.map((r) => r.reference)).toEqual(['IDESS-2025-0002', 'IES-2026-0004']);
    expect(second.groups).toBeNull();
    expect(listDossiers(db, query({ groupBy: 'scheme', filters: { text: 'reinsertion' } })).groups?.map((g) => [g.key, g.count])).toEqual([
      ['EI', 1],
      ['IES', 1],
    ]);
  });
});

describe('compliance in the Dossiers list', () => {
  const breach = { worst: 'breach' as const, breaches: 2, warnings: 1, missing: 0, flags: [
    { ruleId: 'ei.target_share' as const, status: 'breach' as const },
    { ruleId: 'ei.pay_spread' as const, status: 'breach' as const },
    { ruleId: 'agrement.expiry' as const, status: 'warning' as const },
  ] };
  const missing = { worst: 'missing' as const, breaches: 0, warnings: 0, missing: 1, flags: [{ ruleId: 'report.on_time' as const, status: 'missing' as const }] };
  const warning = { worst: 'warning' as const, breaches: 0, warnings: 1, missing: 0, flags: [{ ruleId: 'agrement.expiry' as const, status: 'warning' as const }] };
  const ok = { worst: 'ok' as const, breaches: 0, warnings: 0, missing: 0, flags: [] };

  beforeEach(() => {
    storeCompliance(db, [
      { dossierId: ids.a!, asOf: '2026-11-22', rulesVersion: 'v+1', summary: breach },
      { dossierId: ids.b!, asOf: '2026-11-22', rulesVersion: 'v+1', summary: missing },
      { dossierId: ids.c!, asOf: '2026-11-22', rulesVersion: 'v+1', summary: warning },
    ]);
  });

  it('carries each row’s stored result, and null for a dossier not evaluated yet', () => {
    const rows = listDossiers(db, query()).rows;
    expect(Object.fromEntries(rows.map((r) => [r.reference, r.compliance]))).toEqual({
      'IES-2026-0004': null,
      'EI-2025-0003': warning,
      'IDESS-2025-0002': missing,
      'EI-2024-0001': breach,
    });
  });

  it('keeps the dossiers with at least one rule in one of the statuses asked for, and counts them', () => {
    expect(listDossiers(db, query({ filters: { compliance: ['breach'] } }))).toMatchObject({ total: 1, rows: [{ reference: 'EI-2024-0001' }] });
    expect(refs(query({ filters: { compliance: ['missing'] } }))).toEqual(['IDESS-2025-0002']);
    // A breaching dossier that also has a warning is found by either.
    expect(refs(query({ filters: { compliance: ['warning'] } }))).toEqual(['EI-2025-0003', 'EI-2024-0001']);
    expect(listDossiers(db, query({ filters: { compliance: [] } })).total).toBe(4);
    storeCompliance(db, [{ dossierId: ids.a!, asOf: '2026-11-23', rulesVersion: 'v+1', summary: ok }]);
    expect(listDossiers(db, query({ filters: { compliance: ['breach'] } }))).toMatchObject({ total: 0, rows: [] });
  });

  it('combines with the other filters, the text filter, sorting, grouping and paging', () => {
    expect(listDossiers(db, query({ filters: { compliance: ['breach', 'warning'], schemes: ['EI'], kinds: ['agrement'] } }))).toMatchObject({ total: 1 });
    expect(refs(query({ filters: { compliance: ['breach', 'missing'], text: 'laverie' } }))).toEqual(['IDESS-2025-0002']);
    expect(refs(query({ sort: { column: 'reference', direction: 'asc' }, filters: { compliance: ['breach', 'missing', 'warning'] } }))).toEqual([
      'EI-2024-0001',
      'EI-2025-0003',
      'IDESS-2025-0002',
    ]);
    const grouped = listDossiers(db, query({ groupBy: 'scheme', filters: { compliance: ['breach', 'missing', 'warning'] } }));
    expect(grouped.groups?.map((g) => [g.key, g.count])).toEqual([['EI', 2], ['IDESS', 1]]);
    expect(grouped.total).toBe(3);
    const second = listDossiers(db, query({ offset: 1, limit: 1, filters: { compliance: ['breach', 'missing', 'warning'] } }));
    expect(second).toMatchObject({ total: null, rows: [{ reference: 'IDESS-2025-0002' }] });
  });
});

describe('a dossier', () => {
  it('reads its header facts and the sessions it was on, in date order', () => {
    expect(getDossier(db, ids.b!)).toMatchObject({ reference: 'IDESS-2025-0002', scheme: 'IDESS', kind: 'renewal', receivedOn: '2025-06-15' });
    expect(getDossierSessions(db, ids.b!).map((s) => s.number)).toEqual([101, 102]);
    expect(getDossier(db, 999_999)).toBeUndefined();
  });

  it('keeps the latest session when an agenda item is removed', () => {
    db.prepare('DELETE FROM agenda_items WHERE dossier_id = ? AND session_id = (SELECT id FROM sessions WHERE number = 102)').run(ids.b!);
    expect(listDossiers(db, query({ filters: { text: 'IDESS' } })).rows[0]?.sessionNumber).toBe(101);
  });
});

describe('a member’s conflicts of interest in the Dossiers list', () => {
  /** A member who declared a conflict with the operator of dossiers a and d (Réinsertion Éco-Jardins). */
  function conflictedMember(): number {
    const member = Number(
      db
        .prepare(
          `INSERT INTO members (full_name, organisation, organisation_kind, role, voting, active_from) VALUES ('Anne Membre', 'Fédération', 'federation', 'member', 1, '2020-01-01')`,
        )
        .run().lastInsertRowid,
    );
    const operator = (db.prepare('SELECT operator_id AS id FROM dossiers WHERE id = ?').get(ids.a) as { id: number }).id;
    db.prepare(`INSERT INTO conflicts (member_id, operator_id, kind, declared_on) VALUES (?, ?, 'board', '2024-01-01')`).run(member, operator);
    return member;
  }

  it('leaves out the conflicted operator’s dossiers, and counts without them', () => {
    const member = conflictedMember();
    const seen = listDossiers(db, query(), member);
    expect(seen.rows.map((r) => r.reference).sort()).toEqual(['EI-2025-0003', 'IDESS-2025-0002']);
    expect(seen.total).toBe(2);
    expect(JSON.stringify(seen)).not.toContain('Réinsertion');
    // Filtered on the operator’s name: nothing.
    expect(listDossiers(db, query({ filters: { text: 'réinsertion' } }), member).total).toBe(0);
  });

  it('counts each group without them, the counts adding up to the rows shown', () => {
    const member = conflictedMember();
    const byScheme = listDossiers(db, query({ groupBy: 'scheme' }), member);
    expect(byScheme.groups?.map((g) => [g.key, g.count])).toEqual([
      ['EI', 1],
      ['IDESS', 1],
    ]);
    expect(byScheme.total).toBe(byScheme.rows.length);
    const bySession = listDossiers(db, query({ groupBy: 'session' }), member);
    expect(bySession.groups?.reduce((sum, g) => sum + g.count, 0)).toBe(2);
  });

  it('shows everything to the secretariat (no viewer), and to a member without conflicts', () => {
    conflictedMember();
    expect(listDossiers(db, query()).total).toBe(4);
    expect(listDossiers(db, query(), null).total).toBe(4);
    expect(listDossiers(db, query(), 999).total).toBe(4);
  });
});

describe('query plans of the hot queries', () => {
  const plan = (sql: string, params: Record<string, unknown>) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n');

  const bound = (filters: DossierListQuery['filters']) => listParameters(filters).params;
  const shape = (filters: DossierListQuery['filters']) => listParameters(filters).shape;

  it('reads the first page by received date through its index, without sorting the table', () => {
    const detail = plan(listSql({ column: 'receivedOn', direction: 'desc' }), { limit: 200, offset: 0 });
    expect(detail).toContain('USING INDEX dossiers_received');
    expect(detail).not.toContain('TEMP B-TREE');
  });

  it('reads the first page by reference through the unique index on references', () => {
    const detail = plan(listSql({ column: 'reference', direction: 'asc' }, null, shape({ schemes: ['EI'] })), { ...bound({ schemes: ['EI'] }), limit: 200, offset: 0 });
    expect(detail).toMatch(/USING INDEX sqlite_autoindex_dossiers/);
    expect(detail).not.toContain('TEMP B-TREE');
  });

  it('filters on text through the full-text index, never by reading every dossier text', () => {
    for (const text of ['laverie', 'laverie sociale', 'EI-2025']) {
      const detail = plan(listSql({ column: 'receivedOn', direction: 'desc' }, null, shape({ text })), { ...bound({ text }), limit: 200, offset: 0 });
      expect(detail).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
      expect(detail).not.toContain('comes_fold');
    }
  });

  it('groups by scheme through the scheme index, sorting only within a scheme', () => {
    const detail = plan(listSql({ column: 'receivedOn', direction: 'desc' }, 'scheme'), { limit: 200, offset: 0 });
    expect(detail).toContain('USING INDEX dossiers_scheme');
    expect(detail).not.toContain('TEMP B-TREE FOR ORDER BY');
    expect(plan(groupsSql('scheme'), {})).toContain('dossiers_scheme');
  });

  it('filters on breaches through the partial index of breaching dossiers, in the page and in the count', () => {
    const filters = { compliance: ['breach' as const] };
    const page = plan(listSql({ column: 'receivedOn', direction: 'desc' }, null, shape(filters)), { ...bound(filters), limit: 200, offset: 0 });
    // The breaching dossiers come from the partial index (a few per cent of the table), each reached by its key.
    expect(page).toContain('dossier_compliance_breaches');
    expect(page).not.toMatch(/SCAN (d|dossiers|dossier_compliance)\b(?! USING INDEX dossier_compliance_)/);
    // The row's own result is read by its key.
    expect(page).toMatch(/SEARCH c USING INTEGER PRIMARY KEY/);
    const count = plan(`SELECT count(*) AS n FROM dossiers d WHERE d.id IN (SELECT dossier_id FROM dossier_compliance WHERE breaches > 0)`, {});
    expect(count).toContain('dossier_compliance_breaches');
    const both = { compliance: ['missing' as const, 'warning' as const] };
    const union = plan(listSql({ column: 'receivedOn', direction: 'desc' }, null, shape(both)), { ...bound(both), limit: 200, offset: 0 });
    expect(union).toContain('dossier_compliance_missing');
    expect(union).toContain('dossier_compliance_warnings');
  });

  it('keeps the list’s indexes for a member, each dossier’s operator checked in the unique index of conflicts', () => {
    const viewer = { schemes: false, kinds: false, statuses: false, text: false as const, viewer: true };
    const page = plan(listSql({ column: 'receivedOn', direction: 'desc' }, null, viewer), { viewer: 1, limit: 200, offset: 0 });
    expect(page).toContain('USING INDEX dossiers_received');
    expect(page).not.toContain('TEMP B-TREE');
    expect(page).toMatch(/SEARCH hc USING COVERING INDEX sqlite_autoindex_conflicts_1 \(member_id=\? AND operator_id=\?\)/);
    const grouped = plan(listSql({ column: 'receivedOn', direction: 'desc' }, 'scheme', viewer), { viewer: 1, limit: 200, offset: 0 });
    expect(grouped).toContain('USING INDEX dossiers_scheme');
    expect(grouped).not.toContain('TEMP B-TREE FOR ORDER BY');
    expect(plan(groupsSql('scheme', viewer), { viewer: 1 })).toContain('dossiers_scheme');
    const count = plan(countSql(viewer), { viewer: 1 });
    expect(count).toMatch(/COVERING INDEX/);
    expect(count).toContain('sqlite_autoindex_conflicts_1');
    const breaches = { ...viewer, compliance: ['breach' as const] };
    expect(plan(listSql({ column: 'receivedOn', direction: 'desc' }, null, breaches), { viewer: 1, limit: 200, offset: 0 })).toContain('dossier_compliance_breaches');
  });

  it('counts the unfiltered list from an index, without reading the table', () => {
    expect(plan('SELECT count(*) AS n FROM dossiers d', {})).toMatch(/COVERING INDEX/);
  });

  it('reaches an operator, a dossier and its agenda items by index', () => {
    expect(plan('SELECT * FROM dossiers WHERE id = @id', { id: 1 })).toMatch(/INTEGER PRIMARY KEY/);
    expect(plan('SELECT * FROM agenda_items WHERE dossier_id = @id', { id: 1 })).toContain('agenda_items_dossier');
    expect(plan('SELECT * FROM dossiers WHERE operator_id = @id ORDER BY received_on', { id: 1 })).toContain('dossiers_operator');
  });
});
