import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setMeta } from '../../db/queries/meta';
import type { Db } from '../../db/open';
import type { PreparationGetOutput, PreparedItem } from '../../shared/contract';
import type { BackendContext } from '../context';
import { loadRuleBook, rulesFilePath } from '../rules';
import { createDispatcher, type Dispatcher } from '../rpc/registry';
import { Workspace } from '../workspace';
import { PREPARATION_HIDDEN, PREPARATION_MEMBER_ONLY, preparationHandlers } from './preparation';
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
const snapshot = () => ({ preparations: all('SELECT * FROM preparations ORDER BY member_id, agenda_item_id'), audit: one<{ n: number }>('SELECT count(*) AS n FROM audit_log').n });
const visible = (view: PreparationGetOutput) => view.items.filter((i): i is PreparedItem => !i.hidden);

/** A planned session's item on an operator a sitting voting member declared a conflict with. */
function conflicted() {
  return one<{ sessionId: number; itemId: number; reference: string; operatorName: string; subject: string; memberId: number }>(
    `SELECT ai.session_id AS sessionId, ai.id AS itemId, d.reference, o.name AS operatorName, d.subject, c.member_id AS memberId
     FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id JOIN dossiers d ON d.id = ai.dossier_id
     JOIN operators o ON o.id = d.operator_id JOIN conflicts c ON c.operator_id = d.operator_id JOIN members m ON m.id = c.member_id
     WHERE s.status = 'planned' AND m.active_to IS NULL AND m.voting = 1 ORDER BY s.held_on, ai.position LIMIT 1`,
  );
}

function becomeMember(memberId: number) {
  setMeta(db, 'profile', 'member');
  setMeta(db, 'member_id', String(memberId));
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'comes-preparation-'));
  workspace = new Workspace(dir);
  const ctx: BackendContext = { workspace, today: () => TODAY, rules: BOOK };
  backend = createDispatcher(ctx, { preparation: preparationHandlers, workspace: workspaceHandlers }, { requireAll: false, log: () => undefined });
  await ok('workspace.loadDemo', {});
  db = workspace.requireDb();
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('preparation.get', () => {
  it('gives a member every item in agenda order with their preparation, hidden items without content, and the progress of visible ones', async () => {
    const target = conflicted();
    becomeMember(target.memberId);
    const view = await ok<PreparationGetOutput>('preparation.get', { sessionId: target.sessionId });
    expect(view.memberId).toBe(target.memberId);
    expect(view.editable).toBe(true);
    expect(view.items.map((i) => i.position)).toEqual(view.items.map((_, n) => n + 1));
    const hidden = view.items.filter((i) => i.hidden);
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden[0]).toEqual({ hidden: true, section: expect.any(String), position: expect.any(Number), reason: expect.stringContaining('Conflit d’intérêts déclaré') });
    // Nothing of the hidden item's content leaves the backend.
    const text = JSON.stringify(view);
    expect(text).not.toContain(target.reference);
    expect(text).not.toContain(target.operatorName);
    const rows = all<{ itemId: number; status: string }>(
      `SELECT p.agenda_item_id AS itemId, p.status FROM preparations p JOIN agenda_items ai ON ai.id = p.agenda_item_id WHERE p.member_id = ? AND ai.session_id = ?`,
      target.memberId,
      target.sessionId,
    );
    const mine = visible(view);
    expect(view.progress).toEqual({
      total: mine.length,
      hidden: hidden.length,
      prepared: mine.filter((i) => i.preparation.status === 'prepared').length,
      read: mine.filter((i) => i.preparation.status === 'read').length,
    });
    for (const item of mine) {
      const row = rows.find((r) => r.itemId === item.itemId);
      expect(item.preparation.status).toBe(row?.status ?? 'unread');
    }
  });

  it('counts a new « préparé » in the progress', async () => {
    const target = conflicted();
    becomeMember(target.memberId);
    const before = await ok<PreparationGetOutput>('preparation.get', { sessionId: target.sessionId });
    const item = visible(before).find((i) => i.preparation.status !== 'prepared');
    expect(item).toBeDefined();
    await ok('preparation.set', { itemId: item?.itemId, status: 'prepared' });
    const after = await ok<PreparationGetOutput>('preparation.get', { sessionId: target.sessionId });
    expect(after.progress.prepared).toBe(before.progress.prepared + 1);
    expect(after.progress.total).toBe(before.progress.total);
  });

  it('shows the secretariat every item, unread and not editable', async () => {
    const target = conflicted();
    const view = await ok<PreparationGetOutput>('preparation.get', { sessionId: target.sessionId });
    expect(view.memberId).toBeNull();
    expect(view.editable).toBe(false);
    expect(view.items.every((i) => !i.hidden && i.preparation.status === 'unread')).toBe(true);
    expect(view.progress.hidden).toBe(0);
  });

  it('refuses an unknown session', async () => {
    expect((await refused('preparation.get', { sessionId: 999_999 })).code).toBe('NOT_FOUND');
  });
});

describe('preparation.set and preparation.markRead', () => {
  async function firstVisible(memberId: number, sessionId: number) {
    becomeMember(memberId);
    const view = await ok<PreparationGetOutput>('preparation.get', { sessionId });
    const item = visible(view)[0];
    if (!item) throw new Error('no visible item');
    // Start from a blank preparation.
    db.prepare('DELETE FROM preparations WHERE member_id = ? AND agenda_item_id = ?').run(memberId, item.itemId);
    return item;
  }

  it('records a status and a draft position, in one row, without an audit entry', async () => {
    const target = conflicted();
    const item = await firstVisible(target.memberId, target.sessionId);
    const audit = snapshot().audit;
    const drafted = await ok<{ status: string; draftOutcome: string | null }>('preparation.set', { itemId: item.itemId, draftOutcome: 'favourable_conditions' });
    expect(drafted).toMatchObject({ status: 'read', draftOutcome: 'favourable_conditions' });
    const prepared = await ok<{ status: string; draftOutcome: string | null }>('preparation.set', { itemId: item.itemId, status: 'prepared' });
    expect(prepared).toMatchObject({ status: 'prepared', draftOutcome: 'favourable_conditions' });
    await ok('preparation.set', { itemId: item.itemId, draftOutcome: null });
    expect(all('SELECT status, draft_outcome AS draftOutcome FROM preparations WHERE member_id = ? AND agenda_item_id = ?', target.memberId, item.itemId)).toEqual([
      { status: 'prepared', draftOutcome: null },
    ]);
    expect(snapshot().audit).toBe(audit);
  });

  it('marks an unread item read when its dossier is opened, and never lowers « préparé »', async () => {
    const target = conflicted();
    const item = await firstVisible(target.memberId, target.sessionId);
    expect(await ok('preparation.markRead', { itemId: item.itemId })).toMatchObject({ status: 'read' });
    await ok('preparation.set', { itemId: item.itemId, status: 'prepared' });
    expect(await ok('preparation.markRead', { itemId: item.itemId })).toMatchObject({ status: 'prepared' });
  });

  it('refuses in the secretariat’s workspace, in French, writing nothing', async () => {
    const target = conflicted();
    const itemId = one<{ id: number }>('SELECT id FROM agenda_items WHERE session_id = ? ORDER BY position LIMIT 1', target.sessionId).id;
    const before = snapshot();
    for (const [method, input] of [['preparation.set', { itemId, status: 'prepared' }], ['preparation.markRead', { itemId }]] as const) {
      const error = await refused(method, input);
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toBe(PREPARATION_MEMBER_ONLY);
    }
    expect(snapshot()).toEqual(before);
  });

  it('refuses a hidden item without naming it', async () => {
    const target = conflicted();
    becomeMember(target.memberId);
    const before = snapshot();
    for (const [method, input] of [['preparation.set', { itemId: target.itemId, draftOutcome: 'unfavourable' }], ['preparation.markRead', { itemId: target.itemId }]] as const) {
      const error = await refused(method, input);
      expect(error.code).toBe('HIDDEN');
      expect(error.message).toBe(PREPARATION_HIDDEN);
      expect(error.message).not.toContain(target.operatorName);
    }
    expect(snapshot()).toEqual(before);
  });

  it('refuses an unknown item', async () => {
    becomeMember(conflicted().memberId);
    const before = snapshot();
    const error = await refused('preparation.set', { itemId: 999_999, status: 'read' });
    expect(error.code).toBe('NOT_FOUND');
    expect(snapshot()).toEqual(before);
  });

  it('refuses an item of a closed session, in French', async () => {
    const closed = one<{ itemId: number; operatorId: number; number: number }>(
      `SELECT ai.id AS itemId, d.operator_id AS operatorId, s.number FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id JOIN dossiers d ON d.id = ai.dossier_id
       WHERE s.status = 'closed' ORDER BY s.held_on DESC LIMIT 1`,
    );
    const member = one<{ id: number }>('SELECT id FROM members m WHERE NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.member_id = m.id AND c.operator_id = ?) ORDER BY id LIMIT 1', closed.operatorId);
    becomeMember(member.id);
    const before = snapshot();
    const error = await refused('preparation.set', { itemId: closed.itemId, status: 'prepared' });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe(`La séance n° ${closed.number} est clôturée : sa préparation ne peut plus être modifiée.`);
    expect(snapshot()).toEqual(before);
    const view = await ok<PreparationGetOutput>('preparation.get', { sessionId: one<{ id: number }>('SELECT session_id AS id FROM agenda_items WHERE id = ?', closed.itemId).id });
    expect(view.editable).toBe(false);
  });

  it('refuses a change that names neither a status nor a position, and an unknown outcome', async () => {
    const target = conflicted();
    const item = await firstVisible(target.memberId, target.sessionId);
    const before = snapshot();
    expect(JSON.stringify(await refused('preparation.set', { itemId: item.itemId }))).toContain('Indiquez un état de préparation ou une position.');
    expect((await refused('preparation.set', { itemId: item.itemId, draftOutcome: 'maybe' })).code).toBe('BAD_INPUT');
    expect(snapshot()).toEqual(before);
  });
});
