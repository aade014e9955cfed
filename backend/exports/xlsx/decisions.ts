/**
 * The session's decision summary as a workbook: sheet « Relevé des avis », one row per item
 * (adjourned included) with the CSV's columns (DECISION_COLUMNS), typed cells and a filter; sheet
 * « Séance » with the session's header (date, place, status, quorum, attendance).
 */
import { formatDate } from '../../../shared/compliance/format';
import type { CsvValue } from '../csv';
import { DECISION_COLUMNS, decisionRows } from '../decisionsCsv';
import { COMMISSION_SHORT, type DecisionSummary, type Person } from '../model';
import { DATE_FORMAT, type SheetColumn, addTable, cellValue, newWorkbook, rowHeight, workbookBytes } from './common';

const people = (list: Person[]) => list.map((p) => `${p.name} (${[p.organisation, p.roleLabel].filter(Boolean).join(', ')})`).join('\n');

export async function decisionsXlsx(s: DecisionSummary): Promise<Uint8Array> {
  const workbook = newWorkbook(s.generated.at);
  const title = `Relevé des avis — séance n° ${s.session.number} du ${formatDate(s.session.heldOn)}${s.session.provisional ? ' (provisoire)' : ''}`;
  workbook.title = title;
  const footer = `${COMMISSION_SHORT} · ${title} · Généré le ${s.generated.label}`;

  const rows = decisionRows(s).map((row) => DECISION_COLUMNS.map((c) => c.value(row)));
  addTable(workbook, 'Relevé des avis', DECISION_COLUMNS, rows, { landscape: true, pagesWide: 3, footer });

  const header: [string, CsvValue, SheetColumn['type']?][] = [
    ['Commission', s.commission],
    ['Séance n°', s.session.number, 'integer'],
    ['Date', s.session.heldOn, 'date'],
    ['Heure', s.session.startsAt],
    ['Lieu', s.session.place],
    ['Statut', s.session.statusLabel],
    ['Relevé provisoire', s.session.provisional, 'boolean'],
    ['Quorum', s.quorum.text],
    ['Membres votants en fonction', s.quorum.votingInOffice, 'integer'],
    ['Membres votants présents', s.quorum.votingPresent, 'integer'],
    ['Majorité requise', s.quorum.majority, 'integer'],
    ['Quorum atteint', s.quorum.reached, 'boolean'],
    ['Présents', people(s.attendance.present)],
    ['Excusés', people(s.attendance.excused)],
    ['Absents', people(s.attendance.absent)],
    ['Présence non renseignée', people(s.attendance.unrecorded)],
    ['Points à l’ordre du jour', s.counts.items, 'integer'],
    ['Avis rendus', s.counts.opinions, 'integer'],
    ['Points reportés sans avis', s.counts.adjourned, 'integer'],
    ['Généré le', s.generated.label],
  ];
  const columns: SheetColumn[] = [
    { header: 'Rubrique', width: 30 },
    { header: 'Valeur', width: 80, wrap: true },
  ];
  const sheet = addTable(
    workbook,
    'Séance',
    columns,
    header.map(([label]) => [label, null]),
    { filter: false, footer },
  );
  // One type per row here, not per column: typed cell by cell.
  header.forEach(([label, value, type], i) => {
    const cell = sheet.getCell(i + 2, 2);
    cell.value = cellValue(value, type);
    if (type === 'date') cell.numFmt = DATE_FORMAT;
    cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    sheet.getRow(i + 2).height = rowHeight([label, typeof value === 'string' ? value : ''], columns);
  });
  sheet.getColumn(1).eachCell((cell) => {
    cell.font = { ...cell.font, bold: true };
  });
  return workbookBytes(workbook);
}
