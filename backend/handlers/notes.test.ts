import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bceFromBase } from '../../shared/bce';
import { setMeta } from '../../db/queries/meta';
import { LIST_NOTES_SQL } from '../../db/queries/notes';
import { createDispatcher, type Dispatcher } from '../rpc/registry';
import { Workspace } from '../workspace';
import { noteHandlers } from './notes';

let dir: string;
let workspace: Workspace;
let backend: Dispatcher;
let dossierId: number;
let memberA: number;
let memberB: number;

type Note = { id: number; version: number; body: string; visibility: string; mine: boolean; authorName: string | null };

async function ok<T = Note>(method: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

function actAs(memberId: number | null) {
  const db = workspace.requireDb();
  if (memberId === null) db.prepare(`DELETE FROM meta WHERE key = 'member_id'`).run();
  else setMeta(db, 'member_id', String(memberId));
}

function count(sql: string): number {
  return (workspace.requireDb().prepare(sql).get() as { n: number }).n;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-notes-'));
  workspace = new Workspace(dir);
  const db = workspace.create('member', 'Anne Lambert (FEBECOOP)');
  const now = '2026-11-01T09:00:00.000Z';
  const member = db.prepare(
    `INSERT INTO members (full_name, organisation, organisation_kind, role, voting, active_from) VALUES (?, 'Org', 'federation', 'member', 1, '2020-01-01')`,
  );
  memberA = Number(member.run('Anne Lambert').lastInsertRowid);
  memberB = Number(member.run('Bruno Dubois').lastInsertRowid);
  const op = db
    .prepare(
      `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
       VALUES (?, 'Coopérative test', 'SC', 1, '5000', 'Namur', 'NA', 'ressourcerie', ?, ?)`,
    )
    .run(bceFromBase('04642813'), now, now).lastInsertRowid;
  dossierId = Number(
    db
      .prepare(
        `INSERT INTO dossiers (reference, operator_id, scheme, kind, status, subject, received_on, created_at, updated_at)
         VALUES ('EI-2026-001', ?, 'EI', 'agrement', 'received', 'Demande', '2026-10-01', ?, ?)`,
      )
      .run(op, now, now).lastInsertRowid,
  );
  actAs(memberA);
  backend = createDispatcher({ workspace, today: () => '2026-11-22' }, { notes: noteHandlers }, { requireAll: false });
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('notes', () => {
  it('shows shared notes of everyone and only the user’s own private notes', async () => {
    await ok('notes.create', { dossierId, visibility: 'private', body: 'Note privée d’Anne' });
    await ok('notes.create', { dossierId, visibility: 'shared', body: 'Note partagée d’Anne' });
    actAs(memberB);
    await ok('notes.create', { dossierId, visibility: 'private', body: 'Note privée de Bruno' });
    const seenByB = await ok<Note[]>('notes.list', { dossierId });
    expect(seenByB.map((n) => [n.body, n.authorName, n.mine])).toEqual([
      ['Note partagée d’Anne', 'Anne Lambert', false],
      ['Note privée de Bruno', 'Bruno Dubois', true],
    ]);
    actAs(null);
    const seenBySecretariat = await ok<Note[]>('notes.list', { dossierId });
    expect(seenBySecretariat.map((n) => n.body)).toEqual(['Note partagée d’Anne']);
  });

  it('edits with the row version, refuses a stale version with the French conflict message, audits each change', async () => {
    const note = await ok('notes.create', { dossierId, visibility: 'private', body: 'Première version' });
    const edited = await ok('notes.update', { id: note.id, version: note.version, body: 'Deuxième version', visibility: 'shared' });
    expect(edited).toMatchObject({ body: 'Deuxième version', visibility: 'shared', version: note.version + 1 });
    const stale = await backend.dispatch('notes.update', { id: note.id, version: note.version, body: 'Écrasement', visibility: 'private' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!stale.ok && stale.error.message).toMatch(/modifiée entre-temps/);
    const staleDelete = await backend.dispatch('notes.delete', { id: note.id, version: note.version });
    expect(staleDelete).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await ok<Note[]>('notes.list', { dossierId }))[0]!.body).toBe('Deuxième version');
    await ok('notes.delete', { id: note.id, version: edited.version });
    expect(await ok<Note[]>('notes.list', { dossierId })).toEqual([]);
    const actions = workspace.requireDb().prepare(`SELECT action FROM audit_log WHERE entity = 'note' ORDER BY id`).all();
    expect(actions).toEqual([{ action: 'note.create' }, { action: 'note.update' }, { action: 'note.delete' }]);
  });

  it('lets only the author edit or delete; another user’s private note is not found', async () => {
    const shared = await ok('notes.create', { dossierId, visibility: 'shared', body: 'Partagée' });
    const hidden = await ok('notes.create', { dossierId, visibility: 'private', body: 'Privée' });
    actAs(memberB);
    const edit = await backend.dispatch('notes.update', { id: shared.id, version: shared.version, body: 'Pirate', visibility: 'shared' });
    expect(edit).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Seul l’auteur d’une note peut la modifier ou la supprimer.' } });
    expect(await backend.dispatch('notes.delete', { id: hidden.id, version: hidden.version })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(count(`SELECT count(*) AS n FROM notes`)).toBe(2);
    expect(count(`SELECT count(*) AS n FROM notes WHERE body = 'Pirate'`)).toBe(0);
  });

  it('refuses an empty or too long body in French and writes nothing', async () => {
    const empty = await backend.dispatch('notes.create', { dossierId, visibility: 'shared', body: '   ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'body', message: 'La note est vide : écrivez-en le texte.' }] } });
    const long = await backend.dispatch('notes.create', { dossierId, visibility: 'shared', body: 'a'.repeat(20_001) });
    expect(long).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(JSON.stringify(long)).toMatch(/ne peut dépasser 20/);
    expect(count(`SELECT count(*) AS n FROM notes`)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE entity = 'note'`)).toBe(0);
  });

  it('lists a dossier’s notes through the notes_dossier index', () => {
    const plan = workspace
      .requireDb()
      .prepare('EXPLAIN QUERY PLAN ' + LIST_NOTES_SQL)
      .all(dossierId, memberA) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX notes_dossier/);
  });
});
