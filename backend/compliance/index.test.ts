import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bceFromBase } from '../../shared/bce';
import { rulesFor } from '../../shared/compliance';
import type * as Engine from '../../shared/compliance';
import type { DossierComplianceOutput, DossierListOutput } from '../../shared/contract';
import { getStoredCompliance } from '../../db/queries/compliance';
import type { Db } from '../../db/open';
import type { BackendContext } from '../context';
import { createDispatcher, type Dispatcher } from '../rpc/registry';
import { complianceHandlers } from '../handlers/compliance';
import { dossierHandlers } from '../handlers/dossiers';
import { entryHandlers } from '../handlers/entry';
import { operatorHandlers } from '../handlers/operators';
import { workspaceHandlers } from '../handlers/workspace';
import { Workspace } from '../workspace';
import { ruleBookOf } from '../rules';
import { ensureComplianceFresh, refreshCompliance } from '.';

/** The dossiers the engine stub throws on (the real engine for the others). */
const failing = vi.hoisted(() => new Set<number>());

vi.mock('../../shared/compliance', async (importOriginal) => {
  const actual = await importOriginal<typeof Engine>();
  return {
    ...actual,
    evaluateDossier: (...args: Parameters<typeof actual.evaluateDossier>) => {
      if (failing.has(args[0].dossier.id)) throw new TypeError('Cannot read properties of undefined (reading "periods")');
      return actual.evaluateDossier(...args);
    },
  };
});

const NOW = '2026-01-01T09:00:00.000Z';
let dir: string;
let workspace: Workspace;
let db: Db;
let today: string;
let logged: { message: string; error: unknown }[];
let backend: Dispatcher;
let ids: { operator: number; ies: number; judged: number; open: number };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-compliance-refresh-'));
  workspace = new Workspace(dir);
  db = workspace.create('secretariat', 'Secrétariat de la COMES');
  today = '2026-01-10';
  logged = [];
  failing.clear();
  const ctx: BackendContext = { workspace, today: () => today };
  backend = createDispatcher(
    ctx,
    { compliance: complianceHandlers, dossiers: dossierHandlers, entry: entryHandlers, operators: operatorHandlers, workspace: workspaceHandlers },
    { requireAll: false, log: () => undefined },
  );
  // An IES cooperative whose current 2-year period ends on 31/08/2026: its renewal window runs from
  // 03/01/2026 (240 days before) to 04/03/2026 (180 days before).
  const operator = Number(
    db
      .prepare(
        `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
         VALUES (?, 'Les Ateliers du Bocq SC', 'SC', 1, '5530', 'Yvoir', 'NA', 'ressourcerie', ?, ?)`,
      )
      .run(bceFromBase('04751234'), NOW, NOW).lastInsertRowid,
  );
  const ies = Number(
    db.prepare(`INSERT INTO agrements (operator_id, scheme, number, status, first_granted_on) VALUES (?, 'IES', 'IES/2024/011', 'active', '2024-09-01')`).run(operator)
      .lastInsertRowid,
  );
  db.prepare(`INSERT INTO agrement_periods (agrement_id, start_on, end_on, term) VALUES (?, '2024-09-01', '2026-08-31', '2y')`).run(ies);
  const dossier = db.prepare(
    `INSERT INTO dossiers (reference, operator_id, agrement_id, scheme, kind, status, subject, received_on, created_at, updated_at)
     VALUES (?, ?, ?, 'IES', ?, ?, 'Objet', ?, ?, ?)`,
  );
  // Set to « avis rendu » without an opinion row: judged « today », like an open dossier.
  const judged = Number(dossier.run('IES-2025-0007', operator, ies, 'extension', 'opinion_given', '2025-10-02', NOW, NOW).lastInsertRowid);
  const open = Number(dossier.run('IES-2025-0008', operator, ies, 'extension', 'received', '2025-11-20', NOW, NOW).lastInsertRowid);
  ids = { operator, ies, judged, open };
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ok<T>(method: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

const flagOf = (summary: { flags: { ruleId: string; status: string }[] } | null | undefined, ruleId: string) =>
  summary?.flags.find((f) => f.ruleId === ruleId)?.status ?? 'ok';

describe('the daily refresh of the stored results', () => {
  it('recomputes a result a write stored on a day without refresh: the table says what the checklist says', async () => {
    await ok('dossiers.list', { filters: {} }); // 10/01: the day's refresh
    expect(getStoredCompliance(db, ids.judged)).toMatchObject({ asOf: '2026-01-10' });
    expect(flagOf(getStoredCompliance(db, ids.judged)?.summary, 'renewal.window')).toBe('warning');

    today = '2026-01-11'; // a write, and no list that day
    await ok('agrements.save', {
      operatorId: ids.operator,
      id: ids.ies,
      version: db.prepare('SELECT version FROM agrements WHERE id = ?').pluck().get(ids.ies),
      scheme: 'IES',
      number: 'IES/2024/011',
      status: 'active',
      firstGrantedOn: '2024-09-01',
    });
    expect(getStoredCompliance(db, ids.judged)).toMatchObject({ asOf: '2026-01-11' });

    today = '2026-03-10'; // the window closed on 04/03 without a request
    const list = await ok<DossierListOutput>('dossiers.list', { filters: {} });
    const checklist = await ok<DossierComplianceOutput>('compliance.dossier', { id: ids.judged });
    expect(checklist.items.find((i) => i.ruleId === 'renewal.window')?.status).toBe('breach');
    expect(getStoredCompliance(db, ids.judged)).toMatchObject({ asOf: '2026-03-10' });
    const row = list.rows.find((r) => r.id === ids.judged);
    expect(flagOf(row?.compliance, 'renewal.window')).toBe('breach');
    expect(row?.compliance).toMatchObject({ worst: checklist.summary.worst, breaches: checklist.summary.breaches });
  });

  it('leaves a dossier judged at its opinion alone when only the day changes', async () => {
    db.prepare(`UPDATE dossiers SET status = 'opinion_given' WHERE id = ?`).run(ids.open);
    const session = Number(db.prepare(`INSERT INTO sessions (number, held_on, status) VALUES (1, '2025-12-18', 'closed')`).run().lastInsertRowid);
    const item = Number(db.prepare(`INSERT INTO agenda_items (session_id, dossier_id, section, position) VALUES (?, ?, 'misc', 1)`).run(session, ids.open).lastInsertRowid);
    db.prepare(`INSERT INTO opinions (agenda_item_id, dossier_id, outcome, given_on) VALUES (?, ?, 'noted', '2025-12-18')`).run(item, ids.open);
    await ok('dossiers.list', { filters: {} });
    expect(getStoredCompliance(db, ids.open)).toMatchObject({ asOf: '2025-12-18' });
    db.prepare(`UPDATE dossier_compliance SET worst = 'breach' WHERE dossier_id = ?`).run(ids.open);
    today = '2026-03-10';
    await ok('dossiers.list', { filters: {} });
    expect(getStoredCompliance(db, ids.open)).toMatchObject({ asOf: '2025-12-18', summary: { worst: 'breach' } });
  });
});

describe('a dossier the engine fails on', () => {
  it('is stored as « données manquantes » on every rule, logged, and the others are still evaluated', async () => {
    failing.add(ids.judged);
    const ctx: BackendContext = { workspace, today: () => today };
    const log = (message: string, error: unknown) => logged.push({ message, error });
    db.transaction(() => refreshCompliance(db, ruleBookOf(ctx), today, { all: true }, log))();
    const stored = getStoredCompliance(db, ids.judged)?.summary;
    expect(stored).toMatchObject({ worst: 'missing', breaches: 0, warnings: 0, missing: rulesFor('IES').length });
    expect(stored?.flags).toEqual(rulesFor('IES').map((r) => ({ ruleId: r.id, status: 'missing' })));
    expect(getStoredCompliance(db, ids.open)?.summary.flags).toContainEqual({ ruleId: 'renewal.window', status: 'warning' });
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toContain(`dossier ${ids.judged}`);
    expect(logged[0]?.error).toBeInstanceOf(TypeError);
  });

  it('does not stop the Dossiers list', async () => {
    failing.add(ids.open);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(ensureComplianceFresh({ workspace, today: () => today })).toBe(true);
      const list = await ok<DossierListOutput>('dossiers.list', { filters: {} });
      expect(list.rows.find((r) => r.id === ids.open)?.compliance).toMatchObject({ worst: 'missing' });
      expect(flagOf(list.rows.find((r) => r.id === ids.judged)?.compliance, 'renewal.window')).toBe('warning');
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});
