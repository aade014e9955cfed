import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { createDispatcher } from './registry';

const ctx = {};
const status = { state: 'empty' as const, path: '/tmp/x' };

describe('dispatcher', () => {
  it('refuses at start-up a method registered by two domains', () => {
    expect(() =>
      createDispatcher(ctx, { a: { 'workspace.status': () => status }, b: { 'workspace.status': () => status } }, { requireAll: false }),
    ).toThrow(/registered twice.*'a'.*'b'/);
  });

  it('refuses at start-up a handler for a method the contract does not know', () => {
    expect(() => createDispatcher(ctx, { a: { 'nope.verb': () => 1 } as never }, { requireAll: false })).toThrow(/unknown method 'nope.verb'/);
  });

  it('refuses at start-up a contract method left without handler', () => {
    expect(() => createDispatcher(ctx, { a: { 'workspace.status': () => status } })).toThrow(/without handler: .*workspace.create/);
  });

  it('answers an unknown method with UNKNOWN_METHOD, in French', async () => {
    const dispatcher = createDispatcher(ctx, {}, { requireAll: false });
    expect(await dispatcher.dispatch('dossiers.drop', {})).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: 'Méthode inconnue : dossiers.drop.' },
    });
    expect(await dispatcher.dispatch({ toString: () => 'x' }, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('rejects input failing the schema with BAD_INPUT and French issues, without calling the handler', async () => {
    let called = false;
    const dispatcher = createDispatcher(
      ctx,
      { w: { 'workspace.create': () => ((called = true), status) } },
      { requireAll: false },
    );
    const result = await dispatcher.dispatch('workspace.create', { profile: 'admin', name: '' });
    expect(called).toBe(false);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_INPUT');
    expect(result.error.issues?.map((i) => i.path).sort()).toEqual(['name', 'profile']);
    expect(result.error.issues?.find((i) => i.path === 'name')?.message).toBe('Indiquez un nom pour l’espace de travail.');
    expect(result.error.issues?.find((i) => i.path === 'profile')?.message).toMatch(/attendu|invalide/i);
  });

  it('passes the parsed input (with defaults) to the handler and wraps the result', async () => {
    const dispatcher = createDispatcher(
      ctx,
      { d: { 'dossiers.list': (_c, input) => ({ rows: [], total: input.limit }) } },
      { requireAll: false },
    );
    expect(await dispatcher.dispatch('dossiers.list', undefined)).toEqual({ ok: true, data: { rows: [], total: 200 } });
  });

  it('turns an AppError into its code and message', async () => {
    const dispatcher = createDispatcher(
      ctx,
      { d: { 'dossiers.get': () => { throw new AppError('NOT_FOUND', 'Dossier introuvable.'); } } },
      { requireAll: false },
    );
    expect(await dispatcher.dispatch('dossiers.get', { id: 9 })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Dossier introuvable.' },
    });
  });

  it('hides an unexpected exception behind INTERNAL and logs it', async () => {
    const logged: unknown[] = [];
    const dispatcher = createDispatcher(
      ctx,
      { d: { 'dossiers.get': () => { throw new Error('SQLITE_BUSY: secret path /home/x'); } } },
      { requireAll: false, log: (e) => logged.push(e) },
    );
    const result = await dispatcher.dispatch('dossiers.get', { id: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(logged).toHaveLength(1);
  });

  it('refuses to return output that breaks the contract', async () => {
    const dispatcher = createDispatcher(
      ctx,
      { w: { 'workspace.status': () => ({ state: 'bogus' }) as never } },
      { requireAll: false, log: () => {} },
    );
    expect(await dispatcher.dispatch('workspace.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
