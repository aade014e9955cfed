/**
 * The Dossiers table's query (sort and filters), kept in the address so that Back and reloads
 * restore it, and the list's memory (scroll, selection) kept for the return from a dossier.
 */
import {
  COMPLIANCE_FILTERS,
  DOSSIER_GROUPINGS,
  DOSSIER_SORT_COLUMNS,
  type ComplianceFilter,
  type DossierGrouping,
  type DossierListInput,
  type DossierSortColumn,
} from '../../../shared/contract';
import { DOSSIER_KINDS, DOSSIER_STATUSES, SCHEMES, type DossierKind, type DossierStatus, type Scheme } from '../../../shared/domain';

export type SortDirection = 'asc' | 'desc';

export interface ListState {
  sort: { column: DossierSortColumn; direction: SortDirection };
  text: string;
  schemes: Scheme[];
  kinds: DossierKind[];
  statuses: DossierStatus[];
  /** Dossiers with at least one rule concluding one of these (`&compliance=breach,missing`). */
  compliance: ComplianceFilter[];
  groupBy: DossierGrouping | null;
}

export const DEFAULT_SORT: ListState['sort'] = { column: 'receivedOn', direction: 'desc' };

function pick<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  if (!raw) return [];
  const wanted = new Set(raw.split(','));
  // Kept in the domain's order, whatever the order in the address.
  return allowed.filter((value) => wanted.has(value));
}

export function parseListState(search: string): ListState {
  const params = new URLSearchParams(search);
  const column = params.get('sort');
  const direction = params.get('dir');
  const sortColumn = (DOSSIER_SORT_COLUMNS as readonly string[]).includes(column ?? '') ? (column as DossierSortColumn) : null;
  return {
    sort: sortColumn
      ? { column: sortColumn, direction: direction === 'asc' ? 'asc' : 'desc' }
      : { ...DEFAULT_SORT },
    text: (params.get('q') ?? '').slice(0, 200),
    schemes: pick(params.get('scheme'), SCHEMES),
    kinds: pick(params.get('kind'), DOSSIER_KINDS),
    statuses: pick(params.get('status'), DOSSIER_STATUSES),
    compliance: pick(params.get('compliance'), COMPLIANCE_FILTERS),
    groupBy: pick(params.get('group'), DOSSIER_GROUPINGS)[0] ?? null,
  };
}

/** `#/dossiers?…` for a state; defaults are left out so the plain list is `#/dossiers`. */
export function listHash(state: ListState): string {
  const params = new URLSearchParams();
  if (state.text.trim() !== '') params.set('q', state.text);
  if (state.schemes.length > 0) params.set('scheme', state.schemes.join(','));
  if (state.kinds.length > 0) params.set('kind', state.kinds.join(','));
  if (state.statuses.length > 0) params.set('status', state.statuses.join(','));
  if (state.compliance.length > 0) params.set('compliance', state.compliance.join(','));
  if (state.groupBy) params.set('group', state.groupBy);
  if (state.sort.column !== DEFAULT_SORT.column || state.sort.direction !== DEFAULT_SORT.direction) {
    params.set('sort', state.sort.column);
    params.set('dir', state.sort.direction);
  }
  const search = params.toString();
  return search ? `#/dossiers?${search}` : '#/dossiers';
}

export function hasFilters(state: ListState): boolean {
  return state.text.trim() !== '' || state.schemes.length > 0 || state.kinds.length > 0 || state.statuses.length > 0 || state.compliance.length > 0;
}

/** What the backend needs (without offset/limit), and a key that changes when it changes. */
export function toQuery(state: ListState): { query: Pick<DossierListInput, 'sort' | 'filters' | 'groupBy'>; key: string } {
  const text = state.text.trim();
  const query = {
    sort: state.sort,
    filters: {
      ...(text !== '' ? { text } : {}),
      ...(state.schemes.length > 0 ? { schemes: state.schemes } : {}),
      ...(state.kinds.length > 0 ? { kinds: state.kinds } : {}),
      ...(state.statuses.length > 0 ? { statuses: state.statuses } : {}),
      ...(state.compliance.length > 0 ? { compliance: state.compliance } : {}),
    },
    groupBy: state.groupBy,
  };
  return { query, key: JSON.stringify(query) };
}

/** Remembered while the app is open: where the list was, to come back to the same place. */
interface ListMemory {
  key: string;
  scrollOffset: number;
  selectedIndex: number;
}

let memory: ListMemory | null = null;
let lastListHash = '#/dossiers';

export function rememberList(value: ListMemory, hash: string): void {
  memory = value;
  lastListHash = hash;
}

export function recallList(key: string): ListMemory | null {
  return memory && memory.key === key ? memory : null;
}

export function setLastListHash(hash: string): void {
  lastListHash = hash;
}

/** The address of the list as the user left it (for « Retour aux dossiers »). */
export function getLastListHash(): string {
  return lastListHash;
}

export function forgetList(): void {
  memory = null;
  lastListHash = '#/dossiers';
}
