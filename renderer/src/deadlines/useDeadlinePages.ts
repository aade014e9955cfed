/**
 * Server pages of the Échéances list: the first page (which carries the count) is loaded for each
 * new filter; the others as the virtualised list scrolls to them (`ensure`). An answer to an older
 * filter is dropped. Until the new filter's first page arrives, the previous rows stay (dimmed).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeadlineListInput, DeadlineRow } from '../../../shared/contract';
import { call } from '../api/client';

export const PAGE_SIZE = 200;

export interface DeadlinePages {
  /** The filter these pages answer. */
  key: string;
  today: string | null;
  /** Null until the first page of `key` arrives. */
  total: number | null;
  overdue: number | null;
  pages: ReadonlyMap<number, readonly DeadlineRow[]>;
  /** The rows shown still belong to the previous filter. */
  stale: boolean;
  error: unknown;
}

const EMPTY: DeadlinePages = { key: '', today: null, total: null, overdue: null, pages: new Map(), stale: false, error: null };

export function useDeadlinePages(filters: DeadlineListInput['filters'], key: string) {
  const [snapshot, setSnapshot] = useState<DeadlinePages>(EMPTY);
  const generation = useRef(0);
  const requested = useRef(new Set<number>());
  const filtersRef = useRef(filters);

  const load = useCallback((page: number, forKey: string) => {
    const ticket = generation.current;
    requested.current.add(page);
    call('deadlines.list', { filters: filtersRef.current, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
      (answer) => {
        if (ticket !== generation.current) return;
        setSnapshot((previous) => {
          // The first answer to a new filter replaces every row of the previous one.
          const pages = new Map(previous.key === forKey ? previous.pages : []);
          pages.set(page, answer.rows);
          return {
            key: forKey,
            today: answer.today,
            total: answer.total ?? previous.total,
            overdue: answer.overdue ?? previous.overdue,
            pages,
            stale: false,
            error: null,
          };
        });
      },
      (error: unknown) => {
        if (ticket !== generation.current) return;
        requested.current.delete(page);
        // Never leave the previous filter's rows on screen under an error.
        setSnapshot((previous) => (previous.key === forKey ? { ...previous, error } : { ...EMPTY, key: forKey, error }));
      },
    );
  }, []);

  // A new filter (or a retry): start again from its first page.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    filtersRef.current = filters;
    generation.current += 1;
    requested.current = new Set();
    load(0, key);
    // `filters` changes with `key` (its serialisation).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt, load]);

  const current = snapshot.key === key;
  const view: DeadlinePages = { ...snapshot, stale: !current, error: current ? snapshot.error : null };

  /** Loads the pages holding rows `first..last` once the count is known. */
  const ensure = useCallback(
    (first: number, last: number) => {
      if (snapshot.key !== key || snapshot.total === null) return;
      const lastPage = Math.min(Math.floor(last / PAGE_SIZE), Math.max(0, Math.ceil(snapshot.total / PAGE_SIZE) - 1));
      for (let page = Math.max(0, Math.floor(first / PAGE_SIZE)); page <= lastPage; page += 1) {
        if (!requested.current.has(page)) load(page, key);
      }
    },
    [snapshot, key, load],
  );

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const rowAt = (index: number): DeadlineRow | undefined => snapshot.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];

  return { snapshot: view, ensure, retry, rowAt };
}
