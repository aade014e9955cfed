import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bceFromBase } from '../../shared/bce';
import { openDatabase, type Db } from '../open';
import {
  FACTS_SQL,
  STALE_SQL,
  getComplianceStamp,
  getStoredCompliance,
  loadFactsOfDossiers,
  loadFactsOfOperators,
  operatorBatches,
  setComplianceStamp,
  staleDossiers,
  storeCompliance,
} from './compliance';

let dir: string;
let db: Db;
const NOW = '2026-11-22T09:00:00.000Z';
const TODAY = '2026-11-22';

function operator(id: number, base: string, legalForm: string, socialEnterprise: 0 | 1): void {
  db.prepare(
    `INSERT INTO operators (id, bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, '5000', 'Namur', 'NA', 'ressourcerie', ?, ?)`,
  ).run(id, bceFromBase(base), `Opérateur ${id}`, legalForm, socialEnterprise, NOW, NOW);
}

function dossier(id: number, operatorId: number, fields: { scheme: string; kind: string; status: string; receivedOn: string; agrementId?: number; reportYear?: number }): void {
  db.prepare(
    `INSERT INTO dossiers (id, reference, operator_id, agrement_id, scheme, kind, status, subject, received_on, report_year, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'Objet', ?, ?, ?, ?)`,
  ).run(id, `${fields.scheme}-X-${id}`, operatorId, fields.agrementId ?? null, fields.scheme, fields.kind, fields.status, fields.receivedOn, fields.reportYear ?? null, NOW, NOW);
}

function opinion(dossierId: number, givenOn: string): void {
  const session = Number(db.prepare(`INSERT INTO sessions (number, held_on, status) VALUES ((SELECT coalesce(max(number), 0) + 1 FROM sessions), ?, 'closed')`).run(givenOn).lastInsertRowid);
  const item = Number(db.prepare(`INSERT INTO agenda_items (session_id, dossier_id, section, position) VALUES (?, ?, 'misc', 1)`).run(session, dossierId).lastInsertRowid);
  db.prepare(`INSERT INTO opinions (agenda_item_id, dossier_id, outcome, given_on) VALUES (?, ?, 'noted', ?)`).run(item, dossierId, givenOn);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-compliance-'));
  db = openDatabase(join(dir, 'comes.sqlite'), { create: true });
  // An EI cooperative holding IES and EI agréments, and an IDESS non-profit with three activities.
  operator(1, '04000001', 'SC', 1);
  operator(2, '04000002', 'ASBL', 0);
  operator(3, '04000003', 'ASBL', 0); // no dossier
  db.exec(`
    INSERT INTO agrements (id, operator_id, scheme, number, status, first_granted_on) VALUES
      (10, 1, 'IES', 'IES/2015/001', 'active', '2015-03-01'),
      (11, 1, 'EI', 'EI/2018/004', 'active', '2018-06-01'),
      (20, 2, 'IDESS', 'IDESS/2021/002', 'active', '2021-01-15');
    INSERT INTO agrement_periods (agrement_id, start_on, end_on, term) VALUES
      (11, '2020-06-01', '2024-05-31', '4y'),
      (11, '2018-06-01', '2020-05-31', '2y'),
      (11, '2024-06-01', NULL, 'indefinite'),
      (20, '2021-01-15', '2023-01-14', '2y');
    INSERT INTO agrement_activities (agrement_id, activity, since_on, precarious_only) VALUES
      (20, 'green_spaces', '2021-01-15', 0),
      (20, 'social_transport', '2021-01-15', 1),
      (20, 'social_shop', '2022-05-01', NULL);
  `);
  dossier(100, 1, { scheme: 'EI', kind: 'activity_report', status: 'ready', receivedOn: '2026-06-20', agrementId: 11, reportYear: 2025 });
  dossier(101, 1, { scheme: 'EI', kind: 'renewal', status: 'opinion_given', receivedOn: '2023-10-10', agrementId: 11 });
  dossier(102, 1, { scheme: 'IES', kind: 'renewal', status: 'decided', receivedOn: '2022-02-01', agrementId: 10 });
  dossier(200, 2, { scheme: 'IDESS', kind: 'activity_report', status: 'closed', receivedOn: '2024-07-01', agrementId: 20, reportYear: 2023 });
  opinion(101, '2023-12-07');
  opinion(101, '2024-01-18');
  db.exec(`INSERT INTO decisions (dossier_id, kind, term, decided_on) VALUES (102, 'renew', '4y', '2022-06-30')`);
  db.exec(`
    INSERT INTO activity_reports (operator_id, dossier_id, scheme, year, due_on, received_on, fte_total, target_fte_td, target_fte_tgd, training_plan) VALUES
      (1, 100, 'EI', 2025, '2026-07-15', '2026-06-20', 20.5, 6.2, NULL, 1),
      (1, NULL, 'EI', 2024, '2025-07-15', '2025-07-30', 19, 8, 2, 0),
      (1, NULL, 'IES', 2025, '2026-07-15', NULL, NULL, NULL, NULL, NULL),
      (2, 200, 'IDESS', 2023, '2024-07-15', '2024-07-01', 6, NULL, NULL, NULL);
  `);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the facts of the compliance rules', () => {
  it('gives each dossier its operator, every agrément of the operator with ordered periods, and its scheme’s reports oldest first', () => {
    const facts = loadFactsOfOperators(db, [1, 2, 3], TODAY);
    expect(facts.map((f) => f.dossier.id)).toEqual([102, 101, 100, 200]);
    const report = facts.find((f) => f.dossier.id === 100)!;
    expect(report.operator).toEqual({ bce: bceFromBase('04000001'), legalForm: 'SC', socialEnterprise: true });
    expect(report.dossier).toEqual({ id: 100, scheme: 'EI', kind: 'activity_report', agrementId: 11, receivedOn: '2026-06-20', reportYear: 2025 });
    expect(report.agrements.map((a) => a.number)).toEqual(['IES/2015/001', 'EI/2018/004']);
    expect(report.agrements[1]?.periods).toEqual([
      { startOn: '2018-06-01', endOn: '2020-05-31', term: '2y' },
      { startOn: '2020-06-01', endOn: '2024-05-31', term: '4y' },
      { startOn: '2024-06-01', endOn: null, term: 'indefinite' },
    ]);
    expect(report.reports.map((r) => [r.year, r.dueOn, r.receivedOn])).toEqual([
      [2024, '2025-07-15', '2025-07-30'],
      [2025, '2026-07-15', '2026-06-20'],
    ]);
    // Every figure of REPORT_FIELDS is there; not provided is null, never 0.
    expect(report.reports[1]?.figures).toMatchObject({ fteTotal: 20.5, targetFteTd: 6.2, targetFteTgd: null, trainingPlan: 1, acJobsCreatedFte: null });
    expect(facts.find((f) => f.dossier.id === 102)?.reports.map((r) => [r.year, r.receivedOn])).toEqual([[2025, null]]);
  });

  it('lists the operator’s renewal requests in every scheme, and reads whether reserved activities are recorded as such', () => {
    const [facts] = loadFactsOfDossiers(db, [100], TODAY);
    expect(facts?.renewalRequests).toEqual([
      { agrementId: 10, scheme: 'IES', receivedOn: '2022-02-01' },
      { agrementId: 11, scheme: 'EI', receivedOn: '2023-10-10' },
    ]);
    const [idess] = loadFactsOfDossiers(db, [200], TODAY);
    expect(idess?.agrements[0]?.activities).toEqual([
      { activity: 'green_spaces', precariousOnly: false },
      { activity: 'social_transport', precariousOnly: true },
      { activity: 'social_shop', precariousOnly: null },
    ]);
  });

  it('judges an open dossier today, and one the commission has spoken on at its latest opinion, else at its decision', () => {
    const asOf = Object.fromEntries(loadFactsOfOperators(db, [1, 2], TODAY).map((f) => [f.dossier.id, f.asOf]));
    expect(asOf).toEqual({ 100: TODAY, 101: '2024-01-18', 102: '2022-06-30', 200: TODAY });
  });

  it('loads only the dossiers asked for, and nothing for unknown ids', () => {
    expect(loadFactsOfDossiers(db, [101, 200], TODAY).map((f) => f.dossier.id)).toEqual([101, 200]);
    expect(loadFactsOfDossiers(db, [999], TODAY)).toEqual([]);
    expect(loadFactsOfOperators(db, [], TODAY)).toEqual([]);
  });

  it('cuts every operator with dossiers into batches for a full refresh', () => {
    expect(operatorBatches(db)).toEqual([[1, 2]]);
    expect(operatorBatches(db, 1)).toEqual([[1], [2]]);
  });
});

describe('stored compliance results', () => {
  const summary = { worst: 'breach' as const, breaches: 1, warnings: 1, missing: 0, flags: [{ ruleId: 'ei.target_share' as const, status: 'breach' as const }, { ruleId: 'agrement.expiry' as const, status: 'warning' as const }] };

  it('stores a dossier’s result, replaces it on the next refresh, and reads it back', () => {
    expect(getStoredCompliance(db, 100)).toBeUndefined();
    storeCompliance(db, [{ dossierId: 100, asOf: TODAY, rulesVersion: '2026-11-22+abc', summary }]);
    expect(getStoredCompliance(db, 100)).toEqual({ dossierId: 100, asOf: TODAY, rulesVersion: '2026-11-22+abc', summary });
    const ok = { worst: 'ok' as const, breaches: 0, warnings: 0, missing: 0, flags: [] };
    storeCompliance(db, [{ dossierId: 100, asOf: '2026-11-23', rulesVersion: '2026-11-22+abc', summary: ok }]);
    expect(getStoredCompliance(db, 100)).toMatchObject({ asOf: '2026-11-23', summary: ok });
    expect(db.prepare('SELECT count(*) AS n FROM dossier_compliance').get()).toEqual({ n: 1 });
  });

  it('tells which results the day or the rules made stale: never evaluated, other rules, or open dossiers judged on an earlier day', () => {
    const ok = { worst: 'ok' as const, breaches: 0, warnings: 0, missing: 0, flags: [] };
    const at = { today: '2026-11-23', rulesVersion: 'v1' };
    const stale = (on: typeof at) => staleDossiers(db, on).sort((a, b) => a.id - b.id);
    expect(stale(at).map((d) => d.id)).toEqual([100, 101, 102, 200]);
    storeCompliance(db, [
      { dossierId: 100, asOf: TODAY, rulesVersion: 'v1', summary: ok }, // open: judged today
      { dossierId: 101, asOf: '2024-01-18', rulesVersion: 'v1', summary: ok }, // at its opinion
      { dossierId: 102, asOf: '2022-06-30', rulesVersion: 'v0', summary: ok }, // other rules
      { dossierId: 200, asOf: TODAY, rulesVersion: 'v1', summary: ok }, // closed, no opinion: judged today
    ]);
    expect(stale(at)).toEqual([
      { id: 100, operatorId: 1 },
      { id: 102, operatorId: 1 },
      { id: 200, operatorId: 2 },
    ]);
    expect(stale({ ...at, today: TODAY }).map((d) => d.id)).toEqual([102]);
  });

  it('remembers the day and rules version of the last full refresh', () => {
    expect(getComplianceStamp(db)).toEqual({ asOf: null, rulesVersion: null });
    setComplianceStamp(db, { asOf: TODAY, rulesVersion: 'v1+abc' });
    setComplianceStamp(db, { asOf: '2026-11-23', rulesVersion: 'v1+abc' });
    expect(getComplianceStamp(db)).toEqual({ asOf: '2026-11-23', rulesVersion: 'v1+abc' });
  });
});

describe('query plans of the facts loader', () => {
  const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ids: '[1,2]' }) as { detail: string }[]).map((r) => r.detail).join('\n');

  it('reaches every table through an index from the list of operators, never scanning a table', () => {
    const expected: Record<keyof typeof FACTS_SQL, RegExp> = {
      operators: /SEARCH operators USING INTEGER PRIMARY KEY/,
      agrements: /SEARCH agrements USING (COVERING )?INDEX agrements_operator/,
      periods: /SEARCH p USING (COVERING )?INDEX agrement_periods_agrement/,
      activities: /SEARCH x USING (COVERING )?INDEX sqlite_autoindex_agrement_activities/,
      dossiers: /SEARCH d USING INDEX dossiers_operator/,
      reports: /SEARCH activity_reports USING INDEX sqlite_autoindex_activity_reports/,
    };
    for (const [key, pattern] of Object.entries(expected)) {
      const detail = plan(FACTS_SQL[key as keyof typeof FACTS_SQL]);
      expect(detail, key).toMatch(pattern);
      expect(detail, key).not.toMatch(/SCAN (operators|agrements|agrement_periods|agrement_activities|dossiers|activity_reports|opinions|decisions|[pxd]\b)/);
    }
    expect(plan(FACTS_SQL.dossiers)).toMatch(/opinions_dossier/);
    expect(plan(FACTS_SQL.dossiers)).toMatch(/decisions_dossier/);
  });

  it('finds the stale results in one pass over the dossiers, each result by its key and each opinion or decision by its dossier', () => {
    const detail = (db.prepare(`EXPLAIN QUERY PLAN ${STALE_SQL}`).all({ today: TODAY, rulesVersion: 'v1' }) as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');
    expect(detail).toMatch(/SEARCH c USING INDEX sqlite_autoindex_dossier_compliance|SEARCH c USING INTEGER PRIMARY KEY/);
    expect(detail).toMatch(/opinions_dossier/);
    expect(detail).toMatch(/decisions_dossier/);
    expect(detail).not.toMatch(/SCAN (c|o|x|opinions|decisions|dossier_compliance)\b/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});
