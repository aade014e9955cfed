import { describe, expect, it } from 'vitest';
import { setMeta } from '../../db/queries/meta';
import type { DeadlineListOutput, DecisionsOfDossierOutput } from '../../shared/contract';
import { deadlineHandlers } from './deadlines';
import { decisionHandlers } from './decisions';
import { FIXTURE_TODAY as TODAY, useDemoBackend } from './closing.fixture';

const t = useDemoBackend('decisions', { decisions: decisionHandlers, deadlines: deadlineHandlers });
const { ok, refused, all, one } = t;

const snapshot = () => ({
  decisions: all('SELECT * FROM decisions ORDER BY id'),
  dossiers: all('SELECT id, status, version FROM dossiers ORDER BY id'),
  events: one<{ n: number }>('SELECT count(*) AS n FROM dossier_events').n,
  audit: one<{ n: number }>('SELECT count(*) AS n FROM audit_log').n,
});

/** A dossier with an opinion (given before TODAY) and no decision yet. */
function awaitingDecision() {
  return one<{ id: number; version: number; reference: string; givenOn: string; status: string }>(
    `SELECT d.id, d.version, d.reference, op.given_on AS givenOn, d.status FROM dossiers d JOIN opinions op ON op.dossier_id = d.id
     WHERE NOT EXISTS (SELECT 1 FROM decisions de WHERE de.dossier_id = d.id) AND op.given_on < ? AND op.given_on >= date(?, '-90 days')
     ORDER BY op.given_on DESC LIMIT 1`,
    TODAY,
    TODAY,
  );
}



describe('recording the ministerial decision', () => {
  it('records an adverse decision: the dossier becomes decided, its timeline and audit say so, and Échéances show the appeal window 60 days after notification', async () => {
    const dossier = awaitingDecision();
    const offered = await ok<DecisionsOfDossierOutput>('decisions.ofDossier', { dossierId: dossier.id });
    expect(offered.canRecord).toBe(true);
    expect(offered.opinion?.givenOn).toBe(dossier.givenOn);

    const notifiedOn = TODAY;
    const result = await ok<{ id: number; dossierVersion: number }>('decisions.record', {
      dossierId: dossier.id,
      dossierVersion: dossier.version,
      kind: 'refuse',
      decidedOn: dossier.givenOn,
      notifiedOn,
      reference: 'AM/2026/114',
      note: 'Refus motivé par l’avis défavorable.',
    });
    expect(one('SELECT kind, term, decided_on, notified_on, reference, version FROM decisions WHERE id = ?', result.id)).toEqual({
      kind: 'refuse',
      term: null,
      decided_on: dossier.givenOn,
      notified_on: notifiedOn,
      reference: 'AM/2026/114',
      version: 1,
    });
    expect(one('SELECT status, version FROM dossiers WHERE id = ?', dossier.id)).toEqual({ status: 'decided', version: dossier.version + 1 });
    expect(all<{ kind: string }>('SELECT kind FROM dossier_events WHERE dossier_id = ? ORDER BY id DESC LIMIT 2', dossier.id).map((e) => e.kind)).toEqual([
      'notification',
      'decision',
    ]);
    expect(all<{ action: string }>('SELECT action FROM audit_log ORDER BY id DESC LIMIT 2').map((a) => a.action)).toEqual(['dossier.status', 'decision.create']);

    const deadlines = await ok<DeadlineListOutput>('deadlines.list', { filters: { kinds: ['appeal_window'], horizonDays: 120 } });
    const appeal = deadlines.rows.find((r) => r.key === `appeal:${result.id}`);
    expect(appeal).toMatchObject({ kind: 'appeal_window', dueOn: '2027-01-21', dossierId: dossier.id, daysLeft: 60 });
    const after = await ok<DecisionsOfDossierOutput>('decisions.ofDossier', { dossierId: dossier.id });
    expect(after.decisions.at(-1)).toMatchObject({ id: result.id, appealUntil: '2027-01-21' });
  });

  it('refuses a dossier without opinion, a missing term, a notification before the decision, a decision before the opinion, a future date, a stale dossier; nothing is written', async () => {
    const dossier = awaitingDecision();
    const fresh = one<{ id: number; version: number; reference: string }>(
      `SELECT id, version, reference FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM opinions op WHERE op.dossier_id = d.id) ORDER BY id LIMIT 1`,
    );
    const base = { dossierId: dossier.id, dossierVersion: dossier.version, kind: 'grant', term: '4y', decidedOn: dossier.givenOn };
    const before = snapshot();
    const noOpinion = await refused('decisions.record', { ...base, dossierId: fresh.id, dossierVersion: fresh.version });
    expect(noOpinion.message).toBe(`Le dossier ${fresh.reference} n’a pas encore reçu l’avis de la commission : la décision ministérielle s’enregistre après l’avis.`);
    expect(JSON.stringify(await refused('decisions.record', { ...base, term: null }))).toContain('Indiquez la durée de l’agrément');
    expect(JSON.stringify(await refused('decisions.record', { ...base, kind: 'refuse' }))).toContain('Seuls un octroi ou un renouvellement portent une durée.');
    expect(JSON.stringify(await refused('decisions.record', { ...base, notifiedOn: '2020-01-01' }))).toContain('La notification ne peut précéder la décision.');
    expect((await refused('decisions.record', { ...base, decidedOn: '2020-01-01' })).message).toMatch(/^La décision ne peut précéder l’avis de la commission \(séance n° \d+ du /);
    expect((await refused('decisions.record', { ...base, decidedOn: '2099-01-01' })).message).toBe('La date de la décision ne peut être dans le futur.');
    expect((await refused('decisions.record', { ...base, dossierVersion: dossier.version + 5 })).code).toBe('CONFLICT');
    expect(snapshot()).toEqual(before);
  });

  it('refuses a decision on an opinion of a session not yet closed, or on an adjournment (even by amendment); nothing is written', async () => {
    const dossier = awaitingDecision();
    const base = { dossierId: dossier.id, dossierVersion: dossier.version, kind: 'grant', term: '4y', decidedOn: dossier.givenOn, notifiedOn: null, reference: '', note: '' };
    const opinionId = one<{ id: number }>('SELECT id FROM opinions WHERE dossier_id = ? ORDER BY given_on DESC, id DESC LIMIT 1', dossier.id).id;
    t.db.prepare(`INSERT INTO opinion_amendments (opinion_id, amended_on, reason, outcome) VALUES (?, ?, 'Erreur matérielle', 'adjourned_information')`).run(opinionId, dossier.givenOn);
    const before = snapshot();
    expect((await refused('decisions.record', base)).message).toBe('Le dossier a été ajourné : aucune décision ne peut suivre un ajournement.');
    expect(snapshot()).toEqual(before);

    const open = one<{ id: number; number: number; heldOn: string }>(`SELECT id, number, held_on AS heldOn FROM sessions WHERE status = 'planned' ORDER BY held_on LIMIT 1`);
    const item = one<{ id: number; dossierId: number }>('SELECT id, dossier_id AS dossierId FROM agenda_items WHERE session_id = ? ORDER BY position LIMIT 1', open.id);
    t.db.prepare(`UPDATE sessions SET status = 'in_progress' WHERE id = ?`).run(open.id);
    t.db.prepare(`INSERT INTO opinions (agenda_item_id, dossier_id, outcome, consensus, given_on) VALUES (?, ?, 'favourable', 1, ?)`).run(item.id, item.dossierId, open.heldOn);
    const fresh = one<{ version: number }>('SELECT version FROM dossiers WHERE id = ?', item.dossierId);
    const openBefore = snapshot();
    const notFinal = await refused('decisions.record', { ...base, dossierId: item.dossierId, dossierVersion: fresh.version, decidedOn: TODAY });
    expect(notFinal.message).toBe(`L’avis de la Commission n’est pas encore définitif : clôturez d’abord la séance n° ${open.number}.`);
    expect(snapshot()).toEqual(openBefore);
    const view = await ok<DecisionsOfDossierOutput>('decisions.ofDossier', { dossierId: item.dossierId });
    expect(view.canRecord).toBe(false);
  });

  it('adds the notification date later, once, guarded by the version', async () => {
    const dossier = awaitingDecision();
    const { id } = await ok<{ id: number }>('decisions.record', {
      dossierId: dossier.id,
      dossierVersion: dossier.version,
      kind: 'withdrawal',
      decidedOn: dossier.givenOn,
    });
    const before = snapshot();
    const early = await refused('decisions.update', { id, version: 1, notifiedOn: '2020-01-01', reference: '', note: '' });
    expect(early.message).toMatch(/^La notification ne peut précéder la décision du \d{2}\/\d{2}\/\d{4}\.$/);
    expect((await refused('decisions.update', { id, version: 3, notifiedOn: TODAY, reference: '', note: '' })).code).toBe('CONFLICT');
    expect(snapshot()).toEqual(before);
    expect(await ok('decisions.update', { id, version: 1, notifiedOn: TODAY, reference: 'AM/2026/120', note: '' })).toEqual({ id, version: 2 });
    expect(one('SELECT notified_on, reference, version FROM decisions WHERE id = ?', id)).toEqual({ notified_on: TODAY, reference: 'AM/2026/120', version: 2 });
    expect(one<{ action: string }>('SELECT action FROM audit_log ORDER BY id DESC LIMIT 1').action).toBe('decision.update');
    expect((await refused('decisions.update', { id, version: 1, notifiedOn: TODAY, reference: '', note: '' })).code).toBe('CONFLICT');
  });

  it('is refused in a member’s workspace (FORBIDDEN), nothing written; the member is not offered recording', async () => {
    const dossier = awaitingDecision();
    const operator = one<{ operatorId: number }>('SELECT operator_id AS operatorId FROM dossiers WHERE id = ?', dossier.id).operatorId;
    const member = one<{ id: number }>('SELECT id FROM members m WHERE NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.member_id = m.id AND c.operator_id = ?) ORDER BY id LIMIT 1', operator);
    setMeta(t.db, 'profile', 'member');
    setMeta(t.db, 'member_id', String(member.id));
    const before = snapshot();
    const error = await refused('decisions.record', { dossierId: dossier.id, dossierVersion: dossier.version, kind: 'refuse', decidedOn: dossier.givenOn });
    expect(error.code).toBe('FORBIDDEN');
    expect(snapshot()).toEqual(before);
    expect((await ok<DecisionsOfDossierOutput>('decisions.ofDossier', { dossierId: dossier.id })).canRecord).toBe(false);
  });
});

it('refuses a member the decisions of a dossier of an operator they declared a conflict with (HIDDEN)', async () => {
  const target = one<{ dossierId: number; memberId: number }>(
    `SELECT d.id AS dossierId, c.member_id AS memberId FROM dossiers d JOIN conflicts c ON c.operator_id = d.operator_id
     JOIN opinions op ON op.dossier_id = d.id ORDER BY d.id LIMIT 1`,
  );
  setMeta(t.db, 'profile', 'member');
  setMeta(t.db, 'member_id', String(target.memberId));
  expect((await refused('decisions.ofDossier', { dossierId: target.dossierId })).code).toBe('HIDDEN');
});

