/**
 * The search kept in the address (`#/search?q=…&scheme=…&kind=…&year=…&source=…`), so that Back
 * and reloads restore it, and what the screen remembers while the app is open: the last search
 * (the shortcut returns to it), its last answers (shown at once on the way back) and the result
 * that was opened (focused again on the way back).
 */
import {
  SEARCH_MAX_LENGTH,
  SEARCH_SOURCES,
  type SearchQueryInput,
  type SearchQueryOutput,
  type SearchSource,
} from '../../../shared/contract';
import { DOSSIER_KINDS, SCHEMES, type DossierKind, type Scheme } from '../../../shared/domain';

export interface SearchState {
  q: string;
  schemes: Scheme[];
  kind: DossierKind | null;
  year: number | null;
  source: SearchSource | null;
}

function pick<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  if (!raw) return [];
  const wanted = new Set(raw.split(','));
  return allowed.filter((value) => wanted.has(value));
}

function one<T extends string>(raw: string | null, allowed: readonly T[]): T | null {
  return (allowed as readonly string[]).includes(raw ?? '') ? (raw as T) : null;
}

export function parseSearchState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const year = Number(params.get('year'));
  return {
    q: (params.get('q') ?? '').slice(0, SEARCH_MAX_LENGTH),
    schemes: pick(params.get('scheme'), SCHEMES),
    kind: one(params.get('kind'), DOSSIER_KINDS),
    year: Number.isInteger(year) && year >= 1990 && year <= 2200 ? year : null,
    source: one(params.get('source'), SEARCH_SOURCES),
  };
}

export function searchHash(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q !== '') params.set('q', state.q);
  if (state.schemes.length > 0) params.set('scheme', state.schemes.join(','));
  if (state.kind) params.set('kind', state.kind);
  if (state.year !== null) params.set('year', String(state.year));
  if (state.source) params.set('source', state.source);
  const search = params.toString();
  return search ? `#/search?${search}` : '#/search';
}

export function hasFilters(state: SearchState): boolean {
  return state.schemes.length > 0 || state.kind !== null || state.year !== null;
}

/** The backend's input for a state (without paging). */
export function toInput(state: SearchState): Omit<SearchQueryInput, 'limit' | 'offset'> {
  return {
    q: state.q,
    ...(state.schemes.length > 0 ? { schemes: state.schemes } : {}),
    ...(state.kind ? { kinds: [state.kind] } : {}),
    ...(state.year !== null ? { years: [state.year] } : {}),
    ...(state.source ? { sources: [state.source] } : {}),
  };
}

let lastHash = '#/search';

export function rememberSearch(hash: string): void {
  lastHash = hash;
}

/** Where the shortcut and the navigation lead: the last search of this session. */
export function lastSearchHash(): string {
  return lastHash;
}

const answers = new Map<string, SearchQueryOutput>();
const MAX_ANSWERS = 20;

export function cachedAnswer(key: string): SearchQueryOutput | undefined {
  return answers.get(key);
}

export function cacheAnswer(key: string, answer: SearchQueryOutput): void {
  answers.delete(key);
  answers.set(key, answer);
  if (answers.size > MAX_ANSWERS) answers.delete(answers.keys().next().value as string);
}

let opened: { hash: string; index: number } | null = null;

export function rememberOpened(hash: string, index: number): void {
  opened = { hash, index };
}

/** The index of the result opened from this search, once (then forgotten). */
export function takeOpened(hash: string): number | null {
  if (!opened || opened.hash !== hash) return null;
  const { index } = opened;
  opened = null;
  return index;
}

/** Asks an open Recherche screen to focus its field (the shortcut, when already there). */
export const FOCUS_SEARCH_EVENT = 'comes:focus-search';
