import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bceFromBase, formatBce } from '../../shared/bce';
import { ruleBookOf } from '../rules';
import { createDispatcher, type Dispatcher } from '../rpc/registry';
import { Workspace } from '../workspace';
import { entryHandlers } from './entry';
import { operatorHandlers } from './operators';
import { accepted, refusal } from '../rpc/testing';

let dir: string;
let workspace: Workspace;
let backend: Dispatcher;
let operatorId: number;
let reportDossierId: number;

const NOW = '2026-11-01T09:00:00.000Z';
const OPERATOR = {
  name: 'Ressourcerie du Val de Sambre',
  bce: formatBce(bceFromBase('04642813')),
  legalForm: 'SC',
  socialEnterprise: true,
  street: 'Rue de la Gare 12',
  postcode: '5060',
  commune: 'Sambreville',
  province: 'NA',
  sector: 'ressourcerie',
};

function open(profile: 'secretariat' | 'member') {
  workspace = new Workspace(dir);
  const db = workspace.create(profile, profile === 'secretariat' ? 'Secrétariat de la COMES' : 'Anne Lambert');
  operatorId = Number(
    db
      .prepare(
        `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
         VALUES (?, 'Éco-Jardins de Hesbaye', 'SC', 1, '4300', 'Waremme', 'LG', 'espaces verts', ?, ?)`,
      )
      .run(bceFromBase('08000001'), NOW, NOW).lastInsertRowid,
  );
  reportDossierId = Number(
    db
      .prepare(
        `INSERT INTO dossiers (reference, operator_id, scheme, kind, status, subject, received_on, report_year, created_at, updated_at)
         VALUES ('EI-2026-0001', ?, 'EI', 'activity_report', 'received', 'Rapport 2025', '2026-06-30', 2025, ?, ?)`,
      )
      .run(operatorId, NOW, NOW).lastInsertRowid,
  );
  backend = createDispatcher({ workspace, today: () => '2026-11-01' }, { operators: operatorHandlers, entry: entryHandlers }, { requireAll: false, log: () => undefined });
}

const ok = <T>(method: string, input: unknown) => accepted<T>(backend, method, input);

const refused = (method: string, input: unknown) => refusal(backend, method, input);

const count = (sql: string, ...params: unknown[]) => (workspace.requireDb().prepare(sql).get(...params) as { n: number }).n;
const auditCount = () => count('SELECT count(*) AS n FROM audit_log');
const lastAudit = () =>
  workspace.requireDb().prepare('SELECT actor, action, entity, entity_id AS entityId, changes FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
    actor: string;
    action: string;
    entity: string;
    entityId: number;
    changes: string;
  };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-entry-'));
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('operators', () => {
  beforeEach(() => open('secretariat'));

  it('creates an operator with its BCE stored as digits, and records who created it', async () => {
    const { id } = await ok<{ id: number }>('operators.create', OPERATOR);
    expect(workspace.requireDb().prepare('SELECT bce, name FROM operators WHERE id = ?').get(id)).toEqual({
      bce: bceFromBase('04642813'),
      name: OPERATOR.name,
    });
    const audit = lastAudit();
    expect(audit).toMatchObject({ actor: 'Secrétariat de la COMES', action: 'operator.create', entity: 'operator', entityId: id });
    expect(JSON.parse(audit.changes).name).toEqual({ from: null, to: OPERATOR.name });
  });

  it('refuses a BCE number with a wrong checksum, in French, writing nothing', async () => {
    const before = auditCount();
    const error = await refused('operators.create', { ...OPERATOR, bce: '0464.281.393' });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.issues).toContainEqual({ path: 'bce', message: expect.stringContaining('modulo 97') });
    expect(count('SELECT count(*) AS n FROM operators')).toBe(1);
    expect(auditCount()).toBe(before);
  });

  it('refuses a duplicate BCE number, naming the operator that has it', async () => {
    const error = await refused('operators.create', { ...OPERATOR, bce: bceFromBase('08000001') });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('« Éco-Jardins de Hesbaye »');
    expect(error.issues?.[0]?.path).toBe('bce');
    expect(count('SELECT count(*) AS n FROM operators')).toBe(1);
  });

  it('edits an operator, recording each changed field from → to', async () => {
    const detail = await ok<{ version: number }>('operators.get', { id: operatorId });
    await ok('operators.update', { ...OPERATOR, bce: bceFromBase('08000001'), name: 'Éco-Jardins de Hesbaye SC', id: operatorId, version: detail.version });
    const changes = JSON.parse(lastAudit().changes) as Record<string, { from: unknown; to: unknown }>;
    expect(changes.name).toEqual({ from: 'Éco-Jardins de Hesbaye', to: 'Éco-Jardins de Hesbaye SC' });
    expect(changes.commune).toEqual({ from: 'Waremme', to: 'Sambreville' });
    expect(changes).not.toHaveProperty('bce');
    const again = await ok<{ version: number; history: { action: string }[] }>('operators.get', { id: operatorId });
    expect(again.version).toBe(detail.version + 1);
    expect(again.history[0]?.action).toBe('operator.update');
  });

  it('refuses an edit based on a stale version (another window saved first), writing nothing', async () => {
    const { version } = await ok<{ version: number }>('operators.get', { id: operatorId });
    const input = { ...OPERATOR, bce: bceFromBase('08000001'), id: operatorId, version };
    await ok('operators.update', { ...input, name: 'Première fenêtre' });
    const before = auditCount();
    const error = await refused('operators.update', { ...input, name: 'Seconde fenêtre' });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/modifié entre-temps/);
    expect(workspace.requireDb().prepare('SELECT name FROM operators WHERE id = ?').get(operatorId)).toEqual({ name: 'Première fenêtre' });
    expect(auditCount()).toBe(before);
  });
});

describe('activity-report figures', () => {
  beforeEach(() => open('secretariat'));

  it('creates the report of the dossier with money in cents and NULL for what is not provided', async () => {
    const saved = await ok<{ id: number; version: number }>('reports.save', {
      dossierId: reportDossierId,
      figures: { fteTotal: 12.5, headcount: 15, lowestFtePayCents: 2_480_050, trainingHours: null, targetFteSine: 3 },
    });
    const row = workspace.requireDb().prepare('SELECT * FROM activity_reports WHERE id = ?').get(saved.id) as Record<string, unknown>;
    expect(row).toMatchObject({ year: 2025, scheme: 'EI', dossier_id: reportDossierId, fte_total: 12.5, headcount: 15, lowest_fte_pay_cents: 2_480_050 });
    expect(row.training_hours).toBeNull();
    expect(row.due_on).toBe('2026-07-15'); // the thresholds file's report day of N+1
    // An IDESS figure is not written on an EI report.
    expect(row.target_fte_sine).toBeNull();
    const audit = lastAudit();
    expect(audit).toMatchObject({ action: 'report.create', entity: 'dossier', entityId: reportDossierId });
    expect(JSON.parse(audit.changes)).toMatchObject({ reportId: saved.id, fteTotal: { from: null, to: 12.5 } });
  });

  it('dates the report’s due day from the rule book: another report day in the file, another due date', async () => {
    const book = structuredClone(ruleBookOf({}));
    for (const regime of book.regimes) regime.report.dueMonthDay = '06-30';
    backend = createDispatcher(
      { workspace, today: () => '2026-11-01', rules: book },
      { operators: operatorHandlers, entry: entryHandlers },
      { requireAll: false, log: () => undefined },
    );
    const saved = await ok<{ id: number }>('reports.save', { dossierId: reportDossierId, figures: { fteTotal: 10 } });
    expect(workspace.requireDb().prepare('SELECT due_on FROM activity_reports WHERE id = ?').pluck().get(saved.id)).toBe('2026-06-30');
  });

  it('refuses, in French, a report of a year the thresholds file has no regime for, writing nothing', async () => {
    const db = workspace.requireDb();
    db.prepare('UPDATE dossiers SET report_year = 2015 WHERE id = ?').run(reportDossierId); // EI regime from 20/10/2016
    const before = auditCount();
    const error = await refused('reports.save', { dossierId: reportDossierId, figures: { fteTotal: 10 } });
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: 'Le fichier des seuils ne prévoit pas de rapport EI pour l’année 2015 : échéance inconnue.' });
    expect(count('SELECT count(*) AS n FROM activity_reports')).toBe(0);
    expect(auditCount()).toBe(before);
  });

  it.each([
    ['a negative FTE', { fteTotal: -1 }, 'figures.fteTotal', '« ETP total » ne peut pas être négatif.'],
    ['letters for a count', { headcount: 'douze' }, 'figures.headcount', '« Travailleurs (personnes) » doit être un nombre entier.'],
    ['a fractional count', { cdiWithin6Months: 1.5 }, 'figures.cdiWithin6Months', '« CDI dans les 6 mois » doit être un nombre entier.'],
    ['fractions of a cent', { wageCostCents: 10.5 }, 'figures.wageCostCents', '« Coût salarial » doit être un montant en euros avec au plus deux décimales.'],
  ])('refuses %s naming the field in French, writing nothing', async (_label, figures, path, message) => {
    await ok('reports.save', { dossierId: reportDossierId, figures: { fteTotal: 10 } });
    const before = auditCount();
    const version = count('SELECT version AS n FROM activity_reports WHERE dossier_id = ?', reportDossierId);
    const error = await refused('reports.save', { dossierId: reportDossierId, version, figures: { headcount: 11, ...figures } });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.issues).toContainEqual({ path, message });
    expect(count('SELECT fte_total AS n FROM activity_reports WHERE dossier_id = ?', reportDossierId)).toBe(10);
    expect(count('SELECT count(*) AS n FROM activity_reports WHERE headcount IS NOT NULL')).toBe(0);
    expect(auditCount()).toBe(before);
  });

  it('updates figures on the version seen, and refuses a stale one', async () => {
    const first = await ok<{ version: number }>('reports.save', { dossierId: reportDossierId, figures: { fteTotal: 10 } });
    const second = await ok<{ version: number }>('reports.save', { dossierId: reportDossierId, version: first.version, figures: { fteTotal: 11, headcount: 0 } });
    expect(second.version).toBe(first.version + 1);
    expect(JSON.parse(lastAudit().changes)).toMatchObject({ fteTotal: { from: 10, to: 11 }, headcount: { from: null, to: 0 } });
    const error = await refused('reports.save', { dossierId: reportDossierId, version: first.version, figures: { fteTotal: 99 } });
    expect(error.code).toBe('CONFLICT');
    expect(count('SELECT fte_total AS n FROM activity_reports WHERE dossier_id = ?', reportDossierId)).toBe(11);
  });
});

describe('dossiers, agréments and findings', () => {
  beforeEach(() => open('secretariat'));

  const fields = {
    agrementId: null,
    scheme: 'EI',
    kind: 'renewal',
    status: 'received',
    subject: 'Renouvellement de l’agrément EI',
    receivedOn: '2026-10-15',
    completeOn: null,
    opinionDueOn: null,
    reportYear: null,
    proposalOutcome: null,
    proposalText: null,
  };

  it('creates a dossier with the next reference of its scheme and year, then edits it with an audit entry', async () => {
    const created = await ok<{ id: number; reference: string }>('dossiers.create', { operatorId, fields });
    expect(created.reference).toBe('EI-2026-0002');
    const edit = await ok<{ version: number }>('dossiers.getForEdit', { id: created.id });
    await ok('dossiers.update', { id: created.id, version: edit.version, fields: { ...fields, status: 'ready', completeOn: '2026-10-20' } });
    expect(JSON.parse(lastAudit().changes)).toEqual({ status: { from: 'received', to: 'ready' }, completeOn: { from: null, to: '2026-10-20' } });
    const stale = await refused('dossiers.update', { id: created.id, version: edit.version, fields: { ...fields, subject: 'Autre' } });
    expect(stale.code).toBe('CONFLICT');
  });

  it('refuses a dossier complete before it was received, field named', async () => {
    const error = await refused('dossiers.create', { operatorId, fields: { ...fields, completeOn: '2026-01-01' } });
    expect(error.issues).toContainEqual({ path: 'fields.completeOn', message: 'Un dossier ne peut être complet avant d’avoir été reçu.' });
    expect(count('SELECT count(*) AS n FROM dossiers')).toBe(1);
  });

  it('saves an agrément and its periods, refusing an end date on an indefinite period', async () => {
    const agr = await ok<{ id: number; version: number }>('agrements.save', {
      operatorId,
      scheme: 'EI',
      number: 'EI-0042',
      status: 'active',
      firstGrantedOn: '2020-03-01',
    });
    await ok('agrements.savePeriod', { agrementId: agr.id, startOn: '2020-03-01', endOn: '2022-02-28', term: '2y' });
    const error = await refused('agrements.savePeriod', { agrementId: agr.id, startOn: '2022-03-01', endOn: '2026-02-28', term: 'indefinite' });
    expect(error.issues?.[0]).toMatchObject({ path: 'endOn' });
    const detail = await ok<{ agrements: { periods: unknown[] }[]; history: { action: string }[] }>('operators.get', { id: operatorId });
    expect(detail.agrements[0]?.periods).toHaveLength(1);
    expect(detail.history.map((h) => h.action)).toEqual(['period.create', 'agrement.create']);
    const duplicate = await refused('agrements.save', { operatorId, scheme: 'EI', number: 'EI-0042', status: 'requested', firstGrantedOn: null });
    expect(duplicate.message).toContain('Éco-Jardins de Hesbaye');
  });

  it('creates the inspection of a dossier, then its findings, each audited on the dossier', async () => {
    const noInspection = await refused('findings.save', { dossierId: reportDossierId, severity: 'minor', description: 'x', followUpDueOn: null, resolvedOn: null });
    expect(noInspection.code).toBe('BAD_INPUT');
    await ok('inspections.save', { dossierId: reportDossierId, inspectedOn: '2026-09-10', inspector: 'M. Delvaux', scope: 'Contrôle des conditions', conclusion: '' });
    const finding = await ok<{ id: number; version: number }>('findings.save', {
      dossierId: reportDossierId,
      severity: 'major',
      description: 'Deux contrats CDD au-delà de 6 mois.',
      followUpDueOn: '2027-01-15',
      resolvedOn: null,
    });
    await ok('findings.save', { dossierId: reportDossierId, id: finding.id, version: finding.version, severity: 'major', description: 'Deux contrats CDD au-delà de 6 mois.', followUpDueOn: '2027-01-15', resolvedOn: '2026-10-30' });
    const history = await ok<{ action: string; changes: Record<string, unknown> }[]>('entry.history', { entity: 'dossier', entityId: reportDossierId });
    expect(history.map((h) => h.action)).toEqual(['finding.update', 'finding.create', 'inspection.create']);
    expect(history[0]?.changes.resolvedOn).toEqual({ from: null, to: '2026-10-30' });
  });
});

describe('a member workspace', () => {
  beforeEach(() => open('member'));

  it('can read operators but every write is refused with FORBIDDEN, nothing written', async () => {
    await ok('operators.get', { id: operatorId });
    const before = auditCount();
    const attempts: [string, unknown][] = [
      ['operators.create', OPERATOR],
      ['reports.save', { dossierId: reportDossierId, figures: { fteTotal: 3 } }],
      ['agrements.save', { operatorId, scheme: 'EI', number: 'X', status: 'active', firstGrantedOn: null }],
      ['inspections.save', { dossierId: reportDossierId, inspectedOn: '2026-09-10', inspector: 'X', scope: 'Y', conclusion: '' }],
    ];
    for (const [method, input] of attempts) {
      const error = await refused(method, input);
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/Seul le secrétariat/);
    }
    expect(auditCount()).toBe(before);
    expect(count('SELECT count(*) AS n FROM operators')).toBe(1);
    expect(count('SELECT count(*) AS n FROM activity_reports')).toBe(0);
  });
});
