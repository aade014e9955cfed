/**
 * The Dossiers table: server-side sorting, filtering and paging, row virtualisation.
 *
 * How rows arrive: the virtualizer decides which rows are on screen (plus overscan); the page
 * store loads the 200-row pages covering them (`dossiers.list` with offset/limit) and caches
 * them. TanStack Table receives only the loaded pages of the visible window, in server order
 * (manual sorting), and renders their cells; rows of a page still loading show a placeholder.
 */
import { functionalUpdate, useTable, type SortingState, type Updater } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { DossierRow, DossierSortColumn } from '../../../shared/contract';
import { DOSSIER_KINDS, DOSSIER_STATUSES, SCHEMES, type DossierKind, type DossierStatus } from '../../../shared/domain';
import { dossierHash, navigate } from '../app/router';
import { FilterMenu } from '../components/FilterMenu';
import { errorMessage, useI18n } from '../i18n';
import { formatNumber } from '../i18n/format';
import { buildColumns, features } from './columns';
import { hasFilters, listHash, parseListState, recallList, rememberList, setLastListHash, toQuery, type ListState } from './listState';
import { dossierPages, PAGE_SIZE } from './pageStore';

export const ROW_HEIGHT = 40;
const SEARCH_DEBOUNCE_MS = 200;
const EMPTY_ROWS: DossierRow[] = [];

export function DossiersPage({ search }: { search: string }) {
  const { t } = useI18n();
  const state = useMemo(() => parseListState(search), [search]);
  const { query, key } = useMemo(() => toQuery(state), [state]);
  const hash = listHash(state);

  useEffect(() => {
    setLastListHash(hash);
  }, [hash]);

  const update = (next: Partial<ListState>) => navigate(listHash({ ...state, ...next }), { replace: true });

  // The search field: typed text reaches the address (and the query) 200 ms after the last key.
  const [draft, setDraft] = useState(state.text);
  useEffect(() => {
    if (draft === state.text) return;
    const timer = setTimeout(() => navigate(listHash({ ...state, text: draft }), { replace: true }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, state]);

  const clearFilters = () => {
    setDraft('');
    navigate(listHash({ ...state, text: '', schemes: [], kinds: [], statuses: [] }), { replace: true });
  };

  // Until the store has switched to this query, the previous rows and count stay shown.
  const snapshot = useSyncExternalStore(dossierPages.subscribe, dossierPages.getSnapshot);
  const total = snapshot.total;

  // Coming back to the list: what is cached is shown at once, and reloaded in the background.
  useEffect(() => {
    dossierPages.revalidate();
  }, []);

  useEffect(() => {
    dossierPages.setQuery(query, key);
  }, [query, key]);

  const filtered = hasFilters(state);
  const gridRef = useRef<HTMLDivElement>(null);

  return (
    <section className="page page-dossiers" aria-labelledby="dossiers-title">
      <header className="page-header">
        <h1 id="dossiers-title">{t.dossiers.title}</h1>
        <p className="result-count" aria-live="polite" data-testid="result-count">
          {total === null ? t.dossiers.countLoading : t.dossiers.count(formatNumber(total, t.locale.intl), total)}
        </p>
        <p className="page-hint" aria-hidden="true">
          {t.dossiers.keyboardHint}
        </p>
      </header>

      <div className="toolbar" role="search">
        <label className="search-field">
          <span className="visually-hidden">{t.dossiers.searchLabel}</span>
          <span className="search-icon" aria-hidden="true" />
          <input
            type="search"
            value={draft}
            maxLength={200}
            placeholder={t.dossiers.searchPlaceholder}
            aria-label={t.dossiers.searchLabel}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown') {
                event.preventDefault();
                gridRef.current?.focus();
              }
            }}
          />
        </label>

        <div className="chip-group" role="group" aria-label={t.dossiers.schemeFilter}>
          <span className="chip-group-label" aria-hidden="true">
            {t.dossiers.schemeFilter}
          </span>
          {SCHEMES.map((scheme) => {
            const pressed = state.schemes.includes(scheme);
            return (
              <button
                key={scheme}
                type="button"
                className="chip"
                aria-pressed={pressed}
                title={t.enums.scheme[scheme]}
                onClick={() =>
                  update({ schemes: pressed ? state.schemes.filter((s) => s !== scheme) : SCHEMES.filter((s) => s === scheme || state.schemes.includes(s)) })
                }
              >
                {scheme}
              </button>
            );
          })}
        </div>

        <FilterMenu<DossierKind>
          label={t.dossiers.kindFilter}
          options={DOSSIER_KINDS}
          selected={state.kinds}
          labelOf={(kind) => t.enums.kind[kind]}
          allLabel={t.dossiers.allValues}
          selectedLabel={t.dossiers.selectedCount}
          onChange={(kinds) => update({ kinds })}
        />
        <FilterMenu<DossierStatus>
          label={t.dossiers.statusFilter}
          options={DOSSIER_STATUSES}
          selected={state.statuses}
          labelOf={(status) => t.enums.status[status]}
          allLabel={t.dossiers.allValues}
          selectedLabel={t.dossiers.selectedCount}
          onChange={(statuses) => update({ statuses })}
        />

        {filtered && (
          <button type="button" className="link-button" onClick={clearFilters}>
            {t.dossiers.clearFilters}
          </button>
        )}
      </div>

      <DossiersGrid
        gridRef={gridRef}
        listKey={key}
        hash={hash}
        state={state}
        onSort={(sort) => update({ sort })}
        onClearFilters={clearFilters}
        filtered={filtered}
      />
    </section>
  );
}

interface GridProps {
  gridRef: React.RefObject<HTMLDivElement | null>;
  listKey: string;
  hash: string;
  state: ListState;
  filtered: boolean;
  onSort: (sort: ListState['sort']) => void;
  onClearFilters: () => void;
}

function DossiersGrid({ gridRef, listKey, hash, state, filtered, onSort, onClearFilters }: GridProps) {
  const { t } = useI18n();
  const columns = useMemo(() => buildColumns(t), [t]);
  const snapshot = useSyncExternalStore(dossierPages.subscribe, dossierPages.getSnapshot);
  /** Rows of the previous query, shown dimmed while this one loads. */
  const stale = snapshot.key !== listKey || snapshot.stale;
  const total = snapshot.total ?? 0;
  const rowIdPrefix = useId();

  // Where the list was when the user opened a dossier (same query only).
  const [memory] = useState(() => recallList(listKey));
  const [selection, setSelection] = useState<{ key: string; index: number }>(() => ({
    key: listKey,
    index: memory?.selectedIndex ?? -1,
  }));
  const selectedIndex = selection.key === listKey && selection.index < total ? selection.index : -1;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; this component does not memoise around it.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: ROW_HEIGHT, // room for the sticky header row inside the scroll area
    scrollPaddingStart: ROW_HEIGHT,
    initialOffset: memory?.scrollOffset ?? 0,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;
  const firstPage = Math.floor(firstIndex / PAGE_SIZE);
  const lastPage = Math.floor(lastIndex / PAGE_SIZE);

  // Ask for the pages on screen; called again whenever the window or the cache changes.
  useEffect(() => {
    dossierPages.ensure(listKey, firstIndex, lastIndex);
  }, [listKey, firstIndex, lastIndex, snapshot]);

  // Back from a dossier: the same scroll position, the focus in the table.
  useLayoutEffect(() => {
    if (!memory) return;
    const grid = gridRef.current;
    if (!grid) return;
    grid.scrollTop = memory.scrollOffset;
    grid.focus({ preventScroll: true });
  }, [memory, gridRef]);

  // Another query: back to the top.
  const previousKey = useRef(listKey);
  useEffect(() => {
    if (previousKey.current === listKey) return;
    previousKey.current = listKey;
    virtualizer.scrollToOffset(0);
  }, [listKey, virtualizer]);

  // The table gets the loaded pages of the visible window only, in server order.
  const pages = snapshot.pages;
  const windowData = useMemo(() => {
    const rows: DossierRow[] = [];
    const pageStart = new Map<number, number>();
    for (let page = firstPage; page <= lastPage; page += 1) {
      const loaded = pages.get(page);
      if (!loaded) continue;
      pageStart.set(page, rows.length);
      rows.push(...loaded);
    }
    return { rows: rows.length > 0 ? rows : EMPTY_ROWS, pageStart };
  }, [pages, firstPage, lastPage]);

  const sorting = useMemo<SortingState>(
    () => [{ id: state.sort.column, desc: state.sort.direction === 'desc' }],
    [state.sort.column, state.sort.direction],
  );

  const table = useTable({
    features,
    columns,
    data: windowData.rows,
    getRowId: (row) => String(row.id),
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, sorting)[0];
      if (next) onSort({ column: next.id as DossierSortColumn, direction: next.desc ? 'desc' : 'asc' });
    },
  });
  const tableRows = table.getRowModel().rows;
  const rowAt = (index: number) => {
    const start = windowData.pageStart.get(Math.floor(index / PAGE_SIZE));
    return start === undefined ? undefined : tableRows[start + (index % PAGE_SIZE)];
  };

  const gridTemplate = table
    .getAllLeafColumns()
    .map((column) => column.columnDef.meta?.width ?? '1fr')
    .join(' ');

  const open = (index: number) => {
    const row = rowAt(index);
    if (!row) return;
    rememberList({ key: listKey, scrollOffset: gridRef.current?.scrollTop ?? 0, selectedIndex: index }, hash);
    navigate(dossierHash(row.original.id), { fromList: true });
  };

  const select = (index: number) => {
    const clamped = Math.max(0, Math.min(total - 1, index));
    setSelection({ key: listKey, index: clamped });
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };

  /** The first row fully below the sticky header. */
  const firstVisibleIndex = () => Math.min(total - 1, Math.max(0, Math.ceil((gridRef.current?.scrollTop ?? 0) / ROW_HEIGHT)));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || total === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    const pageRows = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 2);
    const from = selectedIndex >= 0 ? selectedIndex : firstVisibleIndex() - 1;
    const moves: Record<string, number> = {
      ArrowDown: from + 1,
      j: from + 1,
      ArrowUp: selectedIndex >= 0 ? from - 1 : firstVisibleIndex(),
      k: selectedIndex >= 0 ? from - 1 : firstVisibleIndex(),
      PageDown: from + pageRows,
      PageUp: from - pageRows,
      Home: 0,
      End: total - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      select(target);
    } else if (event.key === 'Enter' && selectedIndex >= 0) {
      event.preventDefault();
      open(selectedIndex);
    }
  };

  const headerGroup = table.getHeaderGroups()[0];
  const loadingFirst = snapshot.total === null;
  const error = snapshot.key === listKey ? snapshot.error : null;

  return (
    <div className="grid-frame">
      <div
        ref={gridRef}
        className={`grid${stale ? ' is-stale' : ''}`}
        role="grid"
        aria-label={t.dossiers.tableLabel}
        aria-rowcount={total + 1}
        aria-colcount={columns.length}
        aria-busy={loadingFirst || stale}
        aria-activedescendant={selectedIndex >= 0 ? `${rowIdPrefix}-${selectedIndex}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          if (event.target === event.currentTarget && selectedIndex < 0 && total > 0) {
            setSelection({ key: listKey, index: firstVisibleIndex() });
          }
        }}
        style={{ ['--grid-template' as string]: gridTemplate }}
      >
        <div className="grid-head" role="rowgroup">
          <div className="grid-row grid-header-row" role="row" aria-rowindex={1}>
            {headerGroup?.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              const label = String(header.column.columnDef.header ?? '');
              return (
                <div
                  key={header.id}
                  role="columnheader"
                  className={`grid-cell grid-header-cell ${header.column.columnDef.meta?.className ?? ''}`}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                >
                  <button
                    type="button"
                    className="sort-button"
                    title={t.dossiers.sortBy(label)}
                    onClick={header.column.getToggleSortingHandler()}
                  >
                    <span className="sort-label">
                      <table.FlexRender header={header} />
                    </span>
                    <span className={`sort-indicator${sorted ? ` is-${sorted}` : ''}`} aria-hidden="true" />
                  </button>
                </div>
              );
            })}
          </div>
        </div>

        <div className="grid-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() - ROW_HEIGHT }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            const selected = item.index === selectedIndex;
            return (
              <div
                key={item.key}
                id={`${rowIdPrefix}-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                className={`grid-row grid-body-row${selected ? ' is-selected' : ''}${row ? '' : ' is-loading'}${item.index % 2 === 1 ? ' is-odd' : ''}`}
                style={{ transform: `translateY(${item.start - ROW_HEIGHT}px)` }}
                data-dossier-id={row?.original.id}
                onClick={() => {
                  setSelection({ key: listKey, index: item.index });
                  open(item.index);
                }}
              >
                {row ? (
                  row.getAllCells().map((cell) => (
                    <div key={cell.id} role="gridcell" className={`grid-cell ${cell.column.columnDef.meta?.className ?? ''}`}>
                      <table.FlexRender cell={cell} />
                    </div>
                  ))
                ) : (
                  <div role="gridcell" className="grid-cell grid-cell-placeholder" aria-colspan={columns.length}>
                    <span className="placeholder-bar" />
                    <span className="visually-hidden">{t.dossiers.rowLoading}</span>
                  </div>
                )}
              </div>
            );
          })}
        </div>

        {loadingFirst && !error && (
          <div className="grid-message" role="status">
            <span className="spinner" aria-hidden="true" /> {t.dossiers.loading}
          </div>
        )}
        {!loadingFirst && !stale && total === 0 && (
          <div className="grid-message grid-empty" role="status">
            <p>{filtered ? t.dossiers.emptyFiltered : t.dossiers.empty}</p>
            {filtered && (
              <button type="button" className="button button-secondary" onClick={onClearFilters}>
                {t.dossiers.clearFilters}
              </button>
            )}
          </div>
        )}
        {error !== null && (
          <div className="grid-message grid-error" role="alert">
            <p>{errorMessage(error, t)}</p>
            <button type="button" className="button button-secondary" onClick={() => dossierPages.retry()}>
              {t.app.retry}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
