import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../csv';
import { decisionsCsv } from '../decisionsCsv';
import { decisionSummaryFixture, yearStatsFixture } from '../fixtures';
import { officeToPdf, pdfFirstPagePng, pdfText } from '../readers.testkit';
import { decisionsXlsx } from './decisions';
import { statsXlsx } from './stats';

const SHOTS = '/tmp/issue6-shots';
const items = decisionSummaryFixture.sections.flatMap((s) => s.items);

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}
function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`Feuille « ${name} » absente`);
  return found;
}
/** The header row's texts. */
const headers = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);
/** Row `n` as header → cell, for reading by column name. */
function record(ws: ExcelJS.Worksheet, n: number): Record<string, ExcelJS.Cell> {
  return Object.fromEntries(headers(ws).map((h, i) => [String(h), ws.getRow(n).getCell(i + 1)]));
}
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('decisionsXlsx', () => {
  let bytes: Uint8Array;
  let workbook: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;

  beforeAll(async () => {
    bytes = await decisionsXlsx(decisionSummaryFixture);
    workbook = await open(bytes);
    ws = sheet(workbook, 'Relevé des avis');
  });

  it('has a « Relevé des avis » sheet with a bold, frozen, filtered header row: the CSV’s columns', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Relevé des avis', 'Séance']);
    const csvHeader = parseCsv(new TextDecoder().decode(decisionsCsv(decisionSummaryFixture)))[0];
    expect(headers(ws)).toEqual(csvHeader);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(JSON.stringify(ws.autoFilter)).toMatch(/A1/);
  });

  it('writes one row per item, adjourned included, with typed cells', () => {
    expect(ws.actualRowCount).toBe(1 + items.length);
    const first = record(ws, 2);
    expect(first['N°']!.value).toBe(1);
    expect(first['Référence']!.value).toBe('EI-2026-0142');
    expect(first['Opérateur']!.value).toBe('Cœur de Forêt SC');
    expect(first['BCE']!.value).toBe('0456.789.012');
    expect(first['Date de réception']!.value).toBeInstanceOf(Date);
    expect(first['Date de réception']!.value).toEqual(utc(2026, 6, 2));
    expect(first['Date de réception']!.numFmt).toBe('dd/mm/yyyy');
    expect(first['Date de l’avis']!.value).toEqual(utc(2026, 11, 17));
    expect([first['Pour']!.value, first['Contre']!.value, first['Abstention']!.value]).toEqual([2, 0, 1]);
    expect(first['Consensus']!.value).toBe('Non');
    expect(first['Avis']!.value).toBe('Favorable');
    expect(first['Avis initial']!.value).toBe('Favorable sous conditions');
    expect(first['Conditions']!.value).toBeNull();
    expect(first['Conditions initiales']!.value).toBe('Transmettre le plan de formation 2027 avant le 31/03/2027 ; budget € 18 000,00.');
    expect(String(first['Rectifications']!.value)).toContain('20/11/2026 — nouvel avis : Favorable.');
    expect(first['Motivation']!.alignment?.wrapText).toBe(true);

    const consensus = record(ws, 4);
    expect(consensus['Consensus']!.value).toBe('Oui');
    expect(consensus['Pour']!.value).toBeNull();

    const adjourned = record(ws, 5);
    expect(adjourned['Référence']!.value).toBe('EI-2025-0977');
    expect(adjourned['Avis']!.value).toBe('Reporté sans avis');
    expect(adjourned['Date de l’avis']!.value).toBeNull();
    expect(adjourned['Date de réception']!.value).toEqual(utc(2025, 12, 1));
  });

  it('sets column widths, and row heights that show the wrapped texts', () => {
    expect(ws.getColumn(14).width).toBeGreaterThan(30); // Motivation
    expect(ws.getRow(2).height).toBeGreaterThan(ws.getRow(5).height);
  });

  it('has a « Séance » sheet with the header: number and date typed, attendance', () => {
    const s = sheet(workbook, 'Séance');
    const rows = new Map<string, ExcelJS.CellValue>();
    s.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    expect(rows.get('Séance n°')).toBe(412);
    expect(rows.get('Date')).toEqual(utc(2026, 11, 17));
    expect(rows.get('Lieu')).toBe('Namur, place de la Wallonie 1, salle « Émile Vandervelde »');
    expect(rows.get('Quorum atteint')).toBe('Oui');
    expect(rows.get('Majorité requise')).toBe(3);
    expect(String(rows.get('Présents'))).toContain('Françoise Lœwenthal (ConcertES, Président·e)');
    expect(rows.get('Excusés')).toBe('Noël Dubœuf (CSC, Membre effectif)');
    expect(rows.get('Absents')).toBeNull();
  });

  it('converts with LibreOffice: every reference, operator and opinion, accents intact', () => {
    const pdf = officeToPdf(bytes, 'xlsx');
    mkdirSync(SHOTS, { recursive: true });
    pdfFirstPagePng(pdf, `${SHOTS}/xlsx-decisions.png`, 110);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const item of items) {
      expect(text).toContain(item.reference);
      expect(text).toContain(item.operatorName);
      expect(text).toContain(item.outcomeInForceLabel);
    }
    for (const expected of ['02/06/2026', '17/11/2026', 'Favorable sous conditions', 'Défavorable', 'Reporté sans avis', '€ 18 000,00', '« Émile Vandervelde »', 'Noël Dubœuf', 'page 1 /']) {
      expect(text).toContain(expected);
    }
  }, 120_000);
});

describe('statsXlsx', () => {
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    workbook = await open(await statsXlsx(yearStatsFixture));
  });

  it('has the synthesis, the breakdowns, the crosstab and the sessions, each with a bold header', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Synthèse', 'Par régime', 'Par nature', 'Par avis', 'Régime × avis', 'Séances']);
    for (const ws of workbook.worksheets) expect(ws.getRow(1).getCell(1).font?.bold, ws.name).toBe(true);
    for (const name of ['Par régime', 'Par nature', 'Par avis', 'Régime × avis', 'Séances']) expect(sheet(workbook, name).autoFilter, name).toBeTruthy();
  });

  it('gives the key figures as numbers, the average delay with one decimal', () => {
    const ws = sheet(workbook, 'Synthèse');
    const figures = new Map<string, ExcelJS.Cell>();
    ws.eachRow((row, n) => {
      if (n > 1) figures.set(String(row.getCell(1).value), row.getCell(2));
    });
    expect(figures.get('Année')!.value).toBe(2026);
    expect(figures.get('Séances tenues')!.value).toBe(3);
    expect(figures.get('Dossiers examinés (au moins un avis)')!.value).toBe(21);
    expect(figures.get('Avis rendus')!.value).toBe(22);
    expect(figures.get('Auditions d’opérateurs')!.value).toBe(2);
    const average = figures.get('Délai moyen de la réception à l’avis (jours)')!;
    expect(average.value).toBe(96.4);
    expect(average.numFmt).toBe('0.0');
    expect(figures.get('Délai médian de la réception à l’avis (jours)')!.value).toBe(88);
  });

  it('lists counts by scheme, kind and opinion, with their share', () => {
    const scheme = sheet(workbook, 'Par régime');
    expect(headers(scheme)).toEqual(['Régime', 'Avis rendus', 'Part']);
    expect((scheme.getRow(2).values as unknown[]).slice(1, 3)).toEqual(['IES', 9]);
    expect(scheme.getRow(2).getCell(3).value).toBeCloseTo(9 / 22);
    const outcome = sheet(workbook, 'Par avis');
    expect(outcome.getRow(3).getCell(1).value).toBe('Favorable sous conditions');
    expect(outcome.getRow(7).getCell(2).value).toBe(0);
    expect(sheet(workbook, 'Par nature').getRow(3).getCell(1).value).toBe('Renouvellement');
  });

  it('crosses schemes and opinions, with a total per scheme', () => {
    const ws = sheet(workbook, 'Régime × avis');
    expect(headers(ws)).toEqual(['Régime', 'Favorable', 'Favorable sous conditions', 'Défavorable', 'Ajourné (informations)', 'Ajourné (audition)', 'Pris acte', 'Total']);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['EI', 5, 2, 1, 0, 0, 0, 8]);
  });

  it('lists the sessions with real dates', () => {
    const ws = sheet(workbook, 'Séances');
    expect(headers(ws)).toEqual(['Séance n°', 'Date', 'Points', 'Avis', 'Auditions']);
    const row = ws.getRow(4);
    expect(row.getCell(1).value).toBe(412);
    expect(row.getCell(2).value).toEqual(utc(2026, 11, 17));
    expect(row.getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect([row.getCell(3).value, row.getCell(4).value, row.getCell(5).value]).toEqual([4, 3, 1]);
  });
});
