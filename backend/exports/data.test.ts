/**
 * The export models read from a real demo workspace: the opinion in force after an amendment in
 * every document, items without opinion said for what they are, a member's pack history, and the
 * yearly statistics counted exactly as the database says.
 */
import { describe, expect, it } from 'vitest';
import { loadRuleBook, rulesFilePath } from '../rules';
import type { BackendContext } from '../context';
import type { ClosingOpinionsOutput } from '../../shared/contract';
import { closingHandlers } from '../handlers/closing';
import { FIXTURE_TODAY, useDemoBackend } from '../handlers/closing.fixture';
import { parseCsv } from './csv';
import { decisionSummaryOf, letterSourcesOf, memberPackOf, yearStatsOf } from './data';
import { decisionsCsv } from './decisionsCsv';

const t = useDemoBackend('export-data', { closing: closingHandlers });
const { ok, all, one } = t;
const NOW = new Date('2026-11-22T10:00:00Z');

const latestClosed = () => one<{ id: number; number: number; heldOn: string }>(`SELECT id, number, held_on AS heldOn FROM sessions WHERE status = 'closed' ORDER BY held_on DESC LIMIT 1`);

/** Amends the first opinion of the session to « défavorable », as the secretariat would. */
async function amendFirstOpinion(sessionId: number) {
  const view = await ok<ClosingOpinionsOutput>('closing.opinions', { sessionId });
  const item = view.items.find((i) => !i.hidden && i.opinion);
  if (!item || item.hidden || !item.opinion) throw new Error('no opinion to amend');
  await ok('closing.amend', { opinionId: item.opinion.id, reason: 'Erreur matérielle dans le vote', amendedOn: '2026-11-21', outcome: 'unfavourable', motivation: 'Le plan financier n’est pas tenable.' });
  return item;
}

describe('the opinion in force after an amendment', () => {
  it('heads the relevé, fills the CSV’s Avis, Conditions and Motivation and the letter, the original kept beside', async () => {
    const session = latestClosed();
    const amended = await amendFirstOpinion(session.id);
    const summary = decisionSummaryOf(t.db, session.id, NOW);
    const item = summary.sections.flatMap((s) => s.items).find((i) => i.itemId === amended.id);
    expect(item?.outcomeInForceLabel).toBe('Défavorable');
    expect(item?.opinion?.outcomeLabel).toBe('Favorable');
    expect(item?.amendments).toMatchObject([{ amendedOn: '2026-11-21', reason: 'Erreur matérielle dans le vote', outcomeLabel: 'Défavorable' }]);

    const rows = parseCsv(new TextDecoder().decode(decisionsCsv(summary)).replace(/^\uFEFF/, ''));
    const header = rows[0] ?? [];
    const row = rows.find((r) => r[header.indexOf('Référence')] === amended.reference) ?? [];
    expect(row[header.indexOf('Avis')]).toBe('Défavorable');
    expect(row[header.indexOf('Motivation')]).toBe('Le plan financier n’est pas tenable.');
    expect(row[header.indexOf('Avis initial')]).toBe('Favorable');

    const letter = letterSourcesOf(t.db, session.id, FIXTURE_TODAY, amended.dossierId).letters[0];
    expect(letter?.values['avis.libelle']).toBe('défavorable');
    expect(letter?.values['avis.motivation']).toBe('Le plan financier n’est pas tenable.');
    expect(letter?.values['avis.rectification']).toMatch(/^Par rectification du 21\/11\/2026 \(motif : Erreur matérielle dans le vote\), l’avis a été porté à un avis défavorable/);
    expect(letter?.values.date).toBe('22/11/2026');
  });

  it('is what a member’s pack recalls of the operator’s past opinions', async () => {
    // A planned item whose operator had an opinion in the latest closed session.
    const session = latestClosed();
    const amended = await amendFirstOpinion(session.id);
    const target = one<{ sessionId: number; operatorId: number } | undefined>(
      `SELECT ai.session_id AS sessionId, d.operator_id AS operatorId FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id
       JOIN dossiers d ON d.id = ai.dossier_id WHERE s.status = 'planned'
         AND d.operator_id = (SELECT operator_id FROM dossiers WHERE id = ?) LIMIT 1`,
      amended.dossierId,
    );
    if (!target) {
      // Put the operator's next dossier on the next planned agenda if the demo has none there.
      const planned = one<{ id: number }>(`SELECT id FROM sessions WHERE status = 'planned' ORDER BY held_on LIMIT 1`);
      const other = one<{ id: number }>(`SELECT id FROM dossiers WHERE operator_id = (SELECT operator_id FROM dossiers WHERE id = ?) AND id <> ? LIMIT 1`, amended.dossierId, amended.dossierId);
      t.db.prepare(`INSERT INTO agenda_items (session_id, dossier_id, section, position) VALUES (?, ?, 'misc', 99)`).run(planned.id, other.id);
    }
    const sessionId = target?.sessionId ?? one<{ id: number }>(`SELECT id FROM sessions WHERE status = 'planned' ORDER BY held_on LIMIT 1`).id;
    const ctx = { workspace: { requireDb: () => t.db }, today: () => FIXTURE_TODAY, rules: loadRuleBook(rulesFilePath()) } as unknown as BackendContext;
    const pack = memberPackOf(ctx, t.db, sessionId, { id: 1, name: 'Delphine Laurent' }, NOW);
    const item = pack.items.find((i) => i.history.some((line) => line.includes(`(${amended.reference})`)));
    // Newest first: the rectification, then the opinion it rectified.
    const lines = item?.history ?? [];
    const rectified = lines.findIndex((l) => l.startsWith('21/11/2026 — avis rectifié en avis défavorable') && l.endsWith('motif : Erreur matérielle dans le vote'));
    const original = lines.findIndex((l) => l.includes(`séance n° ${session.number} : avis favorable (${amended.reference})`));
    expect(rectified).toBeGreaterThanOrEqual(0);
    expect(original).toBeGreaterThan(rectified);
  });
});

describe('items without an opinion', () => {
  it('read « en attente d’avis » in a session still in progress, then « ajourné à la clôture » once closed without one', async () => {
    const session = one<{ id: number; heldOn: string }>(`SELECT id, held_on AS heldOn FROM sessions WHERE status = 'planned' ORDER BY held_on LIMIT 1`);
    const items = all<{ id: number; dossierId: number }>(`SELECT id, dossier_id AS dossierId FROM agenda_items WHERE session_id = ? ORDER BY position`, session.id);
    t.db.prepare(`UPDATE sessions SET status = 'in_progress' WHERE id = ?`).run(session.id);
    const [first, ...rest] = items;
    if (!first || rest.length === 0) throw new Error('the demo session needs two items');
    t.db.prepare(`INSERT INTO opinions (agenda_item_id, dossier_id, outcome, consensus, given_on) VALUES (?, ?, 'favourable', 1, ?)`).run(first.id, first.dossierId, session.heldOn);

    const during = decisionSummaryOf(t.db, session.id, NOW);
    expect(during.session.provisional).toBe(true);
    expect(during.counts).toEqual({ opinions: 1, adjourned: 0, items: items.length });
    const pending = during.sections.flatMap((s) => s.items).filter((i) => !i.opinion);
    expect(pending.map((i) => [i.outcomeInForceLabel, i.pendingNote])).toEqual(rest.map(() => ['Pas encore d’avis', 'en attente d’avis']));

    const view = await ok<ClosingOpinionsOutput>('closing.opinions', { sessionId: session.id });
    await ok('closing.close', { sessionId: session.id, version: view.session.version, adjournItemIds: rest.map((i) => i.id) });
    const after = decisionSummaryOf(t.db, session.id, NOW);
    expect(after.session.provisional).toBe(false);
    expect(after.counts).toEqual({ opinions: 1, adjourned: rest.length, items: items.length });
    for (const item of after.sections.flatMap((s) => s.items).filter((i) => !i.opinion)) {
      expect([item.outcomeInForceLabel, item.pendingNote]).toEqual(['Reporté sans avis', 'ajourné à la clôture de la séance']);
    }
  });
});

describe('the yearly statistics', () => {
  it('count sessions, opinions in force, dossiers, hearings and delays as the database does', async () => {
    const session = latestClosed();
    const year = Number(session.heldOn.slice(0, 4));
    await amendFirstOpinion(session.id);
    const stats = yearStatsOf(t.db, year, NOW);
    const inYear = `s.held_on BETWEEN '${year}-01-01' AND '${year}-12-31' AND s.status IN ('in_progress', 'closed')`;
    const held = all<{ number: number }>(`SELECT number FROM sessions s WHERE ${inYear} ORDER BY held_on`);
    expect(stats.sessions.map((s) => s.number)).toEqual(held.map((s) => s.number));
    const opinions = all<{ dossierId: number; scheme: string; outcome: string; days: number; hearing: string | null }>(
      `SELECT op.dossier_id AS dossierId, d.scheme, ai.hearing_at AS hearing,
              COALESCE((SELECT am.outcome FROM opinion_amendments am WHERE am.opinion_id = op.id ORDER BY am.amended_on DESC, am.id DESC LIMIT 1), op.outcome) AS outcome,
              CAST(julianday(op.given_on) - julianday(d.received_on) AS INTEGER) AS days
       FROM opinions op JOIN agenda_items ai ON ai.id = op.agenda_item_id JOIN sessions s ON s.id = ai.session_id JOIN dossiers d ON d.id = op.dossier_id
       WHERE ${inYear}`,
    );
    expect(stats.opinionsGiven).toBe(opinions.length);
    expect(stats.dossiersExamined).toBe(new Set(opinions.map((o) => o.dossierId)).size);
    expect(stats.byScheme.reduce((sum, r) => sum + r.count, 0)).toBe(opinions.length);
    expect(stats.byKind.reduce((sum, r) => sum + r.count, 0)).toBe(opinions.length);
    for (const row of stats.byOutcome) expect(row.count, row.key).toBe(opinions.filter((o) => o.outcome === row.key).length);
    expect(stats.byOutcome.find((r) => r.key === 'unfavourable')?.count).toBeGreaterThan(0);
    for (const [index, row] of stats.schemeByOutcome.rows.entries()) {
      expect(row.counts.reduce((a, b) => a + b, 0)).toBe(stats.byScheme[index]?.count);
    }
    const hearings = one<{ n: number }>(`SELECT count(ai.hearing_at) AS n FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id WHERE ${inYear}`).n;
    expect(stats.hearings).toBe(hearings);
    const final = opinions.filter((o) => ['favourable', 'favourable_conditions', 'unfavourable', 'noted'].includes(o.outcome)).map((o) => o.days);
    expect(stats.receiptToOpinion.count).toBe(final.length);
    expect(stats.receiptToOpinion.averageDays).toBeCloseTo(final.reduce((a, b) => a + b, 0) / final.length, 1);
  });
});
