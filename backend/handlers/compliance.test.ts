import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bceFromBase } from '../../shared/bce';
import { RULE_IDS, rulesFor, type RuleBook } from '../../shared/compliance';
import type { ComplianceRulesOutput, DossierComplianceOutput, DossierListOutput, OperatorComplianceOutput } from '../../shared/contract';
import type { Envelope } from '../../shared/envelope';
import { getComplianceStamp, getStoredCompliance } from '../../db/queries/compliance';
import type { Db } from '../../db/open';
import type { BackendContext } from '../context';
import { loadRuleBook, rulesFilePath, rulesVersionOf } from '../rules';
import { createDispatcher, type Dispatcher } from '../rpc/registry';
import { Workspace } from '../workspace';
import { complianceHandlers } from './compliance';
import { dossierHandlers } from './dossiers';
import { entryHandlers } from './entry';
import { operatorHandlers } from './operators';
import { workspaceHandlers } from './workspace';

const NOW = '2026-11-01T09:00:00.000Z';
let dir: string;
let workspace: Workspace;
let db: Db;
let backend: Dispatcher;
let ctx: BackendContext;
let today: string;
let ids: { operator: number; eiAgrement: number; report2025: number; report2024: number; renewal: number };

const BOOK = loadRuleBook(rulesFilePath());
const HANDLERS = { compliance: complianceHandlers, dossiers: dossierHandlers, entry: entryHandlers, operators: operatorHandlers, workspace: workspaceHandlers };

function dispatcher(rules?: RuleBook): Dispatcher {
  ctx = { workspace, today: () => today, ...(rules ? { rules } : {}) };
  return createDispatcher(ctx, HANDLERS, { requireAll: false, log: () => undefined });
}

async function ok<T>(method: string, input: unknown, via: Dispatcher = backend): Promise<T> {
  const result = await via.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

async function refused(method: string, input: unknown) {
  const result: Envelope<unknown> = await backend.dispatch(method, input);
  if (result.ok) throw new Error(`${method} was accepted`);
  return result.error;
}

/**
 * An EI cooperative (agreed as social enterprise, holding the IES agrément) in its 7th year of EI
 * agrément; its 2025 report, still before the commission, has 43,2 % of target-public FTE.
 */
function seed(): void {
  const operator = Number(
    db
      .prepare(
        `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
         VALUES (?, 'Ressourcerie du Val SC', 'SC', 1, '5000', 'Namur', 'NA', 'ressourcerie', ?, ?)`,
      )
      .run(bceFromBase('04642813'), NOW, NOW).lastInsertRowid,
  );
  const agrement = db.prepare(`INSERT INTO agrements (operator_id, scheme, number, status, first_granted_on) VALUES (?, ?, ?, 'active', ?)`);
  const ies = Number(agrement.run(operator, 'IES', 'IES/2017/003', '2017-01-15').lastInsertRowid);
  const ei = Number(agrement.run(operator, 'EI', 'EI/2019/017', '2019-03-01').lastInsertRowid);
  const period = db.prepare(`INSERT INTO agrement_periods (agrement_id, start_on, end_on, term) VALUES (?, ?, ?, ?)`);
  period.run(ies, '2017-01-15', '2019-01-14', '2y');
  period.run(ies, '2019-01-15', '2023-01-14', '4y');
  period.run(ies, '2023-01-15', null, 'indefinite');
  period.run(ei, '2019-03-01', '2021-02-28', '2y');
  period.run(ei, '2021-03-01', '2025-02-28', '4y');
  period.run(ei, '2025-03-01', null, 'indefinite');
  const dossier = db.prepare(
    `INSERT INTO dossiers (reference, operator_id, agrement_id, scheme, kind, status, subject, received_on, report_year, created_at, updated_at)
     VALUES (?, ?, ?, 'EI', ?, ?, 'Objet', ?, ?, ?, ?)`,
  );
  const renewal = Number(dossier.run('EI-2024-0003', operator, ei, 'renewal', 'decided', '2024-07-10', null, NOW, NOW).lastInsertRowid);
  const report2024 = Number(dossier.run('EI-2025-0001', operator, ei, 'activity_report', 'closed', '2025-06-18', 2024, NOW, NOW).lastInsertRowid);
  const report2025 = Number(dossier.run('EI-2026-0001', operator, ei, 'activity_report', 'ready', '2026-06-15', 2025, NOW, NOW).lastInsertRowid);
  db.prepare(`INSERT INTO decisions (dossier_id, kind, term, decided_on) VALUES (?, 'renew', 'indefinite', '2024-12-12')`).run(renewal);
  const report = db.prepare(
    `INSERT INTO activity_reports (operator_id, dossier_id, scheme, year, due_on, received_on, headcount, fte_total, target_fte_td, target_fte_tgd,
       target_headcount, target_hires, cdi_within_6_months, part_time_below_half, lowest_fte_pay_cents, highest_fte_pay_cents, accompaniment_fte,
       training_plan, training_hours, yearly_evaluations, worker_participation, wage_cost_cents, subsidy_td_cents, subsidy_tgd_cents,
       other_subsidies_cents, turnover_cents, operating_result_cents)
     VALUES (?, ?, 'EI', ?, ?, ?, 30, 25, ?, ?, 14, 4, 4, 0, 2500000, 6000000, 1.5, 1, 400, 1, 1, 90000000, 5000000, 2000000, 1000000, 120000000, 100000)`,
  );
  report.run(operator, report2024, 2024, '2025-07-15', '2025-06-18', 11, 3); // 56 %
  report.run(operator, report2025, 2025, '2026-07-15', '2026-06-15', 8.3, 2.5); // 43,2 %
  ids = { operator, eiAgrement: ei, report2025, report2024, renewal };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-compliance-h-'));
  today = '2026-11-01';
  workspace = new Workspace(dir);
  db = workspace.create('secretariat', 'Secrétariat de la COMES');
  seed();
  backend = dispatcher();
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

const checklist = (id: number, via?: Dispatcher) => ok<DossierComplianceOutput>('compliance.dossier', { id }, via);
const item = (result: DossierComplianceOutput, ruleId: string) => result.items.find((i) => i.ruleId === ruleId);

describe('compliance.rules', () => {
  it('lists every rule with its title and legal basis, and the regimes of the thresholds file with their sources', async () => {
    const rules = await ok<ComplianceRulesOutput>('compliance.rules', {});
    expect(rules.version).toBe(BOOK.version);
    expect(rules.rules.map((r) => r.id)).toEqual([...RULE_IDS]);
    for (const rule of rules.rules) expect(rule.legalBasis.text.length, rule.id).toBeGreaterThan(10);
    expect(new Set(rules.regimes.map((r) => r.scheme))).toEqual(new Set(['IES', 'EI', 'IDESS', 'AC']));
    expect(rules.regimes.find((r) => r.scheme === 'EI')?.source).toMatch(/20 octobre 2016/);
  });
});

describe('compliance.dossier', () => {
  it('checks an open EI report against every EI rule, in catalogue order, with the breach of the target share explained with its figures', async () => {
    const result = await checklist(ids.report2025);
    expect(result.asOf).toBe(today);
    expect(result.rulesVersion).toBe(rulesVersionOf(BOOK));
    expect(result.items.map((i) => i.ruleId)).toEqual(rulesFor('EI').map((r) => r.id));
    const share = item(result, 'ei.target_share');
    expect(share).toMatchObject({ status: 'breach', title: 'Part du public cible', year: 2025, yearly: true });
    // French typography: a no-break space before the percent sign.
    expect(share?.explanation).toMatch(/43,2\s%/);
    expect(share?.explanation).toMatch(/50\s%/);
    expect(share?.legalBasis.text).toMatch(/20 octobre 2016/);
    expect(result.summary.worst).toBe('breach');
    expect(result.summary.flags).toContainEqual({ ruleId: 'ei.target_share', status: 'breach' });
  });

  it('gives each yearly rule’s history over the operator’s report years', async () => {
    const result = await checklist(ids.report2025);
    expect(result.history.years).toEqual(expect.arrayContaining([2024, 2025]));
    const share = result.history.rows.find((r) => r.ruleId === 'ei.target_share');
    expect(share?.byYear.find((y) => y.year === 2024)?.status).toBe('ok');
    expect(share?.byYear.find((y) => y.year === 2025)?.status).toBe('breach');
  });

  it('judges a dossier the minister decided on at its decision’s date', async () => {
    expect((await checklist(ids.renewal)).asOf).toBe('2024-12-12');
  });

  it('answers NOT_FOUND, in French, for an unknown dossier', async () => {
    expect(await refused('compliance.dossier', { id: 99_999 })).toMatchObject({ code: 'NOT_FOUND', message: 'Dossier introuvable.' });
  });

  it('uses the context’s rule book: other thresholds, another conclusion and another rules version', async () => {
    const lenient = structuredClone(BOOK);
    for (const regime of lenient.regimes) if (regime.ei) regime.ei.targetShare.min = 0.4;
    lenient.version = '2099-01-01';
    const result = await checklist(ids.report2025, dispatcher(lenient));
    expect(item(result, 'ei.target_share')?.status).toBe('ok');
    expect(result.rulesVersion).toMatch(/^2099-01-01\+/);
  });
});

describe('compliance.operator', () => {
  it('gives the trend per scheme and report year: counts and the rules flagged', async () => {
    const trend = await ok<OperatorComplianceOutput>('compliance.operator', { id: ids.operator });
    expect(trend.schemes.map((s) => s.scheme)).toEqual(['EI']);
    const years = trend.schemes[0]!.years;
    const y2025 = years.find((y) => y.year === 2025);
    const y2024 = years.find((y) => y.year === 2024);
    expect(y2025?.breaches).toBeGreaterThanOrEqual(1);
    expect(y2025?.flags).toContainEqual({ ruleId: 'ei.target_share', status: 'breach' });
    expect(y2024?.flags).not.toContainEqual({ ruleId: 'ei.target_share', status: 'breach' });
    expect(y2024!.ok).toBeGreaterThan(0);
  });

  it('answers NOT_FOUND for an unknown operator', async () => {
    expect(await refused('compliance.operator', { id: 99_999 })).toMatchObject({ code: 'NOT_FOUND', message: 'Opérateur introuvable.' });
  });
});

describe('stored results for the Dossiers table', () => {
  const list = (filters: Record<string, unknown> = {}) => ok<DossierListOutput>('dossiers.list', { filters });

  it('are computed for every dossier on the first list of the day, then shown and filtered on', async () => {
    expect(getStoredCompliance(db, ids.report2025)).toBeUndefined();
    const all = await list();
    expect(all.rows.find((r) => r.id === ids.report2025)?.compliance).toMatchObject({ worst: 'breach' });
    expect(all.rows.every((r) => r.compliance !== null)).toBe(true);
    expect(getComplianceStamp(db)).toEqual({ asOf: today, rulesVersion: rulesVersionOf(BOOK) });
    const breaching = await list({ compliance: ['breach'] });
    expect(breaching.rows.map((r) => r.id)).toContain(ids.report2025);
    expect(breaching.total).toBe(breaching.rows.length);
  });

  it('are recomputed when the day changes (the open dossiers) or the rules change (all), and only then', async () => {
    await list();
    const tamper = (id: number) => db.prepare(`UPDATE dossier_compliance SET worst = 'ok', breaches = 0, flags = '[]' WHERE dossier_id = ?`).run(id);
    tamper(ids.report2025);
    tamper(ids.renewal);
    await list();
    expect(getStoredCompliance(db, ids.report2025)?.summary.worst).toBe('ok');
    today = '2026-11-02';
    await list();
    expect(getStoredCompliance(db, ids.report2025)).toMatchObject({ asOf: '2026-11-02', summary: { worst: 'breach' } });
    // A dossier the minister decided on is judged at its decision's date: the day changing does not touch it.
    expect(getStoredCompliance(db, ids.renewal)).toMatchObject({ asOf: '2024-12-12', summary: { worst: 'ok', flags: [] } });
    const lenient = structuredClone(BOOK);
    for (const regime of lenient.regimes) if (regime.ei) regime.ei.targetShare.min = 0.4;
    await ok('dossiers.list', {}, dispatcher(lenient));
    expect(getStoredCompliance(db, ids.report2025)?.summary.flags).not.toContainEqual({ ruleId: 'ei.target_share', status: 'breach' });
    expect(getStoredCompliance(db, ids.renewal)?.rulesVersion).toBe(rulesVersionOf(lenient));
  });

  it('follow a data-entry write in the same transaction: figures that break a rule flip the dossier to a breach', async () => {
    const figures = (td: number) => ({ fteTotal: 25, targetFteTd: td, targetFteTgd: 2.5 });
    const view = await ok<{ report: { version: number } }>('reports.get', { dossierId: ids.report2025 });
    const saved = await ok<{ version: number }>('reports.save', { dossierId: ids.report2025, version: view.report.version, figures: figures(11) });
    expect(getStoredCompliance(db, ids.report2025)?.summary.flags).not.toContainEqual({ ruleId: 'ei.target_share', status: 'breach' });
    await ok('reports.save', { dossierId: ids.report2025, version: saved.version, figures: figures(8.3) });
    expect(getStoredCompliance(db, ids.report2025)?.summary.flags).toContainEqual({ ruleId: 'ei.target_share', status: 'breach' });
  });

  it('stay as they were when a write is refused', async () => {
    await list();
    const before = getStoredCompliance(db, ids.report2025);
    const conflict = await refused('reports.save', { dossierId: ids.report2025, version: 99, figures: { targetFteTd: 20 } });
    expect(conflict.code).toBe('CONFLICT');
    const badInput = await refused('agrements.savePeriod', { agrementId: ids.eiAgrement, startOn: '2027-01-01', endOn: '2026-01-01', term: '2y' });
    expect(badInput.code).toBe('BAD_INPUT');
    expect(getStoredCompliance(db, ids.report2025)).toEqual(before);
  });

  it('follow an operator’s legal form: an EI cooperative turned non-profit breaks the legal-form rule on all its dossiers', async () => {
    await list();
    const operator = await ok<{ version: number; bce: string }>('operators.get', { id: ids.operator });
    await ok('operators.update', {
      id: ids.operator,
      version: operator.version,
      name: 'Ressourcerie du Val',
      bce: operator.bce,
      legalForm: 'ASBL',
      socialEnterprise: false,
      street: '',
      postcode: '5000',
      commune: 'Namur',
      province: 'NA',
      sector: 'ressourcerie',
    });
    for (const id of [ids.report2025, ids.report2024]) {
      expect(getStoredCompliance(db, id)?.summary.flags, String(id)).toContainEqual({ ruleId: 'legal_form.allowed', status: 'breach' });
    }
  });
});

describe('the demo', () => {
  it('stores every dossier’s result, with an open EI report in breach of the target share', { timeout: 60_000 }, async () => {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
    workspace = new Workspace(dir);
    today = '2026-11-22';
    backend = dispatcher();
    await ok('workspace.loadDemo', {});
    db = workspace.requireDb();
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM dossier_compliance')).toBe(count('SELECT count(*) AS n FROM dossiers'));
    expect(getComplianceStamp(db)).toEqual({ asOf: today, rulesVersion: rulesVersionOf(BOOK) });
    const breaching = await ok<DossierListOutput>('dossiers.list', { filters: { compliance: ['breach'], schemes: ['EI'], kinds: ['activity_report'] } });
    const open = breaching.rows.filter((r) => !['opinion_given', 'decided', 'closed'].includes(r.status));
    const withShare = open.filter((r) => r.compliance?.flags.some((f) => f.ruleId === 'ei.target_share' && f.status === 'breach'));
    expect(withShare.length).toBeGreaterThanOrEqual(1);
    const share = item(await checklist(withShare[0]!.id), 'ei.target_share');
    expect(share?.explanation).toMatch(/\d+,\d\s%/);
  });
});
