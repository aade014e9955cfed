/**
 * The yearly statistics as a PDF: key figures, a bar chart of the opinions by scheme stacked by
 * outcome (vector shapes drawn with pdfmake's canvas; labels, counts and axis as real text), then
 * tables by scheme, kind and outcome, and the list of sessions.
 */
import type { CanvasElement, Column, Content, TableCell } from 'pdfmake/interfaces';
import { formatDate, formatFixed, formatNumber } from '../../../shared/compliance/format';
import { COMMISSION_SHORT, type CountRow, type YearStats } from '../model';
import { baseDocument, COLORS, CONTENT_WIDTH, gridLayout, heading, letterhead, runningHeader, standardFooter } from './layout';
import { renderPdf } from './pdfmake';

/** Sober colours per outcome (text colour inside the bar for contrast). */
const OUTCOME_COLORS: Record<string, { fill: string; text: string }> = {
  favourable: { fill: '#2f6f4f', text: '#ffffff' },
  favourable_conditions: { fill: '#8fbf7f', text: '#1a1a1a' },
  unfavourable: { fill: '#b0413e', text: '#ffffff' },
  adjourned_information: { fill: '#d9a441', text: '#1a1a1a' },
  adjourned_hearing: { fill: '#ecd08a', text: '#1a1a1a' },
  noted: { fill: '#7d8a99', text: '#ffffff' },
};
const FALLBACK_COLORS = ['#1f3a5f', '#5b7fa6', '#a3b8cf', '#6b5b95', '#c4a35a'];

function outcomeColor(key: string, index: number): { fill: string; text: string } {
  return OUTCOME_COLORS[key] ?? { fill: FALLBACK_COLORS[index % FALLBACK_COLORS.length]!, text: '#ffffff' };
}

const count = (n: number) => formatNumber(n, 0);
const days = (n: number | null) => (n === null ? '—' : `${formatNumber(n, 1)} ${Math.abs(n) < 2 ? 'jour' : 'jours'}`);

function keyFigures(s: YearStats): Content {
  const figures = [
    { value: count(s.sessions.length), label: 'séances tenues' },
    { value: count(s.dossiersExamined), label: 'dossiers examinés' },
    { value: count(s.opinionsGiven), label: 'avis rendus' },
    { value: count(s.hearings), label: 'auditions' },
    { value: days(s.receiptToOpinion.averageDays), label: 'délai moyen de la réception à l’avis' },
    { value: days(s.receiptToOpinion.medianDays), label: 'délai médian de la réception à l’avis' },
  ];
  const cell = (f: { value: string; label: string }): TableCell => ({
    stack: [
      { text: f.value, fontSize: 18, bold: true, color: COLORS.accent, lineHeight: 1 },
      { text: f.label, style: 'label', margin: [0, 2, 0, 0] },
    ],
    margin: [2, 4, 2, 4],
  });
  return {
    table: { widths: ['*', '*', '*'], body: [figures.slice(0, 3).map(cell), figures.slice(3).map(cell)] },
    layout: {
      hLineWidth: (i) => (i === 1 ? 0.4 : 0.8),
      vLineWidth: (i) => (i === 0 || i === 3 ? 0 : 0.4),
      hLineColor: (i) => (i === 1 ? COLORS.rule : COLORS.accent),
      vLineColor: () => COLORS.rule,
      paddingLeft: () => 8,
      paddingRight: () => 8,
      paddingTop: () => 4,
      paddingBottom: () => 4,
    },
  };
}

/** A step between ticks: 1, 2, 5, 10, 20, 50… giving at most 6 intervals. */
function tickStep(max: number): number {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const base of [1, 2, 5]) {
      const step = base * magnitude;
      if (Math.ceil(max / step) <= 6) return step;
    }
  }
}

const LABEL_WIDTH = 64;
const TOTAL_WIDTH = 34;
const BAR_WIDTH = CONTENT_WIDTH - LABEL_WIDTH - TOTAL_WIDTH - 12;
const ROW_HEIGHT = 20;
const BAR_HEIGHT = 14;

function chart(s: YearStats): Content[] {
  const { outcomes, rows } = s.schemeByOutcome;
  const totals = rows.map((row) => row.counts.reduce((a, b) => a + b, 0));
  const max = Math.max(0, ...totals);
  const title = heading('Avis rendus par régime et par avis', 16, 150);
  if (max === 0 || rows.length === 0) return [title, { text: 'Aucun avis rendu cette année.', italics: true, color: COLORS.muted }];

  const step = tickStep(max);
  const intervals = Math.max(4, Math.ceil(max / step));
  const axisMax = intervals * step;
  const scale = BAR_WIDTH / axisMax;
  const tickX = Array.from({ length: intervals + 1 }, (_, i) => i * step * scale);
  const grid = (height: number): CanvasElement[] =>
    tickX.map((x, i) => ({ type: 'line', x1: x, y1: 0, x2: x, y2: height, lineWidth: i === 0 ? 0.8 : 0.3, lineColor: i === 0 ? COLORS.muted : COLORS.rule }));

  const body: TableCell[][] = rows.map((row, r) => {
    const shapes: CanvasElement[] = [...grid(ROW_HEIGHT)];
    const labels: Column[] = [];
    let x = 0;
    row.counts.forEach((n, i) => {
      if (n <= 0) return;
      const width = n * scale;
      const color = outcomeColor(outcomes[i]?.key ?? '', i);
      shapes.push({ type: 'rect', x, y: (ROW_HEIGHT - BAR_HEIGHT) / 2, w: width, h: BAR_HEIGHT, color: color.fill });
      labels.push({ text: width >= 12 ? count(n) : '', width, alignment: 'center', color: color.text, fontSize: 7.5, bold: true });
      x += width;
    });
    return [
      { text: row.label, alignment: 'right', bold: true, margin: [0, 4, 0, 0] },
      {
        stack: [
          { canvas: shapes },
          // The counts over their segments: text, so that a reader (and pdftotext) finds them.
          { columns: labels, columnGap: 0, margin: [0, -ROW_HEIGHT + 5.5, 0, 0] },
        ],
      },
      { text: count(totals[r] ?? 0), bold: true, margin: [0, 4, 0, 0] },
    ];
  });
  // The axis: its line, ticks and values.
  const axisShapes: CanvasElement[] = [
    { type: 'line', x1: 0, y1: 0, x2: BAR_WIDTH, y2: 0, lineWidth: 0.8, lineColor: COLORS.muted },
    ...tickX.map((tx): CanvasElement => ({ type: 'line', x1: tx, y1: 0, x2: tx, y2: 3, lineWidth: 0.8, lineColor: COLORS.muted })),
  ];
  const tickWidth = step * scale;
  body.push([
    { text: '' },
    {
      stack: [
        { canvas: axisShapes },
        {
          columns: tickX.map((_, i) => ({ text: count(i * step), width: tickWidth, alignment: 'center' as const, fontSize: 7.5, color: COLORS.muted })),
          columnGap: 0,
          margin: [-tickWidth / 2, 1, 0, 0],
        },
      ],
    },
    { text: '' },
  ]);
  body.push([{ text: '' }, { text: 'Nombre d’avis (avis en vigueur, après rectifications)', style: 'meta', alignment: 'center' }, { text: '' }]);

  const used = outcomes.map((o, i) => ({ o, i })).filter(({ i }) => rows.some((row) => (row.counts[i] ?? 0) > 0));
  const legendCells: TableCell[] = used.map(({ o, i }) => ({
    columns: [
      { canvas: [{ type: 'rect', x: 0, y: 1.5, w: 9, h: 9, color: outcomeColor(o.key, i).fill }], width: 14 },
      { text: o.label, fontSize: 8.5 },
    ],
  }));
  const legendRows: TableCell[][] = [];
  for (let i = 0; i < legendCells.length; i += 3) {
    const slice = legendCells.slice(i, i + 3);
    while (slice.length < 3) slice.push({ text: '' });
    legendRows.push(slice);
  }

  return [
    title,
    {
      table: { widths: [LABEL_WIDTH, BAR_WIDTH, TOTAL_WIDTH], body, dontBreakRows: true },
      layout: {
        hLineWidth: () => 0,
        vLineWidth: () => 0,
        paddingLeft: (i) => (i === 2 ? 6 : 0),
        paddingRight: (i) => (i === 0 ? 6 : 0),
        paddingTop: () => 0,
        paddingBottom: () => 0,
      },
      unbreakable: true,
    },
    {
      table: { widths: ['*', '*', '*'], body: legendRows },
      layout: 'noBorders',
      margin: [LABEL_WIDTH, 8, 0, 0],
    },
  ];
}

function countTable(title: string, column: string, rows: CountRow[], total: number): Content[] {
  // One decimal always, so the column lines up (« 7,0 % » under « 62,8 % »).
  const share = (n: number) => (total > 0 ? `${formatFixed((n / total) * 100, 1)} %` : '—');
  const body: TableCell[][] = [
    [
      { text: column, style: 'tableHeader' },
      { text: 'Avis rendus', style: 'tableHeader', alignment: 'right' },
      { text: 'Part', style: 'tableHeader', alignment: 'right' },
    ],
    ...rows.map((row) => [{ text: row.label }, { text: count(row.count), alignment: 'right' as const }, { text: share(row.count), alignment: 'right' as const }]),
    [{ text: 'Total', bold: true }, { text: count(total), alignment: 'right' as const, bold: true }, { text: total > 0 ? '100,0 %' : '—', alignment: 'right' as const, bold: true }],
  ];
  return [heading(title, 16, 60), { table: { headerRows: 1, keepWithHeaderRows: 1, widths: ['*', 70, 70], body, dontBreakRows: true }, layout: gridLayout(1) }];
}

function sessionsTable(s: YearStats): Content[] {
  if (s.sessions.length === 0) return [heading('Séances de l’année', 16), { text: 'Aucune séance tenue.', italics: true, color: COLORS.muted }];
  const sum = (pick: (x: YearStats['sessions'][number]) => number) => s.sessions.reduce((a, x) => a + pick(x), 0);
  const right = (text: string, bold = false): TableCell => ({ text, alignment: 'right', bold });
  const body: TableCell[][] = [
    [
      { text: 'Séance', style: 'tableHeader' },
      { text: 'Date', style: 'tableHeader' },
      { text: 'Points', style: 'tableHeader', alignment: 'right' },
      { text: 'Avis', style: 'tableHeader', alignment: 'right' },
      { text: 'Auditions', style: 'tableHeader', alignment: 'right' },
    ],
    ...s.sessions.map((x) => [{ text: `n° ${x.number}` }, { text: formatDate(x.heldOn) }, right(count(x.items)), right(count(x.opinions)), right(count(x.hearings))]),
    [{ text: 'Total', bold: true }, { text: '' }, right(count(sum((x) => x.items)), true), right(count(sum((x) => x.opinions)), true), right(count(sum((x) => x.hearings)), true)],
  ];
  return [heading('Séances de l’année', 16, 60), { table: { headerRows: 1, keepWithHeaderRows: 1, widths: ['*', 90, 70, 70, 70], body, dontBreakRows: true }, layout: gridLayout(1) }];
}

export function statsTitle(s: YearStats): string {
  return `Statistiques ${s.year}`;
}

export async function statsPdf(s: YearStats): Promise<Uint8Array> {
  const title = statsTitle(s);
  const opinionsTotal = s.byOutcome.reduce((a, r) => a + r.count, 0);
  const doc = baseDocument({
    title: `${title} — ${COMMISSION_SHORT}`,
    subject: `${s.commission} — ${title}`,
    header: runningHeader(`${COMMISSION_SHORT} — ${title}`, ''),
    footer: standardFooter(s.generated),
    content: [
      letterhead(s.commission, COMMISSION_SHORT),
      { text: title, style: 'title' },
      {
        text: `Activité de la commission du 01/01/${s.year} au 31/12/${s.year} — délais calculés sur ${count(s.receiptToOpinion.count)} avis définitifs`,
        style: 'subtitle',
        fontSize: 9.5,
        margin: [0, 2, 0, 12],
      },
      keyFigures(s),
      ...chart(s),
      ...countTable('Avis rendus par régime', 'Régime', s.byScheme, s.byScheme.reduce((a, r) => a + r.count, 0)),
      ...countTable('Avis rendus par nature de dossier', 'Nature du dossier', s.byKind, s.byKind.reduce((a, r) => a + r.count, 0)),
      ...countTable('Avis rendus par avis en vigueur', 'Avis (en vigueur)', s.byOutcome, opinionsTotal),
      ...sessionsTable(s),
    ],
  });
  return renderPdf(doc, s.generated.at);
}
