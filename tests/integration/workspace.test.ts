/**
 * Workspace creation is all or nothing: when filling the new workspace fails (the demo generator
 * throws, the disk is full…), no half-made workspace is left on disk.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { belgianToday } from '../../backend/context';
import { createBackend } from '../../backend/handlers/index';
import { Workspace } from '../../backend/workspace';
import { snapshot, tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('comes-ws-');
});
afterEach(() => tmp.cleanup());

const failing = () => {
  throw new Error('disque plein');
};

describe('a failed workspace creation', () => {
  it('in a folder that did not exist (nor its parent): leaves nothing at all', () => {
    const before = snapshot(tmp.dir);
    const workspace = new Workspace(join(tmp.dir, 'a', 'b', 'espace'));
    expect(() => workspace.create('secretariat', 'Secrétariat', { populate: failing })).toThrow('disque plein');
    expect(snapshot(tmp.dir)).toEqual(before);
    expect(workspace.status().state).toBe('empty');
  });

  it('in an existing folder: leaves the folder and its other files as they were', () => {
    const dir = join(tmp.dir, 'espace');
    mkdirSync(join(dir, 'documents'), { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'à garder');
    writeFileSync(join(dir, 'documents', 'ancien.pdf'), '%PDF-1.7');
    const before = snapshot(tmp.dir);
    const workspace = new Workspace(dir);
    expect(() => workspace.create('member', 'Marie Dupont', { populate: failing })).toThrow('disque plein');
    expect(snapshot(tmp.dir)).toEqual(before);
  });

  it('can be retried: the next creation succeeds', () => {
    const workspace = new Workspace(join(tmp.dir, 'espace'));
    expect(() => workspace.create('secretariat', 'Secrétariat', { populate: failing })).toThrow();
    workspace.create('secretariat', 'Secrétariat');
    expect(workspace.status()).toMatchObject({ state: 'ready', profile: 'secretariat', name: 'Secrétariat' });
    workspace.close();
    expect(Object.keys(snapshot(join(tmp.dir, 'espace'))).sort()).toEqual(['comes.sqlite', 'documents/']);
  });

  it('through the dispatcher: an INTERNAL envelope and nothing on disk', async () => {
    const workspace = new Workspace(join(tmp.dir, 'espace')).open();
    const original = workspace.create.bind(workspace);
    workspace.create = (profile, name, options = {}) => original(profile, name, { ...options, populate: failing });
    const backend = createBackend({ workspace, today: () => belgianToday() }, { log: () => {} });
    const before = snapshot(tmp.dir);
    const envelope = await backend.dispatch('workspace.create', { profile: 'secretariat', name: 'Secrétariat' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!envelope.ok) expect(envelope.error.message).toMatch(/n’a pas été enregistrée/);
    expect(snapshot(tmp.dir)).toEqual(before);
    workspace.close();
  });
});
