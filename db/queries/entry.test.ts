import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bceFromBase } from '../../shared/bce';
import { openDatabase, type Db } from '../open';
import { diffFields, nextDossierReference, updateReportFigures } from './entry';
import { ftsPrefixQuery, listOperators, operatorListParameters, operatorListSql, type OperatorListQuery } from './operators';

let dir: string;
let db: Db;
const NOW = '2026-11-22T09:00:00.000Z';

function addOperator(name: string, base: string, commune: string, province: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
         VALUES (?, ?, 'SC', 1, '5000', ?, ?, 'ressourcerie', ?, ?)`,
      )
      .run(bceFromBase(base), name, commune, province, NOW, NOW).lastInsertRowid,
  );
}

function addAgrement(operatorId: number, scheme: string, status: string, number: string): void {
  db.prepare(`INSERT INTO agrements (operator_id, scheme, number, status) VALUES (?, ?, ?, ?)`).run(operatorId, scheme, number, status);
}

function addDossier(operatorId: number, reference: string): void {
  db.prepare(
    `INSERT INTO dossiers (reference, operator_id, scheme, kind, status, subject, received_on, created_at, updated_at)
     VALUES (?, ?, 'EI', 'renewal', 'received', 'Objet', '2026-01-10', ?, ?)`,
  ).run(reference, operatorId, NOW, NOW);
}

const query = (overrides: Partial<OperatorListQuery> = {}): OperatorListQuery => ({ sort: { column: 'name', direction: 'asc' }, offset: 0, limit: 50, ...overrides });
const names = (q: OperatorListQuery) => listOperators(db, q).rows.map((r) => r.name);

let ids: Record<string, number>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-entry-q-'));
  db = openDatabase(join(dir, 'comes.sqlite'), { create: true });
  ids = {
    eco: addOperator('Éco-Jardins de Hesbaye', '04000001', 'Waremme', 'LG'),
    laverie: addOperator('Laverie sociale du Condroz', '04000002', 'Ciney', 'NA'),
    zeta: addOperator('Zeta Titres-Services', '04000003', 'Liège', 'LG'),
  };
  addAgrement(ids.eco!, 'EI', 'active', 'EI-1');
  addAgrement(ids.eco!, 'IES', 'active', 'IES-1');
  addAgrement(ids.laverie!, 'IDESS', 'active', 'IDESS-1');
  addAgrement(ids.zeta!, 'EI', 'withdrawn', 'EI-2');
  addDossier(ids.eco!, 'EI-2026-0001');
  addDossier(ids.eco!, 'EI-2026-0002');
  addDossier(ids.zeta!, 'EI-2026-0003');
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the FTS query built from typed text', () => {
  it('quotes each folded token as a required prefix', () => {
    // The index folds case and accents of query terms as of text: « Éco » finds « eco ».
    expect(ftsPrefixQuery('Éco jard')).toBe('"Éco"* "jard"*');
    expect(ftsPrefixQuery('0464.281.392')).toBe('"0464281392"*');
    expect(ftsPrefixQuery('laverie" OR *')).toBe('"laverie"* "OR"*');
  });

  it('turns a BCE number typed with dots into its digits, and punctuation alone into nothing', () => {
    expect(ftsPrefixQuery('0400.000.1')).toBe('"04000001"*');
    expect(ftsPrefixQuery(' -- ** "" ')).toBeNull();
  });
});

describe('the operators list', () => {
  it('sorts names ignoring accents, with held schemes and dossier counts', () => {
    const { rows, total } = listOperators(db, query());
    expect(total).toBe(3);
    expect(rows.map((r) => r.name)).toEqual(['Éco-Jardins de Hesbaye', 'Laverie sociale du Condroz', 'Zeta Titres-Services']);
    expect(rows[0]).toMatchObject({ schemes: ['EI', 'IES'], dossierCount: 2 });
    // A withdrawn agrément is not held.
    expect(rows[2]).toMatchObject({ schemes: [], dossierCount: 1 });
  });

  it('sorts by dossier count and by province', () => {
    expect(names(query({ sort: { column: 'dossiers', direction: 'desc' } }))[0]).toBe('Éco-Jardins de Hesbaye');
    expect(names(query({ sort: { column: 'province', direction: 'desc' } }))[0]).toBe('Laverie sociale du Condroz');
  });

  it('filters by name prefix without accents, by commune, and by BCE typed with dots', () => {
    expect(names(query({ text: 'eco jard' }))).toEqual(['Éco-Jardins de Hesbaye']);
    expect(names(query({ text: 'LIEGE' }))).toEqual(['Zeta Titres-Services']);
    const bce = bceFromBase('04000002');
    expect(names(query({ text: `${bce.slice(0, 4)}.${bce.slice(4, 7)}.${bce.slice(7)}` }))).toEqual(['Laverie sociale du Condroz']);
    // FTS syntax typed by the user is only text.
    expect(listOperators(db, query({ text: 'laverie" OR "zeta' })).total).toBe(0);
    expect(listOperators(db, query({ text: '***' })).total).toBe(3);
  });

  it('filters by province and by scheme held', () => {
    expect(names(query({ provinces: ['LG'] }))).toEqual(['Éco-Jardins de Hesbaye', 'Zeta Titres-Services']);
    expect(names(query({ schemes: ['EI'] }))).toEqual(['Éco-Jardins de Hesbaye']);
    expect(listOperators(db, query({ schemes: ['IDESS'], provinces: ['LG'] })).total).toBe(0);
  });

  it('follows renamed operators in the search index', () => {
    db.prepare(`UPDATE operators SET name = 'Recyclerie de Ciney' WHERE id = ?`).run(ids.laverie);
    expect(names(query({ text: 'recycl' }))).toEqual(['Recyclerie de Ciney']);
    expect(listOperators(db, query({ text: 'laverie' })).total).toBe(0);
  });
});

describe('entry helpers', () => {
  it('records only the fields that changed', () => {
    expect(diffFields({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', c: 0, d: undefined })).toEqual({ b: { from: 'x', to: 'y' }, c: { from: null, to: 0 } });
  });

  it('numbers a new dossier after the last reference of its scheme and year', () => {
    expect(nextDossierReference(db, 'EI', 2026)).toBe('EI-2026-0004');
    expect(nextDossierReference(db, 'IES', 2026)).toBe('IES-2026-0001');
  });

  it('keeps numbering past 9 999 dossiers of a scheme in a year', () => {
    addDossier(ids.eco!, 'EI-2026-9999');
    expect(nextDossierReference(db, 'EI', 2026)).toBe('EI-2026-10000');
    addDossier(ids.eco!, 'EI-2026-10000');
    expect(nextDossierReference(db, 'EI', 2026)).toBe('EI-2026-10001');
  });

  it('writes figures only on the version seen', () => {
    const id = Number(
      db
        .prepare(`INSERT INTO activity_reports (operator_id, scheme, year, due_on) VALUES (?, 'EI', 2025, '2026-07-15')`)
        .run(ids.eco).lastInsertRowid,
    );
    expect(updateReportFigures(db, id, 1, { fteTotal: 4.5, unknownKey: 3 }, undefined, NOW)).toBe(true);
    expect(updateReportFigures(db, id, 1, { fteTotal: 9 }, undefined, NOW)).toBe(false);
    expect(db.prepare('SELECT fte_total AS f, version AS v FROM activity_reports WHERE id = ?').get(id)).toEqual({ f: 4.5, v: 2 });
  });
});

describe('query plans of the operators list', () => {
  const plan = (sql: string, params: Record<string, unknown>) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n');

  it('reaches matching operators through the full-text index, counts and schemes through their indexes', () => {
    const params = { ...operatorListParameters({ text: 'eco', schemes: ['EI'] }), limit: 50, offset: 0 };
    const detail = plan(operatorListSql({ column: 'name', direction: 'asc' }, true), params);
    expect(detail).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
    expect(detail).toContain('USING COVERING INDEX dossiers_operator');
    expect(detail).toContain('SEARCH a USING INDEX agrements_operator');
    expect(detail).toContain('SEARCH o USING INTEGER PRIMARY KEY');
    expect(detail).not.toMatch(/SCAN (d|dossiers)\b/);
  });

  it('pages by BCE number through its unique index, without sorting the table', () => {
    const params = { ...operatorListParameters({}), limit: 50, offset: 0 };
    const { match: _match, ...bound } = params;
    const detail = plan(operatorListSql({ column: 'bce', direction: 'asc' }, false), bound);
    expect(detail).toMatch(/SCAN o USING INDEX sqlite_autoindex_operators/);
    expect(detail).not.toContain('TEMP B-TREE FOR ORDER BY');
  });
});
