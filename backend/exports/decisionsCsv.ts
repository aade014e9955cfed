/**
 * The session's decision summary as one row per agenda item, for spreadsheets: the columns are
 * declared once here (`DECISION_COLUMNS`) and shared by the CSV (below) and the XLSX
 * (xlsx/decisions.ts), so both files always carry the same columns in the same order.
 *
 * « Avis », « Conditions » and « Motivation » are the opinion in force (after amendments, so a
 * filter on « Avis » gives rows whose conditions belong to it); the « … initial(e) » columns keep the
 * opinion given in session, and « Rectifications » lists each amendment with its date, reason, new
 * opinion, conditions and motivation.
 */
import { formatDate } from '../../shared/compliance/format';
import { type CsvColumn, toCsv } from './csv';
import type { Amendment, DecisionItem, DecisionSection, DecisionSummary } from './model';

/** One row: an item with the section it sits in. */
export interface DecisionRow {
  section: DecisionSection;
  item: DecisionItem;
}

/** A column of the CSV, with how wide the XLSX shows it (characters) and whether it wraps. */
export interface DecisionColumn extends CsvColumn<DecisionRow> {
  width: number;
  wrap?: boolean;
}

/** « 20/11/2026 — nouvel avis : Favorable. Motif : … Conditions : … Motivation : … » */
export function amendmentText(amendment: Amendment): string {
  const parts = [`${formatDate(amendment.amendedOn)} — nouvel avis : ${amendment.outcomeLabel}.`];
  if (amendment.reason) parts.push(`Motif : ${amendment.reason}`);
  if (amendment.conditions) parts.push(`Conditions : ${amendment.conditions}`);
  if (amendment.motivation) parts.push(`Motivation : ${amendment.motivation}`);
  return parts.join(' ');
}

/** The conditions and motivation in force: the latest amendment's, else the opinion's. */
function inForce(item: DecisionItem): { conditions: string; motivation: string } {
  const source = item.amendments.at(-1) ?? item.opinion;
  return { conditions: source?.conditions ?? '', motivation: source?.motivation ?? '' };
}

export const DECISION_COLUMNS: readonly DecisionColumn[] = [
  { header: 'N°', type: 'integer', width: 5, value: (r) => r.item.number },
  { header: 'Section', width: 22, wrap: true, value: (r) => r.section.title },
  { header: 'Référence', width: 16, value: (r) => r.item.reference },
  { header: 'Opérateur', width: 28, wrap: true, value: (r) => r.item.operatorName },
  // « 0456.789.012 »: text, so the leading zero stays.
  { header: 'BCE', width: 14, value: (r) => r.item.bceLabel },
  { header: 'Régime', width: 24, wrap: true, value: (r) => r.item.schemeLabel },
  { header: 'Nature', width: 20, wrap: true, value: (r) => r.item.kindLabel },
  { header: 'Objet', width: 36, wrap: true, value: (r) => r.item.subject },
  { header: 'Date de réception', type: 'date', width: 12, value: (r) => r.item.receivedOn },
  { header: 'Proposition', width: 20, wrap: true, value: (r) => r.item.proposal.outcomeLabel },
  { header: 'Texte de la proposition', width: 36, wrap: true, value: (r) => r.item.proposal.text },
  { header: 'Avis', width: 20, wrap: true, value: (r) => r.item.outcomeInForceLabel },
  { header: 'Conditions', width: 40, wrap: true, value: (r) => inForce(r.item).conditions },
  { header: 'Motivation', width: 48, wrap: true, value: (r) => inForce(r.item).motivation },
  { header: 'Avis initial', width: 20, wrap: true, value: (r) => r.item.opinion?.outcomeLabel ?? '' },
  { header: 'Conditions initiales', width: 40, wrap: true, value: (r) => r.item.opinion?.conditions ?? '' },
  { header: 'Motivation initiale', width: 48, wrap: true, value: (r) => r.item.opinion?.motivation ?? '' },
  { header: 'Consensus', type: 'boolean', width: 11, value: (r) => (r.item.opinion ? r.item.opinion.vote.consensus : null) },
  { header: 'Pour', type: 'integer', width: 7, value: (r) => r.item.opinion?.vote.for ?? null },
  { header: 'Contre', type: 'integer', width: 8, value: (r) => r.item.opinion?.vote.against ?? null },
  { header: 'Abstention', type: 'integer', width: 11, value: (r) => r.item.opinion?.vote.abstain ?? null },
  { header: 'Date de l’avis', type: 'date', width: 12, value: (r) => r.item.opinion?.givenOn ?? null },
  { header: 'Récusations', width: 30, wrap: true, value: (r) => r.item.recused.join('\n') },
  { header: 'Rectifications', width: 48, wrap: true, value: (r) => r.item.amendments.map(amendmentText).join('\n') },
];

/** Every item, agenda order, adjourned ones included. */
export function decisionRows(s: DecisionSummary): DecisionRow[] {
  return s.sections.flatMap((section) => section.items.map((item) => ({ section, item })));
}

/** The decision summary as a Belgian-Excel CSV: UTF-8 with BOM, `;`, CRLF, dd/mm/yyyy. */
export function decisionsCsv(s: DecisionSummary): Uint8Array {
  return new TextEncoder().encode(toCsv(DECISION_COLUMNS, decisionRows(s)));
}
