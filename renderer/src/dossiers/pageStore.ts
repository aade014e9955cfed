/**
 * Server-side pages of the Dossiers table. The table asks for the range of rows the virtualizer
 * shows (`ensure`); the store loads the missing 200-row pages, caches them (a bounded number,
 * the farthest evicted first), and drops answers that belong to an older query (generation).
 * One store for the app's lifetime, so returning from a dossier finds the list as it was.
 *
 * The backend counts (and groups) on the first page only: the store loads page 0 of a query (or
 * of a revalidation) before any other, and keeps its total and groups while the user scrolls.
 */
import type { DossierGroup, DossierListInput, DossierRow } from '../../../shared/contract';
import { call } from '../api/client';

export const PAGE_SIZE = 200;
const MAX_CACHED_PAGES = 40;

export interface PagesSnapshot {
  /** The query these pages answer (`toQuery(...).key`); `''` before the first query. */
  key: string;
  /** Rows matching the query; null until the first page arrives. */
  total: number | null;
  /** The groups with their counts when the list is grouped, else null. */
  groups: readonly DossierGroup[] | null;
  pages: ReadonlyMap<number, readonly DossierRow[]>;
  /** The last failure, until the next successful page. */
  error: unknown;
  /**
   * True while `total` and `pages` still belong to the previous query: they stay on screen
   * (dimmed) until the new query's first page replaces them all at once, so nothing flashes.
   */
  stale: boolean;
}

type Query = Pick<DossierListInput, 'sort' | 'filters' | 'groupBy'>;

export class DossierPageStore {
  private query: Query | null = null;
  private generation = 0;
  private pages = new Map<number, readonly DossierRow[]>();
  /** Pages loaded for the current generation (others are shown until reloaded). */
  private fresh = new Set<number>();
  private pending = new Set<number>();
  private total: number | null = null;
  private groups: readonly DossierGroup[] | null = null;
  private listeners = new Set<() => void>();
  private snapshot: PagesSnapshot = { key: '', total: null, groups: null, pages: new Map(), error: null, stale: false };
  private lastCenter = 0;
  private stale = false;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PagesSnapshot => this.snapshot;

  /**
   * Switches to another query. The previous query's rows stay visible (stale) until the first
   * page of the new one arrives; then they are all dropped.
   */
  setQuery(query: Query, key: string): void {
    if (key === this.snapshot.key) return;
    this.query = query;
    this.generation += 1;
    this.fresh.clear();
    this.pending.clear();
    this.stale = this.total !== null;
    this.emit(key, null);
  }

  /** Keeps what is shown but reloads pages as they are needed (data may have changed). */
  revalidate(): void {
    if (!this.query) return;
    this.generation += 1;
    this.fresh.clear();
    this.pending.clear();
    this.emit(this.snapshot.key, null);
  }

  /** Forgets everything (another workspace was opened). */
  clear(): void {
    this.query = null;
    this.generation += 1;
    this.pages = new Map();
    this.fresh.clear();
    this.pending.clear();
    this.total = null;
    this.groups = null;
    this.stale = false;
    this.emit('', null);
  }

  /** Loads the pages covering rows `first..last` (inclusive) of the query `key`. */
  ensure(key: string, first: number, last: number): void {
    if (key !== this.snapshot.key || !this.query) return;
    // The first page carries the count: it comes first, the others once it has arrived.
    if (!this.fresh.has(0)) {
      if (!this.pending.has(0)) this.load(0);
      return;
    }
    const firstPage = Math.max(0, Math.floor(first / PAGE_SIZE));
    let lastPage = Math.max(firstPage, Math.floor(last / PAGE_SIZE));
    if (this.total !== null && !this.stale) lastPage = Math.min(lastPage, Math.max(0, Math.ceil(this.total / PAGE_SIZE) - 1));
    this.lastCenter = (firstPage + lastPage) / 2;
    for (let page = firstPage; page <= lastPage; page += 1) {
      if (!this.fresh.has(page) && !this.pending.has(page)) this.load(page);
    }
  }

  private load(page: number): void {
    const query = this.query;
    if (!query) return;
    const generation = this.generation;
    const key = this.snapshot.key;
    this.pending.add(page);
    call('dossiers.list', { ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
      (result) => {
        if (generation !== this.generation) return; // an answer to an older query or an older revalidation
        this.pending.delete(page);
        this.fresh.add(page);
        if (result.total !== null) {
          this.total = result.total;
          this.groups = result.groups ?? null;
        }
        // The first answer to a new query replaces every row of the previous one.
        const pages = this.stale ? new Map<number, readonly DossierRow[]>() : new Map(this.pages);
        this.stale = false;
        pages.set(page, result.rows);
        this.pages = pages;
        this.evict();
        this.emit(key, null);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.pending.delete(page);
        if (this.stale) {
          // Do not leave the previous query's rows on screen under an error.
          this.pages = new Map();
          this.total = null;
          this.groups = null;
          this.stale = false;
        }
        this.emit(key, error);
      },
    );
  }

  /** Retries after a failure: the next `ensure` reloads what is missing. */
  retry(): void {
    this.pending.clear();
    this.emit(this.snapshot.key, null);
  }

  private evict(): void {
    if (this.pages.size <= MAX_CACHED_PAGES) return;
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(b - this.lastCenter) - Math.abs(a - this.lastCenter));
    // Page 0 stays: it holds the count the other pages rely on.
    for (const page of byDistance.filter((p) => p !== 0).slice(0, this.pages.size - MAX_CACHED_PAGES)) {
      this.pages.delete(page);
      this.fresh.delete(page);
    }
  }

  private emit(key: string, error: unknown): void {
    this.snapshot = { key, total: this.total, groups: this.groups, pages: this.pages, error, stale: this.stale };
    for (const listener of this.listeners) listener();
  }
}

export const dossierPages = new DossierPageStore();
