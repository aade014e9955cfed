import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SavedView, ViewState } from '../../shared/contract';
import { createDispatcher, type Dispatcher } from '../rpc/registry';
import { Workspace } from '../workspace';
import { viewHandlers } from './views';

let dir: string;
let workspace: Workspace;
let backend: Dispatcher;

const STATE: ViewState = {
  columns: { order: ['operator', 'reference', 'scheme', 'kind', 'status', 'receivedOn', 'session'], hidden: ['kind'], widths: { operator: 320 } },
  filters: { text: 'namur', schemes: ['EI'], kinds: [], statuses: ['scheduled'] },
  sort: { column: 'reference', direction: 'asc' },
  groupBy: 'status',
};

async function ok<T>(method: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

const count = (sql: string) => (workspace.requireDb().prepare(sql).get() as { n: number }).n;

function open(): void {
  workspace = new Workspace(dir).open();
  backend = createDispatcher({ workspace, today: () => '2026-11-22' }, { views: viewHandlers }, { requireAll: false });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-views-'));
  new Workspace(dir).create('secretariat', 'Secrétariat').close();
  open();
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('saved views of the Dossiers table', () => {
  it('keeps a view with its whole state in the workspace, found again after reopening it', async () => {
    const created = await ok<SavedView>('views.create', { name: '  EI à Namur ', state: STATE });
    expect(created).toMatchObject({ name: 'EI à Namur', state: STATE });
    workspace.close();
    open();
    const { views } = await ok<{ views: SavedView[] }>('views.list', {});
    expect(views).toEqual([expect.objectContaining({ id: created.id, name: 'EI à Namur', state: STATE })]);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE action = 'view.create'`)).toBe(1);
  });

  it('renames a view, replaces its state with the current one, and deletes it, each in the audit log', async () => {
    const created = await ok<SavedView>('views.create', { name: 'Mes dossiers', state: STATE });
    const renamed = await ok<SavedView>('views.update', { id: created.id, name: 'Dossiers EI' });
    expect(renamed).toMatchObject({ name: 'Dossiers EI', state: STATE });
    const next = { ...STATE, groupBy: null, sort: { column: 'receivedOn', direction: 'desc' } } satisfies ViewState;
    expect((await ok<SavedView>('views.update', { id: created.id, state: next })).state).toEqual(next);
    await ok('views.delete', { id: created.id });
    expect((await ok<{ views: SavedView[] }>('views.list', {})).views).toEqual([]);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE entity = 'saved_view'`)).toBe(4);
  });

  it('refuses a name already taken, whatever its case, in French, and writes nothing', async () => {
    const first = await ok<SavedView>('views.create', { name: 'À traiter', state: STATE });
    const other = await ok<SavedView>('views.create', { name: 'Autre', state: STATE });
    const again = await backend.dispatch('views.create', { name: 'à TRAITER', state: STATE });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Une vue nommée « à TRAITER » existe déjà. Choisissez un autre nom.' } });
    const rename = await backend.dispatch('views.update', { id: other.id, name: 'À traiter' });
    expect(rename).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Renaming a view to its own name (another case) is allowed.
    expect((await ok<SavedView>('views.update', { id: first.id, name: 'à traiter' })).name).toBe('à traiter');
    expect(count('SELECT count(*) AS n FROM saved_views')).toBe(2);
  });

  it('refuses an empty name, an unknown column, a state hiding every column, and an unknown view', async () => {
    const empty = await backend.dispatch('views.create', { name: '   ', state: STATE });
    expect(empty).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'name', message: 'Donnez un nom à la vue.' }] } });
    const badColumn = await backend.dispatch('views.create', { name: 'X', state: { ...STATE, columns: { ...STATE.columns, hidden: ['nope'] } } });
    expect(badColumn).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const allHidden = await backend.dispatch('views.create', {
      name: 'Y',
      state: { ...STATE, columns: { ...STATE.columns, hidden: ['reference', 'operator', 'scheme', 'kind', 'status', 'receivedOn', 'session', 'compliance'] } },
    });
    expect(allHidden).toMatchObject({ ok: false, error: { issues: [expect.objectContaining({ message: 'Au moins une colonne doit rester affichée.' })] } });
    expect(await backend.dispatch('views.delete', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'Vue introuvable.' } });
    expect(count('SELECT count(*) AS n FROM saved_views')).toBe(0);
  });
});
