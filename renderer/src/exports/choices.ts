/**
 * What the session's export dialog offers and what it asks the backend for, kept free of React:
 * the documents shown (the secretariat gets the relevé, the letters and any member's pack; a
 * member only their own pack), the one chosen first, the request built from the form, and the
 * size of the file in Belgian notation (« 48 Ko », « 1,2 Mo »).
 */
import type { DecisionFormat, ExportRequest, LetterFormat, SessionExportOptions, StatsFormat } from '../../../shared/contract';

export const SESSION_DOCUMENTS = ['decisions', 'letters', 'pack'] as const;
export type SessionDocument = (typeof SESSION_DOCUMENTS)[number];

export interface DocumentChoice {
  document: SessionDocument;
  /** Why it cannot be exported (French, from the backend); null when it can. */
  blocked: string | null;
}

/** The documents the dialog lists, in order, each with its reason when blocked. */
export function documentChoices(options: SessionExportOptions): DocumentChoice[] {
  const pack: DocumentChoice = { document: 'pack', blocked: options.packBlocked };
  if (!options.secretariat) return [pack];
  return [
    { document: 'decisions', blocked: options.decisionsBlocked },
    { document: 'letters', blocked: options.lettersBlocked },
    pack,
  ];
}

/** The document selected when the dialog opens: the one asked for if it can be exported, else the first that can. */
export function initialDocument(options: SessionExportOptions, preferred?: SessionDocument): SessionDocument {
  const choices = documentChoices(options);
  const wanted = choices.find((c) => c.document === preferred && c.blocked === null);
  if (wanted) return wanted.document;
  return (choices.find((c) => c.blocked === null) ?? choices.find((c) => c.document === preferred) ?? choices[0]!).document;
}

export interface SessionForm {
  document: SessionDocument;
  decisionFormat: DecisionFormat;
  letterFormat: LetterFormat;
  /** 'all' for the ZIP, else the dossier's id. */
  letter: 'all' | number;
  /** The member whose pack (secretariat); ignored in a member's workspace. */
  memberId: number | null;
}

export function initialForm(options: SessionExportOptions, preferred?: SessionDocument): SessionForm {
  return {
    document: initialDocument(options, preferred),
    decisionFormat: 'pdf',
    letterFormat: 'pdf',
    letter: 'all',
    memberId: options.members[0]?.id ?? null,
  };
}

/** The request for the form, or null when the chosen document cannot be exported as it stands. */
export function sessionRequest(options: SessionExportOptions, form: SessionForm): ExportRequest | null {
  const sessionId = options.session.id;
  const choice = documentChoices(options).find((c) => c.document === form.document);
  if (!choice || choice.blocked !== null) return null;
  switch (form.document) {
    case 'decisions':
      return { kind: 'decisions', sessionId, format: form.decisionFormat };
    case 'letters':
      if (form.letter === 'all') return { kind: 'letters', sessionId, format: form.letterFormat };
      if (!options.letters.some((l) => l.dossierId === form.letter)) return null;
      return { kind: 'letter', sessionId, dossierId: form.letter, format: form.letterFormat };
    case 'pack':
      if (!options.secretariat) return { kind: 'memberPack', sessionId };
      if (form.memberId === null || !options.members.some((m) => m.id === form.memberId)) return null;
      return { kind: 'memberPack', sessionId, memberId: form.memberId };
  }
}

export function statsRequest(year: number | null, format: StatsFormat): ExportRequest | null {
  return year === null ? null : { kind: 'stats', year, format };
}

/** « 512 octets », « 48 Ko », « 1,2 Mo » (1 Ko = 1 024 octets; never « 0 Ko » for a non-empty file). */
export function formatSize(bytes: number, intl: string, units: { bytes: (n: string) => string; kilo: (n: string) => string; mega: (n: string) => string }): string {
  if (bytes < 1024) return units.bytes(new Intl.NumberFormat(intl).format(bytes));
  const kilo = bytes / 1024;
  if (kilo < 1000) return units.kilo(new Intl.NumberFormat(intl, { maximumFractionDigits: 0 }).format(Math.max(1, Math.round(kilo))));
  return units.mega(new Intl.NumberFormat(intl, { maximumFractionDigits: 1 }).format(kilo / 1024));
}
