import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { yearStatsFixture } from '../fixtures';
import type { YearStats } from '../model';
import { pdfFirstPagePng, pdfFonts, pdfPageCount, pdfText } from '../readers.testkit';
import { statsPdf } from './stats';

const SHOTS = '/tmp/issue6-shots';
const flat = (text: string) => text.replace(/\s+/g, ' ');
/** Layout-mode lines, columns separated by « | ». */
const rows = (bytes: Uint8Array) =>
  pdfText(bytes, { layout: true })
    .split('\n')
    .map((l) => l.trim().replace(/\s{2,}/g, ' | '))
    .filter(Boolean);

describe('statsPdf — the yearly statistics', () => {
  let bytes: Uint8Array;
  let text: string;
  let lines: string[];
  beforeAll(async () => {
    bytes = await statsPdf(yearStatsFixture);
    text = flat(pdfText(bytes));
    lines = rows(bytes);
    mkdirSync(SHOTS, { recursive: true });
    pdfFirstPagePng(bytes, `${SHOTS}/pdf-stats.png`);
  });

  it('is titled after the year, under the commission’s letterhead', () => {
    expect(text).toContain('Statistiques 2026');
    expect(text).toContain('Commission consultative et d’agrément des entreprises d’économie sociale');
    expect(text).toContain('Activité de la commission du 01/01/2026 au 31/12/2026');
  });

  it('prints the key figures, delays in days with a decimal comma', () => {
    expect(lines).toContain('3 | 21 | 22');
    expect(lines).toContain('séances tenues | dossiers examinés | avis rendus');
    expect(lines).toContain('2 | 96,4 jours | 88 jours');
    expect(lines).toContain('auditions | délai moyen de la réception à l’avis | délai médian de la réception à l’avis');
  });

  it('draws the chart with its scheme labels, the counts of each segment, totals, an axis and a legend', () => {
    expect(text).toContain('Avis rendus par régime et par avis');
    // One line per scheme: label, the segments’ counts, the total.
    expect(lines).toContain('IES | 7 | 1 | 1 | 9');
    expect(lines).toContain('EI | 5 | 2 | 1 | 8');
    expect(lines).toContain('IDESS | 2 | 1 | 1 | 4');
    expect(lines).toContain('AC | 1 | 1');
    expect(lines).toContain('0 | 2 | 4 | 6 | 8 | 10');
    expect(text).toContain('Nombre d’avis (avis en vigueur, après rectifications)');
    expect(lines).toContain('Favorable | Favorable sous conditions | Défavorable');
    expect(lines).toContain('Ajourné (informations) | Ajourné (audition)');
  });

  it('leaves out of the legend an outcome no scheme got', () => {
    const chart = text.slice(text.indexOf('Avis rendus par régime et par avis'), text.indexOf('Avis rendus par régime'));
    expect(chart).not.toContain('Pris acte');
    expect(text.slice(text.indexOf('Avis rendus par avis en vigueur'))).toContain('Pris acte 0');
  });

  it('prints the tables by scheme, kind and outcome with counts, shares and totals', () => {
    expect(lines).toContain('IES | 9 | 40,9 %');
    expect(lines).toContain('AC | 1 | 4,5 %');
    expect(lines).toContain('Renouvellement | 10 | 45,5 %');
    expect(lines).toContain('Rapport d’activités | 5 | 22,7 %');
    expect(lines).toContain('Favorable sous conditions | 4 | 18,2 %');
    expect(lines).toContain('Ajourné (audition) | 1 | 4,5 %');
    expect(lines.filter((l) => l === 'Total | 22 | 100,0 %')).toHaveLength(3);
    expect(lines).toContain('Pris acte | 0 | 0,0 %');
  });

  it('lists the sessions of the year with their counts and a total', () => {
    expect(lines).toContain('n° 401 | 13/01/2026 | 9 | 8 | 1');
    expect(lines).toContain('n° 412 | 17/11/2026 | 4 | 3 | 1');
    expect(lines).toContain('Total | 24 | 22 | 2');
  });

  it('prints the generation date and « page x / y » on every page, with embedded fonts', () => {
    const pages = pdfText(bytes).split('\f').slice(0, -1).map(flat);
    expect(pages).toHaveLength(pdfPageCount(bytes));
    pages.forEach((page, i) => {
      expect(page).toContain('Généré le 18/11/2026 à 15:05');
      expect(page).toContain(`page ${i + 1} / ${pages.length}`);
    });
    expect(pdfFonts(bytes).every((f) => f.embedded)).toBe(true);
  });
});

describe('statsPdf — edge cases', () => {
  const empty: YearStats = {
    ...yearStatsFixture,
    sessions: [],
    dossiersExamined: 0,
    opinionsGiven: 0,
    byScheme: [],
    byKind: [],
    byOutcome: yearStatsFixture.byOutcome.map((r) => ({ ...r, count: 0 })),
    schemeByOutcome: { outcomes: yearStatsFixture.schemeByOutcome.outcomes, rows: [] },
    hearings: 0,
    receiptToOpinion: { count: 0, averageDays: null, medianDays: null },
  };

  it('prints « — » for delays it cannot compute, and says a year without opinions has no chart', async () => {
    const pdf = await statsPdf(empty);
    const lines = rows(pdf);
    const text = flat(pdfText(pdf));
    expect(lines).toContain('0 | 0 | 0');
    expect(lines).toContain('0 | — | —');
    expect(text).toContain('Aucun avis rendu cette année.');
    expect(text).toContain('Aucune séance tenue.');
  });

  it('scales the axis to large counts and groups thousands', async () => {
    const pdf = await statsPdf({
      ...yearStatsFixture,
      opinionsGiven: 1450,
      schemeByOutcome: { outcomes: yearStatsFixture.schemeByOutcome.outcomes, rows: [{ key: 'IES', label: 'IES', counts: [1200, 250, 0, 0, 0, 0] }] },
    });
    const lines = rows(pdf);
    expect(lines).toContain('IES | 1 200 | 250 | 1 450');
    expect(lines).toContain('0 | 500 | 1 000 | 1 500 | 2 000');
    expect(lines).toContain('3 | 21 | 1 450');
  });
});
