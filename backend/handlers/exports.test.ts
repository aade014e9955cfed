import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { setMeta } from '../../db/queries/meta';
import type { ClosingOpinionsOutput, ExportStarted, ExportStatus, SessionExportOptions } from '../../shared/contract';
import { parseCsv } from '../exports/csv';
import { OUTCOME_LABELS } from '../exports/labels';
import { pdfText } from '../exports/readers.testkit';
import { closingHandlers } from './closing';
import { FIXTURE_TODAY, useDemoBackend } from './closing.fixture';
import { exportHandlers } from './exports';

const t = useDemoBackend('exports', { exports: exportHandlers, closing: closingHandlers });
const { ok, refused, all, one } = t;

type Done = Extract<ExportStatus, { state: 'done' }>;

/** Starts an export and polls it to its end, as the dialog does. */
async function exportFile(request: unknown): Promise<{ started: ExportStarted; done: Done; bytes: Uint8Array }> {
  const started = await ok<ExportStarted>('exports.start', request);
  for (let i = 0; i < 2000; i++) {
    const status = await ok<ExportStatus>('exports.status', { jobId: started.jobId });
    if (status.state === 'running') {
      expect(status.done).toBeLessThanOrEqual(status.total);
      await new Promise((resolve) => setTimeout(resolve, 5));
      continue;
    }
    if (status.state !== 'done') throw new Error(`Export ended ${status.state}: ${JSON.stringify(status)}`);
    return { started, done: status, bytes: new Uint8Array(Buffer.from(status.base64, 'base64')) };
  }
  throw new Error('Export did not finish');
}

/** The demo's latest closed session, with its items as the closing view shows them. */
async function closedSession() {
  const session = one<{ id: number; number: number }>(`SELECT id, number FROM sessions WHERE status = 'closed' ORDER BY held_on DESC LIMIT 1`);
  const view = await ok<ClosingOpinionsOutput>('closing.opinions', { sessionId: session.id });
  const items = view.items.filter((i) => !i.hidden);
  return { ...session, items };
}

const plannedSession = () => one<{ id: number; number: number }>(`SELECT id, number FROM sessions WHERE status = 'planned' ORDER BY held_on LIMIT 1`);

describe('the export dialog options', () => {
  it('offers the summary, the letters and every sitting member’s pack for a closed session', async () => {
    const session = await closedSession();
    const options = await ok<SessionExportOptions>('exports.sessionOptions', { sessionId: session.id });
    expect(options.secretariat).toBe(true);
    expect(options.decisionsBlocked).toBeNull();
    expect(options.lettersBlocked).toBeNull();
    expect(options.letters.map((l) => l.reference)).toEqual(session.items.filter((i) => i.opinion).map((i) => i.reference));
    expect(options.members.length).toBeGreaterThan(5);
    expect(options.members.map((m) => m.name)).not.toContain('Céline François'); // the secretariat's agent has no pack
  });

  it('explains why a session without any opinion has no summary nor letters, but still a pack', async () => {
    const options = await ok<SessionExportOptions>('exports.sessionOptions', { sessionId: plannedSession().id });
    expect(options.decisionsBlocked).toMatch(/n’a encore aucun avis/);
    expect(options.lettersBlocked).toBe('Les lettres d’avis sont établies après la clôture de la séance, quand les avis sont définitifs.');
    expect(options.letters).toEqual([]);
    expect(options.packBlocked).toBeNull();
  });

  it('lists the years with sessions held, the current one included', async () => {
    const { years } = await ok<{ years: number[] }>('exports.statsYears', {});
    expect(years[0]).toBe(Number(FIXTURE_TODAY.slice(0, 4)));
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(years.length).toBeGreaterThan(1);
  });
});

describe('refused exports produce nothing', () => {
  it('refuses the summary of a session without any opinion, in French', async () => {
    const error = await refused('exports.start', { kind: 'decisions', sessionId: plannedSession().id, format: 'pdf' });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toMatch(/^La séance n° \d+ n’a encore aucun avis/);
  });

  it('refuses an unknown session and an unknown format', async () => {
    expect((await refused('exports.start', { kind: 'decisions', sessionId: 999_999, format: 'pdf' })).code).toBe('NOT_FOUND');
    const session = await closedSession();
    const error = await refused('exports.start', { kind: 'decisions', sessionId: session.id, format: 'odt' });
    expect(error.code).toBe('BAD_INPUT');
    expect(JSON.stringify(error)).toContain('Format inconnu');
  });

  it('refuses the letters of a session not yet closed', async () => {
    const session = await closedSession();
    t.db.prepare(`UPDATE sessions SET status = 'in_progress', closed_at = NULL WHERE id = ?`).run(session.id);
    const error = await refused('exports.start', { kind: 'letters', sessionId: session.id, format: 'pdf' });
    expect(error.message).toMatch(/après la clôture de la séance/);
  });

  it('refuses a letter template with an unknown field, naming it, before any letter is made', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'comes-template-'));
    const file = join(dir, 'lettre.txt');
    writeFileSync(file, 'Madame, Monsieur,\n\nVotre dossier {{dossier.reference}} ({{operateur.nome}}) a été examiné.\n');
    process.env.COMES_LETTER_TEMPLATE = file;
    try {
      const session = await closedSession();
      const error = await refused('exports.start', { kind: 'letters', sessionId: session.id, format: 'pdf' });
      expect(error.code).toBe('BAD_INPUT');
      expect(error.message).toContain('operateur.nome');
      expect(error.message).toMatch(/ligne 3/);
    } finally {
      delete process.env.COMES_LETTER_TEMPLATE;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses the summary, the letters and the statistics in a member’s workspace', async () => {
    const session = await closedSession();
    setMeta(t.db, 'profile', 'member');
    setMeta(t.db, 'member_id', '2');
    for (const request of [
      { kind: 'decisions', sessionId: session.id, format: 'pdf' },
      { kind: 'letters', sessionId: session.id, format: 'docx' },
      { kind: 'stats', year: 2026, format: 'xlsx' },
    ]) {
      expect((await refused('exports.start', request)).code).toBe('FORBIDDEN');
    }
    // …and another member's pack.
    expect((await refused('exports.start', { kind: 'memberPack', sessionId: session.id, memberId: 3 })).code).toBe('FORBIDDEN');
  });

  it('refuses the statistics of a year without any session held', async () => {
    const error = await refused('exports.start', { kind: 'stats', year: 2031, format: 'pdf' });
    expect(error.message).toBe('Aucune séance tenue en 2031 : il n’y a pas de statistiques à exporter.');
  });

  it('refuses the letter of a dossier the session gave no opinion on, and the pack of an unknown member', async () => {
    const session = await closedSession();
    const elsewhere = one<{ id: number }>(`SELECT id FROM dossiers WHERE id NOT IN (SELECT dossier_id FROM agenda_items WHERE session_id = ?) LIMIT 1`, session.id);
    const letter = await refused('exports.start', { kind: 'letter', sessionId: session.id, dossierId: elsewhere.id, format: 'pdf' });
    expect(letter).toMatchObject({ code: 'NOT_FOUND', message: `Ce dossier n’a pas reçu d’avis à la séance n° ${session.number} : il n’y a pas de lettre à établir.` });
    expect((await refused('exports.start', { kind: 'memberPack', sessionId: plannedSession().id, memberId: 9999 })).code).toBe('NOT_FOUND');
  });

  it('asks which member when the secretariat exports a pack', async () => {
    const error = await refused('exports.start', { kind: 'memberPack', sessionId: plannedSession().id });
    expect(error.message).toMatch(/Choisissez le membre/);
  });
});

describe('a finished export', () => {
  it('gives the summary as a Belgian CSV with one row per item, handed over once', async () => {
    const session = await closedSession();
    const { started, done, bytes } = await exportFile({ kind: 'decisions', sessionId: session.id, format: 'csv' });
    expect(started.filename).toBe(`releve-avis-seance-${session.number}.csv`);
    expect(done.mediaType).toBe('text/csv;charset=utf-8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
    const body = rows.slice(1);
    expect(body).toHaveLength(session.items.length);
    const references = session.items.map((i) => i.reference);
    for (const reference of references) expect(body.some((row) => row.includes(reference))).toBe(true);
    expect((await refused('exports.status', { jobId: started.jobId })).code).toBe('NOT_FOUND');
  });

  it('gives the summary as a PDF with every reference and opinion of the session', async () => {
    const session = await closedSession();
    const { bytes } = await exportFile({ kind: 'decisions', sessionId: session.id, format: 'pdf' });
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text).toContain(`séance n° ${session.number}`);
    for (const item of session.items) {
      expect(text).toContain(item.reference);
      // « 1. IES-2026-0044 — … Avis de la commission Favorable (avis du 19/11/2026) »
      const after = text.slice(text.indexOf(item.reference));
      const opinion = item.opinion;
      if (!opinion) throw new Error('the demo session has an opinion on every item');
      expect(after.slice(after.indexOf('Avis de la commission'))).toMatch(new RegExp(`^Avis de la commission ${OUTCOME_LABELS[opinion.outcome].replace(/[()]/g, '\\$&')} \\(avis du `));
    }
  });

  it('gives every letter of the session in one ZIP, each naming its operator and reference', async () => {
    const session = await closedSession();
    const withOpinion = session.items.filter((i) => i.opinion);
    const { started, bytes } = await exportFile({ kind: 'letters', sessionId: session.id, format: 'pdf' });
    expect(started.filename).toBe(`lettres-avis-seance-${session.number}-pdf.zip`);
    const files = unzipSync(bytes);
    const names = Object.keys(files);
    expect(names).toHaveLength(withOpinion.length);
    const first = withOpinion[0];
    if (!first) throw new Error('no opinion in the demo session');
    const name = names.find((n) => n.startsWith(String(first.number).padStart(2, '0')));
    const text = pdfText(files[name ?? ''] as Uint8Array).replace(/\s+/g, ' ');
    expect(text).toContain(first.reference);
    expect(text).toContain(first.operatorName);
  });

  it('gives a member’s pack without any item of an operator the member is conflicted with', async () => {
    const conflicted = one<{ sessionId: number; reference: string; memberId: number; operatorName: string }>(
      `SELECT ai.session_id AS sessionId, d.reference, c.member_id AS memberId, o.name AS operatorName
       FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id JOIN dossiers d ON d.id = ai.dossier_id
       JOIN operators o ON o.id = d.operator_id JOIN conflicts c ON c.operator_id = d.operator_id
       WHERE s.status = 'planned' ORDER BY s.held_on LIMIT 1`,
    );
    const others = all<{ reference: string }>(
      `SELECT d.reference FROM agenda_items ai JOIN dossiers d ON d.id = ai.dossier_id
       WHERE ai.session_id = ? AND d.operator_id NOT IN (SELECT operator_id FROM conflicts WHERE member_id = ?)`,
      conflicted.sessionId,
      conflicted.memberId,
    );
    const { bytes } = await exportFile({ kind: 'memberPack', sessionId: conflicted.sessionId, memberId: conflicted.memberId });
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text).not.toContain(conflicted.reference);
    expect(text).not.toContain(conflicted.operatorName);
    expect(text).toContain('conflit d’intérêts déclaré');
    for (const { reference } of others) expect(text).toContain(reference);
  });

  it('counts the year’s opinions in the statistics as the database does', async () => {
    const year = 2026;
    const { bytes } = await exportFile({ kind: 'stats', year, format: 'pdf' });
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    const held = one<{ n: number }>(`SELECT count(*) AS n FROM sessions WHERE status IN ('in_progress', 'closed') AND held_on LIKE '${year}-%'`).n;
    expect(text).toContain(`Statistiques ${year}`);
    expect(text).toContain(String(held));
  });

  it('stops a cancelled export', async () => {
    const session = await closedSession();
    const started = await ok<ExportStarted>('exports.start', { kind: 'letters', sessionId: session.id, format: 'docx' });
    expect(await ok('exports.cancel', { jobId: started.jobId })).toEqual({ cancelled: true });
    let status = await ok<ExportStatus>('exports.status', { jobId: started.jobId });
    while (status.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 5));
      status = await ok<ExportStatus>('exports.status', { jobId: started.jobId });
    }
    expect(status.state).toBe('cancelled');
  });
});
