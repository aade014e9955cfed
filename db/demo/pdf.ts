/**
 * A small synchronous PDF writer for the demo's documents: A4 pages, Helvetica and Helvetica-Bold
 * (standard fonts, WinAnsiEncoding), word-wrapped paragraphs, label/value tables, rules and a
 * footer with page numbers. Synchronous because the demo is written inside a better-sqlite3
 * transaction (pdf-lib only saves asynchronously); uncompressed and dated from the data so that
 * the same content always gives the same bytes, hence the same SHA-256.
 */
import { HELVETICA_BOLD_WIDTHS, HELVETICA_WIDTHS, WIN_ANSI_FROM_UNICODE } from './pdf-metrics';

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN_LEFT = 62;
const MARGIN_RIGHT = 56;
const MARGIN_TOP = 56;
const MARGIN_BOTTOM = 64;
const CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;

type FontKey = 'F1' | 'F2';

/** Characters outside WinAnsi that the demo's texts may contain, and what is drawn instead. */
const REPLACEMENTS: ReadonlyMap<string, string> = new Map([
  ['\u202f', '\u00a0'],
  ['\u2009', ' '],
  ['\u2007', '\u00a0'],
  ['\u2011', '-'],
  ['\u2212', '-'],
  ['\u2264', '<='],
  ['\u2265', '>='],
  ['\u2192', '->'],
  ['\u2032', '\u2019'],
  ['\t', ' '],
]);

/** The text as it can be drawn with WinAnsiEncoding (unsupported characters replaced). */
export function toDrawable(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 63;
    if ((code >= 32 && code <= 126) || WIN_ANSI_FROM_UNICODE.has(code)) {
      out += char;
      continue;
    }
    const replacement = REPLACEMENTS.get(char);
    if (replacement !== undefined) {
      out += replacement;
      continue;
    }
    const stripped = char.normalize('NFD').replace(/\p{M}/gu, '');
    const strippedCode = stripped.codePointAt(0) ?? 63;
    out += stripped.length === 1 && (strippedCode < 127 || WIN_ANSI_FROM_UNICODE.has(strippedCode)) ? stripped : '?';
  }
  return out;
}

function winAnsiByte(char: string): number {
  const code = char.codePointAt(0) ?? 63;
  if (code >= 32 && code <= 126) return code;
  return WIN_ANSI_FROM_UNICODE.get(code) ?? 63;
}

export function textWidth(text: string, font: FontKey, size: number): number {
  const widths = font === 'F2' ? HELVETICA_BOLD_WIDTHS : HELVETICA_WIDTHS;
  let total = 0;
  for (const char of text) total += widths[winAnsiByte(char)] ?? 556;
  return (total * size) / 1000;
}

/** A PDF literal string in WinAnsi, non-ASCII bytes as octal escapes so the file stays ASCII. */
function pdfString(text: string): string {
  let out = '(';
  for (const char of text) {
    const byte = winAnsiByte(char);
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${char}`;
    else if (byte < 32 || byte > 126) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += char;
  }
  return `${out})`;
}

/** A text string for the document information dictionary: UTF-16BE with its byte-order mark. */
function pdfInfoString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** Greedy word wrap at the fonts' true widths; a word longer than the line is cut. */
export function wrapText(text: string, font: FontKey, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraphLine of text.split('\n')) {
    const words = paragraphLine.split(/ +/).filter((w) => w.length > 0);
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(candidate, font, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (textWidth(rest, font, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && textWidth(rest.slice(0, cut), font, size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

export type PdfBlock =
  | { type: 'title'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string; bold?: boolean }
  | { type: 'bullets'; items: readonly string[] }
  | { type: 'table'; rows: readonly (readonly [string, string])[] }
  | { type: 'signature'; lines: readonly string[] }
  | { type: 'space'; height: number };

export interface PdfSpec {
  /** ISO date: the document's date, also its creation and modification dates. */
  date: string;
  title: string;
  author: string;
  subject: string;
  /** Sender block, top left: the first line in bold. */
  sender: readonly string[];
  /** Recipient block, right column (letters only). */
  recipient?: readonly string[];
  /** « Namur, le 12/03/2025 » */
  placeAndDate: string;
  /** « Réf. : … », « Objet : … »: label and value. */
  references: readonly (readonly [string, string])[];
  blocks: readonly PdfBlock[];
  /** Footer text, left of the page number. */
  footer: string;
}

interface PageContent {
  ops: string[];
  text: string[];
}

class Layout {
  readonly pages: PageContent[] = [];
  private page!: PageContent;
  private y = 0;

  constructor(private readonly footer: string) {
    this.newPage();
  }

  private newPage(): void {
    this.page = { ops: [], text: [] };
    this.pages.push(this.page);
    this.y = PAGE_HEIGHT - MARGIN_TOP;
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN_BOTTOM) this.newPage();
  }

  get cursor(): number {
    return this.y;
  }

  moveDown(height: number): void {
    this.y -= height;
  }

  text(x: number, y: number, text: string, font: FontKey, size: number, gray = 0): void {
    const color = gray === 0 ? '0 g' : `${gray.toFixed(2)} g`;
    this.page.ops.push(`BT ${color} /${font} ${size} Tf ${x.toFixed(2)} ${y.toFixed(2)} Td ${pdfString(text)} Tj ET`);
    this.page.text.push(text);
  }

  rule(y: number, x1 = MARGIN_LEFT, x2 = PAGE_WIDTH - MARGIN_RIGHT, rgb = '0.6 0.6 0.6', width = 0.6): void {
    this.page.ops.push(`q ${rgb} RG ${width} w ${x1.toFixed(2)} ${y.toFixed(2)} m ${x2.toFixed(2)} ${y.toFixed(2)} l S Q`);
  }

  rect(x: number, y: number, w: number, h: number, rgb: string): void {
    this.page.ops.push(`q ${rgb} rg ${x.toFixed(2)} ${y.toFixed(2)} ${w.toFixed(2)} ${h.toFixed(2)} re f Q`);
  }

  /** Wrapped lines at the cursor, breaking pages as needed. */
  lines(text: string, font: FontKey, size: number, leading: number, x = MARGIN_LEFT, width = CONTENT_WIDTH): void {
    for (const line of wrapText(text, font, size, width)) {
      this.ensure(leading);
      this.y -= leading;
      if (line) this.text(x, this.y, line, font, size);
    }
  }

  finish(): void {
    const total = this.pages.length;
    this.pages.forEach((page, index) => {
      this.page = page;
      const label = `Page ${index + 1}/${total}`;
      this.rule(MARGIN_BOTTOM - 22);
      const y = MARGIN_BOTTOM - 34;
      wrapText(this.footer, 'F1', 7.5, CONTENT_WIDTH - 60)
        .slice(0, 2)
        .forEach((line, i) => this.text(MARGIN_LEFT, y - i * 9, line, 'F1', 7.5, 0.35));
      this.text(PAGE_WIDTH - MARGIN_RIGHT - textWidth(label, 'F1', 7.5), y, label, 'F1', 7.5, 0.35);
    });
  }
}

function pdfDate(iso: string): string {
  return `D:${iso.replace(/-/g, '')}090000Z`;
}

/** Lays out the document and serialises it; `text` is every string drawn, in reading order. */
export function renderPdf(spec: PdfSpec): { bytes: Buffer; text: string } {
  const layout = new Layout(toDrawable(spec.footer));
  const top = layout.cursor;

  // Letterhead: a coloured band, the sender, then the recipient on the right.
  layout.rect(MARGIN_LEFT, top - 4, 4, 46, '0.78 0.12 0.16');
  let y = top;
  spec.sender.forEach((line, index) => {
    const drawable = toDrawable(line);
    const font: FontKey = index === 0 ? 'F2' : 'F1';
    const size = index === 0 ? 11 : 8.5;
    y -= index === 0 ? 9 : 11;
    layout.text(MARGIN_LEFT + 12, y, drawable, font, size, index === 0 ? 0 : 0.25);
  });
  let bottom = y;
  if (spec.recipient) {
    let ry = top - 96;
    for (const line of spec.recipient) {
      ry -= 12.5;
      layout.text(330, ry, toDrawable(line), 'F1', 10);
    }
    bottom = Math.min(bottom, ry);
  }
  const placeAndDate = toDrawable(spec.placeAndDate);
  const dateY = bottom - 28;
  layout.text(PAGE_WIDTH - MARGIN_RIGHT - textWidth(placeAndDate, 'F1', 10), dateY, placeAndDate, 'F1', 10);
  layout.moveDown(layout.cursor - dateY + 10);

  for (const [label, value] of spec.references) {
    const drawableLabel = toDrawable(label);
    const labelWidth = Math.max(56, textWidth(drawableLabel, 'F2', 10) + 6);
    const lines = wrapText(toDrawable(value), 'F2', 10, CONTENT_WIDTH - labelWidth);
    lines.forEach((line, index) => {
      layout.moveDown(13.5);
      if (index === 0) layout.text(MARGIN_LEFT, layout.cursor, drawableLabel, 'F1', 10);
      layout.text(MARGIN_LEFT + labelWidth, layout.cursor, line, 'F2', 10);
    });
  }
  layout.moveDown(8);
  layout.rule(layout.cursor);
  layout.moveDown(8);

  for (const block of spec.blocks) {
    switch (block.type) {
      case 'title':
        layout.ensure(40);
        layout.moveDown(8);
        layout.lines(toDrawable(block.text), 'F2', 13, 17);
        layout.moveDown(6);
        break;
      case 'heading':
        layout.ensure(44);
        layout.moveDown(8);
        layout.lines(toDrawable(block.text), 'F2', 10.5, 14);
        layout.moveDown(3);
        break;
      case 'paragraph':
        layout.moveDown(4);
        layout.lines(toDrawable(block.text), block.bold ? 'F2' : 'F1', 10, 13.6);
        layout.moveDown(4);
        break;
      case 'bullets':
        for (const item of block.items) {
          const lines = wrapText(toDrawable(item), 'F1', 10, CONTENT_WIDTH - 16);
          lines.forEach((line, index) => {
            layout.ensure(13.6);
            layout.moveDown(13.6);
            if (index === 0) layout.text(MARGIN_LEFT + 4, layout.cursor, '\u2022', 'F1', 10);
            layout.text(MARGIN_LEFT + 16, layout.cursor, line, 'F1', 10);
          });
          layout.moveDown(2);
        }
        layout.moveDown(4);
        break;
      case 'table': {
        const labelWidth = CONTENT_WIDTH * 0.62;
        layout.moveDown(2);
        for (const [label, value] of block.rows) {
          const labelLines = wrapText(toDrawable(label), 'F1', 9.5, labelWidth - 10);
          const height = labelLines.length * 12.5 + 5;
          layout.ensure(height);
          const rowTop = layout.cursor;
          labelLines.forEach((line, index) => layout.text(MARGIN_LEFT + 4, rowTop - 12 - index * 12.5, line, 'F1', 9.5));
          const drawableValue = toDrawable(value);
          layout.text(PAGE_WIDTH - MARGIN_RIGHT - 4 - textWidth(drawableValue, 'F2', 9.5), rowTop - 12, drawableValue, 'F2', 9.5);
          layout.moveDown(height);
          layout.rule(layout.cursor, MARGIN_LEFT, PAGE_WIDTH - MARGIN_RIGHT, '0.82 0.82 0.82', 0.4);
        }
        layout.moveDown(8);
        break;
      }
      case 'signature':
        layout.ensure(24 + block.lines.length * 13);
        layout.moveDown(18);
        block.lines.forEach((line, index) => layout.lines(toDrawable(line), index === 0 ? 'F2' : 'F1', 10, 13, 330, CONTENT_WIDTH - 268));
        break;
      case 'space':
        layout.moveDown(block.height);
        break;
    }
  }
  layout.finish();
  return { bytes: serialise(spec, layout.pages), text: layout.pages.flatMap((p) => p.text).join('\n') };
}

function serialise(spec: PdfSpec, pages: readonly PageContent[]): Buffer {
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 6 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  objects[5] =
    `<< /Title ${pdfInfoString(spec.title)} /Author ${pdfInfoString(spec.author)} /Subject ${pdfInfoString(spec.subject)}` +
    ` /Creator ${pdfInfoString('Dossiers COMES — données de démonstration')} /Producer ${pdfInfoString('Dossiers COMES')}` +
    ` /CreationDate (${pdfDate(spec.date)}) /ModDate (${pdfDate(spec.date)}) >>`;
  pages.forEach((page, i) => {
    const content = page.ops.join('\n');
    objects[6 + i * 2] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${7 + i * 2} 0 R >>`;
    objects[7 + i * 2] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
  });

  let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(body, 'latin1');
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xrefOffset = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) body += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
