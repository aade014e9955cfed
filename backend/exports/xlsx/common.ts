/**
 * What the workbooks of the exports share: typed cells (ISO dates become real Excel dates shown
 * dd/mm/yyyy, numbers stay numbers), a bold, frozen, filtered header row, A4 printing with
 * « page x / y » in the footer.
 */
import ExcelJS from 'exceljs';
import type { CsvType, CsvValue } from '../csv';

export const DATE_FORMAT = 'dd/mm/yyyy';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE3EC' } };
/** Arial: on Windows, and metric-compatible with LibreOffice's Liberation Sans. */
export const FONT: Partial<ExcelJS.Font> = { name: 'Arial', size: 10 };
/** Height of one line of 10-point text, in points. */
const LINE_HEIGHT = 12.75;

/**
 * The height a row needs for its wrapped cells: neither Excel nor LibreOffice grows a row on
 * opening a file, so it is estimated here (a column `width` holds about `width` × 1.1 letters).
 */
export function rowHeight(texts: readonly string[], columns: readonly SheetColumn[]): number {
  let lines = 1;
  texts.forEach((text, i) => {
    const column = columns[i];
    if (!column?.wrap || !text) return;
    const perLine = Math.max(1, Math.floor(column.width * 1.1));
    const needed = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
    lines = Math.max(lines, needed);
  });
  return lines * LINE_HEIGHT + 3;
}

/** `2026-11-17` → a Date at UTC midnight (what Excel stores as the day, with no time). */
export function excelDate(iso: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) throw new Error(`Date ISO attendue : « ${iso} »`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** A value as the cell it becomes: Date, number, « Oui »/« Non », text, or empty. */
export function cellValue(value: CsvValue, type: CsvType = 'text'): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  switch (type) {
    case 'date':
      return excelDate(String(value));
    case 'number':
    case 'integer':
      return Number(value);
    case 'euros':
      return Number(value) / 100;
    case 'boolean':
      return value === true || value === 1 ? 'Oui' : 'Non';
    case 'text':
      return String(value);
  }
}

export function newWorkbook(generatedAt: string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Dossiers COMES';
  workbook.created = new Date(generatedAt);
  workbook.modified = new Date(generatedAt);
  return workbook;
}

export interface SheetColumn {
  header: string;
  width: number;
  type?: CsvType;
  wrap?: boolean;
  /** Excel number format for numbers that are not dates (`0.0`). */
  numFmt?: string;
}

/**
 * A worksheet whose first row is the header (bold, frozen, with a filter when `filter`), the
 * columns typed and sized, printed on A4 with « page x / y ».
 */
export function addTable(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly SheetColumn[],
  rows: readonly CsvValue[][],
  options: { filter?: boolean; landscape?: boolean; footer: string; /** Pages across when printed (default 1). */ pagesWide?: number },
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: options.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: options.pagesWide ?? 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&L&8${options.footer.replace(/&/g, '&&')}&R&8page &P / &N` },
  });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const header = sheet.getRow(1);
  header.eachCell((cell) => {
    cell.font = { ...FONT, bold: true };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF1F3A5F' } } };
  });
  header.height = rowHeight(
    columns.map((c) => c.header),
    columns.map((c) => ({ ...c, wrap: true })),
  );
  for (const values of rows) {
    const row = sheet.addRow(values.map((v, i) => cellValue(v, columns[i]?.type)));
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.type === 'date') cell.numFmt = DATE_FORMAT;
      else if (c.numFmt) cell.numFmt = c.numFmt;
      cell.font = FONT;
      cell.alignment = { vertical: 'top', wrapText: Boolean(c.wrap) };
    });
    row.height = rowHeight(
      values.map((v) => (typeof v === 'string' ? v : '')),
      columns,
    );
  }
  // The filter covers the header and the data below it (Excel filters within this range).
  if (options.filter !== false) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: columns.length } };
  return sheet;
}

export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
