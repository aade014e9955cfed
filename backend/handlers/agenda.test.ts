import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setMeta } from '../../db/queries/meta';
import type { Db } from '../../db/open';
import type { AgendaCandidate, AgendaGetOutput, AgendaItem } from '../../shared/contract';
import { AGENDA_SECTIONS } from '../../shared/domain';
import type { BackendContext } from '../context';
import { loadRuleBook, rulesFilePath } from '../rules';
import { createDispatcher, type Dispatcher } from '../rpc/registry';
import { Workspace } from '../workspace';
import { agendaHandlers } from './agenda';
import { workspaceHandlers } from './workspace';
import { accepted, refusal } from '../rpc/testing';

const TODAY = '2026-11-22';
const BOOK = loadRuleBook(rulesFilePath());
let dir: string;
let workspace: Workspace;
let db: Db;
let backend: Dispatcher;

const ok = <T>(method: string, input: unknown) => accepted<T>(backend, method, input);

const refused = (method: string, input: unknown) => refusal(backend, method, input);

const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;
const auditCount = () => one<{ n: number }>('SELECT count(*) AS n FROM audit_log').n;
const itemsOf = (sessionId: number) =>
  all<{ id: number; dossierId: number; section: string; position: number }>(
    'SELECT id, dossier_id AS dossierId, section, position FROM agenda_items WHERE session_id = ? ORDER BY position',
    sessionId,
  );
/** Everything a write could change, to prove a refused one changed nothing. */
const snapshot = () => ({
  items: all('SELECT * FROM agenda_items ORDER BY id'),
  dossiers: all('SELECT id, status, version, proposal_outcome, proposal_text FROM dossiers ORDER BY id'),
  sessions: all('SELECT id, status, version, agenda_frozen_at FROM sessions ORDER BY id'),
  audit: auditCount(),
});

/** The demo's two upcoming planned sessions, earliest first. */
const plannedSessions = () => all<{ id: number; number: number }>(`SELECT id, number FROM sessions WHERE status = 'planned' ORDER BY held_on`);
const visibleItems = (agenda: AgendaGetOutput) => agenda.sections.flatMap((s) => s.items).filter((i): i is AgendaItem => !i.hidden);
const readyDossiers = () =>
  all<{ id: number; reference: string; kind: string }>(
    `SELECT d.id, d.reference, d.kind FROM dossiers d WHERE d.status = 'ready'
     AND NOT EXISTS (SELECT 1 FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id WHERE ai.dossier_id = d.id AND s.status = 'planned')
     ORDER BY d.id`,
  );

/** A planned session's item about an operator with a declared conflict, and that conflict. */
function conflictedItem() {
  return one<{ sessionId: number; itemId: number; reference: string; operatorName: string; proposalText: string; memberId: number; memberName: string; kind: string }>(
    `SELECT ai.session_id AS sessionId, ai.id AS itemId, d.reference, o.name AS operatorName, d.proposal_text AS proposalText, m.id AS memberId, m.full_name AS memberName, c.kind
     FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id JOIN dossiers d ON d.id = ai.dossier_id
     JOIN operators o ON o.id = d.operator_id JOIN conflicts c ON c.operator_id = d.operator_id JOIN members m ON m.id = c.member_id
     WHERE s.status = 'planned' AND m.active_to IS NULL AND m.voting = 1 ORDER BY s.held_on, ai.position LIMIT 1`,
  );
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'comes-agenda-'));
  workspace = new Workspace(dir);
  const ctx: BackendContext = { workspace, today: () => TODAY, rules: BOOK };
  backend = createDispatcher(ctx, { agenda: agendaHandlers, workspace: workspaceHandlers }, { requireAll: false, log: () => undefined });
  await ok('workspace.loadDemo', {});
  db = workspace.requireDb();
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('agenda.get', () => {
  it('gives the session and its items by the 8 sections in official order, numbered continuously, with the recused members', async () => {
    const target = conflictedItem();
    const agenda = await ok<AgendaGetOutput>('agenda.get', { sessionId: target.sessionId });
    expect(agenda.sections.map((s) => s.section)).toEqual([...AGENDA_SECTIONS]);
    expect(agenda.sections[0]?.label).toBe('Demandes d’agrément');
    const items = agenda.sections.flatMap((s) => s.items);
    expect(items.map((i) => i.position)).toEqual(items.map((_, n) => n + 1));
    expect(agenda.memberView).toBe(false);
    expect(agenda.session.frozen).toBe(false);
    const item = visibleItems(agenda).find((i) => i.id === target.itemId);
    expect(item?.dossier.reference).toBe(target.reference);
    expect(item?.recused).toContainEqual(expect.objectContaining({ memberId: target.memberId, name: target.memberName, source: 'conflict' }));
    expect(agenda.members.length).toBeGreaterThan(3);
    expect(agenda.members.every((m) => m.name.length > 0)).toBe(true);
  });

  it('refuses an unknown session with NOT_FOUND', async () => {
    expect((await refused('agenda.get', { sessionId: 999_999 })).code).toBe('NOT_FOUND');
  });
});

describe('a member workspace', () => {
  function becomeMember(memberId: number) {
    setMeta(db, 'profile', 'member');
    setMeta(db, 'member_id', String(memberId));
  }

  it('receives a conflicted item with no content at all: no reference, operator or subject, only its number and why', async () => {
    const target = conflictedItem();
    becomeMember(target.memberId);
    const agenda = await ok<AgendaGetOutput>('agenda.get', { sessionId: target.sessionId });
    expect(agenda.memberView).toBe(true);
    const hidden = agenda.sections.flatMap((s) => s.items).filter((i) => i.hidden);
    expect(hidden.length).toBeGreaterThan(0);
    expect(Object.keys(hidden[0] ?? {}).sort()).toEqual(['hidden', 'position', 'reason', 'section']);
    expect(hidden[0]?.hidden && hidden[0].reason).toMatch(/^Conflit d’intérêts déclaré \(.+\) : ce point ne vous est pas communiqué\.$/);
    const serialised = JSON.stringify(agenda);
    expect(serialised).not.toContain(target.reference);
    expect(serialised).not.toContain(target.operatorName);
    expect(serialised).not.toContain(target.proposalText);
    expect(serialised).not.toContain(`"id":${target.itemId},`);
    // The other items are shown in full.
    expect(visibleItems(agenda).length).toBeGreaterThan(0);
  });

  it('refuses every agenda write with FORBIDDEN and writes nothing', async () => {
    const target = conflictedItem();
    becomeMember(target.memberId);
    const before = snapshot();
    const item = one<{ id: number; version: number }>('SELECT id, version FROM agenda_items WHERE id = ?', target.itemId);
    const ready = readyDossiers()[0];
    for (const [method, input] of [
      ['agenda.candidates', { sessionId: target.sessionId }],
      ['agenda.add', { sessionId: target.sessionId, dossierIds: [ready?.id] }],
      ['agenda.remove', { itemId: item.id, version: item.version }],
      ['agenda.move', { itemId: item.id, version: item.version, section: 'misc', index: 1 }],
      ['agenda.freeze', { sessionId: target.sessionId, version: 1 }],
    ] as const) {
      expect((await refused(method, input)).code, method).toBe('FORBIDDEN');
    }
    expect(snapshot()).toEqual(before);
  });
});

describe('agenda.candidates', () => {
  it('lists the ready or adjourned dossiers on no open agenda, with the section of their kind, and searches them', async () => {
    const [session] = plannedSessions();
    const candidates = await ok<AgendaCandidate[]>('agenda.candidates', { sessionId: session?.id });
    expect(candidates.length).toBeGreaterThan(5);
    expect(candidates.every((c) => c.status === 'ready' || c.status === 'adjourned')).toBe(true);
    const scheduled = new Set(all<{ id: number }>(`SELECT dossier_id AS id FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id WHERE s.status = 'planned'`).map((r) => r.id));
    expect(candidates.some((c) => scheduled.has(c.id))).toBe(false);
    for (const c of candidates) if (c.kind === 'activity_report') expect(c.section).toBe('reports');
    const first = candidates[0];
    const found = await ok<AgendaCandidate[]>('agenda.candidates', { sessionId: session?.id, text: first?.reference.toLowerCase() });
    expect(found.map((c) => c.id)).toEqual([first?.id]);
  });
});

describe('agenda.add', () => {
  it('adds dossiers at the end of their section, renumbers 1..n, schedules them and audits each', async () => {
    const [session] = plannedSessions();
    const sessionId = session?.id ?? 0;
    const picks = readyDossiers().slice(0, 2);
    const audit = auditCount();
    expect(await ok('agenda.add', { sessionId, dossierIds: picks.map((d) => d.id) })).toEqual({ added: 2 });
    const items = itemsOf(sessionId);
    expect(items.map((i) => i.position)).toEqual(items.map((_, n) => n + 1));
    for (const pick of picks) expect(items.some((i) => i.dossierId === pick.id)).toBe(true);
    expect(all<{ status: string }>('SELECT status FROM dossiers WHERE id IN (?, ?)', picks[0]?.id, picks[1]?.id).map((r) => r.status)).toEqual([
      'scheduled',
      'scheduled',
    ]);
    expect(auditCount()).toBe(audit + 2);
    const agenda = await ok<AgendaGetOutput>('agenda.get', { sessionId });
    const sectionOf = (id: number) => visibleItems(agenda).find((i) => i.dossier.id === id)?.section;
    expect(sectionOf(picks[0]?.id ?? 0)).toBe(picks[0]?.kind === 'agrement' ? 'agrements' : 'reports');
  });

  it('refuses a dossier already on this agenda in French, and writes nothing (not even the other dossiers)', async () => {
    const [session] = plannedSessions();
    const sessionId = session?.id ?? 0;
    const onAgenda = itemsOf(sessionId)[0];
    const ready = readyDossiers()[0];
    const before = snapshot();
    const error = await refused('agenda.add', { sessionId, dossierIds: [ready?.id, onAgenda?.dossierId] });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toMatch(new RegExp(`^Le dossier .+ figure déjà à l’ordre du jour de la séance n° ${session?.number}\\.$`));
    expect(snapshot()).toEqual(before);
  });

  it('refuses a dossier on another open agenda, one not ready, an unknown one', async () => {
    const [first, second] = plannedSessions();
    const elsewhere = itemsOf(second?.id ?? 0)[0];
    const before = snapshot();
    expect((await refused('agenda.add', { sessionId: first?.id, dossierIds: [elsewhere?.dossierId] })).message).toContain(`séance n° ${second?.number}`);
    const closed = one<{ id: number }>(`SELECT id FROM dossiers WHERE status = 'closed' LIMIT 1`);
    expect((await refused('agenda.add', { sessionId: first?.id, dossierIds: [closed.id] })).message).toMatch(/n’est pas prêt pour une séance/);
    expect((await refused('agenda.add', { sessionId: first?.id, dossierIds: [999_999] })).code).toBe('NOT_FOUND');
    expect((await refused('agenda.add', { sessionId: 999_999, dossierIds: [closed.id] })).code).toBe('NOT_FOUND');
    expect((await refused('agenda.add', { sessionId: first?.id, dossierIds: [] })).code).toBe('BAD_INPUT');
    expect(snapshot()).toEqual(before);
  });

  it('refuses any change to a frozen agenda until it is reopened', async () => {
    const [session] = plannedSessions();
    const sessionId = session?.id ?? 0;
    const { version } = one<{ version: number }>('SELECT version FROM sessions WHERE id = ?', sessionId);
    const frozen = await ok<{ version: number }>('agenda.freeze', { sessionId, version });
    expect(one<{ status: string; at: string | null }>('SELECT status, agenda_frozen_at AS at FROM sessions WHERE id = ?', sessionId)).toMatchObject({
      status: 'agenda_frozen',
      at: expect.any(String),
    });
    const ready = readyDossiers()[0];
    const item = one<{ id: number; version: number }>('SELECT id, version FROM agenda_items WHERE session_id = ? LIMIT 1', sessionId);
    const before = snapshot();
    const error = await refused('agenda.add', { sessionId, dossierIds: [ready?.id] });
    expect(error.message).toBe(`L’ordre du jour de la séance n° ${session?.number} est figé : il ne peut plus être modifié. Rouvrez-le d’abord (« Rouvrir l’ordre du jour »).`);
    expect((await refused('agenda.remove', { itemId: item.id, version: item.version })).code).toBe('BAD_INPUT');
    expect((await refused('agenda.move', { itemId: item.id, version: item.version, section: 'misc', index: 1 })).code).toBe('BAD_INPUT');
    expect((await refused('agenda.freeze', { sessionId, version: frozen.version })).code).toBe('BAD_INPUT');
    expect(snapshot()).toEqual(before);
    await ok('agenda.unfreeze', { sessionId, version: frozen.version });
    expect(await ok('agenda.add', { sessionId, dossierIds: [ready?.id] })).toEqual({ added: 1 });
  });
});

describe('agenda.move', () => {
  it('moves an item within its section and to another section, renumbering the whole agenda', async () => {
    const [session] = plannedSessions();
    const sessionId = session?.id ?? 0;
    const reports = itemsOf(sessionId).filter((i) => i.section === 'reports');
    const last = reports[reports.length - 1];
    const { version } = one<{ version: number }>('SELECT version FROM agenda_items WHERE id = ?', last?.id);
    const moved = await ok<{ version: number }>('agenda.move', { itemId: last?.id, version, section: 'reports', index: 1 });
    let items = itemsOf(sessionId);
    expect(items.filter((i) => i.section === 'reports')[0]?.id).toBe(last?.id);
    expect(items.map((i) => i.position)).toEqual(items.map((_, n) => n + 1));
    await ok('agenda.move', { itemId: last?.id, version: moved.version, section: 'misc', index: 1 });
    items = itemsOf(sessionId);
    expect(items[items.length - 1]).toMatchObject({ id: last?.id, section: 'misc', position: items.length });
  });

  it('refuses a stale version with CONFLICT and an unknown item with NOT_FOUND, writing nothing', async () => {
    const [session] = plannedSessions();
    const item = itemsOf(session?.id ?? 0)[0];
    const before = snapshot();
    expect((await refused('agenda.move', { itemId: item?.id, version: 99, section: 'misc', index: 1 })).code).toBe('CONFLICT');
    expect((await refused('agenda.move', { itemId: 999_999, version: 1, section: 'misc', index: 1 })).code).toBe('NOT_FOUND');
    expect(snapshot()).toEqual(before);
  });
});

describe('agenda.update', () => {
  async function firstItem() {
    const [session] = plannedSessions();
    const agenda = await ok<AgendaGetOutput>('agenda.get', { sessionId: session?.id });
    const item = visibleItems(agenda).find((i) => i.recused.length === 0);
    if (!item) throw new Error('no item');
    return { agenda, item };
  }

  it('records the rapporteur, the hearing time and the administration’s proposal on the dossier', async () => {
    const { agenda, item } = await firstItem();
    const rapporteur = agenda.members[1];
    const result = await ok<{ version: number; dossierVersion: number }>('agenda.update', {
      itemId: item.id,
      version: item.version,
      rapporteurMemberId: rapporteur?.id,
      hearingAt: '10:15',
      proposalOutcome: 'favourable_conditions',
      proposalText: 'Favorable, à condition de transmettre le plan de formation.',
      dossierVersion: item.dossier.version,
    });
    expect(result).toEqual({ version: item.version + 1, dossierVersion: item.dossier.version + 1 });
    const after = visibleItems(await ok<AgendaGetOutput>('agenda.get', { sessionId: agenda.session.id })).find((i) => i.id === item.id);
    expect(after).toMatchObject({
      rapporteur: { id: rapporteur?.id, name: rapporteur?.name },
      hearingAt: '10:15',
      proposal: { outcome: 'favourable_conditions', text: 'Favorable, à condition de transmettre le plan de formation.' },
    });
    const audit = one<{ action: string; changes: string }>('SELECT action, changes FROM audit_log ORDER BY id DESC LIMIT 1');
    expect(audit.action).toBe('agenda.update');
    expect(JSON.parse(audit.changes)).toMatchObject({ hearingAt: { from: null, to: '10:15' }, proposalOutcome: { to: 'favourable_conditions' } });
  });

  it('refuses a bad hearing time, a stale version, a conflicted rapporteur — in French, nothing written', async () => {
    const { item } = await firstItem();
    const base = {
      itemId: item.id,
      version: item.version,
      rapporteurMemberId: null,
      hearingAt: null,
      proposalOutcome: item.proposal.outcome,
      proposalText: item.proposal.text,
      dossierVersion: item.dossier.version,
    };
    const before = snapshot();
    const bad = await refused('agenda.update', { ...base, hearingAt: '25:00' });
    expect(bad.code).toBe('BAD_INPUT');
    expect(bad.message + JSON.stringify(bad.issues ?? [])).toContain('HH:MM');
    expect((await refused('agenda.update', { ...base, version: item.version + 5 })).code).toBe('CONFLICT');
    expect((await refused('agenda.update', { ...base, dossierVersion: item.dossier.version + 5 })).code).toBe('CONFLICT');
    const target = conflictedItem();
    const conflicted = one<{ version: number; dossierVersion: number }>(
      'SELECT ai.version, d.version AS dossierVersion FROM agenda_items ai JOIN dossiers d ON d.id = ai.dossier_id WHERE ai.id = ?',
      target.itemId,
    );
    const error = await refused('agenda.update', { ...base, itemId: target.itemId, ...conflicted, rapporteurMemberId: target.memberId });
    expect(error.message).toContain('conflit d’intérêts');
    expect(snapshot()).toEqual(before);
  });
});

describe('agenda.remove and freeze', () => {
  it('removes an item: the dossier is ready again and the agenda renumbered', async () => {
    const [session] = plannedSessions();
    const sessionId = session?.id ?? 0;
    const [first] = itemsOf(sessionId);
    const { version } = one<{ version: number }>('SELECT version FROM agenda_items WHERE id = ?', first?.id);
    await ok('agenda.remove', { itemId: first?.id, version });
    const items = itemsOf(sessionId);
    expect(items.some((i) => i.id === first?.id)).toBe(false);
    expect(items.map((i) => i.position)).toEqual(items.map((_, n) => n + 1));
    expect(one<{ status: string }>('SELECT status FROM dossiers WHERE id = ?', first?.dossierId).status).toBe('ready');
  });

  it('refuses to freeze an empty agenda or with a stale version', async () => {
    const [session] = plannedSessions();
    const sessionId = session?.id ?? 0;
    const { version } = one<{ version: number }>('SELECT version FROM sessions WHERE id = ?', sessionId);
    expect((await refused('agenda.freeze', { sessionId, version: version + 1 })).code).toBe('CONFLICT');
    db.prepare('DELETE FROM agenda_items WHERE session_id = ?').run(sessionId);
    const error = await refused('agenda.freeze', { sessionId, version });
    expect(error.message).toBe(`L’ordre du jour de la séance n° ${session?.number} est vide : ajoutez des dossiers avant de le figer.`);
    expect(one<{ status: string }>('SELECT status FROM sessions WHERE id = ?', sessionId).status).toBe('planned');
  });
});
