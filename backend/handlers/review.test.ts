import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DossierReview } from '../../shared/contract';
import { appendAudit } from '../../db/audit';
import { seedReviewFixture, type ReviewFixture } from '../../db/queries/review.fixture';
import { createDispatcher, type Dispatcher } from '../rpc/registry';
import { Workspace } from '../workspace';
import { reviewHandlers } from './review';

let dir: string;
let workspace: Workspace;
let backend: Dispatcher;
let f: ReviewFixture;

async function ok<T>(method: string, input: unknown): Promise<T> {
  const result = await backend.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

const review = (id: number) => ok<DossierReview>('dossiers.review', { id });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-review-h-'));
  workspace = new Workspace(dir);
  const db = workspace.create('secretariat', 'Secrétariat de test');
  f = seedReviewFixture(db);
  backend = createDispatcher({ workspace, today: () => '2026-11-22' }, { review: reviewHandlers }, { requireAll: false });
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dossiers.review', () => {
  it('gives the header, the open deadlines and the secretariat profile in one answer', async () => {
    const r = await review(f.inspectionDossierId);
    expect(r.profile).toBe('secretariat');
    expect(r.today).toBe('2026-11-22');
    expect(r.dossier).toMatchObject({ reference: 'EI-2026-0002', kind: 'inspection' });
    expect(r.operator).toMatchObject({ name: 'Ressourcerie du Val SC', bce: '0464.281.392' });
    expect(r.agrement).toMatchObject({ number: 'EI-017', currentPeriod: { startOn: '2023-03-01', endOn: '2027-02-28', term: '4y' } });
    // Derived from the facts: the inspection's findings to follow up, then the operator's agrément and reports.
    expect(r.deadlines.map((d) => [d.kind, d.dossierId, d.description])).toEqual([
      ['condition_follow_up', f.inspectionDossierId, 'Subventions TD indûment perçues.'],
      ['condition_follow_up', f.inspectionDossierId, 'Registre du personnel incomplet.'],
      ['renewal_window_closes', null, 'Clôture du renouvellement de l’agrément EI-017'],
      ['agrement_expires', null, 'Fin de l’agrément EI-017'],
      ['report_due', null, 'Rapport d’activités 2026 (EI)'],
    ]);
  });

  it('gives the synthesis of a decided dossier: proposal, amended opinion with votes, decision', async () => {
    const r = await review(f.renewalDossierId);
    expect(r.opinions).toHaveLength(1);
    expect(r.opinions[0]).toMatchObject({
      outcome: 'favourable_conditions',
      votesFor: 6,
      votesAgainst: 1,
      votesAbstain: 1,
      consensus: false,
      session: { number: 140, heldOn: '2022-11-10' },
    });
    expect(r.opinions[0]?.amendments.map((a) => a.reason)).toEqual(['Erreur matérielle.']);
    expect(r.decisions).toEqual([expect.objectContaining({ kind: 'renew', term: '4y', reference: 'AM/EI/2022/007' })]);
    const proposal = await review(f.reportDossiers[2025]);
    expect(proposal.dossier).toMatchObject({ proposalOutcome: 'noted', proposalText: 'Prise d’acte proposée.' });
    expect(proposal.opinions).toEqual([]);
  });

  it('tells the operator’s whole history, newest first, with every dossier and nothing of other operators', async () => {
    const r = await review(f.reportDossiers[2024]);
    const types = new Set(r.history.map((h) => h.type));
    for (const type of ['agrement', 'period', 'dossier', 'opinion', 'amendment', 'decision', 'inspection']) expect(types).toContain(type);
    const dossierRefs = r.history.flatMap((h) => (h.type === 'dossier' ? [h.reference] : []));
    expect(dossierRefs).toEqual(['EI-2026-0002', 'EI-2026-0001', 'EI-2025-0001', 'EI-2024-0001', 'EI-2022-0003']);
    const dates = r.history.map((h) => h.on);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(JSON.stringify(r.history)).not.toContain('EI-2026-0099');
  });

  it('includes the audit entries of the dossier in its history', async () => {
    const db = workspace.requireDb();
    appendAudit(db, {
      actor: 'Secrétariat de test',
      action: 'dossier.update',
      entity: 'dossier',
      entityId: f.inspectionDossierId,
      changes: { status: { from: 'received', to: 'ready' } },
    });
    const r = await review(f.inspectionDossierId);
    expect(r.history[0]).toMatchObject({ type: 'audit', actor: 'Secrétariat de test', changes: { status: { from: 'received', to: 'ready' } } });
  });

  it('compares the dossier’s report year with every year of the operator, and the latest year elsewhere', async () => {
    const r = await review(f.reportDossiers[2024]);
    expect(r.figures?.focusYear).toBe(2024);
    expect(r.figures?.reports.map((x) => x.year)).toEqual([2023, 2024, 2025]);
    expect(r.figures?.reports[0]).toMatchObject({ trainingPlan: true, yearlyEvaluations: null, fteTotal: 10 });
    expect((await review(f.inspectionDossierId)).figures?.focusYear).toBe(2025);
    const other = await review(f.otherDossierId);
    expect(other.figures?.reports.map((x) => x.headcount)).toEqual([99]);
  });

  it('shows an inspection dossier’s findings, and elsewhere only inspections with unresolved findings', async () => {
    const r = await review(f.inspectionDossierId);
    expect(r.inspections).toHaveLength(1);
    expect(r.inspections[0]?.findings.map((x) => [x.severity, x.resolvedOn])).toEqual([
      ['critical', null],
      ['major', '2026-09-15'],
      ['minor', null],
    ]);
    expect((await review(f.renewalDossierId)).inspections.map((i) => i.id)).toEqual([f.inspectionId]);
    workspace.requireDb().prepare(`UPDATE findings SET resolved_on = '2026-11-01' WHERE inspection_id = ?`).run(f.inspectionId);
    expect((await review(f.renewalDossierId)).inspections).toEqual([]);
  });

  it('tells a member’s workspace apart, so that the page offers no editing links there', async () => {
    const memberDir = mkdtempSync(join(tmpdir(), 'comes-review-m-'));
    const memberWorkspace = new Workspace(memberDir);
    try {
      const ids = seedReviewFixture(memberWorkspace.create('member', 'Anne Lambert (FEBECOOP)'));
      const member = createDispatcher({ workspace: memberWorkspace, today: () => '2026-11-22' }, { review: reviewHandlers }, { requireAll: false });
      const result = await member.dispatch('dossiers.review', { id: ids.inspectionDossierId });
      expect(result).toMatchObject({ ok: true, data: { profile: 'member' } });
    } finally {
      memberWorkspace.close();
      rmSync(memberDir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown dossier and a malformed id with a French message', async () => {
    const missing = await backend.dispatch('dossiers.review', { id: 999_999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'Dossier introuvable.' } });
    const bad = await backend.dispatch('dossiers.review', { id: 'douze' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('BAD_INPUT');
  });
});

describe('private notes on the dossier page', () => {
  it('never shows another member’s private note, neither in the history nor in what changed, nor its text in the log', async () => {
    const db = workspace.requireDb();
    const addMember = db.prepare(
      `INSERT INTO members (full_name, organisation, organisation_kind, role, voting, active_from) VALUES (?, ?, ?, 'member', 1, '2024-01-01')`,
    );
    const other = Number(addMember.run('Marc Dubois', 'CSC', 'union').lastInsertRowid);
    const user = Number(addMember.run('Anne Lambert', 'FEBECOOP', 'federation').lastInsertRowid);
    await ok('dossiers.markVisited', { id: f.inspectionDossierId, readAt: new Date(Date.now() - 60_000).toISOString() });
    const later = new Date(Date.now() - 30_000).toISOString();
    const insert = db.prepare(`INSERT INTO notes (dossier_id, author_member_id, visibility, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`);
    const hidden = Number(insert.run(f.inspectionDossierId, other, 'private', 'Conflit possible avec le président', later, later).lastInsertRowid);
    const own = Number(insert.run(f.inspectionDossierId, user, 'private', 'À vérifier en séance', later, later).lastInsertRowid);
    for (const id of [hidden, own]) appendAudit(db, { actor: 'membre', action: 'note.create', entity: 'note', entityId: id, changes: {}, at: later });
    db.prepare(`INSERT INTO meta (key, value) VALUES ('member_id', ?)`).run(String(user));

    const page = await review(f.inspectionDossierId);
    const text = JSON.stringify(page);
    expect(text).not.toContain('Conflit possible');
    expect(page.changes.items.filter((i) => i.type === 'note')).toEqual([expect.objectContaining({ noteId: own, excerpt: 'À vérifier en séance' })]);
    const noteEntries = page.history.filter((h) => h.type === 'audit' && h.entity === 'note');
    expect(noteEntries.map((h) => (h.type === 'audit' ? h.entityId : null))).toEqual([own]);
  });
});

describe('Ce qui a changé', () => {
  it('says first visit, then lists what changed after the recorded visit, then nothing on the next visit', async () => {
    const db = workspace.requireDb();
    const first = await review(f.inspectionDossierId);
    expect(first.changes).toMatchObject({ since: null, items: [] });
    // The page passes the time it read its data; here a minute ago, so that the changes below
    // (half a minute ago) come after the visit and before the next read.
    const readAt = new Date(Date.now() - 60_000).toISOString();
    const { visitedAt } = await ok<{ visitedAt: string }>('dossiers.markVisited', { id: f.inspectionDossierId, readAt });
    expect(visitedAt).toBe(readAt);

    const later = new Date(Date.now() - 30_000).toISOString();
    db.prepare(`INSERT INTO notes (dossier_id, visibility, body, created_at, updated_at) VALUES (?, 'shared', 'Pièces reçues', ?, ?)`).run(
      f.inspectionDossierId,
      later,
      later,
    );
    db.prepare(`UPDATE findings SET resolved_on = '2026-11-20', updated_at = ? WHERE id = ?`).run(later, f.findingIds.critical);
    db.prepare(`UPDATE activity_reports SET fte_total = 13, updated_at = ? WHERE dossier_id = ?`).run(later, f.reportDossiers[2025]);
    appendAudit(db, { actor: 'Secrétariat de test', action: 'dossier.update', entity: 'dossier', entityId: f.inspectionDossierId, changes: { status: { from: 'received', to: 'ready' } }, at: later });
    // The entry forms file findings under their dossier: listed once (as the finding), not twice.
    appendAudit(db, { actor: 'Secrétariat de test', action: 'finding.update', entity: 'dossier', entityId: f.inspectionDossierId, changes: { findingId: f.findingIds.critical }, at: later });

    const second = await review(f.inspectionDossierId);
    expect(second.changes.since).toBe(visitedAt);
    expect(second.changes.items.map((i) => i.type).sort()).toEqual(['audit', 'figures', 'finding', 'note']);
    expect(second.changes.items.find((i) => i.type === 'note')).toMatchObject({ edited: false, excerpt: 'Pièces reçues' });
    expect(second.changes.items.find((i) => i.type === 'figures')).toMatchObject({ year: 2025 });

    await ok('dossiers.markVisited', { id: f.inspectionDossierId, readAt: second.changes.readAt });
    expect((await review(f.inspectionDossierId)).changes.items).toEqual([]);
  });

  it('never records a visit in the future, nor for an unknown dossier', async () => {
    const { visitedAt } = await ok<{ visitedAt: string }>('dossiers.markVisited', { id: f.inspectionDossierId, readAt: '2099-01-01T00:00:00.000Z' });
    expect(visitedAt < '2099-01-01').toBe(true);
    const missing = await backend.dispatch('dossiers.markVisited', { id: 999_999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((workspace.requireDb().prepare('SELECT count(*) AS n FROM dossier_visits').get() as { n: number }).n).toBe(1);
  });
});
