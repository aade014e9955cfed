import { describe, expect, it } from 'vitest';
import { csvDate, csvEuros, csvNumber, parseCsv, toCsv, type CsvColumn } from './csv';

interface Row {
  name: string;
  on: string | null;
  fte: number | null;
  cents: number | null;
  late: boolean;
  days: number;
}

const COLUMNS: CsvColumn<Row>[] = [
  { header: 'Opérateur', value: (r) => r.name },
  { header: 'Échéance', type: 'date', value: (r) => r.on },
  { header: 'ETP', type: 'number', value: (r) => r.fte },
  { header: 'Subvention (€)', type: 'euros', value: (r) => r.cents },
  { header: 'En retard', type: 'boolean', value: (r) => r.late },
  { header: 'Jours restants', type: 'integer', value: (r) => r.days },
];

const row = (fields: Partial<Row>): Row => ({ name: 'Ressourcerie du Val SC', on: '2026-07-15', fte: 12.5, cents: 1_800_000, late: false, days: 12, ...fields });

describe('CSV for Belgian Excel', () => {
  it('starts with a UTF-8 byte-order mark, separates cells with ; and ends every record with CRLF', () => {
    const csv = toCsv(COLUMNS, [row({})]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe('\uFEFFOpérateur;Échéance;ETP;Subvention (€);En retard;Jours restants\r\nRessourcerie du Val SC;15/07/2026;12,5;18000,00;Non;12\r\n');
  });

  it('writes dates dd/mm/yyyy, decimals with a comma, cents as euros and booleans in French', () => {
    expect(csvDate('2024-02-29')).toBe('29/02/2024');
    expect(csvDate('2026-11-22T09:00:00.000Z')).toBe('22/11/2026');
    expect(() => csvDate('15/07/2026')).toThrow(/Date ISO attendue/);
    expect(csvNumber(0.1 + 0.2)).toBe('0,3');
    expect(csvNumber(43.25, 1)).toBe('43,3');
    expect(csvNumber(-3)).toBe('-3');
    expect(csvNumber(1234567)).toBe('1234567');
    expect(csvEuros(1_800_000)).toBe('18000,00');
    expect(csvEuros(-5)).toBe('-0,05');
    const [, values] = parseCsv(toCsv(COLUMNS, [row({ late: true, days: -3 })]));
    expect(values).toEqual(['Ressourcerie du Val SC', '15/07/2026', '12,5', '18000,00', 'Oui', '-3']);
  });

  it('leaves empty cells for missing values, never zero', () => {
    const [, values] = parseCsv(toCsv(COLUMNS, [row({ on: null, fte: null, cents: null })]));
    expect(values).toEqual(['Ressourcerie du Val SC', '', '', '', 'Non', '12']);
  });

  it('quotes cells holding ;, quotes or line breaks, doubling the quotes', () => {
    const csv = toCsv([{ header: 'Détail', value: (r: { text: string }) => r.text }], [
      { text: 'Suivi; voir « annexe »' },
      { text: 'Il a dit "non"' },
      { text: 'Ligne 1\nLigne 2' },
      { text: 'Simple' },
    ]);
    expect(csv).toBe('\uFEFFDétail\r\n"Suivi; voir « annexe »"\r\n"Il a dit ""non"""\r\n"Ligne 1\nLigne 2"\r\nSimple\r\n');
  });

  it('prefixes with an apostrophe a text cell that a spreadsheet would run as a formula', () => {
    const texts = ['=HYPERLINK("http://evil")', '+32 81 00 00 00', '-2+3', '@SUM(A1)', '\tcaché', 'Normal = ok'];
    const csv = toCsv([{ header: 'Texte', value: (r: { text: string }) => r.text }], texts.map((text) => ({ text })));
    expect(parseCsv(csv).slice(1).map((record) => record[0])).toEqual([
      '\'=HYPERLINK("http://evil")',
      "'+32 81 00 00 00",
      "'-2+3",
      "'@SUM(A1)",
      "'\tcaché",
      'Normal = ok',
    ]);
    // Numbers this module writes are numbers, not text: a negative count stays a number.
    expect(parseCsv(toCsv(COLUMNS, [row({ days: -12 })]))[1]?.[5]).toBe('-12');
  });

  it('reads back what it wrote, cell for cell (round trip)', () => {
    const tricky = ['Coopérative « L’Envol » SC', 'a;b', 'x"y"z', 'deux\r\nlignes', '', ' espaces ', 'Œuvre à l’été'];
    const columns: CsvColumn<{ cells: string[] }>[] = tricky.map((_, i) => ({ header: `Colonne ${i + 1}`, value: (r) => r.cells[i] }));
    const rows = [{ cells: tricky }, { cells: [...tricky].reverse() }];
    const records = parseCsv(toCsv(columns, rows));
    expect(records[0]).toEqual(tricky.map((_, i) => `Colonne ${i + 1}`));
    expect(records.slice(1)).toEqual(rows.map((r) => r.cells));
  });

  it('writes only the header record when there is no row', () => {
    expect(parseCsv(toCsv(COLUMNS, []))).toEqual([['Opérateur', 'Échéance', 'ETP', 'Subvention (€)', 'En retard', 'Jours restants']]);
  });
});
