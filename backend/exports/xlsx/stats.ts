/**
 * The yearly statistics as a workbook: « Synthèse » (key figures), « Par régime », « Par nature »,
 * « Par avis », « Régime × avis » (crosstab) and « Séances », each a typed table with a bold,
 * frozen header row and a filter.
 */
import type { CsvValue } from '../csv';
import { COMMISSION_SHORT, type CountRow, type YearStats } from '../model';
import { FONT, type SheetColumn, addTable, newWorkbook, workbookBytes } from './common';

const SHARE = '0.0%';

function countSheet(workbook: ReturnType<typeof newWorkbook>, name: string, label: string, counts: CountRow[], footer: string): void {
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const columns: SheetColumn[] = [
    { header: label, width: 40, wrap: true },
    { header: 'Avis rendus', width: 12, type: 'integer' },
    { header: 'Part', width: 10, type: 'number', numFmt: SHARE },
  ];
  addTable(
    workbook,
    name,
    columns,
    counts.map((c) => [c.label, c.count, total > 0 ? c.count / total : null]),
    { footer },
  );
}

export async function statsXlsx(s: YearStats): Promise<Uint8Array> {
  const workbook = newWorkbook(s.generated.at);
  workbook.title = `Statistiques ${s.year}`;
  const footer = `${COMMISSION_SHORT} · Statistiques ${s.year} · Généré le ${s.generated.label}`;

  const delay = s.receiptToOpinion;
  const figures: [string, CsvValue, string?][] = [
    ['Année', s.year, '0'],
    ['Séances tenues', s.sessions.length, '0'],
    ['Dossiers examinés (au moins un avis)', s.dossiersExamined, '0'],
    ['Avis rendus', s.opinionsGiven, '0'],
    ['Auditions d’opérateurs', s.hearings, '0'],
    ['Délai moyen de la réception à l’avis (jours)', delay.averageDays === null ? null : Math.round(delay.averageDays * 10) / 10, '0.0'],
    ['Délai médian de la réception à l’avis (jours)', delay.medianDays, '0.0'],
    ['Avis pris en compte pour les délais', delay.count, '0'],
  ];
  const synthesis = addTable(
    workbook,
    'Synthèse',
    [
      { header: 'Indicateur', width: 50, wrap: true },
      { header: 'Valeur', width: 14, type: 'number' },
    ],
    figures.map(([label, value]) => [label, value]),
    { filter: false, footer },
  );
  figures.forEach(([, , numFmt], i) => {
    if (numFmt) synthesis.getCell(i + 2, 2).numFmt = numFmt;
  });
  const note = synthesis.getCell(figures.length + 3, 1);
  note.value = `${s.commission} — généré le ${s.generated.label}. Délais : avis définitifs seulement, reports exclus.`;
  note.font = { ...FONT, italic: true, color: { argb: 'FF595959' } };

  countSheet(workbook, 'Par régime', 'Régime', s.byScheme, footer);
  countSheet(workbook, 'Par nature', 'Nature du dossier', s.byKind, footer);
  countSheet(workbook, 'Par avis', 'Avis (en vigueur)', s.byOutcome, footer);

  const outcomes = s.schemeByOutcome.outcomes;
  addTable(
    workbook,
    'Régime × avis',
    [{ header: 'Régime', width: 24 }, ...outcomes.map((o) => ({ header: o.label, width: 16, type: 'integer' as const, wrap: true })), { header: 'Total', width: 10, type: 'integer' }],
    s.schemeByOutcome.rows.map((r) => [r.label, ...outcomes.map((_, i) => r.counts[i] ?? 0), r.counts.reduce((a, b) => a + b, 0)]),
    { footer, landscape: true },
  );

  addTable(
    workbook,
    'Séances',
    [
      { header: 'Séance n°', width: 11, type: 'integer' },
      { header: 'Date', width: 12, type: 'date' },
      { header: 'Points', width: 10, type: 'integer' },
      { header: 'Avis', width: 10, type: 'integer' },
      { header: 'Auditions', width: 11, type: 'integer' },
    ],
    s.sessions.map((x) => [x.number, x.heldOn, x.items, x.opinions, x.hearings]),
    { footer },
  );
  return workbookBytes(workbook);
}
