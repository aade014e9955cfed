import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { setMeta } from '../../db/queries/meta';
import type { MeetingGetOutput } from '../../shared/contract';
import type { BackendContext } from '../context';
import { loadRuleBook, rulesFilePath } from '../rules';
import { createDispatcher, type Dispatcher } from '../rpc/registry';
import { Workspace } from '../workspace';
import { CLOSED_SESSION_MESSAGE, meetingHandlers, quorumOf } from './meeting';
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
/** Everything a meeting write could change, to prove a refused one changed nothing. */
const snapshot = () => ({
  opinions: all('SELECT * FROM opinions ORDER BY id'),
  recusals: all('SELECT * FROM recusals ORDER BY agenda_item_id, member_id'),
  attendance: all('SELECT * FROM attendance ORDER BY session_id, member_id'),
  items: all('SELECT * FROM agenda_items ORDER BY id'),
  dossiers: all('SELECT id, status, version FROM dossiers ORDER BY id'),
  sessions: all('SELECT id, status, version FROM sessions ORDER BY id'),
  compliance: all('SELECT * FROM dossier_compliance ORDER BY dossier_id'),
  audit: one<{ n: number }>('SELECT count(*) AS n FROM audit_log').n,
});

/** The demo's two upcoming planned sessions, earliest first (181 then 182). */
const planned = () => all<{ id: number; number: number; version: number; heldOn: string }>(
  `SELECT id, number, version, held_on AS heldOn FROM sessions WHERE status = 'planned' ORDER BY held_on`,
);
const get = (sessionId: number) => ok<MeetingGetOutput>('meeting.get', { sessionId });

/** Opens the first planned session with `present` of its voting members present, the others excused. */
async function openSession(present: number) {
  const [session] = planned();
  if (!session) throw new Error('no planned session');
  const meeting = await get(session.id);
  const voting = meeting.attendance.filter((a) => a.voting);
  for (const [i, a] of voting.entries()) await ok('meeting.setAttendance', { sessionId: session.id, memberId: a.memberId, status: i < present ? 'present' : 'excused' });
  await ok('meeting.start', { sessionId: session.id, version: session.version });
  return { session, meeting: await get(session.id), voting };
}

const firstItem = (meeting: MeetingGetOutput) => {
  const item = meeting.items[0];
  if (!item) throw new Error('empty agenda');
  return item;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'comes-meeting-'));
  workspace = new Workspace(dir);
  const ctx: BackendContext = { workspace, today: () => TODAY, rules: BOOK };
  backend = createDispatcher(ctx, { meeting: meetingHandlers, workspace: workspaceHandlers }, { requireAll: false, log: () => undefined });
  await ok('workspace.loadDemo', {});
  db = workspace.requireDb();
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('quorum', () => {
  it('is a majority of the voting members in office present, said in French', () => {
    const member = (id: number, voting: boolean, status: 'present' | 'excused' | null) => ({ memberId: id, name: '', organisation: '', role: 'member', voting, status });
    const eleven = Array.from({ length: 11 }, (_, i) => member(i + 1, true, i < 7 ? 'present' : 'excused'));
    expect(quorumOf([...eleven, member(20, false, 'present')])).toEqual({
      votingInOffice: 11,
      votingPresent: 7,
      majority: 6,
      reached: true,
      text: 'Quorum atteint : 7 membres votants présents sur 11 (majorité : 6)',
    });
    const ten = Array.from({ length: 10 }, (_, i) => member(i + 1, true, i < 5 ? 'present' : null));
    expect(quorumOf(ten)).toMatchObject({ majority: 6, reached: false, text: 'Quorum non atteint : 5 membres votants présents sur 10 (majorité : 6)' });
  });
});

describe('meeting.get', () => {
  it('gives every member in office with no attendance recorded yet, the quorum, and the items in order with their facts', async () => {
    const [session] = planned();
    const meeting = await get(session!.id);
    expect(meeting.session).toMatchObject({ number: 181, status: 'planned' });
    expect(meeting.attendance.every((a) => a.status === null)).toBe(true);
    expect(meeting.attendance.some((a) => a.role === 'secretariat')).toBe(false);
    expect(meeting.attendance.filter((a) => a.voting)).toHaveLength(9);
    expect(meeting.quorum).toMatchObject({ votingInOffice: 9, votingPresent: 0, majority: 5, reached: false });
    expect(meeting.items.map((i) => i.position)).toEqual(meeting.items.map((_, i) => i + 1));
    expect(meeting.items[0]!.dossier.receivedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(meeting.items.every((i) => i.opinion === null)).toBe(true);
    expect(meeting.nextSession).toMatchObject({ number: 182 });
  });

  it('is refused in a member’s workspace', async () => {
    setMeta(db, 'profile', 'member');
    const error = await refused('meeting.get', { sessionId: planned()[0]!.id });
    expect(error.code).toBe('FORBIDDEN');
  });
});

describe('meeting.setAttendance and meeting.start', () => {
  it('records attendance, audited, and reaches the quorum at a majority', async () => {
    const { meeting } = await openSession(5);
    expect(meeting.session.status).toBe('in_progress');
    expect(meeting.quorum).toMatchObject({ votingPresent: 5, reached: true, text: 'Quorum atteint : 5 membres votants présents sur 9 (majorité : 5)' });
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'meeting.setAttendance'`).n).toBe(9);
  });

  it('refuses attendance on a closed session, and a member not in office, writing nothing', async () => {
    const closed = one<{ id: number }>(`SELECT id FROM sessions WHERE status = 'closed' ORDER BY held_on DESC LIMIT 1`);
    const member = one<{ id: number }>(`SELECT id FROM members WHERE role = 'member' AND active_to IS NULL LIMIT 1`);
    const before = snapshot();
    expect((await refused('meeting.setAttendance', { sessionId: closed.id, memberId: member.id, status: 'present' })).message).toBe(CLOSED_SESSION_MESSAGE);
    const secretary = one<{ id: number }>(`SELECT id FROM members WHERE role = 'secretariat' LIMIT 1`);
    expect((await refused('meeting.setAttendance', { sessionId: planned()[0]!.id, memberId: secretary.id, status: 'present' })).message).toMatch(/n’est pas en fonction/);
    expect(snapshot()).toEqual(before);
  });

  it('refuses to start a session twice or with a stale version', async () => {
    const { session } = await openSession(5);
    const before = snapshot();
    expect((await refused('meeting.start', { sessionId: session.id, version: session.version + 1 })).message).toMatch(/déjà ouverte/);
    const [other] = planned();
    expect((await refused('meeting.start', { sessionId: other!.id, version: other!.version + 5 })).code).toBe('CONFLICT');
    expect(snapshot()).toEqual(before);
  });
});

describe('meeting.recordOpinion', () => {
  const favourable = { outcome: 'favourable', conditions: '', motivation: '', consensus: true, votes: null, recusedMemberIds: [] };

  it('stores the opinion at the session’s date, sets the dossier to opinion_given, writes the recusals and audits', async () => {
    const { session, meeting, voting } = await openSession(6);
    const item = firstItem(meeting);
    const recused = voting[0]!.memberId;
    const out = await ok<{ version: number; replaced: boolean }>('meeting.recordOpinion', {
      itemId: item.id,
      version: item.version,
      outcome: 'unfavourable',
      motivation: 'Les comptes ne démontrent pas la viabilité du projet.',
      consensus: false,
      votes: { for: 1, against: 3, abstain: 1 },
      recusedMemberIds: [recused],
    });
    expect(out).toMatchObject({ version: item.version + 1, replaced: false });
    expect(one('SELECT outcome, motivation, consensus, votes_for, votes_against, votes_abstain, given_on FROM opinions WHERE agenda_item_id = ?', item.id)).toEqual({
      outcome: 'unfavourable',
      motivation: 'Les comptes ne démontrent pas la viabilité du projet.',
      consensus: 0,
      votes_for: 1,
      votes_against: 3,
      votes_abstain: 1,
      given_on: session.heldOn,
    });
    expect(one<{ status: string }>('SELECT status FROM dossiers WHERE id = ?', item.dossier.id).status).toBe('opinion_given');
    expect(all('SELECT member_id AS memberId, reason FROM recusals WHERE agenda_item_id = ?', item.id)).toContainEqual({ memberId: recused, reason: 'Récusé en séance' });
    const after = await get(session.id);
    expect(after.items[0]!.opinion).toMatchObject({ outcome: 'unfavourable', votes: { for: 1, against: 3, abstain: 1 } });
    expect(after.items[0]!.recused.map((r) => r.memberId)).toContain(recused);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'meeting.recordOpinion' AND entity_id = ?`, item.dossier.id).n).toBe(1);
  });

  it('always recuses a member with a declared conflict on the item’s operator, and refuses votes that count them', async () => {
    const { session, meeting: opened, voting } = await openSession(9);
    const first = firstItem(opened);
    const target = { itemId: first.id, memberId: voting[1]!.memberId };
    db.prepare(`INSERT INTO conflicts (member_id, operator_id, kind, declared_on) VALUES (?, ?, 'board', '2024-01-01')`).run(target.memberId, first.dossier.operatorId);
    const meeting = await get(session.id);
    const item = meeting.items.find((i) => i.id === target.itemId)!;
    expect(item.recused.map((r) => r.memberId)).toContain(target.memberId);
    const before = snapshot();
    const error = await refused('meeting.recordOpinion', { itemId: item.id, version: item.version, ...favourable, consensus: false, votes: { for: 9, against: 0, abstain: 0 } });
    expect(error.message).toMatch(/^Un membre récusé ne vote pas : 9 voix comptées, mais seulement 8 membres votants présents peuvent voter sur ce point/);
    expect(snapshot()).toEqual(before);
    await ok('meeting.recordOpinion', { itemId: item.id, version: item.version, ...favourable, consensus: false, votes: { for: 8, against: 0, abstain: 0 }, recusedMemberIds: [] });
    expect(one<{ reason: string }>('SELECT reason FROM recusals WHERE agenda_item_id = ? AND member_id = ?', item.id, target.memberId).reason).toMatch(/^Conflit d’intérêts déclaré \(/);
  });

  it('replaces an opinion recorded before closing, audited with before and after', async () => {
    const { meeting } = await openSession(5);
    const item = firstItem(meeting);
    await ok('meeting.recordOpinion', { itemId: item.id, version: item.version, ...favourable });
    const out = await ok<{ replaced: boolean }>('meeting.recordOpinion', {
      itemId: item.id,
      version: item.version + 1,
      ...favourable,
      outcome: 'favourable_conditions',
      conditions: 'Produire le bilan 2026 avant le 31 mars.',
      motivation: 'Viabilité à confirmer.',
    });
    expect(out.replaced).toBe(true);
    expect(all('SELECT outcome FROM opinions WHERE agenda_item_id = ?', item.id)).toEqual([{ outcome: 'favourable_conditions' }]);
    const audit = all<{ changes: string }>(`SELECT changes FROM audit_log WHERE action = 'meeting.recordOpinion' ORDER BY id`);
    expect(audit).toHaveLength(2);
    const changes = JSON.parse(audit[1]!.changes) as { opinion: { from: { outcome: string }; to: { outcome: string } } };
    expect(changes.opinion.from.outcome).toBe('favourable');
    expect(changes.opinion.to.outcome).toBe('favourable_conditions');
  });

  it('refuses, in French and writing nothing, every opinion that breaks a rule', async () => {
    const { meeting, voting } = await openSession(5);
    const item = firstItem(meeting);
    const base = { itemId: item.id, version: item.version, ...favourable };
    const before = snapshot();
    const cases: [Record<string, unknown>, RegExp, string | undefined][] = [
      [{ outcome: 'unfavourable' }, /défavorable doit être motivé/, 'motivation'],
      [{ outcome: 'favourable_conditions', conditions: 'Bilan 2026.' }, /sous conditions doit être motivé/, 'motivation'],
      [{ outcome: 'favourable_conditions', motivation: 'Viabilité.' }, /doit énoncer ses conditions/, 'conditions'],
      [{ consensus: false, votes: null }, /consensus, ou donnez les voix/, 'votes'],
      [{ consensus: false, votes: { for: 0, against: 0, abstain: 0 } }, /consensus, ou donnez les voix/, 'votes'],
      [{ consensus: true, votes: { for: 3, against: 0, abstain: 0 } }, /pas les deux/, 'votes'],
      [{ consensus: false, votes: { for: 4, against: 1, abstain: 1 } }, /Les voix \(6\) dépassent les membres votants présents \(5\)/, 'votes'],
      [{ consensus: false, votes: { for: 4, against: 1, abstain: 0 }, recusedMemberIds: [voting[0]!.memberId] }, /Un membre récusé ne vote pas/, 'votes'],
      [{ version: item.version + 3 }, /modifié|entre-temps|version/i, undefined],
    ];
    for (const [patch, message, path] of cases) {
      const error = await refused('meeting.recordOpinion', { ...base, ...patch });
      expect(error.message, JSON.stringify(patch)).toMatch(message);
      if (path) expect(error.issues?.[0]?.path).toBe(path);
    }
    expect(snapshot()).toEqual(before);
  });

  it('refuses an opinion on a dossier already decided by the minister, writing nothing', async () => {
    const { meeting } = await openSession(6);
    const item = firstItem(meeting);
    db.prepare(`UPDATE dossiers SET status = 'decided' WHERE id = ?`).run(item.dossier.id);
    const before = snapshot();
    const error = await refused('meeting.recordOpinion', { itemId: item.id, version: item.version, outcome: 'favourable', conditions: '', motivation: '', consensus: true, votes: null, recusedMemberIds: [] });
    expect(error.message).toBe(`Le dossier ${item.dossier.reference} a déjà fait l’objet d’une décision ministérielle : aucun avis ne peut plus y être enregistré.`);
    expect(snapshot()).toEqual(before);
  });

  it('refuses an opinion without quorum, on a session not opened, and on a closed session', async () => {
    const { session, meeting, voting } = await openSession(4);
    const item = firstItem(meeting);
    const before = snapshot();
    expect((await refused('meeting.recordOpinion', { itemId: item.id, version: item.version, ...favourable })).message).toBe(
      'Quorum non atteint : 4 membres votants présents sur 9 (majorité : 5). Aucun avis ne peut être rendu : complétez les présences (« Présences »).',
    );
    expect(snapshot()).toEqual(before);

    const [later] = planned();
    const laterItem = firstItem(await get(later!.id));
    expect((await refused('meeting.recordOpinion', { itemId: laterItem.id, version: laterItem.version, ...favourable })).message).toMatch(/n’est pas ouverte/);

    await ok('meeting.setAttendance', { sessionId: session.id, memberId: voting[4]!.memberId, status: 'present' });
    db.prepare(`UPDATE sessions SET status = 'closed' WHERE id = ?`).run(session.id);
    const closedBefore = snapshot();
    expect((await refused('meeting.recordOpinion', { itemId: item.id, version: item.version, ...favourable })).message).toBe(CLOSED_SESSION_MESSAGE);
    expect(snapshot()).toEqual(closedBefore);
  });

  it('is refused in a member’s workspace', async () => {
    const { meeting } = await openSession(5);
    const item = firstItem(meeting);
    setMeta(db, 'profile', 'member');
    const before = snapshot();
    expect((await refused('meeting.recordOpinion', { itemId: item.id, version: item.version, ...favourable })).code).toBe('FORBIDDEN');
    expect(snapshot()).toEqual(before);
  });
});

describe('meeting.adjourn', () => {
  it('records the adjournment with its reason and carries the dossier to the next planned session, in its section', async () => {
    const { meeting } = await openSession(5);
    const item = firstItem(meeting);
    const next = meeting.nextSession!;
    const out = await ok<{ nextSession: { id: number } }>('meeting.adjourn', {
      itemId: item.id,
      version: item.version,
      outcome: 'adjourned_information',
      reason: 'Attendre le plan financier révisé.',
    });
    expect(out.nextSession.id).toBe(next.id);
    expect(one('SELECT outcome, motivation FROM opinions WHERE agenda_item_id = ?', item.id)).toEqual({ outcome: 'adjourned_information', motivation: 'Attendre le plan financier révisé.' });
    // Carried to the next agenda, the dossier is scheduled there (as agenda.add leaves it).
    expect(one<{ status: string }>('SELECT status FROM dossiers WHERE id = ?', item.dossier.id).status).toBe('scheduled');
    const carried = one<{ section: string; position: number }>('SELECT section, position FROM agenda_items WHERE session_id = ? AND dossier_id = ?', next.id, item.dossier.id);
    expect(carried.section).toBe(item.section);
    const positions = all<{ position: number }>('SELECT position FROM agenda_items WHERE session_id = ? ORDER BY position', next.id).map((r) => r.position);
    expect(positions).toEqual(positions.map((_, i) => i + 1));
    expect((await get(meeting.session.id)).items[0]!.opinion?.outcome).toBe('adjourned_information');
  });

  it('takes the dossier back off the next agenda when the adjournment is replaced by an opinion before closing', async () => {
    const { meeting } = await openSession(5);
    const item = firstItem(meeting);
    await ok('meeting.adjourn', { itemId: item.id, version: item.version, outcome: 'adjourned_hearing', reason: 'Entendre le gestionnaire.' });
    await ok('meeting.recordOpinion', { itemId: item.id, version: item.version + 1, outcome: 'favourable', consensus: true, votes: null });
    expect(all('SELECT id FROM agenda_items WHERE session_id = ? AND dossier_id = ?', meeting.nextSession!.id, item.dossier.id)).toEqual([]);
    expect(one<{ status: string }>('SELECT status FROM dossiers WHERE id = ?', item.dossier.id).status).toBe('opinion_given');
  });

  it('takes the dossier back off a later agenda since frozen when the adjournment is replaced by an opinion', async () => {
    const { meeting } = await openSession(5);
    const item = firstItem(meeting);
    const next = meeting.nextSession!;
    await ok('meeting.adjourn', { itemId: item.id, version: item.version, outcome: 'adjourned_hearing', reason: 'Entendre le gestionnaire.' });
    db.prepare(`UPDATE sessions SET status = 'agenda_frozen' WHERE id = ?`).run(next.id);
    await ok('meeting.recordOpinion', { itemId: item.id, version: item.version + 1, outcome: 'favourable', consensus: true, votes: null });
    expect(all('SELECT ai.id FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id WHERE ai.dossier_id = ? AND s.held_on > ?', item.dossier.id, meeting.session.heldOn)).toEqual([]);
    const positions = all<{ position: number }>('SELECT position FROM agenda_items WHERE session_id = ? ORDER BY position', next.id).map((r) => r.position);
    expect(positions).toEqual(positions.map((_, i) => i + 1));
    expect(one<{ status: string }>('SELECT status FROM dossiers WHERE id = ?', item.dossier.id).status).toBe('opinion_given');
  });

  it('refuses to replace the adjournment when the carried item already has its opinion, writing nothing', async () => {
    const { meeting } = await openSession(5);
    const item = firstItem(meeting);
    const next = meeting.nextSession!;
    await ok('meeting.adjourn', { itemId: item.id, version: item.version, outcome: 'adjourned_hearing', reason: 'Entendre le gestionnaire.' });
    const carried = one<{ id: number }>('SELECT id FROM agenda_items WHERE session_id = ? AND dossier_id = ?', next.id, item.dossier.id);
    db.prepare(`INSERT INTO opinions (agenda_item_id, dossier_id, outcome, consensus, given_on) VALUES (?, ?, 'favourable', 1, ?)`).run(carried.id, item.dossier.id, next.heldOn);
    const before = snapshot();
    const error = await refused('meeting.recordOpinion', { itemId: item.id, version: item.version + 1, outcome: 'favourable', consensus: true, votes: null });
    expect(error.message).toBe(
      `Le dossier ${item.dossier.reference} a déjà reçu un avis à la séance n° ${next.number}, où son ajournement l’a reporté : l’ajournement ne peut plus être remplacé par un avis.`,
    );
    expect(snapshot()).toEqual(before);
  });

  it('refuses without a reason, or when no session is planned after, naming what to do, writing nothing', async () => {
    const { meeting } = await openSession(5);
    const item = firstItem(meeting);
    const before = snapshot();
    const noReason = await refused('meeting.adjourn', { itemId: item.id, version: item.version, outcome: 'adjourned_information', reason: '  ' });
    expect(noReason.message).toMatch(/pourquoi le point est ajourné/);
    expect(noReason.issues?.[0]?.path).toBe('reason');
    const next = meeting.nextSession!;
    db.prepare(`UPDATE sessions SET status = 'cancelled' WHERE id = ?`).run(next.id);
    const cancelledBefore = snapshot();
    const none = await refused('meeting.adjourn', { itemId: item.id, version: item.version, outcome: 'adjourned_information', reason: 'Bilan attendu.' });
    expect(none.message).toMatch(/^Aucune séance planifiée après le 03\/12\/2026 : planifiez la prochaine séance dans l’écran « Séances »/);
    expect(snapshot()).toEqual(cancelledBefore);
    expect(before.opinions).toEqual(cancelledBefore.opinions);
  });
});
