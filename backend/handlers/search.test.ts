import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bceFromBase } from '../../shared/bce';
import type { SearchQueryOutput } from '../../shared/contract';
import { setMeta } from '../../db/queries/meta';
import type { BackendContext } from '../context';
import { createDispatcher, type Dispatcher } from '../rpc/registry';
import { Workspace } from '../workspace';
import { createBackend } from './index';
import { searchHandlers } from './search';

let dir: string;
let workspace: Workspace;
let backend: Dispatcher;
let ctx: BackendContext;
const ids: Record<string, number> = {};

async function ok(q: string, extra: Record<string, unknown> = {}): Promise<SearchQueryOutput> {
  const result = await backend.dispatch('search.query', { q, ...extra });
  if (!result.ok) throw new Error(`search.query: ${result.error.code} ${result.error.message}`);
  return result.data as SearchQueryOutput;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-search-handler-'));
  workspace = new Workspace(dir);
  const db = workspace.create('member', 'Anne Lambert (FEBECOOP)');
  const now = '2026-11-01T09:00:00.000Z';
  const run = (sql: string, ...params: unknown[]) => Number(db.prepare(sql).run(...params).lastInsertRowid);
  const member = `INSERT INTO members (full_name, organisation, organisation_kind, role, voting, active_from) VALUES (?, 'Org', 'federation', 'member', 1, '2020-01-01')`;
  ids.anne = run(member, 'Anne Lambert');
  ids.bruno = run(member, 'Bruno Dubois');
  ids.operator = run(
    `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
     VALUES (?, 'Coopérative Réinsertion Namur', 'SC', 1, '5000', 'Namur', 'NA', 'ressourcerie', ?, ?)`,
    bceFromBase('04642813'), now, now,
  );
  ids.dossier = run(
    `INSERT INTO dossiers (reference, operator_id, scheme, kind, status, subject, received_on, proposal_text, created_at, updated_at)
     VALUES ('EI-2026-0001', ?, 'EI', 'agrement', 'received', 'Demande d’agrément — réinsertion', '2026-10-01', 'Avis favorable.', ?, ?)`,
    ids.operator, now, now,
  );
  const note = `INSERT INTO notes (dossier_id, author_member_id, visibility, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`;
  ids.mine = run(note, ids.dossier, ids.anne, 'private', 'Réinsertion : ma question pour la séance.', now, now);
  ids.theirs = run(note, ids.dossier, ids.bruno, 'private', 'Réinsertion : note privée de Bruno.', now, now);
  ids.shared = run(note, ids.dossier, ids.bruno, 'shared', 'Réinsertion : note partagée.', now, now);
  const inspection = run(`INSERT INTO inspections (operator_id, dossier_id, inspected_on, inspector, scope) VALUES (?, ?, '2026-09-01', 'X', 'Contrôle')`, ids.operator, ids.dossier);
  const loose = run(`INSERT INTO inspections (operator_id, dossier_id, inspected_on, inspector, scope) VALUES (?, NULL, '2025-09-01', 'X', 'Contrôle')`, ids.operator);
  ids.finding = run(`INSERT INTO findings (inspection_id, severity, description) VALUES (?, 'minor', 'Réinsertion : suivi insuffisant.')`, inspection);
  ids.looseFinding = run(`INSERT INTO findings (inspection_id, severity, description) VALUES (?, 'info', 'Registre tenu.')`, loose);
  ids.document = run(
    `INSERT INTO documents (dossier_id, sha256, title, kind, document_date, filename, media_type, size_bytes, text_content, added_at)
     VALUES (?, ?, 'Plan de réinsertion', 'annex', '2026-10-02', 'plan.pdf', 'application/pdf', 10, 'Texte du plan.', ?)`,
    ids.dossier, 'a'.repeat(64), now,
  );
  setMeta(db, 'member_id', String(ids.anne));
  ctx = { workspace, today: () => '2026-11-22' };
  backend = createDispatcher(ctx, { search: searchHandlers }, { requireAll: false });
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('search.query', () => {
  it('is registered with the other domains', () => {
    expect(createBackend(ctx).methods).toEqual(expect.arrayContaining(['search.query', 'search.years']));
  });

  it('answers each source with the dossier section it opens, within the contract', async () => {
    const { total, bySource, results } = await ok('reinsertion');
    expect(bySource).toEqual({ dossier: 1, note: 2, finding: 1, document: 1, operator: 1 });
    expect(total).toBe(6);
    const sectionOf = Object.fromEntries(results.map((r) => [`${r.source}:${r.sourceId}`, r.section]));
    expect(sectionOf).toEqual({
      [`dossier:${ids.dossier}`]: 'synthesis',
      [`note:${ids.mine}`]: 'notes',
      [`note:${ids.shared}`]: 'notes',
      [`finding:${ids.finding}`]: 'inspection',
      [`document:${ids.document}`]: 'documents',
      [`operator:${ids.operator}`]: null,
    });
    const [loose] = (await ok('registre')).results;
    expect(loose).toMatchObject({ source: 'finding', dossierId: null, operatorId: ids.operator, section: null });
  });

  it('matches the member’s own private notes and shared notes, never another member’s private notes', async () => {
    const notes = (await ok('reinsertion', { sources: ['note'] })).results.map((r) => r.sourceId).sort();
    expect(notes).toEqual([ids.mine, ids.shared].sort());
    expect((await ok('Bruno')).results.map((r) => r.sourceId)).toEqual([]);
    // Another member's workspace sees Bruno's own note instead.
    setMeta(workspace.requireDb(), 'member_id', String(ids.bruno));
    expect((await ok('Bruno')).results.map((r) => r.sourceId)).toEqual([ids.theirs]);
  });

  it('refuses a query without any word with a French message, before touching the database', async () => {
    for (const q of ['', '   ', '?!', '« — »', '*', '"']) {
      expect(await backend.dispatch('search.query', { q })).toEqual({
        ok: false,
        error: { code: 'BAD_INPUT', message: 'Saisissez au moins un mot à rechercher.', issues: [{ path: 'q', message: 'Saisissez au moins un mot à rechercher.' }] },
      });
    }
    // Without any workspace the same answer comes back: no SQL ran.
    const closed = createDispatcher({ workspace: new Workspace(join(dir, 'none')), today: () => '2026-11-22' }, { search: searchHandlers }, { requireAll: false });
    expect(await closed.dispatch('search.query', { q: '!!' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await closed.dispatch('search.query', { q: 'mot' })).toMatchObject({ ok: false, error: { code: 'NO_WORKSPACE' } });
  });

  it('refuses too long a query or too many words, in French', async () => {
    const long = await backend.dispatch('search.query', { q: 'a'.repeat(201) });
    expect(long).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'q', message: 'La recherche ne peut dépasser 200 caractères.' }] } });
    const many = await backend.dispatch('search.query', { q: 'un deux trois quatre cinq six sept huit neuf dix onze douze treize' });
    expect(many).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: 'La recherche compte trop de mots : 12 au plus.' } });
  });

  it('answers FTS5 syntax and SQL-looking text as plain words', async () => {
    expect(await ok('"a" OR 1=1 --')).toMatchObject({ total: 0, results: [] });
    expect(await ok('NEAR(')).toMatchObject({ total: 0 });
    expect((await ok('réinsertion) OR (x')).total).toBe(0);
    expect((await ok('réinsertion; DROP TABLE notes; --')).total).toBe(0);
    expect((await ok('reinsertion')).total).toBe(6);
  });

  it('applies the filters and the page size', async () => {
    expect((await ok('reinsertion', { schemes: ['IDESS'] })).total).toBe(0);
    expect((await ok('reinsertion', { years: [2026], kinds: ['agrement'] })).total).toBe(5);
    const page = await ok('reinsertion', { limit: 2, offset: 0 });
    expect(page.results).toHaveLength(2);
    expect(page.total).toBe(6);
    expect(await backend.dispatch('search.query', { q: 'x', limit: 1000 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});

describe('search.years', () => {
  it('lists the years of the dossiers', async () => {
    expect(await backend.dispatch('search.years', {})).toEqual({ ok: true, data: { years: [2026] } });
  });
});
