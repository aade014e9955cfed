/**
 * The Dossiers table: server-side sorting, filtering, grouping and paging, row virtualisation,
 * columns shown, ordered and resized by the user, saved views.
 *
 * How rows arrive: the virtualizer decides which display positions are on screen (plus
 * overscan); grouping.ts maps them to rows of the server's list (a group header row precedes each
 * group); the page store loads the 200-row pages covering them (`dossiers.list` with
 * offset/limit) and caches them. TanStack Table receives only the loaded pages of the visible
 * window, in server order (manual sorting), and renders their cells; rows of a page still loading
 * show a placeholder.
 */
import {
  functionalUpdate,
  useTable,
  type ColumnOrderState,
  type ColumnSizingState,
  type ColumnVisibilityState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type PointerEvent } from 'react';
import {
  COMPLIANCE_FILTERS,
  DOSSIER_COLUMNS,
  DOSSIER_GROUPINGS,
  MAX_COLUMN_WIDTH,
  MIN_COLUMN_WIDTH,
  type ComplianceFilter,
  type DossierColumn,
  type DossierGrouping,
  type DossierRow,
  type DossierSortColumn,
  type SavedView,
  type ViewState,
} from '../../../shared/contract';
import { DOSSIER_KINDS, DOSSIER_STATUSES, type DossierKind, type DossierStatus } from '../../../shared/domain';
import { dossierHash, navigate } from '../app/router';
import { useComplianceMessages } from '../compliance/messages';
import { FilterMenu } from '../components/FilterMenu';
import { listMoveTarget } from '../components/listKeys';
import { SchemeChips } from '../components/SchemeChips';
import { errorMessage, useI18n } from '../i18n';
import { formatDate, formatNumber } from '../i18n/format';
import { ColumnsMenu } from './ColumnsMenu';
import { columnLayout, type ColumnLayout } from './columnLayout';
import { buildColumns, features } from './columns';
import { layoutGroups } from './grouping';
import { useTableMessages, type TableMessages } from './tableMessages';
import { ViewsMenu } from './ViewsMenu';
import './table.css';
import { hasFilters, listHash, parseListState, recallList, rememberList, setLastListHash, toQuery, type ListState } from './listState';
import { dossierPages, PAGE_SIZE } from './pageStore';

export const ROW_HEIGHT = 40;
const RESIZE_STEP = 16;
const SEARCH_DEBOUNCE_MS = 200;
const EMPTY_ROWS: DossierRow[] = [];
const EMPTY_SET: ReadonlySet<string> = new Set();

/** The title of a group header: the scheme, the status, or the session with its date. */
function groupLabel(
  group: { key: string | null; sessionNumber: number | null; sessionDate: string | null },
  groupBy: DossierGrouping | null,
  t: ReturnType<typeof useI18n>['t'],
  m: TableMessages,
): string {
  if (groupBy === 'scheme' && group.key) return `${group.key} — ${t.enums.scheme[group.key as keyof typeof t.enums.scheme]}`;
  if (groupBy === 'status' && group.key) return t.enums.status[group.key as keyof typeof t.enums.status];
  if (groupBy === 'session') {
    return group.sessionNumber !== null && group.sessionDate ? m.groupSession(formatNumber(group.sessionNumber, t.locale.intl), formatDate(group.sessionDate)) : m.groupNoSession;
  }
  return group.key ?? '—';
}

/** The table's whole state as a saved view holds it. */
function viewStateOf(state: ListState, layout: ColumnLayout): ViewState {
  return {
    columns: layout,
    filters: {
      text: state.text.trim(),
      schemes: state.schemes,
      kinds: state.kinds,
      statuses: state.statuses,
      // Left out when empty: the same state as a view saved before the compliance filter existed.
      ...(state.compliance.length > 0 ? { compliance: state.compliance } : {}),
    },
    sort: state.sort,
    groupBy: state.groupBy,
  };
}

export function DossiersPage({ search }: { search: string }) {
  const { t } = useI18n();
  const m = useTableMessages();
  const cm = useComplianceMessages();
  const state = useMemo(() => parseListState(search), [search]);
  const layout = useSyncExternalStore(columnLayout.subscribe, columnLayout.get);
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
    navigate(listHash({ ...state, text: '', schemes: [], kinds: [], statuses: [], compliance: [] }), { replace: true });
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

  const applyView = (view: SavedView) => {
    const { filters, sort, groupBy, columns } = view.state;
    columnLayout.set(columns);
    setDraft(filters.text);
    navigate(listHash({ ...filters, compliance: filters.compliance ?? [], sort, groupBy }), { replace: true });
  };

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
            placeholder={m.searchPlaceholder}
            title={m.searchTitle}
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

        <SchemeChips label={t.dossiers.schemeFilter} selected={state.schemes} onChange={(schemes) => update({ schemes })} />

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
        <FilterMenu<ComplianceFilter>
          label={cm.filter}
          options={COMPLIANCE_FILTERS}
          selected={state.compliance}
          labelOf={(value) => cm.filterOption[value]}
          allLabel={cm.filterAll}
          selectedLabel={cm.filterSelected}
          onChange={(compliance) => update({ compliance })}
        />

        {filtered && (
          <button type="button" className="link-button" onClick={clearFilters}>
            {t.dossiers.clearFilters}
          </button>
        )}

        <div className="toolbar-end">
          <label className="group-select filter-button">
            <span className="filter-button-label">{m.groupLabel}</span>
            <select
              value={state.groupBy ?? ''}
              onChange={(event) => update({ groupBy: (DOSSIER_GROUPINGS as readonly string[]).includes(event.target.value) ? (event.target.value as DossierGrouping) : null })}
            >
              <option value="">{m.groupNone}</option>
              {DOSSIER_GROUPINGS.map((grouping) => (
                <option key={grouping} value={grouping}>
                  {m.groupBy[grouping]}
                </option>
              ))}
            </select>
          </label>
          <ColumnsMenu layout={layout} onChange={(next) => columnLayout.set(next)} />
          <ViewsMenu current={viewStateOf({ ...state, text: draft }, layout)} onApply={applyView} />
        </div>
      </div>

      <DossiersGrid
        layout={layout}
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
  layout: ColumnLayout;
  gridRef: React.RefObject<HTMLDivElement | null>;
  listKey: string;
  hash: string;
  state: ListState;
  filtered: boolean;
  onSort: (sort: ListState['sort']) => void;
  onClearFilters: () => void;
}

function DossiersGrid({ layout, gridRef, listKey, hash, state, filtered, onSort, onClearFilters }: GridProps) {
  const { t } = useI18n();
  const m = useTableMessages();
  const columns = useMemo(() => buildColumns(t), [t]);
  const snapshot = useSyncExternalStore(dossierPages.subscribe, dossierPages.getSnapshot);
  /** Rows of the previous query, shown dimmed while this one loads. */
  const stale = snapshot.key !== listKey || snapshot.stale;
  const total = snapshot.total ?? 0;
  const rowIdPrefix = useId();

  // Collapsed groups, for this query only.
  const [collapsed, setCollapsed] = useState<{ key: string; ids: ReadonlySet<string> }>({ key: listKey, ids: new Set() });
  const collapsedIds = collapsed.key === listKey ? collapsed.ids : EMPTY_SET;
  const groups = state.groupBy && snapshot.key === listKey ? snapshot.groups : state.groupBy ? snapshot.groups : null;
  const display = useMemo(() => layoutGroups(groups, total, collapsedIds), [groups, total, collapsedIds]);
  const count = display.count;
  const toggleGroup = (id: string, open?: boolean) => {
    const next = new Set(collapsedIds);
    const isOpen = !next.has(id);
    if (open ?? !isOpen) next.delete(id);
    else next.add(id);
    setCollapsed({ key: listKey, ids: next });
  };

  // Where the list was when the user opened a dossier (same query only).
  const [memory] = useState(() => recallList(listKey));
  const [selection, setSelection] = useState<{ key: string; index: number }>(() => ({
    key: listKey,
    index: memory?.selectedIndex ?? -1,
  }));
  const selectedIndex = selection.key === listKey && selection.index < count ? selection.index : -1;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; this component does not memoise around it.
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: ROW_HEIGHT, // room for the sticky header row inside the scroll area
    scrollPaddingStart: ROW_HEIGHT,
    initialOffset: memory?.scrollOffset ?? 0,
  });
  const items = virtualizer.getVirtualItems();
  // The rows of the server's list behind the display positions on screen.
  const rowIndexes = items.map((item) => display.itemAt(item.index)).flatMap((entry) => (entry?.type === 'row' ? [entry.index] : []));
  const firstIndex = rowIndexes[0] ?? 0;
  const lastIndex = rowIndexes[rowIndexes.length - 1] ?? 0;
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

  // Column layout as TanStack states: visibility, order and the widths set by the user.
  const columnVisibility = useMemo<ColumnVisibilityState>(() => Object.fromEntries(layout.hidden.map((column) => [column, false])), [layout.hidden]);
  const columnOrder = layout.order as ColumnOrderState;
  const columnSizing = layout.widths as ColumnSizingState;
  const setLayout = (next: Partial<ColumnLayout>) => columnLayout.set({ ...columnLayout.get(), ...next });

  const table = useTable({
    features,
    columns,
    data: windowData.rows,
    getRowId: (row) => String(row.id),
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting, columnVisibility, columnOrder, columnSizing },
    onColumnVisibilityChange: (updater: Updater<ColumnVisibilityState>) => {
      const next = functionalUpdate(updater, columnVisibility);
      setLayout({ hidden: DOSSIER_COLUMNS.filter((column) => next[column] === false) });
    },
    onColumnOrderChange: (updater: Updater<ColumnOrderState>) => setLayout({ order: functionalUpdate(updater, columnOrder) as DossierColumn[] }),
    onColumnSizingChange: (updater: Updater<ColumnSizingState>) => setLayout({ widths: functionalUpdate(updater, columnSizing) }),
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

  const headerGroup = table.getHeaderGroups()[0];
  const visibleColumns = headerGroup?.headers.length ?? columns.length;
  const gridTemplate = (headerGroup?.headers ?? [])
    .map((header) => (columnSizing[header.column.id] !== undefined ? `${header.column.getSize()}px` : (header.column.columnDef.meta?.width ?? '1fr')))
    .join(' ');

  /** Sets a column's width (TanStack's column sizing state), from a drag or the arrow keys. */
  const resize = (columnId: string, width: number) =>
    table.setColumnSizing((old) => ({ ...old, [columnId]: Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width))) }));
  const startResize = (event: PointerEvent<HTMLSpanElement>, columnId: string) => {
    event.preventDefault();
    event.stopPropagation();
    const handle = event.currentTarget;
    const cell = handle.parentElement;
    if (!cell) return;
    const startX = event.clientX;
    const startWidth = cell.getBoundingClientRect().width;
    handle.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent) => resize(columnId, startWidth + e.clientX - startX);
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };

  const open = (position: number) => {
    const entry = display.itemAt(position);
    if (entry?.type === 'group') {
      const group = display.groups[entry.group];
      if (group) toggleGroup(group.id);
      return;
    }
    const row = entry ? rowAt(entry.index) : undefined;
    if (!row) return;
    const index = position;
    rememberList({ key: listKey, scrollOffset: gridRef.current?.scrollTop ?? 0, selectedIndex: index }, hash);
    navigate(dossierHash(row.original.id), { fromList: true });
  };

  const select = (index: number) => {
    const clamped = Math.max(0, Math.min(count - 1, index));
    setSelection({ key: listKey, index: clamped });
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };

  /** The first row fully below the sticky header. */
  const firstVisibleIndex = () => Math.min(count - 1, Math.max(0, Math.ceil((gridRef.current?.scrollTop ?? 0) / ROW_HEIGHT)));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || count === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    // On a group header: left folds the group, right unfolds it.
    const entry = selectedIndex >= 0 ? display.itemAt(selectedIndex) : undefined;
    const group = entry?.type === 'group' ? display.groups[entry.group] : undefined;
    if (group && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      toggleGroup(group.id, event.key === 'ArrowRight');
      return;
    }
    const pageRows = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 2);
    const target = listMoveTarget(event.key, { selected: selectedIndex, firstVisible: firstVisibleIndex(), pageRows, count });
    if (target !== undefined) {
      event.preventDefault();
      select(target);
    } else if (event.key === 'Enter' && selectedIndex >= 0) {
      event.preventDefault();
      open(selectedIndex);
    }
  };

  const loadingFirst = snapshot.total === null;
  const error = snapshot.key === listKey ? snapshot.error : null;

  return (
    <div className="grid-frame">
      <div
        ref={gridRef}
        className={`grid${stale ? ' is-stale' : ''}`}
        role="grid"
        aria-label={t.dossiers.tableLabel}
        aria-rowcount={count + 1}
        aria-colcount={visibleColumns}
        aria-busy={loadingFirst || stale}
        aria-activedescendant={selectedIndex >= 0 ? `${rowIdPrefix}-${selectedIndex}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          if (event.target === event.currentTarget && selectedIndex < 0 && count > 0) {
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
                  aria-sort={!header.column.getCanSort() ? undefined : sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                >
                  {header.column.getCanSort() ? (
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
                  ) : (
                    <span className="sort-button is-static">
                      <span className="sort-label">
                        <table.FlexRender header={header} />
                      </span>
                    </span>
                  )}
                  <span
                    className="resize-handle"
                    role="separator"
                    aria-orientation="vertical"
                    aria-label={m.resizeColumn(label)}
                    title={m.resizeColumn(label)}
                    aria-valuenow={Math.round(header.column.getSize())}
                    aria-valuemin={MIN_COLUMN_WIDTH}
                    aria-valuemax={MAX_COLUMN_WIDTH}
                    tabIndex={0}
                    data-column={header.column.id}
                    onPointerDown={(event) => startResize(event, header.column.id)}
                    onDoubleClick={() => table.setColumnSizing((old) => Object.fromEntries(Object.entries(old).filter(([id]) => id !== header.column.id)))}
                    onKeyDown={(event) => {
                      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
                      event.preventDefault();
                      const width = event.currentTarget.parentElement?.getBoundingClientRect().width ?? header.column.getSize();
                      resize(header.column.id, width + (event.key === 'ArrowRight' ? RESIZE_STEP : -RESIZE_STEP));
                    }}
                  />
                </div>
              );
            })}
          </div>
        </div>

        <div className="grid-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() - ROW_HEIGHT }}>
          {items.map((item) => {
            const entry = display.itemAt(item.index);
            const selected = item.index === selectedIndex;
            const style = { transform: `translateY(${item.start - ROW_HEIGHT}px)` };
            if (entry?.type === 'group') {
              const group = display.groups[entry.group];
              if (!group) return null;
              return (
                <div
                  key={item.key}
                  id={`${rowIdPrefix}-${item.index}`}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={selected}
                  aria-expanded={!group.collapsed}
                  className={`grid-row grid-group-row${selected ? ' is-selected' : ''}`}
                  style={style}
                  data-group={group.id}
                  onClick={() => {
                    setSelection({ key: listKey, index: item.index });
                    toggleGroup(group.id);
                  }}
                >
                  <div role="gridcell" className="grid-cell grid-group-cell" aria-colspan={visibleColumns}>
                    <span className={`group-caret${group.collapsed ? '' : ' is-open'}`} aria-hidden="true" />
                    <span className="group-label">{groupLabel(group.group, state.groupBy, t, m)}</span>
                    <span className="group-count">{m.groupCount(formatNumber(group.group.count, t.locale.intl), group.group.count)}</span>
                    <span className="visually-hidden">{group.collapsed ? m.expand : m.collapse}</span>
                  </div>
                </div>
              );
            }
            const row = entry ? rowAt(entry.index) : undefined;
            const odd = entry ? (entry.index - (display.groups[entry.group]?.firstRow ?? 0)) % 2 === 1 : false;
            return (
              <div
                key={item.key}
                id={`${rowIdPrefix}-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                className={`grid-row grid-body-row${selected ? ' is-selected' : ''}${row ? '' : ' is-loading'}${odd ? ' is-odd' : ''}`}
                style={style}
                data-dossier-id={row?.original.id}
                onClick={() => {
                  setSelection({ key: listKey, index: item.index });
                  open(item.index);
                }}
              >
                {row ? (
                  row.getVisibleCells().map((cell) => (
                    <div key={cell.id} role="gridcell" className={`grid-cell ${cell.column.columnDef.meta?.className ?? ''}`}>
                      <table.FlexRender cell={cell} />
                    </div>
                  ))
                ) : (
                  <div role="gridcell" className="grid-cell grid-cell-placeholder" aria-colspan={visibleColumns}>
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
