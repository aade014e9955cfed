import { describe, expect, it } from 'vitest';
import { setMeta } from '../../db/queries/meta';
import type { ClosingOpinionsOutput } from '../../shared/contract';
import { closingHandlers } from './closing';
import { meetingHandlers } from './meeting';
import { FIXTURE_TODAY as TODAY, useDemoBackend } from './closing.fixture';

const t = useDemoBackend('closing', { closing: closingHandlers, meeting: meetingHandlers });
const { ok, refused, all, one } = t;

/** Everything a closing write could change, to prove a refused one changed nothing. */
const snapshot = () => ({
  sessions: all('SELECT id, status, version, closed_at FROM sessions ORDER BY id'),
  dossiers: all('SELECT id, status, version FROM dossiers ORDER BY id'),
  opinions: all('SELECT * FROM opinions ORDER BY id'),
  amendments: all('SELECT * FROM opinion_amendments ORDER BY id'),
  audit: one<{ n: number }>('SELECT count(*) AS n FROM audit_log').n,
});

interface Item {
  id: number;
  dossierId: number;
  position: number;
}

/** The demo's next planned session, now being held: its items, every one but `without` given an opinion. */
function sessionInProgress(without: number[] = []): { id: number; number: number; heldOn: string; items: Item[] } {
  const session = one<{ id: number; number: number; heldOn: string }>(
    `SELECT id, number, held_on AS heldOn FROM sessions WHERE status = 'planned' ORDER BY held_on LIMIT 1`,
  );
  t.db.prepare(`UPDATE sessions SET status = 'in_progress' WHERE id = ?`).run(session.id);
  const items = all<Item>('SELECT id, dossier_id AS dossierId, position FROM agenda_items WHERE session_id = ? ORDER BY position', session.id);
  const insert = t.db.prepare(`INSERT INTO opinions (agenda_item_id, dossier_id, outcome, consensus, given_on) VALUES (?, ?, 'favourable', 1, ?)`);
  for (const item of items) if (!without.includes(item.position)) insert.run(item.id, item.dossierId, session.heldOn);
  return { ...session, items };
}

const opinionOf = (itemId: number) => one<{ id: number; outcome: string }>('SELECT id, outcome FROM opinions WHERE agenda_item_id = ?', itemId);



describe('closing a session', () => {
  it('is refused, naming them, while items have no opinion; nothing is written', async () => {
    const session = sessionInProgress([2, 4]);
    expect(session.items.length).toBeGreaterThanOrEqual(4);
    const before = snapshot();
    const error = await refused('closing.close', { sessionId: session.id, version: 1 });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe(
      `La séance n° ${session.number} ne peut pas être clôturée : 2 points sans avis : n° 2, n° 4. Enregistrez leur avis ou ajournez-les explicitement.`,
    );
    expect(snapshot()).toEqual(before);
  });

  it('closes once the items left without opinion are explicitly adjourned: their dossiers become adjourned, the opinions are locked', async () => {
    const session = sessionInProgress([2]);
    const left = session.items.find((i) => i.position === 2) as Item;
    const audit = snapshot().audit;
    const result = await ok<{ version: number; closedAt: string; adjourned: number }>('closing.close', { sessionId: session.id, version: 1, adjournItemIds: [left.id] });
    expect(result).toMatchObject({ version: 2, adjourned: 1 });
    const row = one<{ status: string; closed_at: string; version: number }>('SELECT status, closed_at, version FROM sessions WHERE id = ?', session.id);
    expect(row).toEqual({ status: 'closed', closed_at: result.closedAt, version: 2 });
    expect(one<{ status: string }>('SELECT status FROM dossiers WHERE id = ?', left.dossierId).status).toBe('adjourned');
    const actions = all<{ action: string }>('SELECT action FROM audit_log WHERE id > ? ORDER BY id', audit).map((a) => a.action);
    expect(actions).toEqual(['dossier.adjourn', 'session.close']);

    // The database itself refuses changing a locked opinion.
    const first = opinionOf((session.items[0] as Item).id);
    expect(() => t.db.prepare(`UPDATE opinions SET outcome = 'noted' WHERE id = ?`).run(first.id)).toThrow(/opinion locked/);
    expect(() => t.db.prepare('DELETE FROM opinions WHERE id = ?').run(first.id)).toThrow(/opinion locked/);

    const view = await ok<ClosingOpinionsOutput>('closing.opinions', { sessionId: session.id });
    expect(view.session.status).toBe('closed');
    const adjourned = view.items.find((i) => !i.hidden && i.id === left.id);
    expect(adjourned).toMatchObject({ opinion: null, adjourned: true });
    expect(view.items.map((i) => i.number)).toEqual(session.items.map((i) => i.position));
  });

  it('refuses a planned session, a closed one, a stale version, a foreign or already-decided item to adjourn; nothing is written', async () => {
    const planned = one<{ id: number; number: number }>(`SELECT id, number FROM sessions WHERE status = 'planned' ORDER BY held_on LIMIT 1 OFFSET 1`);
    const closed = one<{ id: number; number: number; version: number }>(`SELECT id, number, version FROM sessions WHERE status = 'closed' ORDER BY held_on DESC LIMIT 1`);
    const session = sessionInProgress();
    const before = snapshot();
    expect((await refused('closing.close', { sessionId: planned.id, version: 1 })).message).toBe(
      `La séance n° ${planned.number} ne s’est pas encore tenue : aucun avis n’y a été rendu, elle ne peut pas être clôturée.`,
    );
    expect((await refused('closing.close', { sessionId: closed.id, version: closed.version })).message).toBe(`La séance n° ${closed.number} est déjà clôturée.`);
    expect((await refused('closing.close', { sessionId: session.id, version: 7 })).code).toBe('CONFLICT');
    const decided = await refused('closing.close', { sessionId: session.id, version: 1, adjournItemIds: [(session.items[0] as Item).id] });
    expect(decided.message).toBe('Seul un point de cette séance resté sans avis peut être ajourné à la clôture.');
    expect((await refused('closing.close', { sessionId: 999_999, version: 1 })).code).toBe('NOT_FOUND');
    expect(snapshot()).toEqual(before);
  });

  it('is refused in a member’s workspace (FORBIDDEN), nothing written', async () => {
    const session = sessionInProgress();
    setMeta(t.db, 'profile', 'member');
    setMeta(t.db, 'member_id', String(one<{ id: number }>('SELECT id FROM members ORDER BY id LIMIT 1').id));
    const before = snapshot();
    const error = await refused('closing.close', { sessionId: session.id, version: 1 });
    expect(error.code).toBe('FORBIDDEN');
    expect(snapshot()).toEqual(before);
  });
});

describe('an item carried into a session', () => {
  it('must still be given an opinion or adjourned there: closing the later session without it is refused, naming it', async () => {
    const a = sessionInProgress([1]);
    const adjournedItem = a.items.find((i) => i.position === 1) as Item;
    const version = one<{ version: number }>('SELECT version FROM agenda_items WHERE id = ?', adjournedItem.id).version;
    const out = await ok<{ nextSession: { id: number; number: number } }>('meeting.adjourn', {
      itemId: adjournedItem.id,
      version,
      outcome: 'adjourned_information',
      reason: 'Attendre le plan financier révisé.',
    });
    await ok('closing.close', { sessionId: a.id, version: one<{ version: number }>('SELECT version FROM sessions WHERE id = ?', a.id).version, adjournItemIds: [] });
    const b = out.nextSession;
    const carried = one<Item>('SELECT id, dossier_id AS dossierId, position FROM agenda_items WHERE session_id = ? AND dossier_id = ?', b.id, adjournedItem.dossierId);
    expect(one<{ status: string }>('SELECT status FROM dossiers WHERE id = ?', carried.dossierId).status).toBe('scheduled');
    const heldOn = one<{ heldOn: string }>('SELECT held_on AS heldOn FROM sessions WHERE id = ?', b.id).heldOn;
    t.db.prepare(`UPDATE sessions SET status = 'in_progress' WHERE id = ?`).run(b.id);
    const insert = t.db.prepare(`INSERT INTO opinions (agenda_item_id, dossier_id, outcome, consensus, given_on) VALUES (?, ?, 'favourable', 1, ?)`);
    for (const item of all<Item>('SELECT id, dossier_id AS dossierId, position FROM agenda_items WHERE session_id = ?', b.id)) {
      if (item.id !== carried.id) insert.run(item.id, item.dossierId, heldOn);
    }
    const before = snapshot();
    const version2 = one<{ version: number }>('SELECT version FROM sessions WHERE id = ?', b.id).version;
    const error = await refused('closing.close', { sessionId: b.id, version: version2, adjournItemIds: [] });
    expect(error.message).toBe(
      `La séance n° ${b.number} ne peut pas être clôturée : 1 point sans avis : n° ${carried.position}. Enregistrez leur avis ou ajournez-les explicitement.`,
    );
    expect(snapshot()).toEqual(before);
    const view = await ok<ClosingOpinionsOutput>('closing.opinions', { sessionId: b.id });
    expect(view.items.find((i) => !i.hidden && i.id === carried.id)).toMatchObject({ opinion: null, adjourned: false });
  });
});

describe('amending a locked opinion', () => {
  async function closedSession() {
    const session = sessionInProgress();
    await ok('closing.close', { sessionId: session.id, version: 1 });
    return session;
  }

  it('is refused on an open session: the opinion is still edited directly', async () => {
    const session = sessionInProgress();
    const opinion = opinionOf((session.items[0] as Item).id);
    const before = snapshot();
    const error = await refused('closing.amend', { opinionId: opinion.id, reason: 'Erreur matérielle', outcome: 'noted' });
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: 'La séance n’est pas clôturée : modifiez l’avis directement.' });
    expect(snapshot()).toEqual(before);
  });

  it('refuses a missing reason, a missing motivation, a date before the session or in the future; nothing is written', async () => {
    const session = await closedSession();
    const opinion = opinionOf((session.items[0] as Item).id);
    const before = snapshot();
    const noReason = await refused('closing.amend', { opinionId: opinion.id, reason: ' ', outcome: 'noted' });
    expect(noReason.code).toBe('BAD_INPUT');
    expect(JSON.stringify(noReason)).toContain('Indiquez le motif de la rectification.');
    const noMotivation = await refused('closing.amend', { opinionId: opinion.id, reason: 'Erreur de vote', outcome: 'unfavourable' });
    expect(JSON.stringify(noMotivation)).toContain('Un avis défavorable ou sous conditions doit être motivé.');
    const noConditions = await refused('closing.amend', { opinionId: opinion.id, reason: 'Erreur', outcome: 'favourable_conditions', motivation: 'Parce que' });
    expect(JSON.stringify(noConditions)).toContain('Indiquez les conditions de l’avis favorable.');
    const early = await refused('closing.amend', { opinionId: opinion.id, reason: 'Erreur', outcome: 'noted', amendedOn: '2020-01-01' });
    expect(early.message).toMatch(/^Une rectification ne peut précéder la séance du \d{2}\/\d{2}\/\d{4}\.$/);
    const future = await refused('closing.amend', { opinionId: opinion.id, reason: 'Erreur', outcome: 'noted', amendedOn: '2099-01-01' });
    expect(future.message).toBe('Une rectification ne peut être datée dans le futur.');
    expect(snapshot()).toEqual(before);
  });

  it('keeps the amendment beside the original opinion, dated today by default, audited', async () => {
    // The demo's sessions are after TODAY: bring this one to a past day so that an amendment today is valid.
    const session = sessionInProgress();
    t.db.prepare(`UPDATE sessions SET held_on = '2026-11-21' WHERE id = ?`).run(session.id);
    await ok('closing.close', { sessionId: session.id, version: 1 });
    const item = session.items[0] as Item;
    const opinion = opinionOf(item.id);
    const original = one('SELECT * FROM opinions WHERE id = ?', opinion.id);
    const result = await ok<{ id: number; amendedOn: string }>('closing.amend', {
      opinionId: opinion.id,
      reason: 'Erreur matérielle dans le procès-verbal',
      outcome: 'favourable_conditions',
      conditions: 'Transmettre le plan de formation',
      motivation: 'Le plan de formation manque au dossier.',
    });
    expect(result.amendedOn).toBe(TODAY);
    expect(one('SELECT * FROM opinions WHERE id = ?', opinion.id)).toEqual(original);
    expect(one('SELECT opinion_id, amended_on, reason, outcome FROM opinion_amendments WHERE id = ?', result.id)).toEqual({
      opinion_id: opinion.id,
      amended_on: TODAY,
      reason: 'Erreur matérielle dans le procès-verbal',
      outcome: 'favourable_conditions',
    });
    const audit = one<{ action: string; entity_id: number; changes: string }>('SELECT action, entity_id, changes FROM audit_log ORDER BY id DESC LIMIT 1');
    expect(audit).toMatchObject({ action: 'opinion.amend', entity_id: opinion.id });
    expect(JSON.parse(audit.changes).outcome).toEqual({ from: 'favourable', to: 'favourable_conditions' });

    const view = await ok<ClosingOpinionsOutput>('closing.opinions', { sessionId: session.id });
    const shown = view.items.find((i) => !i.hidden && i.id === item.id);
    expect(shown).toMatchObject({ opinion: { id: opinion.id, outcome: 'favourable', consensus: true }, amendments: [{ id: result.id, amendedOn: TODAY, outcome: 'favourable_conditions' }] });
  });
});

describe('the recused members of a closed session', () => {
  it('do not change when a conflict is declared after the opinion', async () => {
    const session = one<{ id: number; heldOn: string }>(`SELECT id, held_on AS heldOn FROM sessions WHERE status = 'closed' ORDER BY held_on DESC LIMIT 1`);
    const target = one<{ itemId: number; operatorId: number; memberId: number }>(
      `SELECT ai.id AS itemId, d.operator_id AS operatorId, m.id AS memberId
       FROM agenda_items ai JOIN dossiers d ON d.id = ai.dossier_id JOIN opinions op ON op.agenda_item_id = ai.id
       JOIN members m ON m.active_from <= ? AND (m.active_to IS NULL OR m.active_to >= ?)
       WHERE ai.session_id = ? AND NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.member_id = m.id AND c.operator_id = d.operator_id)
         AND NOT EXISTS (SELECT 1 FROM recusals r WHERE r.agenda_item_id = ai.id AND r.member_id = m.id)
       ORDER BY ai.position, m.id LIMIT 1`,
      session.heldOn,
      session.heldOn,
      session.id,
    );
    const before = await ok<ClosingOpinionsOutput>('closing.opinions', { sessionId: session.id });
    t.db.prepare(`INSERT INTO conflicts (member_id, operator_id, kind, declared_on) VALUES (?, ?, 'board', ?)`).run(target.memberId, target.operatorId, TODAY);
    const after = await ok<ClosingOpinionsOutput>('closing.opinions', { sessionId: session.id });
    expect(after.items).toEqual(before.items);
  });
});

describe('the opinions of a session in a member’s workspace', () => {
  it('carries no content of an item about an operator the member declared a conflict with', async () => {
    const target = one<{ sessionId: number; itemId: number; reference: string; operatorName: string; memberId: number }>(
      `SELECT ai.session_id AS sessionId, ai.id AS itemId, d.reference, o.name AS operatorName, c.member_id AS memberId
       FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id JOIN dossiers d ON d.id = ai.dossier_id
       JOIN operators o ON o.id = d.operator_id JOIN conflicts c ON c.operator_id = d.operator_id
       WHERE s.status = 'closed' AND EXISTS (SELECT 1 FROM opinions op WHERE op.agenda_item_id = ai.id)
       ORDER BY s.held_on DESC LIMIT 1`,
    );
    setMeta(t.db, 'profile', 'member');
    setMeta(t.db, 'member_id', String(target.memberId));
    const view = await ok<ClosingOpinionsOutput>('closing.opinions', { sessionId: target.sessionId });
    expect(view.canEdit).toBe(false);
    expect(view.items.some((i) => i.hidden && /^Conflit d’intérêts déclaré \(.+\) : ce point ne vous est pas communiqué\.$/.test(i.reason))).toBe(true);
    const serialised = JSON.stringify(view);
    expect(serialised).not.toContain(target.reference);
    expect(serialised).not.toContain(target.operatorName);
  });
});

