/**
 * Full-text search across dossier subjects and proposals, notes, inspection findings, document
 * text and operators. The user's text never reaches MATCH as such: `searchTerms` cuts it into
 * words (letters and digits), each of which becomes a quoted prefix term, all required.
 */
import { z } from 'zod';
import { DossierKind, FindingSeverity, IsoDate, Scheme } from '../domain';
import { Id } from './common';

export const SEARCH_SOURCES = ['dossier', 'note', 'finding', 'document', 'operator'] as const;
export const SearchSource = z.enum(SEARCH_SOURCES);
export type SearchSource = z.infer<typeof SearchSource>;

/** The dossier page section a result opens (`#/dossiers/:id?section=…`). */
export const SEARCH_SECTIONS = ['synthesis', 'notes', 'inspection', 'documents'] as const;
export const SearchSection = z.enum(SEARCH_SECTIONS);
export type SearchSection = z.infer<typeof SearchSection>;

export const SEARCH_MAX_LENGTH = 200;
export const SEARCH_MAX_TERMS = 12;
export const SEARCH_PAGE_SIZE = 50;

export const SEARCH_MESSAGES_FR = {
  noTerms: 'Saisissez au moins un mot à rechercher.',
  tooLong: `La recherche ne peut dépasser ${SEARCH_MAX_LENGTH} caractères.`,
  tooManyTerms: `La recherche compte trop de mots : ${SEARCH_MAX_TERMS} au plus.`,
} as const;

/** French elisions (l’, d’, qu’…): the article is not a word of its own. */
const ELISION = /(^|[^\p{L}\p{N}])(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’](?=\p{L})/giu;
/** What SQLite's unicode61 tokenizer keeps in a token: letters, digits, private-use characters. */
const WORD = /[\p{L}\p{N}\p{Co}]+/gu;

/**
 * The terms of a query, cut as the index cuts text into tokens. Words written together
 * (`EI-2024-0013`, `Titres-Services`) form one term, a phrase of their words joined by spaces;
 * words apart are separate terms: `« L’économie, EI-2024 ! »` → `['économie', 'EI 2024']`.
 * Digits joined by dots are one number (`0464.281.392` → `0464281392`), a BCE number typed with
 * spaces or a `BE` prefix too. A French elision (l’, d’, qu’…) is dropped. Repeated terms count
 * once. Empty when the text holds no letter or digit.
 */
export function searchTerms(q: string): string[] {
  let text = q.normalize('NFC');
  text = text.replace(/(\d)\.(?=\d)/g, '$1');
  text = text.replace(/\bBE\s?(?=[01]\d{3})/gi, '');
  text = text.replace(/\b([01]\d{3})\s(\d{3})\s(\d{3})\b/g, '$1$2$3');
  text = text.replace(ELISION, '$1 ');
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const chunk of text.split(/\s+/)) {
    const words = chunk.match(WORD);
    if (!words) continue;
    const term = words.join(' ');
    const key = term.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
  }
  return terms;
}

/** How many words the terms hold (what SEARCH_MAX_TERMS caps). */
export function countWords(terms: readonly string[]): number {
  return terms.reduce((sum, term) => sum + term.split(' ').length, 0);
}

export const SearchQueryInput = z.object({
  q: z.string().max(SEARCH_MAX_LENGTH, SEARCH_MESSAGES_FR.tooLong),
  schemes: z.array(Scheme).max(10).optional(),
  kinds: z.array(DossierKind).max(20).optional(),
  /** Received in one of these years, or reporting on one of them. */
  years: z.array(z.number().int().min(1990).max(2200)).max(50).optional(),
  sources: z.array(SearchSource).max(SEARCH_SOURCES.length).optional(),
  limit: z.number().int().min(1).max(100).default(SEARCH_PAGE_SIZE),
  offset: z.number().int().min(0).max(10_000).default(0),
});
export type SearchQueryInput = z.input<typeof SearchQueryInput>;

/** A piece of a title or snippet; `hit` pieces match a word of the query. */
export const SearchSegment = z.object({ text: z.string(), hit: z.boolean() });
export type SearchSegment = z.infer<typeof SearchSegment>;

export const SearchResult = z.object({
  source: SearchSource,
  sourceId: Id,
  dossierId: Id.nullable(),
  operatorId: Id.nullable(),
  reference: z.string().nullable(),
  operatorName: z.string(),
  scheme: Scheme.nullable(),
  kind: DossierKind.nullable(),
  /** The dossier's reception, the note's last edit, the inspection, the document's date. */
  date: IsoDate.nullable(),
  /** Where the result opens on the dossier page; null for an operator or a finding without dossier. */
  section: SearchSection.nullable(),
  /** Notes only. */
  visibility: z.enum(['private', 'shared']).nullable(),
  /** Findings only. */
  severity: FindingSeverity.nullable(),
  title: z.array(SearchSegment),
  snippet: z.array(SearchSegment),
  /** bm25 score: lower is better. */
  rank: z.number(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SearchQueryOutput = z.object({
  /** Matches of the selected sources (all sources when none is selected). */
  total: z.number().int().min(0),
  /** Matches per source, whatever the source filter: the counts of the source tabs. */
  bySource: z.object({
    dossier: z.number().int().min(0),
    note: z.number().int().min(0),
    finding: z.number().int().min(0),
    document: z.number().int().min(0),
    operator: z.number().int().min(0),
  }),
  results: z.array(SearchResult),
});
export type SearchQueryOutput = z.infer<typeof SearchQueryOutput>;

export const searchContract = {
  'search.query': { input: SearchQueryInput, output: SearchQueryOutput },
  /** The years offered by the year filter, most recent first. */
  'search.years': { input: z.object({}), output: z.object({ years: z.array(z.number().int()) }) },
} as const;
