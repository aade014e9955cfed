/**
 * CSV for Belgian Excel: what a double click in Excel (fr-BE / nl-BE) opens as is.
 *
 * - UTF-8 with a byte-order mark (otherwise Excel reads the accents as Windows-1252);
 * - `;` between cells (the list separator of a comma-decimal locale), CRLF between records;
 * - a cell holding `;`, a double quote, CR or LF is quoted, its quotes doubled (RFC 4180);
 * - dates `dd/mm/yyyy`, numbers with a decimal comma and no group separator, amounts in euros
 *   as plain numbers (`18000,00`), booleans « Oui » / « Non »;
 * - a text cell that a spreadsheet would take for a formula (first character `=`, `+`, `-`, `@`,
 *   tab or CR) is prefixed with an apostrophe, so that opening a file never runs what an operator
 *   typed into a field (CSV injection). Numbers written by this module are never altered.
 *
 * Pure: no Node APIs, so that any export (deadlines, decision summaries, statistics) reuses it.
 */

export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';
export const CSV_NEWLINE = '\r\n';

/** How a column's values are written. */
export type CsvType = 'text' | 'date' | 'number' | 'integer' | 'euros' | 'boolean';

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  /** Default `text`. */
  type?: CsvType;
  value: (row: Row) => CsvValue;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[;"\r\n]/;

/** `2026-07-15` → `15/07/2026` (a timestamp keeps its date part). */
export function csvDate(iso: string): string {
  const match = ISO_DATE.exec(iso.slice(0, 10));
  if (!match) throw new Error(`Date ISO attendue : « ${iso} »`);
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** `12.5` → `12,5`; `-3` → `-3`. No group separator, no exponent. */
export function csvNumber(value: number, fractionDigits?: number): string {
  if (!Number.isFinite(value)) throw new Error(`Nombre attendu : ${value}`);
  const text =
    fractionDigits === undefined
      ? Number.isInteger(value)
        ? value.toFixed(0)
        : value.toFixed(10).replace(/0+$/, '')
      : value.toFixed(fractionDigits);
  return text.replace('.', ',');
}

/** Integer cents → `18000,00`. */
export function csvEuros(cents: number): string {
  if (!Number.isInteger(cents)) throw new Error(`Montant en cents attendu : ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A text cell made safe from formula evaluation. */
export function csvText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function formatCell(value: CsvValue, type: CsvType): string {
  if (value === null || value === undefined || value === '') return '';
  switch (type) {
    case 'date':
      return csvDate(String(value));
    case 'number':
      return csvNumber(Number(value));
    case 'integer':
      return csvNumber(Math.trunc(Number(value)));
    case 'euros':
      return csvEuros(Number(value));
    case 'boolean':
      return value === true || value === 1 ? 'Oui' : 'Non';
    case 'text':
      return csvText(typeof value === 'number' ? csvNumber(value) : String(value));
  }
}

/** Quotes a formatted cell when it needs to be. */
export function quoteCell(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The whole file: BOM, header record, one record per row, each ended by CRLF. */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): string {
  const records: string[] = [columns.map((column) => quoteCell(csvText(column.header))).join(CSV_SEPARATOR)];
  for (const row of rows) {
    records.push(columns.map((column) => quoteCell(formatCell(column.value(row), column.type ?? 'text'))).join(CSV_SEPARATOR));
  }
  return CSV_BOM + records.map((record) => record + CSV_NEWLINE).join('');
}

/**
 * Reads a file written by `toCsv` (or by Excel in the same dialect) back into records of cells:
 * BOM dropped, quoted cells unquoted. Cells are returned as written (dates stay `dd/mm/yyyy`).
 */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        cell += char;
      }
      i += 1;
      continue;
    }
    if (char === '"' && cell === '') {
      quoted = true;
    } else if (char === CSV_SEPARATOR) {
      record.push(cell);
      cell = '';
    } else if (char === '\r' && source[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i += 1;
    } else if (char === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else {
      cell += char;
    }
    i += 1;
  }
  if (cell !== '' || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  return records;
}
