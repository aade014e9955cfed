/**
 * The session's decision summary (*relevé des avis*) as an editable Word document: the same
 * content as the PDF, with real styles (Title, Heading 1 per agenda section, Heading 2 per item)
 * and a two-column table (label | value) per item.
 */
import { BorderStyle, HeadingLevel, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import { formatDate } from '../../../shared/compliance/format';
import { COMMISSION_SHORT, type DecisionItem, type DecisionSummary, type Person } from '../model';
import { ACCENT, CONTENT_WIDTH, MUTED, packDocument, pageFooter, textRun } from './common';

const LABEL_WIDTH = 2835; // 5 cm
const VALUE_WIDTH = CONTENT_WIDTH - LABEL_WIDTH;
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

/** A cell's content: a string is one paragraph; `bold` makes it bold. */
type CellText = string | { text: string; bold?: boolean; italic?: boolean; color?: string }[];

const paragraphsOf = (paragraphs: CellText[], keepNext: boolean): Paragraph[] =>
  paragraphs.map(
    (part) =>
      new Paragraph({
        spacing: { after: 40 },
        keepNext,
        children: typeof part === 'string' ? [textRun(part)] : part.map((r) => textRun({ text: r.text, bold: r.bold, italics: r.italic, color: r.color })),
      }),
  );

/** A table row: the label, then one paragraph per `paragraphs` entry. */
interface Row {
  label: string;
  paragraphs: CellText[];
}
const row = (label: string, ...paragraphs: CellText[]): Row => ({ label, paragraphs });

/**
 * The label | value table. Its rows are kept together on one page (« keep with next » on every
 * row but the last, which Word and LibreOffice honour in tables), and never split.
 */
function table(rows: Row[]): Table {
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [LABEL_WIDTH, VALUE_WIDTH],
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    rows: rows.map((r, i) => {
      const keepNext = i < rows.length - 1;
      return new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: LABEL_WIDTH, type: WidthType.DXA },
            shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' },
            children: [new Paragraph({ spacing: { after: 40 }, keepNext, children: [textRun({ text: r.label, bold: true, color: MUTED })] })],
          }),
          new TableCell({ width: { size: VALUE_WIDTH, type: WidthType.DXA }, children: paragraphsOf(r.paragraphs, keepNext) }),
        ],
      });
    }),
  });
}

const personLine = (p: Person) => `${p.name} (${[p.organisation, p.roleLabel].filter(Boolean).join(', ')})`;
const orNone = (text: string, none: string): CellText => (text.trim() ? text : [{ text: none, italic: true, color: MUTED }]);

function itemRows(item: DecisionItem): Row[] {
  const rows = [
    row('Numéro BCE', item.bceLabel),
    row('Régime', item.schemeLabel),
    row('Nature', item.kindLabel),
    row('Objet', item.subject),
    row('Date de réception', formatDate(item.receivedOn)),
  ];
  if (item.hearingAt) rows.push(row('Audition', `Opérateur entendu à ${item.hearingAt}`));
  rows.push(row('Proposition de l’administration', [{ text: item.proposal.outcomeLabel, bold: true }], ...(item.proposal.text ? [item.proposal.text] : [])));
  const opinion = item.opinion;
  if (!opinion || item.adjourned) {
    rows.push(row('Avis de la commission', [{ text: item.outcomeInForceLabel, bold: true }]));
  } else {
    rows.push(row('Avis de la commission', [{ text: opinion.outcomeLabel, bold: true }]));
    if (item.amendments.length > 0) rows.push(row('Avis en vigueur', [{ text: item.outcomeInForceLabel, bold: true }, { text: ' (après rectification)' }]));
    rows.push(row('Conditions', orNone(opinion.conditions, 'Aucune')));
    rows.push(row('Motivation', orNone(opinion.motivation, 'Non précisée')));
    rows.push(row('Vote', opinion.vote.text));
    rows.push(row('Date de l’avis', formatDate(opinion.givenOn)));
  }
  rows.push(row('Récusations', ...(item.recused.length > 0 ? item.recused : [orNone('', 'Aucune')])));
  item.amendments.forEach((a, i) => {
    const label = item.amendments.length > 1 ? `Rectification ${i + 1}` : 'Rectification';
    rows.push(
      row(
        label,
        [{ text: `Rectification du ${formatDate(a.amendedOn)}`, bold: true }],
        [{ text: 'Motif : ', bold: true }, { text: a.reason || '—' }],
        [{ text: 'Nouvel avis : ', bold: true }, { text: a.outcomeLabel }],
        ...(a.conditions ? [[{ text: 'Conditions : ', bold: true }, { text: a.conditions }]] : []),
        ...(a.motivation ? [[{ text: 'Motivation : ', bold: true }, { text: a.motivation }]] : []),
      ),
    );
  });
  return rows;
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export async function decisionsDocx(s: DecisionSummary): Promise<Uint8Array> {
  const title = `Relevé des avis — séance n° ${s.session.number} du ${formatDate(s.session.heldOn)}`;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ spacing: { after: 0 }, children: [textRun({ text: s.commission, bold: true, color: ACCENT })] }),
    new Paragraph({
      spacing: { after: 120 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6', space: 4 } },
      children: [textRun({ text: 'Secrétariat de la commission', color: MUTED, size: 18 })],
    }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [textRun(title)] }),
    new Paragraph({
      children: [
        textRun({ text: 'Heure : ', bold: true }),
        textRun(s.session.startsAt),
        ...(s.session.place ? [textRun({ text: '    Lieu : ', bold: true }), textRun(s.session.place)] : []),
      ],
    }),
    new Paragraph({ children: [textRun({ text: 'Séance : ', bold: true }), textRun(s.session.statusLabel)] }),
  ];
  if (s.session.provisional) {
    children.push(
      new Paragraph({
        spacing: { before: 120, after: 120 },
        shading: { type: ShadingType.CLEAR, fill: 'FBE9E7', color: 'auto' },
        border: { left: { style: BorderStyle.SINGLE, size: 18, color: '9C2A1B', space: 6 } },
        children: [
          textRun({ text: 'Relevé provisoire', bold: true, color: '9C2A1B' }),
          textRun({ text: ' : la séance n’est pas clôturée ; les avis peuvent encore être modifiés.', color: '9C2A1B' }),
        ],
      }),
    );
  }

  const attendance = s.attendance;
  const attendanceRows = [row(`Présents (${attendance.present.length})`, ...(attendance.present.length ? attendance.present.map(personLine) : [orNone('', 'Aucun')]))];
  if (attendance.excused.length) attendanceRows.push(row(`Excusés (${attendance.excused.length})`, ...attendance.excused.map(personLine)));
  if (attendance.absent.length) attendanceRows.push(row(`Absents (${attendance.absent.length})`, ...attendance.absent.map(personLine)));
  if (attendance.unrecorded.length) attendanceRows.push(row(`Présence non renseignée (${attendance.unrecorded.length})`, ...attendance.unrecorded.map(personLine)));
  attendanceRows.push(row('Quorum', [{ text: s.quorum.text, bold: !s.quorum.reached, color: s.quorum.reached ? undefined : '9C2A1B' }]));
  attendanceRows.push(
    row(
      'Points',
      `${plural(s.counts.items, 'point examiné', 'points examinés')} : ${plural(s.counts.opinions, 'avis rendu', 'avis rendus')}, ${plural(s.counts.adjourned, 'point reporté sans avis', 'points reportés sans avis')}`,
    ),
  );
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [textRun('Présences et quorum')] }), table(attendanceRows));

  for (const section of s.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [textRun(section.title)] }));
    for (const item of section.items) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [textRun(`${item.number}. ${item.reference} — ${item.operatorName}`)] }));
      children.push(table(itemRows(item)));
    }
  }

  return packDocument({
    title,
    description: `${s.commission} — ${title}`,
    footer: pageFooter(`${COMMISSION_SHORT} · ${title}${s.session.provisional ? ' (provisoire)' : ''} · Généré le ${s.generated.label}`),
    children,
  });
}
