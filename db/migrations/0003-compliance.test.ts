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
  dir = mkdtempSync(join(tmpdir(), 'comes-m3-'));
  file = join(dir, 'comes.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An operator with an IDESS agrément (one activity), a dossier and a yearly report, at schema version `version`. */
function seed(db: Db): void {
  db.prepare(
    `INSERT INTO operators (id, bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
     VALUES (1, ?, 'Taxi social du Condroz', 'ASBL', 0, '5590', 'Ciney', 'NA', 'transport', ?, ?)`,
  ).run(bceFromBase('04123456'), NOW, NOW);
  db.exec(`INSERT INTO agrements (id, operator_id, scheme, number, status, first_granted_on) VALUES (1, 1, 'IDESS', 'IDESS/2022/001', 'active', '2022-03-01')`);
  db.exec(`INSERT INTO agrement_activities (agrement_id, activity, since_on) VALUES (1, 'social_transport', '2022-03-01')`);
  db.prepare(
    `INSERT INTO dossiers (id, reference, operator_id, agrement_id, scheme, kind, status, subject, received_on, report_year, created_at, updated_at)
     VALUES (1, 'IDESS-2026-0001', 1, 1, 'IDESS', 'activity_report', 'received', 'Rapport 2025', '2026-06-30', 2025, ?, ?)`,
  ).run(NOW, NOW);
  db.exec(`INSERT INTO activity_reports (operator_id, dossier_id, scheme, year, due_on, received_on) VALUES (1, 1, 'IDESS', 2025, '2026-07-15', '2026-06-30')`);
}

const store = (db: Db, values: Partial<Record<string, unknown>> = {}) =>
  db
    .prepare(
      `INSERT INTO dossier_compliance (dossier_id, as_of, rules_version, worst, breaches, warnings, missing, flags)
       VALUES (@dossierId, @asOf, @rulesVersion, @worst, @breaches, @warnings, @missing, @flags)`,
    )
    .run({ dossierId: 1, asOf: '2026-11-22', rulesVersion: '2026-11-22+abc123', worst: 'breach', breaches: 1, warnings: 0, missing: 0, flags: '[{"ruleId":"idess.target_fte","status":"breach"}]', ...values });

describe('migration 3 (compliance checks)', () => {
  it('upgrades a version-2 workspace: activities and reports keep their rows, with nothing recorded in the new columns', () => {
    const before = openDatabase(file, { create: true, migrations: MIGRATIONS.slice(0, 2) });
    seed(before);
    before.close();
    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, 3) });
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare('SELECT activity, precarious_only AS precariousOnly FROM agrement_activities').all()).toEqual([
      { activity: 'social_transport', precariousOnly: null },
    ]);
    expect(db.prepare('SELECT ac_projects_supported AS p, ac_enterprises_created AS e, ac_jobs_created_fte AS j FROM activity_reports').get()).toEqual({
      p: null,
      e: null,
      j: null,
    });
    expect(db.prepare('SELECT count(*) AS n FROM dossier_compliance').get()).toEqual({ n: 0 });
    db.close();
  });

  it('stores one result per dossier and forgets it with the dossier', () => {
    const db = openDatabase(file, { create: true });
    seed(db);
    store(db);
    expect(() => store(db)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(db.prepare("SELECT worst, breaches, json_extract(flags, '$[0].ruleId') AS rule FROM dossier_compliance").get()).toEqual({
      worst: 'breach',
      breaches: 1,
      rule: 'idess.target_fte',
    });
    db.exec('DELETE FROM activity_reports; DELETE FROM dossiers WHERE id = 1');
    expect(db.prepare('SELECT count(*) AS n FROM dossier_compliance').get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a result with an unknown status, a negative count, a malformed date or flags that are not a JSON list', () => {
    const db = openDatabase(file, { create: true });
    seed(db);
    expect(() => store(db, { worst: 'bad' })).toThrow(/CHECK/);
    expect(() => store(db, { breaches: -1 })).toThrow(/CHECK/);
    expect(() => store(db, { asOf: '22/11/2026' })).toThrow(/CHECK/);
    expect(() => store(db, { flags: 'pas du json' })).toThrow(/CHECK/);
    expect(() => store(db, { flags: '{"ruleId":"bce.checksum"}' })).toThrow(/CHECK/);
    expect(() => store(db, { dossierId: 99 })).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT count(*) AS n FROM dossier_compliance').get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a précarisés flag other than yes, no or not recorded, and negative AC figures', () => {
    const db = openDatabase(file, { create: true });
    seed(db);
    const flag = db.prepare('UPDATE agrement_activities SET precarious_only = ?');
    for (const ok of [1, 0, null]) expect(() => flag.run(ok)).not.toThrow();
    expect(() => flag.run(2)).toThrow(/CHECK/);
    for (const column of ['ac_projects_supported', 'ac_enterprises_created', 'ac_jobs_created_fte']) {
      expect(() => db.prepare(`UPDATE activity_reports SET ${column} = -1`).run()).toThrow(/CHECK/);
    }
    expect(() => db.prepare('UPDATE activity_reports SET ac_jobs_created_fte = 2.5, ac_projects_supported = 14').run()).not.toThrow();
    expect(() => db.prepare('UPDATE activity_reports SET ac_projects_supported = 1.5').run()).toThrow(/INTEGER|cannot store/);
    db.close();
  });
});
