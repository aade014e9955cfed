/**
 * Hash routing: the address says which screen is shown and, for the Dossiers table, its sort and
 * filters, so Back and reloads restore them. Routes:
 *   #/dossiers?q=…&scheme=EI,IES&kind=…&status=…&sort=receivedOn&dir=desc
 *   #/dossiers/new?operator=12             a new dossier (secretariat)
 *   #/dossiers/123?section=documents       a dossier, scrolled to one of its sections
 *   #/dossiers/123/edit, …/figures, …/findings   editing forms of a dossier (secretariat)
 *   #/operators?q=…                        the operators
 *   #/operators/new, #/operators/12, #/operators/12/edit, #/operators/12/agrements
 *   #/search?q=…&scheme=…&kind=…&year=…    full-text search
 *   #/deadlines?scheme=…&kind=…&state=overdue&horizon=90   the deadlines (échéances)
 *   #/sessions/61                          a session and its agenda
 *   #/sessions/61/prepare                  a member's preparation of that session
 *   #/sessions/61/meeting                  meeting mode (full screen, secretariat)
 *   #/sessions                             the sessions (séances): upcoming, then past
 *   #/members, #/members/new, #/members/4, #/members/4/edit   the register of members and conflicts
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'dossiers'; search: string }
  | { name: 'dossier'; id: number | null; search: string }
  | { name: 'dossierNew'; search: string }
  | { name: 'dossierAction'; id: number | null; action: string; search: string }
  | { name: 'operators'; search: string }
  | { name: 'operatorNew'; search: string }
  | { name: 'operator'; id: number | null; search: string }
  | { name: 'operatorAction'; id: number | null; action: string; search: string }
  | { name: 'search'; search: string }
  | { name: 'deadlines'; search: string }
  | { name: 'sessions'; search: string }
  | { name: 'members'; search: string }
  | { name: 'memberNew'; search: string }
  | { name: 'member'; id: number | null; search: string }
  | { name: 'memberAction'; id: number | null; action: string; search: string }
  | { name: 'session'; id: number | null; search: string }
  | { name: 'sessionPrepare'; id: number | null; search: string }
  | { name: 'sessionMeeting'; id: number | null; search: string }
  | { name: 'unknown' };

/** The main navigation section a route belongs to. */
export function sectionOf(route: Route): 'dossiers' | 'operators' | 'search' | 'deadlines' | 'members' | 'sessions' {
  if (route.name.startsWith('session')) return 'sessions';
  if (route.name.startsWith('operator')) return 'operators';
  if (route.name.startsWith('member')) return 'members';
  if (route.name === 'search') return 'search';
  if (route.name === 'deadlines') return 'deadlines';
  return 'dossiers';
}

const idOf = (text: string | undefined): number | null => {
  const id = /^\d{1,12}$/.test(text ?? '') ? Number(text) : null;
  return id !== null && id > 0 ? id : null;
};

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    window.addEventListener('hashchange', notify);
    window.addEventListener('popstate', notify);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      window.removeEventListener('hashchange', notify);
      window.removeEventListener('popstate', notify);
    }
  };
}

function currentHash(): string {
  return window.location.hash;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const [area, second, third, ...rest] = path.split('/').filter(Boolean);
  if (rest.length > 0) return { name: 'unknown' };
  if (area === undefined || (area === 'dossiers' && second === undefined)) return { name: 'dossiers', search };
  if (area === 'search' && second === undefined) return { name: 'search', search };
  if (area === 'deadlines' && second === undefined) return { name: 'deadlines', search };
  if (area === 'sessions' && second === undefined) return { name: 'sessions', search };
  if (area === 'operators' && second === undefined) return { name: 'operators', search };
  if (area === 'sessions' && second !== undefined && second !== 'new' && third === undefined) return { name: 'session', id: idOf(second), search };
  if (area === 'sessions' && second !== undefined && third === 'prepare') return { name: 'sessionPrepare', id: idOf(second), search };
  if (area === 'sessions' && second !== undefined && third === 'meeting') return { name: 'sessionMeeting', id: idOf(second), search };
  if (area === 'members') {
    if (second === undefined) return { name: 'members', search };
    if (second === 'new' && third === undefined) return { name: 'memberNew', search };
    if (third === undefined) return { name: 'member', id: idOf(second), search };
    if (/^[a-z][a-z-]{0,30}$/.test(third)) return { name: 'memberAction', id: idOf(second), action: third, search };
  }
  if (area === 'dossiers' || area === 'operators') {
    const single = area === 'dossiers' ? 'dossier' : 'operator';
    if (second === 'new' && third === undefined) return { name: area === 'dossiers' ? 'dossierNew' : 'operatorNew', search };
    if (third === undefined) return { name: single, id: idOf(second), search };
    if (/^[a-z][a-z-]{0,30}$/.test(third)) return { name: `${single}Action`, id: idOf(second), action: third, search };
  }
  return { name: 'unknown' };
}

/** The current route; re-renders on navigation (links, Back, `navigate`). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return parseRoute(hash);
}

/** Goes to `hash` (`#/…`). `replace` rewrites the current history entry (filters, sort). */
export function navigate(hash: string, options: { replace?: boolean; fromList?: boolean } = {}): void {
  if (hash === window.location.hash) return;
  const url = window.location.pathname + window.location.search + hash;
  if (options.replace) window.history.replaceState(window.history.state, '', url);
  else window.history.pushState(options.fromList ? { fromList: true } : null, '', url);
  notify();
}

/** True when the current entry was opened from the Dossiers list (Back returns to it). */
export function openedFromList(): boolean {
  const state: unknown = window.history.state;
  return typeof state === 'object' && state !== null && (state as { fromList?: unknown }).fromList === true;
}

export const dossierHash = (id: number, section?: string): string =>
  `#/dossiers/${id}${section ? `?section=${encodeURIComponent(section)}` : ''}`;
export const operatorHash = (id: number): string => `#/operators/${id}`;
export const memberHash = (id: number): string => `#/members/${id}`;
