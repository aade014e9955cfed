/**
 * The Échéances screen's filters, kept in the address so that Back and reloads restore them:
 *   #/deadlines?scheme=EI,IES&kind=report_due&state=overdue&horizon=90
 * No parameter: every scheme and kind, overdue and upcoming, 180 days ahead.
 */
import type { DeadlineListInput, DeadlineState } from '../../../shared/contract';
import { DEADLINE_KINDS, SCHEMES, type DeadlineKind, type Scheme } from '../../../shared/domain';

export const HORIZONS = [30, 90, 180, 365] as const;
export type Horizon = (typeof HORIZONS)[number];
export const DEFAULT_HORIZON: Horizon = 180;

export interface DeadlinesState {
  schemes: Scheme[];
  kinds: DeadlineKind[];
  state: DeadlineState;
  horizon: Horizon;
}

/** The allowed values named in a comma-separated parameter, in their catalogue order. */
function listParam<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  const named = (raw ?? '').split(',');
  return allowed.filter((value) => named.includes(value));
}

export function parseDeadlinesState(search: string): DeadlinesState {
  const params = new URLSearchParams(search);
  const state = params.get('state');
  const horizon = Number(params.get('horizon'));
  return {
    schemes: listParam(params.get('scheme'), SCHEMES),
    kinds: listParam(params.get('kind'), DEADLINE_KINDS),
    state: state === 'overdue' || state === 'upcoming' ? state : 'all',
    horizon: (HORIZONS as readonly number[]).includes(horizon) ? (horizon as Horizon) : DEFAULT_HORIZON,
  };
}

export function deadlinesHash(state: DeadlinesState): string {
  const params = new URLSearchParams();
  if (state.schemes.length > 0) params.set('scheme', state.schemes.join(','));
  if (state.kinds.length > 0) params.set('kind', state.kinds.join(','));
  if (state.state !== 'all') params.set('state', state.state);
  if (state.horizon !== DEFAULT_HORIZON) params.set('horizon', String(state.horizon));
  const search = params.toString();
  return search ? `#/deadlines?${search.replace(/%2C/g, ',')}` : '#/deadlines';
}

export function hasFilters(state: DeadlinesState): boolean {
  return state.schemes.length > 0 || state.kinds.length > 0 || state.state !== 'all' || state.horizon !== DEFAULT_HORIZON;
}

/** The backend's filters for a state. */
export function toFilters(state: DeadlinesState): DeadlineListInput['filters'] {
  return {
    ...(state.schemes.length > 0 ? { schemes: state.schemes } : {}),
    ...(state.kinds.length > 0 ? { kinds: state.kinds } : {}),
    state: state.state,
    horizonDays: state.horizon,
  };
}

let lastHash = '#/deadlines';

/** The filters last shown (the navigation returns to them while the app is open). */
export function rememberDeadlinesHash(hash: string): void {
  lastHash = hash;
}

export function lastDeadlinesHash(): string {
  return lastHash;
}
