/**
 * What the exports print, assembled once from the workspace (backend/exports/data.ts) and laid
 * out by each renderer (pdf/, docx/, xlsx/, csv). Every French wording is decided here, in the
 * model: renderers only lay out, so the PDF, the DOCX, the XLSX and the CSV never disagree.
 *
 * Dates are ISO `YYYY-MM-DD` (renderers show them with `formatDate` from
 * shared/compliance/format.ts, or write them as real dates in XLSX); amounts are integer cents.
 */
import type { AgendaSection, DossierKind, MemberRole, OpinionOutcome, Scheme, SessionStatus } from '../../shared/domain';

/** The commission's name as printed on every document. */
export const COMMISSION_NAME = 'Commission consultative et d’agrément des entreprises d’économie sociale';
export const COMMISSION_SHORT = 'COMES';
/** The administration that runs the commission's secretariat (letterhead). */
export const ADMINISTRATION_NAME = 'Service public de Wallonie — Économie, Emploi, Recherche';

/** When and by what the document was generated (footer of every page). */
export interface Generated {
  /** ISO timestamp. */
  at: string;
  /** « 22/11/2026 à 19:55 » in Belgian time. */
  label: string;
}

export interface SessionHeader {
  id: number;
  number: number;
  heldOn: string;
  /** « 09:30 » */
  startsAt: string;
  /** Empty when not recorded. */
  place: string;
  status: SessionStatus;
  /** « clôturée le 04/11/2026 », « en cours (relevé provisoire) »… */
  statusLabel: string;
  /** True for a session not yet closed: documents say « provisoire ». */
  provisional: boolean;
}

export interface Person {
  name: string;
  organisation: string;
  role: MemberRole;
  /** « Président·e », « Membre effectif », « Suppléant·e », « Secrétariat », « Observateur·rice » */
  roleLabel: string;
  voting: boolean;
}

export interface Attendance {
  present: Person[];
  excused: Person[];
  absent: Person[];
  /** In office that day but no attendance recorded. */
  unrecorded: Person[];
}

export interface Quorum {
  votingInOffice: number;
  votingPresent: number;
  majority: number;
  reached: boolean;
  /** « Quorum atteint : 7 membres votants présents sur 10 (majorité : 6) » */
  text: string;
}

export interface Vote {
  consensus: boolean;
  for: number | null;
  against: number | null;
  abstain: number | null;
  /** « Consensus », « Pour : 6 · Contre : 1 · Abstention : 0 », « Non renseigné » */
  text: string;
}

export interface Amendment {
  amendedOn: string;
  reason: string;
  outcome: OpinionOutcome;
  outcomeLabel: string;
  conditions: string;
  motivation: string;
}

export interface DecisionItem {
  itemId: number;
  /** The item's number on the agenda (numbered across sections). */
  number: number;
  dossierId: number;
  reference: string;
  operatorName: string;
  /** 10 digits, as stored. */
  bce: string;
  /** « 0123.456.789 » */
  bceLabel: string;
  scheme: Scheme;
  schemeLabel: string;
  kind: DossierKind;
  kindLabel: string;
  /** The dossier's object. */
  subject: string;
  receivedOn: string;
  /** « 10:15 » when the operator was heard. */
  hearingAt: string | null;
  proposal: { outcome: OpinionOutcome | null; outcomeLabel: string; text: string };
  /** Null when the item got no opinion (adjourned by carrying it to a later session). */
  opinion: {
    outcome: OpinionOutcome;
    outcomeLabel: string;
    conditions: string;
    motivation: string;
    givenOn: string;
    vote: Vote;
  } | null;
  /** No opinion: the dossier was carried to a later session. */
  adjourned: boolean;
  /** « Reporté sans avis » for an adjourned item; else the opinion's label, amended if it was. */
  outcomeInForceLabel: string;
  /**
   * Why an item has no opinion: « le dossier est inscrit à une séance ultérieure », « ajourné à la
   * clôture de la séance », « en attente d’avis » (session not closed). Null when it has one.
   */
  pendingNote: string | null;
  /** « Marie Dupont (mandat d’administrateur) » */
  recused: string[];
  /** Oldest first. */
  amendments: Amendment[];
}

export interface DecisionSection {
  section: AgendaSection;
  title: string;
  items: DecisionItem[];
}

/** The session's decision summary (*relevé des avis*). */
export interface DecisionSummary {
  commission: string;
  session: SessionHeader;
  attendance: Attendance;
  quorum: Quorum;
  /** Agenda order; sections without items are left out. */
  sections: DecisionSection[];
  /** Items with an opinion, adjourned items, total. */
  counts: { opinions: number; adjourned: number; items: number };
  generated: Generated;
}

// ---------------------------------------------------------------------------------------------
// Opinion letters: a template (resources/letters/) filled for each dossier.

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** A block of a filled letter; a paragraph's `\n` inside a run is a line break. */
export type LetterBlock =
  | { type: 'heading'; level: 1 | 2; runs: Run[] }
  | { type: 'paragraph'; runs: Run[]; align: 'left' | 'right' | 'justify' }
  /** A list of lines (the recipient's address, the letterhead), kept together. */
  | { type: 'lines'; lines: Run[][]; align: 'left' | 'right' };

export interface LetterDocument {
  /** Shown in the PDF's metadata and the DOCX's title. */
  title: string;
  blocks: LetterBlock[];
  generated: Generated;
}

// ---------------------------------------------------------------------------------------------
// Member preparation pack.

export interface PackAgendaLine {
  number: number;
  sectionTitle: string;
  /** Hidden: the member is conflicted; only the number and the reason are printed. */
  hidden: boolean;
  reference: string | null;
  operatorName: string | null;
  subject: string | null;
  hiddenReason: string | null;
  hearingAt: string | null;
}

export interface PackFigureTable {
  /** « Rapport d’activités 2025 et années précédentes » */
  title: string;
  /** Years, oldest first. */
  columns: string[];
  rows: { label: string; values: string[] }[];
}

export interface PackCheck {
  title: string;
  status: 'ok' | 'warning' | 'breach' | 'missing' | 'not_applicable';
  /** « Conforme », « À surveiller », « Non conforme », « Données manquantes », « Sans objet » */
  statusLabel: string;
  explanation: string;
  legalBasis: string;
}

export interface PackItem {
  number: number;
  sectionTitle: string;
  reference: string;
  operatorName: string;
  bceLabel: string;
  schemeLabel: string;
  kindLabel: string;
  subject: string;
  receivedOn: string;
  hearingAt: string | null;
  rapporteur: string | null;
  proposal: { outcomeLabel: string; text: string };
  /** Key facts as label/value pairs (legal form, address, sector, agrément, term…). */
  synthesis: { label: string; value: string }[];
  /** Previous opinions and decisions of the operator, newest first, one line each. */
  history: string[];
  figures: PackFigureTable | null;
  /** Problems first (breach, missing, warning), then the rest. */
  checks: PackCheck[];
  /** Open inspection findings, one line each. */
  findings: string[];
}

export interface MemberPack {
  commission: string;
  session: SessionHeader;
  member: { id: number; name: string };
  agenda: PackAgendaLine[];
  /** The items the member may read, agenda order. */
  items: PackItem[];
  generated: Generated;
}

// ---------------------------------------------------------------------------------------------
// Yearly statistics.

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface YearStats {
  commission: string;
  year: number;
  /** Sessions held (in progress or closed) in the year, by date. */
  sessions: { number: number; heldOn: string; items: number; opinions: number; hearings: number }[];
  /** Distinct dossiers that got an opinion in a session of the year. */
  dossiersExamined: number;
  /** Opinions given in the year (an adjourned dossier examined twice counts twice). */
  opinionsGiven: number;
  byScheme: CountRow[];
  byKind: CountRow[];
  /** The outcome in force (after amendments). */
  byOutcome: CountRow[];
  /** Opinions by scheme × outcome: for the chart. rows = schemes, counts in the order of `outcomes`. */
  schemeByOutcome: { outcomes: CountRow[]; rows: { key: string; label: string; counts: number[] }[] };
  /** Items where the operator was heard. */
  hearings: number;
  /** Days from the dossier's receipt to its opinion (final opinions only, adjournments excluded). */
  receiptToOpinion: { count: number; averageDays: number | null; medianDays: number | null };
  generated: Generated;
}

/** A finished export, ready to save. */
export interface RenderedFile {
  filename: string;
  mediaType: string;
  bytes: Uint8Array;
}

export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
  zip: 'application/zip',
} as const;
