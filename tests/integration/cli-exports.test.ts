/**
 * `comes export-decisions` and `comes export-stats`: the files a secretariat automation writes,
 * opened with real readers (pdftotext, LibreOffice, exceljs, the CSV parser), and every refusal
 * leaving no file behind.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../backend/cli/main';
import { OUTCOME_LABELS } from '../../backend/exports/labels';
import type { OpinionOutcome } from '../../shared/domain';
import { parseCsv } from '../../backend/exports/csv';
import { officeToPdf, pdfText } from '../../backend/exports/readers.testkit';
import { tempDir } from './helpers';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

let tmp: ReturnType<typeof tempDir>;
let ws = '';
let out = '';
let closed: { number: number; year: string; references: string[]; outcomes: string[] };
let planned: number;

beforeAll(async () => {
  tmp = tempDir('comes-cli-exports-');
  ws = join(tmp.dir, 'espace');
  out = join(tmp.dir, 'sorties');
  const demo = await cli('demo', '--workspace', ws);
  expect(demo.code, demo.stderr).toBe(0);
  mkdirSync(out);
  const db = new Database(join(ws, 'comes.sqlite'), { fileMustExist: true });
  try {
    const session = db.prepare(`SELECT id, number, held_on AS heldOn FROM sessions WHERE status = 'closed' ORDER BY held_on DESC LIMIT 1`).get() as {
      id: number;
      number: number;
      heldOn: string;
    };
    const items = db
      .prepare(`SELECT d.reference, op.outcome FROM agenda_items ai JOIN dossiers d ON d.id = ai.dossier_id LEFT JOIN opinions op ON op.agenda_item_id = ai.id WHERE ai.session_id = ?`)
      .all(session.id) as { reference: string; outcome: string | null }[];
    closed = { number: session.number, year: session.heldOn.slice(0, 4), references: items.map((i) => i.reference), outcomes: items.map((i) => i.outcome ?? '') };
    planned = (db.prepare(`SELECT number FROM sessions WHERE status = 'planned' ORDER BY held_on LIMIT 1`).get() as { number: number }).number;
  } finally {
    db.close();
  }
}, 120_000);
afterAll(() => tmp.cleanup());

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('export-decisions', () => {
  it('writes the session’s summary as a PDF whose text has every item and the accents intact', async () => {
    const file = join(out, 'releve.pdf');
    const result = await cli('export-decisions', '--workspace', ws, '--session', String(closed.number), '--format', 'pdf', '--out', file);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`Relevé des avis — séance n° ${closed.number} \\(PDF\\) : .* écrits dans ${file}`));
    const text = flat(pdfText(readFileSync(file)));
    expect(text).toContain('Relevé des avis');
    expect(text).toContain('Commission consultative et d’agrément des entreprises d’économie sociale');
    for (const reference of closed.references) expect(text).toContain(reference);
    for (const outcome of closed.outcomes) expect(text).toContain(OUTCOME_LABELS[outcome as OpinionOutcome]);
    expect(text).toMatch(/page 1 \/ \d+/);
  });

  it('writes a DOCX that LibreOffice opens, with every item', { timeout: 120_000 }, async () => {
    const file = join(out, 'releve.docx');
    const result = await cli('export-decisions', '-w', ws, '--session', String(closed.number), '--format', 'docx', '--out', file);
    expect(result.code, result.stderr).toBe(0);
    const text = flat(pdfText(officeToPdf(readFileSync(file), 'docx')));
    for (const reference of closed.references) expect(text).toContain(reference);
    expect(text).toContain('Relevé des avis');
  });

  it('writes an XLSX with one typed row per item under a filtered header row', async () => {
    const file = join(out, 'releve.xlsx');
    const result = await cli('export-decisions', '-w', ws, '--session', String(closed.number), '--format', 'XLSX', '--out', file);
    expect(result.code, result.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.rowCount).toBe(closed.references.length + 1);
    expect(sheet.autoFilter).toBeTruthy();
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const referenceColumn = header.indexOf('Référence');
    const dateColumn = header.indexOf('Date de l’avis');
    expect(referenceColumn).toBeGreaterThan(0);
    const references = [];
    for (let r = 2; r <= sheet.rowCount; r++) references.push(sheet.getRow(r).getCell(referenceColumn).value);
    expect(references.sort()).toEqual([...closed.references].sort());
    expect(sheet.getRow(2).getCell(dateColumn).value).toBeInstanceOf(Date);
  });

  it('writes a CSV that round-trips: BOM, semicolons, one row per item', async () => {
    const file = join(out, 'releve.csv');
    const result = await cli('export-decisions', '-w', ws, '--session', String(closed.number), '--format', 'csv', '--out', file);
    expect(result.code, result.stderr).toBe(0);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toContain(';');
    const rows = parseCsv(text);
    expect(rows.slice(1).map((row) => row[rows[0]?.indexOf('Référence') ?? -1]).sort()).toEqual([...closed.references].sort());
  });

  const refusals: [string, string[], RegExp, number][] = [
    ['an unknown session', ['--session', '9999', '--format', 'pdf'], /Séance n° 9999 introuvable/, 1],
    ['an unknown format', ['--session', 'NUMBER', '--format', 'odt'], /Format inconnu : « odt »\. Formats possibles : pdf, docx, xlsx, csv\./, 2],
    ['a session without any opinion yet', ['--session', 'PLANNED', '--format', 'pdf'], /n’a encore aucun avis/, 1],
  ];
  for (const [what, args, message, code] of refusals) {
    it(`refuses ${what}: exit ${code}, French message, no file`, async () => {
      const file = join(out, `refus-${code}-${args[3]}.pdf`);
      const resolved = args.map((a) => (a === 'NUMBER' ? String(closed.number) : a === 'PLANNED' ? String(planned) : a));
      const result = await cli('export-decisions', '-w', ws, ...resolved, '--out', file);
      expect(result.code).toBe(code);
      expect(result.stderr).toMatch(message);
      expect(existsSync(file)).toBe(false);
    });
  }

  it('refuses a folder that does not exist: exit 1, French message naming it, nothing written', async () => {
    const before = readdirSync(out);
    const file = join(out, 'absent', 'releve.pdf');
    const result = await cli('export-decisions', '-w', ws, '--session', String(closed.number), '--format', 'pdf', '--out', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`le dossier « ${join(out, 'absent')} » n’existe pas`);
    expect(readdirSync(out)).toEqual(before);
  });

  it('refuses to write into the workspace folder, which holds the database', async () => {
    const database = join(ws, 'comes.sqlite');
    const before = readFileSync(database);
    const result = await cli('export-decisions', '-w', ws, '--session', String(closed.number), '--format', 'csv', '--out', database);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('est dans le dossier de l’espace de travail');
    expect(readFileSync(database).equals(before)).toBe(true);
    const inside = await cli('export-stats', '-w', ws, '--year', closed.year, '--format', 'pdf', '--out', join(ws, 'documents', 'stats.pdf'));
    expect(inside.code).toBe(1);
    expect(existsSync(join(ws, 'documents', 'stats.pdf'))).toBe(false);
  });

  it('refuses a missing --out: exit 2', async () => {
    const result = await cli('export-decisions', '-w', ws, '--session', String(closed.number), '--format', 'pdf');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Option --out manquante');
  });
});

describe('export-stats', () => {
  it('writes the year’s statistics as a PDF with its chart labels, and as an XLSX', async () => {
    const year = closed.year;
    const pdf = join(out, 'stats.pdf');
    const xlsx = join(out, 'stats.xlsx');
    expect((await cli('export-stats', '-w', ws, '--year', year, '--format', 'pdf', '--out', pdf)).code).toBe(0);
    expect((await cli('export-stats', '-w', ws, '--year', year, '--format', 'xlsx', '--out', xlsx)).code).toBe(0);
    const text = flat(pdfText(readFileSync(pdf)));
    expect(text).toContain(`Statistiques ${year}`);
    for (const scheme of ['IES', 'EI', 'IDESS', 'AC']) expect(text).toContain(scheme);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBeGreaterThan(1);
  });

  it('refuses a year without sessions and an unknown format, writing nothing', async () => {
    const file = join(out, 'stats-2031.pdf');
    const empty = await cli('export-stats', '-w', ws, '--year', '2031', '--format', 'pdf', '--out', file);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('Aucune séance tenue en 2031');
    const docx = await cli('export-stats', '-w', ws, '--year', '2026', '--format', 'docx', '--out', file);
    expect(docx.code).toBe(2);
    expect(docx.stderr).toContain('Formats possibles : pdf, xlsx.');
    expect(existsSync(file)).toBe(false);
  });
});
