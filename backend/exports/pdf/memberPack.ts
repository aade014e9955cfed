/**
 * A member's preparation pack, for reading on paper: a cover page (session, member, « document
 * personnel », the agenda), then one part per item the member may read, each on a new page:
 * synthesis, the administration's proposal, figures, compliance checks, history, open findings.
 * An item the member is conflicted on shows on the agenda as its number and the reason only; its
 * content is not in the model (`items`) and so never reaches the PDF.
 */
import type { Content, TableCell } from 'pdfmake/interfaces';
import { formatDate } from '../../../shared/compliance/format';
import { COMMISSION_SHORT, type MemberPack, type PackAgendaLine, type PackCheck, type PackItem } from '../model';
import { baseDocument, COLORS, estimateLines, gridLayout, heading, labelValueTable, letterhead, notice, runningHeader, standardFooter, subheading } from './layout';
import { renderPdf } from './pdfmake';

export const PERSONAL_NOTICE = 'Document personnel — ne pas diffuser';

/** How each check status reads: the label carries the meaning, the colour only helps. */
const STATUS_LOOK: Record<PackCheck['status'], { color: string; fill: string }> = {
  breach: { color: '#8b1a1a', fill: '#f7dede' },
  missing: { color: '#7a4100', fill: '#fbe8d2' },
  warning: { color: '#6b5200', fill: '#fbf1cc' },
  ok: { color: '#1e5b2b', fill: '#e2f1e5' },
  not_applicable: { color: '#555555', fill: '#eeeeee' },
};

/** Points that table rows of so many lines take (padding and rules included). */
function rowsKeep(lines: number[]): number {
  return lines.reduce((sum, n) => sum + Math.max(1, n) * 12 + 7, 0);
}

function sessionLabel(p: MemberPack): string {
  return `séance n° ${p.session.number} du ${formatDate(p.session.heldOn)}`;
}

function agendaTable(agenda: PackAgendaLine[]): Content {
  const body: TableCell[][] = [
    [
      { text: 'N°', style: 'tableHeader', alignment: 'right' },
      { text: 'Point', style: 'tableHeader' },
      { text: 'Audition', style: 'tableHeader' },
    ],
  ];
  let section: string | null = null;
  for (const line of agenda) {
    if (line.sectionTitle !== section) {
      section = line.sectionTitle;
      body.push([{ text: section, bold: true, colSpan: 3, color: COLORS.accent, margin: [0, 2, 0, 0] }, {}, {}]);
    }
    const number: TableCell = { text: String(line.number), alignment: 'right', bold: true };
    if (line.hidden) {
      body.push([number, { text: line.hiddenReason ?? 'Point non communiqué.', italics: true, color: COLORS.muted, colSpan: 2 }, {}]);
      continue;
    }
    body.push([
      number,
      {
        stack: [
          { text: [{ text: line.reference ?? '', bold: true }, { text: line.operatorName ? ` — ${line.operatorName}` : '' }] },
          ...(line.subject ? [{ text: line.subject, style: 'meta' }] : []),
        ],
      },
      { text: line.hearingAt ?? '—', color: line.hearingAt ? COLORS.text : COLORS.faint },
    ]);
  }
  if (agenda.length === 0) body.push([{ text: 'L’ordre du jour est vide.', italics: true, colSpan: 3 }, {}, {}]);
  return { table: { headerRows: 1, keepWithHeaderRows: 1, widths: [22, '*', 52], body, dontBreakRows: true }, layout: gridLayout(1) };
}

function cover(p: MemberPack): Content[] {
  const session = p.session;
  return [
    letterhead(p.commission, COMMISSION_SHORT),
    { text: 'Dossier de préparation', style: 'title' },
    { text: `Séance n° ${session.number} du ${formatDate(session.heldOn)}`, style: 'subtitle', margin: [0, 2, 0, 10] },
    labelValueTable(
      [
        { label: 'Préparé pour', value: { text: p.member.name, bold: true } },
        { label: 'Date et heure', value: { text: `${formatDate(session.heldOn)} à ${session.startsAt}` } },
        { label: 'Lieu', value: session.place ? { text: session.place } : { text: 'Non renseigné', italics: true, color: COLORS.muted } },
        { label: 'Statut de la séance', value: { text: session.statusLabel } },
        { label: 'Points communiqués', value: { text: `${readableItems(p).length} sur ${p.agenda.length}` } },
      ],
      110,
    ),
    notice(PERSONAL_NOTICE),
    heading('Ordre du jour', 10),
    agendaTable(p.agenda),
  ];
}

function itemHeader(item: PackItem): Content[] {
  const meta = [`BCE ${item.bceLabel}`, item.schemeLabel, item.kindLabel].join(' · ');
  const facts = [
    { label: 'Objet', value: { text: item.subject } },
    { label: 'Reçu le', value: { text: formatDate(item.receivedOn) } },
    { label: 'Audition', value: item.hearingAt ? { text: `audition de l’opérateur à ${item.hearingAt}` } : { text: 'aucune', color: COLORS.muted } },
    ...(item.rapporteur ? [{ label: 'Rapporteur', value: { text: item.rapporteur } }] : []),
  ];
  return [
    { text: `Point ${item.number} — ${item.sectionTitle}`, fontSize: 9, bold: true, color: COLORS.accent },
    { text: [{ text: item.reference, color: COLORS.accent }, { text: ` — ${item.operatorName}` }], style: 'title', fontSize: 15, margin: [0, 3, 0, 2] },
    { text: meta, style: 'meta', margin: [0, 0, 0, 8] },
    labelValueTable(facts, 110),
  ];
}

function synthesis(item: PackItem): Content[] {
  if (item.synthesis.length === 0) return [];
  return [
    subheading('Synthèse', rowsKeep(item.synthesis.slice(0, 2).map((row) => estimateLines(row.value, 55)))),
    {
      table: { widths: [130, '*'], body: item.synthesis.map((row) => [{ text: row.label, style: 'label' }, { text: row.value }]), dontBreakRows: true },
      layout: gridLayout(0),
    },
  ];
}

function proposal(item: PackItem): Content[] {
  return [
    subheading('Proposition de l’administration', 14 + Math.min(2, estimateLines(item.proposal.text, 90)) * 12),
    { text: item.proposal.outcomeLabel, bold: true },
    ...(item.proposal.text ? [{ text: item.proposal.text, margin: [0, 2, 0, 0] as [number, number, number, number] }] : []),
  ];
}

function figures(item: PackItem): Content[] {
  if (!item.figures) return [];
  const table = item.figures;
  const columnWidth = table.columns.length > 5 ? 52 : 72;
  return [
    subheading(`Chiffres — ${table.title}`, 20 + rowsKeep([1, 1])),
    {
      table: {
        headerRows: 1, keepWithHeaderRows: 1,
        widths: ['*', ...table.columns.map(() => columnWidth)],
        body: [
          [{ text: '', style: 'tableHeader' }, ...table.columns.map((year) => ({ text: year, style: 'tableHeader', alignment: 'right' as const }))],
          ...table.rows.map((row) => [{ text: row.label }, ...table.columns.map((_, i) => ({ text: row.values[i] ?? '—', alignment: 'right' as const }))]),
        ],
        dontBreakRows: true,
      },
      layout: gridLayout(1),
    },
  ];
}

function checks(item: PackItem): Content[] {
  if (item.checks.length === 0) return [subheading('Contrôles de conformité', 14), { text: 'Aucun contrôle applicable.', italics: true, color: COLORS.muted }];
  const body: TableCell[][] = [
    [
      { text: 'Contrôle', style: 'tableHeader' },
      { text: 'Statut', style: 'tableHeader' },
      { text: 'Explication', style: 'tableHeader' },
    ],
  ];
  for (const check of item.checks) {
    const look = STATUS_LOOK[check.status];
    body.push([
      { text: check.title, bold: true },
      { text: check.statusLabel, bold: true, color: look.color, fillColor: look.fill },
      {
        stack: [
          { text: check.explanation },
          ...(check.legalBasis ? [{ text: `Base légale : ${check.legalBasis}`, style: 'meta', italics: true, margin: [0, 1, 0, 0] as [number, number, number, number] }] : []),
        ],
      },
    ]);
  }
  const [firstCheck] = item.checks;
  const firstLines = firstCheck ? estimateLines(firstCheck.explanation, 50) + (firstCheck.legalBasis ? estimateLines(firstCheck.legalBasis, 55) : 0) : 1;
  return [subheading('Contrôles de conformité', 20 + rowsKeep([firstLines])), { table: { headerRows: 1, keepWithHeaderRows: 1, widths: [110, 82, '*'], body, dontBreakRows: true }, layout: gridLayout(1) }];
}

function list(title: string, lines: string[], empty: string): Content[] {
  return [
    subheading(title, 14 + Math.min(2, lines.length) * 12),
    lines.length > 0 ? { ul: lines.map((line) => ({ text: line })), markerColor: COLORS.accent } : { text: empty, italics: true, color: COLORS.muted },
  ];
}

function itemPart(item: PackItem): Content {
  return {
    stack: [
      ...itemHeader(item),
      ...synthesis(item),
      ...proposal(item),
      ...figures(item),
      ...checks(item),
      ...list('Historique de l’opérateur', item.history, 'Aucun avis ni aucune décision antérieurs.'),
      ...list('Constats d’inspection ouverts', item.findings, 'Aucun constat ouvert.'),
    ],
    pageBreak: 'before',
  };
}

/** The items to print: never one whose agenda line is hidden, even if the model held it by mistake. */
function readableItems(p: MemberPack): PackItem[] {
  const hidden = new Set(p.agenda.filter((line) => line.hidden).map((line) => line.number));
  return p.items.filter((item) => !hidden.has(item.number));
}

export async function memberPackPdf(p: MemberPack): Promise<Uint8Array> {
  const title = `Dossier de préparation — ${sessionLabel(p)} — ${p.member.name}`;
  const doc = baseDocument({
    title,
    subject: `${p.commission} — ${PERSONAL_NOTICE}`,
    header: runningHeader(`${COMMISSION_SHORT} — Dossier de préparation — ${sessionLabel(p)} — ${p.member.name}`, PERSONAL_NOTICE, {
      rightColor: COLORS.warning,
    }),
    footer: standardFooter(p.generated),
    content: [...cover(p), ...readableItems(p).map(itemPart)],
  });
  return renderPdf(doc, p.generated.at);
}
