import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bceFromBase } from '../../shared/bce';
import { openDatabase, type Db } from '../open';
import { MIGRATIONS } from './index';

let dir: string;
let file: string;
const NOW = '2026-11-22T09:00:00.000Z';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-m2-'));
  file = join(dir, 'comes.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function atVersion1WithAnOperator(): void {
  const db = openDatabase(file, { create: true, migrations: MIGRATIONS.slice(0, 1) });
  db.prepare(
    `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
     VALUES (?, 'Ressourcerie de la Haute-Meuse', 'ASBL', 0, '5500', 'Dinant', 'NA', 'ressourcerie', ?, ?)`,
  ).run(bceFromBase('04123456'), NOW, NOW);
  db.close();
}

const search = (db: Db, query: string) =>
  db.prepare(`SELECT source, source_id AS id FROM search_index WHERE search_index MATCH ?`).all(query);

describe('migration 2 (review and editing)', () => {
  it('upgrades a version-1 workspace: existing rows get version 1 and operators become searchable', () => {
    atVersion1WithAnOperator();
    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, 2) });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT version FROM operators').get()).toEqual({ version: 1 });
    expect(search(db, 'dinant')).toEqual([{ source: 'operator', id: 1 }]);
    expect(search(db, '"haute meuse"')).toEqual([{ source: 'operator', id: 1 }]);
    db.close();
  });

  it('keeps the operators index in step on insert, rename and delete', () => {
    const db = openDatabase(file, { create: true });
    db.prepare(
      `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
       VALUES (?, 'Laverie du Pays de Herve', 'ASBL', 0, '4650', 'Herve', 'LG', 'laverie', ?, ?)`,
    ).run(bceFromBase('04123457'), NOW, NOW);
    expect(search(db, 'laverie')).toHaveLength(1);
    db.prepare(`UPDATE operators SET name = 'Blanchisserie solidaire' WHERE id = 1`).run();
    expect(search(db, 'laverie')).toHaveLength(0);
    expect(search(db, 'blanchisserie')).toHaveLength(1);
    db.prepare('DELETE FROM operators WHERE id = 1').run();
    expect(search(db, 'blanchisserie')).toHaveLength(0);
    db.close();
  });

  it('refuses a saved view whose state is not JSON, or whose name is blank or already taken', () => {
    const db = openDatabase(file, { create: true });
    const insert = db.prepare('INSERT INTO saved_views (name, state, created_at, updated_at) VALUES (?, ?, ?, ?)');
    insert.run('Rapports en retard', '{"sort":[]}', NOW, NOW);
    expect(() => insert.run('rapports EN RETARD', '{}', NOW, NOW)).toThrow(/UNIQUE/);
    expect(() => insert.run('Autre', 'pas du json', NOW, NOW)).toThrow(/CHECK/);
    expect(() => insert.run('  ', '{}', NOW, NOW)).toThrow(/CHECK/);
    db.close();
  });
});
