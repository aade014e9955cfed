/**
 * The session's decision summary (*relevé des avis*) as an official PDF: letterhead, session,
 * attendance and quorum, then every item by agenda section with the administration's proposal,
 * the commission's opinion, the vote, the recusals and the amendments.
 */
import type { Content, TableCell } from 'pdfmake/interfaces';
import { formatDate } from '../../../shared/compliance/format';
import { COMMISSION_SHORT, type Amendment, type DecisionItem, type DecisionSummary, type Person } from '../model';
import {
  baseDocument,
  COLORS,
  estimateLines,
  gridLayout,
  heading,
  labelValueTable,
  letterhead,
  notice,
  runningHeader,
  standardFooter,
} from './layout';
import { renderPdf } from './pdfmake';

/** A short item (in estimated lines) is kept on one page; a longer one may break between rows. */
const KEEP_TOGETHER_MAX_LINES = 34;

export function decisionsTitle(s: DecisionSummary): string {
  return `Relevé des avis — séance n° ${s.session.number} du ${formatDate(s.session.heldOn)}`;
}

function countsLine(s: DecisionSummary): string {
  const { opinions, adjourned, items } = s.counts;
  const part = (n: number, one: string, many: string) => `${n} ${n < 2 ? one : many}`;
  return [
    part(items, 'point examiné', 'points examinés'),
    part(opinions, 'avis rendu', 'avis rendus'),
    part(adjourned, 'point reporté sans avis', 'points reportés sans avis'),
  ].join(' · ');
}

function sessionBlock(s: DecisionSummary): Content[] {
  const session = s.session;
  const rows = [
    { label: 'Date et heure', value: { text: `${formatDate(session.heldOn)} à ${session.startsAt}` } },
    { label: 'Lieu', value: session.place ? { text: session.place } : { text: 'Non renseigné', italics: true, color: COLORS.muted } },
    { label: 'Statut de la séance', value: { text: session.statusLabel } },
    { label: 'Points', value: { text: countsLine(s) } },
  ] satisfies { label: string; value: Content }[];
  return [
    { text: decisionsTitle(s), style: 'title', margin: [0, 0, 0, 8] },
    ...(session.provisional ? [notice('PROVISOIRE — séance non clôturée')] : []),
    { ...labelValueTable(rows, 110), margin: [0, 2, 0, 0] },
  ];
}

function attendanceTable(s: DecisionSummary): Content[] {
  const groups: { title: string; people: Person[]; always: boolean }[] = [
    { title: 'Présents', people: s.attendance.present, always: true },
    { title: 'Excusés', people: s.attendance.excused, always: true },
    { title: 'Absents', people: s.attendance.absent, always: true },
    { title: 'Présence non enregistrée', people: s.attendance.unrecorded, always: false },
  ];
  const body: TableCell[][] = [
    [
      { text: 'Nom', style: 'tableHeader' },
      { text: 'Organisation', style: 'tableHeader' },
      { text: 'Qualité', style: 'tableHeader' },
    ],
  ];
  for (const group of groups) {
    if (!group.always && group.people.length === 0) continue;
    const groupTitle = group.people.length === 0 ? `${group.title} : aucun` : `${group.title} (${group.people.length})`;
    body.push([{ text: groupTitle, bold: true, colSpan: 3, fontSize: 9, margin: [0, 2, 0, 0] }, {}, {}]);
    for (const person of group.people) {
      body.push([
        { text: person.name },
        { text: person.organisation || '—' },
        { text: person.voting ? person.roleLabel : `${person.roleLabel} (voix consultative)` },
      ]);
    }
  }
  return [
    heading('Présences et quorum'),
    { table: { headerRows: 1, keepWithHeaderRows: 1, widths: ['*', '*', 130], body }, layout: gridLayout(1) },
    {
      text: s.quorum.text,
      bold: true,
      color: s.quorum.reached ? COLORS.text : COLORS.warning,
      margin: [0, 8, 0, 0],
    },
  ];
}

function opinionValue(item: DecisionItem): Content {
  if (!item.opinion) {
    return { text: [{ text: item.outcomeInForceLabel, bold: true }, ...(item.pendingNote ? [{ text: ` — ${item.pendingNote}.`, color: COLORS.muted }] : [])] };
  }
  return {
    text: [
      { text: item.opinion.outcomeLabel, bold: true },
      { text: ` (avis du ${formatDate(item.opinion.givenOn)})`, color: COLORS.muted },
    ],
  };
}

function proposalValue(item: DecisionItem): Content {
  return {
    text: [
      { text: item.proposal.outcomeLabel, bold: item.proposal.outcome !== null, italics: item.proposal.outcome === null },
      ...(item.proposal.text ? [{ text: ` — ${item.proposal.text}` }] : []),
    ],
  };
}

function amendmentBlock(amendment: Amendment): Content {
  const rows: { label: string; value: Content }[] = [
    { label: 'Motif', value: { text: amendment.reason } },
    { label: 'Avis rectifié', value: { text: amendment.outcomeLabel, bold: true } },
  ];
  if (amendment.conditions) rows.push({ label: 'Conditions', value: { text: amendment.conditions } });
  if (amendment.motivation) rows.push({ label: 'Motivation', value: { text: amendment.motivation } });
  return {
    table: {
      widths: ['*'],
      body: [[{ stack: [{ text: `Rectification du ${formatDate(amendment.amendedOn)}`, bold: true, color: COLORS.accent, margin: [0, 0, 0, 2] }, labelValueTable(rows, 108)] }]],
    },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i) => (i === 0 ? 2 : 0),
      vLineColor: () => COLORS.accent,
      fillColor: () => '#f6f8fa',
      paddingLeft: () => 8,
      paddingRight: () => 6,
      paddingTop: () => 4,
      paddingBottom: () => 4,
    },
    margin: [0, 5, 0, 0],
  };
}

function itemLines(item: DecisionItem): number {
  const texts = [
    item.subject,
    item.proposal.text,
    item.opinion?.conditions ?? '',
    item.opinion?.motivation ?? '',
    item.recused.join('; '),
    ...item.amendments.flatMap((a) => [a.reason, a.conditions, a.motivation]),
  ];
  return 8 + item.amendments.length * 4 + texts.reduce((sum, text) => sum + estimateLines(text, 70), 0);
}

/** An item's block, and whether it is kept on one page. */
function itemBlock(item: DecisionItem, index: number): { content: Content; kept: boolean } {
  const margin: [number, number, number, number] = [0, index === 0 ? 0 : 14, 0, 0];
  const title: Content = {
    text: [
      { text: `${item.number}. ${item.reference}`, color: COLORS.accent },
      { text: ` — ${item.operatorName} (BCE ${item.bceLabel})` },
    ],
    style: 'itemTitle',
  };
  const meta = [item.schemeLabel, item.kindLabel, `reçu le ${formatDate(item.receivedOn)}`, ...(item.hearingAt ? [`audition à ${item.hearingAt}`] : [])].join(' · ');
  const head: Content[] = [title, { text: meta, style: 'meta', margin: [0, 1, 0, 4] }];

  const rows: { label: string; value: Content }[] = [
    { label: 'Objet', value: { text: item.subject } },
    { label: 'Proposition de l’administration', value: proposalValue(item) },
    { label: 'Avis de la commission', value: opinionValue(item) },
  ];
  if (item.opinion?.conditions) rows.push({ label: 'Conditions', value: { text: item.opinion.conditions } });
  if (item.opinion?.motivation) rows.push({ label: 'Motivation', value: { text: item.opinion.motivation } });
  if (item.opinion) rows.push({ label: 'Vote', value: { text: item.opinion.vote.text } });
  if (item.recused.length > 0) {
    rows.push({ label: item.recused.length > 1 ? 'Membres récusés' : 'Membre récusé', value: { text: item.recused.join(' ; ') } });
  }
  const after: Content[] = [];
  for (const amendment of item.amendments) after.push(amendmentBlock(amendment));
  if (item.amendments.length > 0) {
    after.push({ text: [{ text: 'Avis en vigueur : ', color: COLORS.muted }, { text: item.outcomeInForceLabel, bold: true }], margin: [0, 5, 0, 0] });
  }

  if (itemLines(item) <= KEEP_TOGETHER_MAX_LINES) {
    return { content: { stack: [...head, labelValueTable(rows), ...after], unbreakable: true, margin }, kept: true };
  }
  // A long item: its title stays with its object (when short enough), the rest may break between rows.
  const [objectRow, ...otherRows] = rows;
  const opening: Content[] = [...head, labelValueTable(objectRow ? [objectRow] : [])];
  const openingKept = estimateLines(item.subject, 70) <= KEEP_TOGETHER_MAX_LINES - 6;
  return {
    content: { stack: [openingKept ? { stack: opening, unbreakable: true } : { stack: opening }, labelValueTable(otherRows), ...after], margin },
    kept: false,
  };
}

function sectionsContent(s: DecisionSummary): Content[] {
  const content: Content[] = [];
  for (const section of s.sections) {
    const [first, ...rest] = section.items.map((item, index) => itemBlock(item, index));
    const sectionHeading = heading(section.title, 20);
    // The heading stays with the first item when that one is kept on a page.
    if (first?.kept) content.push({ stack: [sectionHeading, first.content], unbreakable: true });
    else content.push(sectionHeading, ...(first ? [first.content] : []));
    content.push(...rest.map((block) => block.content));
  }
  if (s.sections.length === 0) {
    content.push({ text: 'Aucun point à l’ordre du jour.', italics: true, color: COLORS.muted, margin: [0, 12, 0, 0] });
  }
  return content;
}

export async function decisionsPdf(s: DecisionSummary): Promise<Uint8Array> {
  const title = decisionsTitle(s);
  const doc = baseDocument({
    title,
    subject: `${s.commission} — ${title}`,
    header: runningHeader(`${COMMISSION_SHORT} — ${title}`, s.session.provisional ? 'PROVISOIRE — séance non clôturée' : '', {
      rightColor: s.session.provisional ? COLORS.warning : undefined,
    }),
    footer: standardFooter(s.generated),
    content: [letterhead(s.commission, COMMISSION_SHORT), ...sessionBlock(s), ...attendanceTable(s), ...sectionsContent(s)],
  });
  return renderPdf(doc, s.generated.at);
}
