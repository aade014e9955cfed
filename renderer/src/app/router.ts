/**
 * Hash routing: the address says which screen is shown and, for the Dossiers table, its sort and
 * filters, so Back and reloads restore them. Routes:
 *   #/dossiers?q=…&scheme=EI,IES&kind=…&status=…&sort=receivedOn&dir=desc
 *   #/dossiers/123
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'dossiers'; search: string }
  | { name: 'dossier'; id: number | null }
  | { name: 'unknown' };

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
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'dossiers')) return { name: 'dossiers', search };
  if (parts.length === 2 && parts[0] === 'dossiers') {
    const id = /^\d{1,12}$/.test(parts[1] ?? '') ? Number(parts[1]) : null;
    return { name: 'dossier', id: id !== null && id > 0 ? id : null };
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

export const dossierHash = (id: number): string => `#/dossiers/${id}`;
