import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bceFromBase } from '../../shared/bce';
import type { SessionListOutput, SessionPlanOutput } from '../../shared/contract';
import { createDispatcher, type Dispatcher } from '../rpc/registry';
import { Workspace } from '../workspace';
import { sessionHandlers } from './sessions';
import { accepted, refusal } from '../rpc/testing';

const TODAY = '2026-11-22';
const NOW = '2026-11-01T09:00:00.000Z';

let dir: string;
let workspace: Workspace;
let backend: Dispatcher;
/** Sessions of the fixture, by name. */
let ids: { closed: number; withOpinion: number; next: number; later: number };

function insertSession(number: number, heldOn: string, status: string): number {
  return Number(
    workspace
      .requireDb()
      .prepare(`INSERT INTO sessions (number, held_on, starts_at, place, status) VALUES (?, ?, '09:30', 'Namur, salle du Conseil', ?)`)
      .run(number, heldOn, status).lastInsertRowid,
  );
}

function open(profile: 'secretariat' | 'member') {
  workspace = new Workspace(dir);
  const db = workspace.create(profile, profile === 'secretariat' ? 'Secrétariat de la COMES' : 'Anne Lambert');
  const operatorId = Number(
    db
      .prepare(
        `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
         VALUES (?, 'Éco-Jardins de Hesbaye', 'SC', 1, '4300', 'Waremme', 'LG', 'espaces verts', ?, ?)`,
      )
      .run(bceFromBase('08000001'), NOW, NOW).lastInsertRowid,
  );
  const dossier = (reference: string) =>
    Number(
      db
        .prepare(
          `INSERT INTO dossiers (reference, operator_id, scheme, kind, status, subject, received_on, created_at, updated_at)
           VALUES (?, ?, 'EI', 'agrement', 'received', 'Demande d’agrément', '2026-06-30', ?, ?)`,
        )
        .run(reference, operatorId, NOW, NOW).lastInsertRowid,
    );
  const item = (sessionId: number, dossierId: number) =>
    Number(db.prepare(`INSERT INTO agenda_items (session_id, dossier_id, section, position) VALUES (?, ?, 'agrements', 1)`).run(sessionId, dossierId).lastInsertRowid);
  ids = {
    closed: insertSession(1, '2026-10-08', 'closed'),
    withOpinion: insertSession(2, '2026-11-26', 'planned'),
    next: insertSession(3, '2026-12-03', 'planned'),
    later: insertSession(4, '2026-12-17', 'planned'),
  };
  const first = dossier('EI-2026-0001');
  const agendaItem = item(ids.closed, first);
  item(ids.next, dossier('EI-2026-0002'));
  db.prepare(`INSERT INTO opinions (agenda_item_id, dossier_id, outcome, given_on) VALUES (?, ?, 'favourable', '2026-10-08')`).run(agendaItem, first);
  const withOpinionItem = item(ids.withOpinion, dossier('EI-2026-0003'));
  db.prepare(`INSERT INTO opinions (agenda_item_id, dossier_id, outcome, given_on) VALUES (?, ?, 'noted', '2026-11-26')`).run(withOpinionItem, dossier('EI-2026-0004'));
  backend = createDispatcher({ workspace, today: () => TODAY }, { sessions: sessionHandlers }, { requireAll: false, log: () => undefined });
}

const ok = <T>(method: string, input: unknown) => accepted<T>(backend, method, input);

const refused = (method: string, input: unknown) => refusal(backend, method, input);

const snapshot = () => ({
  sessions: workspace.requireDb().prepare('SELECT * FROM sessions ORDER BY id').all(),
  audit: (workspace.requireDb().prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n,
});
const sessionRow = (id: number) =>
  workspace.requireDb().prepare('SELECT held_on AS heldOn, starts_at AS startsAt, place, status, cancel_reason AS cancelReason, version FROM sessions WHERE id = ?').get(id) as {
    heldOn: string;
    startsAt: string;
    place: string;
    status: string;
    cancelReason: string;
    version: number;
  };
const lastAudit = () =>
  workspace.requireDb().prepare('SELECT action, entity, entity_id AS entityId, changes FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
    action: string;
    entity: string;
    entityId: number;
    changes: string;
  };

const move = (id: number, heldOn: string, extra: Partial<{ version: number; startsAt: string; place: string }> = {}) => ({
  id,
  version: 1,
  heldOn,
  startsAt: '14:00',
  place: 'Namur, salle du Conseil',
  ...extra,
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-sessions-'));
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the list of sessions', () => {
  beforeEach(() => open('secretariat'));

  it('lists upcoming sessions nearest first, then past ones latest first, with agenda and opinion counts', async () => {
    const list = await ok<SessionListOutput>('sessions.list', {});
    expect(list.today).toBe(TODAY);
    expect(list.canEdit).toBe(true);
    expect(list.upcoming.map((s) => s.number)).toEqual([2, 3, 4]);
    expect(list.past.map((s) => s.number)).toEqual([1]);
    expect(list.upcoming[1]).toMatchObject({ heldOn: '2026-12-03', startsAt: '09:30', place: 'Namur, salle du Conseil', status: 'planned', agendaItems: 1, opinions: 0 });
    expect(list.past[0]).toMatchObject({ status: 'closed', agendaItems: 1, opinions: 1 });
  });
});

describe('planning a year (preview)', () => {
  beforeEach(() => open('secretariat'));

  it('proposes a date every two weeks and names each skipped fortnight: Easter Monday, the spring break', async () => {
    const before = snapshot();
    const plan = await ok<SessionPlanOutput>('sessions.plan', { from: '2027-03-15', to: '2027-05-31', weekday: 1, startsAt: '09:30', place: 'Namur' });
    expect(plan.proposed.map((p) => p.date)).toEqual(['2027-03-15', '2027-04-05', '2027-04-19', '2027-05-10', '2027-05-24']);
    expect(plan.skipped.map((s) => [s.date, s.label])).toEqual([
      ['2027-03-29', 'Lundi de Pâques (jour férié)'],
      ['2027-05-03', 'Congé de printemps'],
    ]);
    expect(plan.nextNumber).toBe(5);
    expect(snapshot()).toEqual(before);
  });

  it('skips carnival 2026 and says which school calendars are published and which are computed', async () => {
    const plan = await ok<SessionPlanOutput>('sessions.plan', { from: '2026-01-05', to: '2026-12-31', weekday: 4, startsAt: '09:30', place: '' });
    expect(plan.proposed.filter((p) => p.date >= '2026-02-16' && p.date <= '2026-03-01')).toEqual([]);
    expect(plan.skipped.some((s) => s.date >= '2026-02-16' && s.date <= '2026-03-01' && s.label === 'Congé de détente (carnaval)')).toBe(true);
    expect(plan.schoolYears).toEqual([
      { schoolYear: '2025-2026', origin: 'published' },
      { schoolYear: '2026-2027', origin: 'computed' },
    ]);
    expect(plan.notes).toEqual(['calendrier scolaire 2026-2027 non publié : dates calculées selon les règles']);
    expect(plan.proposed.find((p) => p.date === '2026-03-05')?.past).toBe(true);
  });

  it('falls back on the rules for an unpublished school year, and says so', async () => {
    const plan = await ok<SessionPlanOutput>('sessions.plan', { from: '2027-08-30', to: '2028-07-01', weekday: 4, startsAt: '09:30', place: '' });
    expect(plan.notes).toContain('calendrier scolaire 2027-2028 non publié : dates calculées selon les règles');
    expect(plan.proposed.map((p) => p.date)).not.toContain('2027-11-11');
  });

  it('shows the sessions already planned in the period and never proposes to create them again', async () => {
    const plan = await ok<SessionPlanOutput>('sessions.plan', { from: '2026-11-23', to: '2026-12-20', weekday: 4, startsAt: '09:30', place: '' });
    expect(plan.proposed.map((p) => [p.date, p.existing?.number ?? null])).toEqual([
      ['2026-11-26', 2],
      ['2026-12-10', null],
    ]);
    expect(plan.existing.map((s) => s.number)).toEqual([3, 4]);
  });

  it('refuses a period that ends before it starts, in French', async () => {
    const error = await refused('sessions.plan', { from: '2027-06-01', to: '2027-01-01', weekday: 4, startsAt: '09:30', place: '' });
    expect(error.code).toBe('BAD_INPUT');
    expect(JSON.stringify(error)).toMatch(/La fin de la période précède son début/);
  });
});

describe('confirming planned dates', () => {
  beforeEach(() => open('secretariat'));

  it('creates the chosen dates in one go, numbered after the highest, each audited', async () => {
    const { created } = await ok<{ created: { id: number; number: number; heldOn: string }[] }>('sessions.createPlanned', {
      dates: ['2027-01-21', '2027-01-07'],
      startsAt: '10:00',
      place: 'Namur, salle du Conseil',
    });
    expect(created.map((c) => [c.number, c.heldOn])).toEqual([
      [5, '2027-01-07'],
      [6, '2027-01-21'],
    ]);
    expect(sessionRow(created[1]!.id)).toMatchObject({ heldOn: '2027-01-21', startsAt: '10:00', status: 'planned', version: 1 });
    const audit = lastAudit();
    expect(audit).toMatchObject({ action: 'session.create', entity: 'session' });
    expect(JSON.parse(audit.changes)).toMatchObject({ number: { from: null, to: 6 }, heldOn: { from: null, to: '2027-01-21' }, status: { from: null, to: 'planned' } });
  });

  it.each([
    ['a public holiday', '2027-03-29', 'BAD_INPUT', /jour férié \(Lundi de Pâques\)/],
    ['a school holiday', '2027-02-25', 'BAD_INPUT', /congés scolaires \(congé de détente \(carnaval\)\)/],
    ['a day that already has a session', '2026-12-03', 'CONFLICT', /déjà lieu le 03\/12\/2026 \(séance n° 3\)/],
    ['a day already past', '2026-11-19', 'BAD_INPUT', /est passé/],
  ])('refuses the whole batch when one date falls on %s, writing nothing', async (_, date, code, message) => {
    const before = snapshot();
    const error = await refused('sessions.createPlanned', { dates: ['2027-01-07', date], startsAt: '09:30', place: '' });
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(snapshot()).toEqual(before);
  });

  it('refuses the same date twice', async () => {
    const before = snapshot();
    const error = await refused('sessions.createPlanned', { dates: ['2027-01-07', '2027-01-07'], startsAt: '09:30', place: '' });
    expect(error.message).toMatch(/demandé deux fois/);
    expect(snapshot()).toEqual(before);
  });
});

describe('moving a session', () => {
  beforeEach(() => open('secretariat'));

  it('moves a planned session to a free day, bumps its version and audits field by field', async () => {
    expect(await ok('sessions.move', move(ids.next, '2026-12-04'))).toEqual({ id: ids.next, version: 2 });
    expect(sessionRow(ids.next)).toMatchObject({ heldOn: '2026-12-04', startsAt: '14:00', version: 2 });
    const audit = lastAudit();
    expect(audit).toMatchObject({ action: 'session.move', entity: 'session', entityId: ids.next });
    expect(JSON.parse(audit.changes)).toEqual({ heldOn: { from: '2026-12-03', to: '2026-12-04' }, startsAt: { from: '09:30', to: '14:00' } });
  });

  it('changes the time and place without moving the day', async () => {
    await ok('sessions.move', move(ids.next, '2026-12-03', { startsAt: '09:00', place: 'Liège' }));
    expect(sessionRow(ids.next)).toMatchObject({ heldOn: '2026-12-03', startsAt: '09:00', place: 'Liège' });
  });

  it.each([
    ['a public holiday, named', () => move(ids.next, '2026-12-25'), 'BAD_INPUT', 'Le 25/12/2026 est un jour férié (Noël) : pas de séance ce jour-là.'],
    ['a school holiday, named', () => move(ids.next, '2027-02-25'), 'BAD_INPUT', /congés scolaires \(congé de détente \(carnaval\)\)/],
    ['a day that already has a session', () => move(ids.next, '2026-12-17'), 'CONFLICT', /Une séance a déjà lieu le 17\/12\/2026 \(séance n° 4\)/],
    ['a stale version', () => move(ids.next, '2026-12-04', { version: 7 }), 'CONFLICT', /modifié entre-temps/],
    ['an unknown session', () => move(9999, '2026-12-04'), 'NOT_FOUND', /Séance introuvable/],
  ])('refuses a move onto %s, writing nothing', async (_, input, code, message) => {
    const before = snapshot();
    const error = await refused('sessions.move', input());
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(snapshot()).toEqual(before);
  });

  it('refuses to move a closed session', async () => {
    const before = snapshot();
    const error = await refused('sessions.move', move(ids.closed, '2026-12-04'));
    expect(error.message).toBe('La séance n° 1 est clôturée : elle ne peut plus être déplacée.');
    expect(snapshot()).toEqual(before);
  });
});

describe('cancelling a session', () => {
  beforeEach(() => open('secretariat'));

  it('cancels with its reason, frees the day and audits it', async () => {
    await ok('sessions.cancel', { id: ids.later, version: 1, reason: 'Quorum impossible : congé des membres' });
    expect(sessionRow(ids.later)).toMatchObject({ status: 'cancelled', cancelReason: 'Quorum impossible : congé des membres', version: 2 });
    expect(JSON.parse(lastAudit().changes)).toEqual({
      status: { from: 'planned', to: 'cancelled' },
      cancelReason: { from: '', to: 'Quorum impossible : congé des membres' },
    });
    await ok('sessions.move', move(ids.next, '2026-12-17'));
  });

  it('frees the dossiers its agenda had scheduled: back to « prêt », off the cancelled agenda, audited', async () => {
    const db = workspace.requireDb();
    const scheduled = db.prepare(`SELECT dossier_id AS id FROM agenda_items WHERE session_id = ?`).get(ids.next) as { id: number };
    db.prepare(`UPDATE dossiers SET status = 'scheduled' WHERE id = ?`).run(scheduled.id);
    await ok('sessions.cancel', { id: ids.next, version: 1, reason: 'Salle indisponible' });
    expect(db.prepare(`SELECT count(*) AS n FROM agenda_items WHERE session_id = ?`).get(ids.next)).toEqual({ n: 0 });
    expect(db.prepare(`SELECT status, last_session_id AS lastSession FROM dossiers WHERE id = ?`).get(scheduled.id)).toEqual({ status: 'ready', lastSession: null });
    expect(JSON.parse(lastAudit().changes)).toEqual({ sessionId: { from: ids.next, to: null }, status: { from: 'scheduled', to: 'ready' }, reason: 'Séance annulée' });
  });

  it.each([
    ['without a reason', () => ({ id: ids.later, version: 1, reason: '  ' }), 'BAD_INPUT', /Indiquez le motif de l’annulation/],
    ['of a closed session', () => ({ id: ids.closed, version: 1, reason: 'Erreur' }), 'BAD_INPUT', /clôturée : elle ne peut plus être annulée/],
    ['of a session with opinions', () => ({ id: ids.withOpinion, version: 1, reason: 'Erreur' }), 'BAD_INPUT', /a déjà rendu un avis/],
    ['on a stale version', () => ({ id: ids.later, version: 3, reason: 'Erreur' }), 'CONFLICT', /modifié entre-temps/],
  ])('refuses a cancellation %s, writing nothing', async (_, input, code, message) => {
    const before = snapshot();
    const error = await refused('sessions.cancel', input());
    expect(error.code).toBe(code);
    expect(JSON.stringify(error)).toMatch(message);
    expect(snapshot()).toEqual(before);
  });
});

describe('a member workspace', () => {
  beforeEach(() => open('member'));

  it('sees the sessions but cannot plan, create, move or cancel: FORBIDDEN, nothing written', async () => {
    const list = await ok<SessionListOutput>('sessions.list', {});
    expect(list.canEdit).toBe(false);
    expect(list.upcoming).toHaveLength(3);
    const before = snapshot();
    const attempts: [string, unknown][] = [
      ['sessions.plan', { from: '2027-01-01', to: '2027-06-30', weekday: 4, startsAt: '09:30', place: '' }],
      ['sessions.createPlanned', { dates: ['2027-01-07'], startsAt: '09:30', place: '' }],
      ['sessions.move', move(ids.next, '2026-12-04')],
      ['sessions.cancel', { id: ids.later, version: 1, reason: 'Erreur de date' }],
    ];
    for (const [method, input] of attempts) {
      const error = await refused(method, input);
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/Seul le secrétariat/);
    }
    expect(snapshot()).toEqual(before);
  });
});
