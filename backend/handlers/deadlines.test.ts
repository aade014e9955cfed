import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeadlineCsvOutput, DeadlineListOutput } from '../../shared/contract';
import { seedReviewFixture } from '../../db/queries/review.fixture';
import { parseCsv } from '../exports/csv';
import { defaultRuleBook } from '../rules';
import type { BackendContext } from '../context';
import { createDispatcher, type Dispatcher } from '../rpc/registry';
import { Workspace } from '../workspace';
import { deadlineHandlers } from './deadlines';

let dir: string;
let workspace: Workspace;
let backend: Dispatcher;

function dispatcher(extra: Partial<BackendContext> = {}): Dispatcher {
  return createDispatcher({ workspace, today: () => '2026-11-22', ...extra }, { deadlines: deadlineHandlers }, { requireAll: false });
}

async function ok<T>(method: string, input: unknown, on: Dispatcher = backend): Promise<T> {
  const result = await on.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-deadlines-h-'));
  workspace = new Workspace(dir);
  seedReviewFixture(workspace.create('secretariat', 'Secrétariat de test'));
  backend = dispatcher();
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('deadlines.list', () => {
  it('lists the overdue and the next 180 days’ deadlines by date, with today, the total and the overdue count', async () => {
    const out = await ok<DeadlineListOutput>('deadlines.list', { filters: {} });
    expect(out.today).toBe('2026-11-22');
    expect(out.rows.map((r) => [r.dueOn, r.kind, r.daysLeft, r.overdue, r.operatorName, r.agrementNumber, r.dossierReference])).toEqual([
      ['2026-09-01', 'renewal_window_closes', -82, true, 'Ressourcerie du Val SC', 'EI-017', null],
      ['2026-10-01', 'condition_follow_up', -52, true, 'Ressourcerie du Val SC', 'EI-017', 'EI-2026-0002'],
      ['2026-12-31', 'condition_follow_up', 39, false, 'Ressourcerie du Val SC', 'EI-017', 'EI-2026-0002'],
      ['2027-02-28', 'agrement_expires', 98, false, 'Ressourcerie du Val SC', 'EI-017', null],
    ]);
    expect([out.total, out.overdue]).toEqual([4, 2]);
  });

  it('counts on the first page only, and the pages follow each other', async () => {
    const first = await ok<DeadlineListOutput>('deadlines.list', { filters: { horizonDays: 365 }, offset: 0, limit: 2 });
    const second = await ok<DeadlineListOutput>('deadlines.list', { filters: { horizonDays: 365 }, offset: 2, limit: 2 });
    const third = await ok<DeadlineListOutput>('deadlines.list', { filters: { horizonDays: 365 }, offset: 4, limit: 2 });
    expect([first.total, first.overdue, second.total, second.overdue]).toEqual([5, 2, null, null]);
    expect([...first.rows, ...second.rows, ...third.rows].map((r) => r.kind)).toEqual([
      'renewal_window_closes',
      'condition_follow_up',
      'condition_follow_up',
      'agrement_expires',
      'report_due',
    ]);
  });

  it('filters by state and kind', async () => {
    const overdue = await ok<DeadlineListOutput>('deadlines.list', { filters: { state: 'overdue' } });
    expect(overdue.rows.every((r) => r.overdue)).toBe(true);
    expect([overdue.total, overdue.overdue]).toEqual([2, 2]);
    const expiries = await ok<DeadlineListOutput>('deadlines.list', { filters: { kinds: ['agrement_expires'], schemes: ['EI'] } });
    expect(expiries.rows.map((r) => r.kind)).toEqual(['agrement_expires']);
    const none = await ok<DeadlineListOutput>('deadlines.list', { filters: { schemes: ['AC'] } });
    expect([none.rows, none.total, none.overdue]).toEqual([[], 0, 0]);
  });

  it('uses the thresholds of the context’s rule book, not constants', async () => {
    const book = structuredClone(defaultRuleBook());
    for (const regime of book.regimes) if (regime.renewalWindow) regime.renewalWindow.closeDaysBeforeExpiry = 60;
    const out = await ok<DeadlineListOutput>('deadlines.list', { filters: { kinds: ['renewal_window_closes'] } }, dispatcher({ rules: book }));
    expect(out.rows.map((r) => r.dueOn)).toEqual(['2026-12-30']);
  });

  it('refuses a horizon out of range with a French message', async () => {
    const result = await backend.dispatch('deadlines.list', { filters: { horizonDays: 0 } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('BAD_INPUT');
      expect(result.error.message).toMatch(/[éè]|invalide|doit/i);
    }
  });
});

describe('deadlines.exportCsv', () => {
  it('exports the rows of the filters as CSV for Belgian Excel: BOM, ;, French headers and labels, dd/mm/yyyy', async () => {
    const out = await ok<DeadlineCsvOutput>('deadlines.exportCsv', { filters: { horizonDays: 365 } });
    expect(out.filename).toBe('echeances-2026-11-22.csv');
    expect(out.rows).toBe(5);
    expect(out.content.startsWith('\uFEFFÉchéance;Type;Opérateur;Agrément;N° d’agrément;Dossier;Détail;Jours restants;En retard\r\n')).toBe(true);
    expect(parseCsv(out.content).slice(1)).toEqual([
      ['01/09/2026', 'Clôture du renouvellement', 'Ressourcerie du Val SC', 'EI', 'EI-017', '', '', '-82', 'Oui'],
      ['01/10/2026', 'Suivi des conditions', 'Ressourcerie du Val SC', 'EI', 'EI-017', 'EI-2026-0002', 'Subventions TD indûment perçues.', '-52', 'Oui'],
      ['31/12/2026', 'Suivi des conditions', 'Ressourcerie du Val SC', 'EI', 'EI-017', 'EI-2026-0002', 'Registre du personnel incomplet.', '39', 'Non'],
      ['28/02/2027', 'Fin de l’agrément', 'Ressourcerie du Val SC', 'EI', 'EI-017', '', '', '98', 'Non'],
      ['15/07/2027', 'Rapport d’activités 2026', 'Ressourcerie du Val SC', 'EI', 'EI-017', '', '', '235', 'Non'],
    ]);
  });

  it('exports only the header when nothing matches', async () => {
    const out = await ok<DeadlineCsvOutput>('deadlines.exportCsv', { filters: { schemes: ['IDESS'] } });
    expect(out.rows).toBe(0);
    expect(parseCsv(out.content)).toHaveLength(1);
  });
});
