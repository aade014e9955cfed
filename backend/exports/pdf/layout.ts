/**
 * The look every PDF export shares: A4 portrait, 2 cm side margins, the administration's
 * letterhead, a running header from page 2, a footer with the generation date and « page x / y »,
 * one accent colour (SPW navy), tables with light rules. Renderers compose these pieces.
 */
import type { Content, ContentCanvas, ContentTable, CustomTableLayout, Node, NodeQueries, StyleDictionary, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { ADMINISTRATION_NAME, type Generated } from '../model';
import { FONT_FAMILY } from './pdfmake';

export const A4 = { width: 595.28, height: 841.89 };
/** 2 cm. */
export const SIDE_MARGIN = 57;
export const TOP_MARGIN = 62;
export const BOTTOM_MARGIN = 58;
export const CONTENT_WIDTH = A4.width - 2 * SIDE_MARGIN;

export const COLORS = {
  accent: '#1f3a5f',
  text: '#1a1a1a',
  muted: '#5a6270',
  faint: '#8a919c',
  rule: '#c5cbd3',
  band: '#eef1f5',
  warning: '#8b1a1a',
} as const;

export const STYLES: StyleDictionary = {
  letterheadAdministration: { fontSize: 8, color: COLORS.muted, characterSpacing: 0.2 },
  letterheadCommission: { fontSize: 11.5, bold: true, color: COLORS.accent, lineHeight: 1.15 },
  title: { fontSize: 16, bold: true, color: COLORS.text, lineHeight: 1.15 },
  subtitle: { fontSize: 11, color: COLORS.muted },
  heading: { fontSize: 12.5, bold: true, color: COLORS.accent },
  subheading: { fontSize: 11, bold: true, color: COLORS.accent },
  itemTitle: { fontSize: 10.5, bold: true, color: COLORS.text },
  meta: { fontSize: 8.5, color: COLORS.muted },
  label: { fontSize: 8.5, color: COLORS.muted },
  tableHeader: { fontSize: 8.5, bold: true, color: COLORS.accent },
  small: { fontSize: 8.5 },
  running: { fontSize: 7.5, color: COLORS.faint },
  footer: { fontSize: 7.5, color: COLORS.muted },
};

export const DEFAULT_STYLE = { font: FONT_FAMILY, fontSize: 9.5, lineHeight: 1.25, color: COLORS.text };

/** A horizontal rule across `width` points. */
export function rule(options: { width?: number; color?: string; thickness?: number; margin?: [number, number, number, number] } = {}): ContentCanvas {
  const width = options.width ?? CONTENT_WIDTH;
  return {
    canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: options.thickness ?? 0.6, lineColor: options.color ?? COLORS.rule }],
    margin: options.margin ?? [0, 4, 0, 4],
  };
}

/** The administration's letterhead with the commission's name, first page only. */
export function letterhead(commission: string, short = 'COMES'): Content {
  return {
    stack: [
      { text: ADMINISTRATION_NAME, style: 'letterheadAdministration' },
      {
        columns: [
          { text: commission, style: 'letterheadCommission', width: '*' },
          { text: short, width: 'auto', fontSize: 11.5, bold: true, color: COLORS.accent, margin: [12, 0, 0, 0] },
        ],
        margin: [0, 2, 0, 0],
      },
      rule({ color: COLORS.accent, thickness: 1.2, margin: [0, 5, 0, 0] }),
    ],
    margin: [0, 0, 0, 16],
  };
}

/** « page 3 / 12 » */
export function pageLabel(page: number, pages: number): string {
  return `page ${page} / ${pages}`;
}

/** The footer of every page: generation date left, page x / y right. */
export function standardFooter(generated: Generated, middle?: string): (page: number, pages: number) => Content {
  return (page, pages) => ({
    stack: [
      rule({ margin: [0, 0, 0, 4] }),
      {
        columns: [
          { text: `Généré le ${generated.label}`, width: '*' },
          ...(middle ? [{ text: middle, width: 'auto', alignment: 'center' as const, bold: true }] : []),
          { text: pageLabel(page, pages), width: '*', alignment: 'right' as const },
        ],
        columnGap: 10,
      },
    ],
    fontSize: 7.5,
    color: COLORS.muted,
    margin: [SIDE_MARGIN, 18, SIDE_MARGIN, 0],
  });
}

/** The running header from page 2 on: the commission left, the document right. */
export function runningHeader(left: string, right: string, options: { fromPage?: number; rightColor?: string } = {}): (page: number) => Content {
  const fromPage = options.fromPage ?? 2;
  return (page) =>
    page < fromPage
      ? { text: '' }
      : {
          stack: [
            {
              columns: [
                { text: left, width: '*' },
                { text: right, width: 'auto', alignment: 'right', color: options.rightColor ?? COLORS.faint, bold: !!options.rightColor },
              ],
              columnGap: 12,
            },
            rule({ margin: [0, 3, 0, 0] }),
          ],
          style: 'running',
          margin: [SIDE_MARGIN, 26, SIDE_MARGIN, 0],
        };
}

/** Light horizontal rules, a tinted header row, no vertical lines. */
export function gridLayout(headerRows = 1): CustomTableLayout {
  return {
    hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0.8 : i === headerRows ? 0.8 : 0.4),
    vLineWidth: () => 0,
    hLineColor: (i, node) => (i === 0 || i === node.table.body.length || i === headerRows ? COLORS.accent : COLORS.rule),
    fillColor: (row) => (row < headerRows ? COLORS.band : null),
    paddingLeft: (i) => (i === 0 ? 4 : 6),
    paddingRight: () => 4,
    paddingTop: () => 3,
    paddingBottom: () => 3,
  };
}

/** No rules: for label / value pairs. */
export const PLAIN_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: (i) => (i === 0 ? 0 : 8),
  paddingRight: () => 0,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};

/** A table of label / value rows (labels grey, in a narrow column). */
export function labelValueTable(rows: { label: string; value: Content }[], labelWidth = 118): ContentTable {
  return {
    table: {
      widths: [labelWidth, '*'],
      body: rows.map((row) => [{ text: row.label, style: 'label', margin: [0, 0.8, 0, 0] }, row.value as TableCell]),
    },
    layout: PLAIN_LAYOUT,
  };
}

/** The style names of a heading's parts: what `keepHeadingsWithNext` does not count as following content. */
const HEADING_PARTS = new Set(['heading', 'subheading', 'headingRule']);

/**
 * Headings carry in `headlineLevel` the points they need below their top (themselves and the
 * start of their content): `keepHeadingsWithNext` moves a heading to the next page when less
 * remains. (`headlineLevel` is the one free number pdfmake hands to `pageBreakBefore`.)
 */
const HEADING_HEIGHT = 29;
const SUBHEADING_HEIGHT = 22;

/** A section heading in the accent colour with a rule under it; kept with `keep` points of what follows. */
export function heading(text: string, marginTop = 14, keep = 48): Content {
  return {
    stack: [{ text, style: 'heading' }, { ...rule({ color: COLORS.accent, thickness: 0.6, margin: [0, 2, 0, 0] }), style: 'headingRule' }],
    headlineLevel: HEADING_HEIGHT + keep,
    margin: [0, marginTop, 0, 8],
  };
}

/** A lighter heading (no rule), for the parts of an item; kept with `keep` points of what follows. */
export function subheading(text: string, keep = 36, marginTop = 12): Content {
  return { text, style: 'subheading', headlineLevel: SUBHEADING_HEIGHT + keep, margin: [0, marginTop, 0, 5] };
}

/** Styles of the header's and footer's nodes, which `keepHeadingsWithNext` does not count as content. */
const REPEATED_PARTS = new Set(['running', 'footer']);

/** `content` with `style` set on every node of it, so that `pageBreakBefore` can tell it apart. */
function tagged(content: Content, style: string): Content {
  const tag = (node: unknown): unknown => {
    if (typeof node === 'string') return { text: node, style };
    if (Array.isArray(node) || node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = { ...(node as Record<string, unknown>), style };
    for (const key of ['stack', 'columns', 'ul', 'ol'] as const) {
      const children = out[key];
      if (Array.isArray(children)) out[key] = children.map(tag);
    }
    return out;
  };
  return tag(content) as Content;
}

/**
 * `pageBreakBefore`: a heading moves to the next page when the space left under it is less than
 * it asked for, or when nothing of its content follows it on its page.
 */
export function keepHeadingsWithNext(node: Node, queries: NodeQueries): boolean {
  const needs = node.headlineLevel;
  if (!needs) return false;
  const start = node.startPosition;
  const left = start.pageInnerHeight * (1 - start.verticalRatio);
  const counts = (n: Node) => typeof n.style !== 'string' || (!HEADING_PARTS.has(n.style) && !REPEATED_PARTS.has(n.style));
  const alone = !queries.getFollowingNodesOnPage().some(counts);
  return (left < needs || alone) && queries.getNodesOnNextPage().some(counts);
}

/** A framed notice (provisional document, personal document). */
export function notice(text: string, color: string = COLORS.warning): Content {
  return {
    table: { widths: ['*'], body: [[{ text, bold: true, color, alignment: 'center', fontSize: 10 }]] },
    layout: {
      hLineWidth: () => 1.2,
      vLineWidth: () => 1.2,
      hLineColor: () => color,
      vLineColor: () => color,
      paddingTop: () => 5,
      paddingBottom: () => 5,
      paddingLeft: () => 8,
      paddingRight: () => 8,
    },
    margin: [0, 8, 0, 8],
  };
}

/** The document definition every export starts from. */
export function baseDocument(options: {
  title: string;
  subject?: string;
  content: Content;
  footer: (page: number, pages: number) => Content | null;
  header?: (page: number) => Content;
  margins?: [number, number, number, number];
  defaultStyle?: Record<string, unknown>;
}): TDocumentDefinitions {
  const margins = options.margins ?? [SIDE_MARGIN, TOP_MARGIN, SIDE_MARGIN, BOTTOM_MARGIN];
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: margins,
    info: { title: options.title, author: 'Secrétariat de la COMES', ...(options.subject ? { subject: options.subject } : {}) },
    language: 'fr-BE',
    defaultStyle: { ...DEFAULT_STYLE, ...options.defaultStyle },
    styles: STYLES,
    content: options.content,
    pageBreakBefore: keepHeadingsWithNext,
    footer: (page: number, pages: number) => tagged(options.footer(page, pages) ?? { text: '' }, 'footer'),
    ...(options.header ? { header: (page: number) => tagged(options.header?.(page) ?? { text: '' }, 'running') } : {}),
  };
}

/** Rough count of lines a text takes at ~9.5 pt over `chars` characters a line. */
export function estimateLines(text: string, chars = 80): number {
  if (!text) return 0;
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / chars)), 0);
}
