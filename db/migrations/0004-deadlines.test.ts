import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bceFromBase } from '../../shared/bce';
import { openDatabase } from '../open';
import { MIGRATIONS } from './index';

let dir: string;
let file: string;
const NOW = '2026-11-22T09:00:00.000Z';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-m4-'));
  file = join(dir, 'comes.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const INDEXES = ['activity_reports_open_due', 'findings_open_follow_up', 'dossiers_opinion_due', 'decisions_notified', 'agrements_in_force'];

describe('migration 4 (deadlines)', () => {
  it('upgrades a version-3 workspace: its rows stay, the deadline indexes exist and are used', () => {
    const before = openDatabase(file, { create: true, migrations: MIGRATIONS.slice(0, 3) });
    const operatorId = Number(
      before
        .prepare(
          `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
           VALUES (?, 'Ressourcerie du Val SC', 'SC', 1, '5000', 'Namur', 'NA', 'ressourcerie', ?, ?)`,
        )
        .run(bceFromBase('04642813'), NOW, NOW).lastInsertRowid,
    );
    before.prepare(`INSERT INTO activity_reports (operator_id, scheme, year, due_on) VALUES (?, 'EI', 2025, '2026-07-15')`).run(operatorId);
    before.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, 4) });
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    const names = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index'`).all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(INDEXES));
    expect(db.prepare(`SELECT year FROM activity_reports WHERE received_on IS NULL AND due_on < '2026-11-22'`).all()).toEqual([{ year: 2025 }]);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM activity_reports WHERE received_on IS NULL AND due_on < ?`).all('2026-11-22') as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toContain('activity_reports_open_due');
    db.close();
  });
});
