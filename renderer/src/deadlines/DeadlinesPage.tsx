/**
 * The Échéances screen: every overdue and upcoming deadline across all operators (reports due,
 * renewal windows, agréments expiring, follow-ups, appeal windows, opinions due), derived by the
 * backend from the facts, sorted by date. Filters by scheme, kind, state and horizon live in the
 * address; the list is virtualised over server pages; « Exporter en CSV » downloads the rows of
 * the current filters for Excel.
 *
 * Keyboard: the list is one tab stop (a grid); ↑ ↓ (or J K), Page up / down, Home / End move;
 * Enter opens the dossier (the operator when the deadline has none); O opens the operator.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { DEADLINE_STATES, type DeadlineRow, type DeadlineState } from '../../../shared/contract';
import { DEADLINE_KINDS, type DeadlineKind } from '../../../shared/domain';
import { call } from '../api/client';
import { dossierHash, navigate, operatorHash } from '../app/router';
import { FilterMenu } from '../components/FilterMenu';
import { listMoveTarget } from '../components/listKeys';
import { SchemeChips } from '../components/SchemeChips';
import { downloadBytes } from '../documents/bytes';
import { errorMessage, useI18n } from '../i18n';
import { formatDate, formatNumber } from '../i18n/format';
import { deadlinesHash, hasFilters, HORIZONS, parseDeadlinesState, rememberDeadlinesHash, toFilters, type DeadlinesState, type Horizon } from './deadlinesState';
import { useDeadlineMessages } from './messages';
import { useDeadlinePages } from './useDeadlinePages';
import './deadlines.css';

const ROW_HEIGHT = 40;
/**
 * Date, delay (« en retard de 833 jours »), type (« Ouverture du renouvellement »), operator, agrément
 * number (« IDESS/2019/002 »), dossier reference (« IDESS-2024-0020 »), detail: fixed tracks fit
 * their longest French text at 14 px; the operator and the detail share what is left.
 */
const GRID_TEMPLATE = '7.75rem 15.5rem 14.5rem minmax(14rem, 1.4fr) 10rem 11.5rem minmax(12rem, 1.2fr)';

type M = ReturnType<typeof useDeadlineMessages>;

/** « dans 12 jours », « en retard de 3 jours », « aujourd’hui ». */
export function relativeDays(daysLeft: number, m: M, intl: string): string {
  if (daysLeft === 0) return m.today;
  if (daysLeft === 1) return m.tomorrow;
  if (daysLeft > 0) return m.inDays(formatNumber(daysLeft, intl));
  return m.overdueBy(formatNumber(-daysLeft, intl), -daysLeft);
}

/** The kind as shown: « Rapport d’activités 2025 », « Fin de l’agrément »… */
export function kindLabel(row: Pick<DeadlineRow, 'kind' | 'reportYear'>, m: M): string {
  return row.kind === 'report_due' && row.reportYear !== null ? m.reportOf(m.kind.report_due, row.reportYear) : m.kind[row.kind];
}

/** Where a row leads: its dossier, else its operator. */
const targetOf = (row: DeadlineRow) => (row.dossierId !== null ? dossierHash(row.dossierId) : operatorHash(row.operatorId));

export function DeadlinesPage({ search }: { search: string }) {
  const { t } = useI18n();
  const m = useDeadlineMessages();
  const state = useMemo(() => parseDeadlinesState(search), [search]);
  const filters = useMemo(() => toFilters(state), [state]);
  const key = JSON.stringify(filters);
  const { snapshot, ensure, retry, rowAt } = useDeadlinePages(filters, key);
  const intl = t.locale.intl;
  const filtered = hasFilters(state);
  const hash = deadlinesHash(state);
  useEffect(() => rememberDeadlinesHash(hash), [hash]);

  const update = (next: Partial<DeadlinesState>) => navigate(deadlinesHash({ ...state, ...next }), { replace: true });
  const clearFilters = () => navigate('#/deadlines', { replace: true });

  // Export: the rows of the current filters, as the backend writes them (BOM, ;, dd/mm/yyyy).
  const [exporting, setExporting] = useState(false);
  const [exportMessage, setExportMessage] = useState<{ error: boolean; text: string } | null>(null);
  const exportCsv = async () => {
    setExporting(true);
    setExportMessage(null);
    try {
      const csv = await call('deadlines.exportCsv', { filters });
      downloadBytes(new TextEncoder().encode(csv.content), csv.filename, 'text/csv;charset=utf-8');
      setExportMessage({ error: false, text: m.exportDone(csv.rows, csv.filename) });
    } catch (error) {
      setExportMessage({ error: true, text: errorMessage(error, t) });
    } finally {
      setExporting(false);
    }
  };

  const n = (value: number) => formatNumber(value, intl);
  const counting = snapshot.total === null || snapshot.overdue === null;

  return (
    <section className="page page-deadlines" aria-labelledby="deadlines-title">
      <header className="page-header">
        <h1 id="deadlines-title">{m.title}</h1>
        <p className="result-count" aria-live="polite" data-testid="deadline-count">
          {!counting ? m.count(snapshot.total ?? 0, snapshot.overdue ?? 0, n) : snapshot.error === null ? m.countLoading : ''}
        </p>
        <div className="page-header-end">
          {!exportMessage && (
            <p className="page-hint" aria-hidden="true">
              {m.keyboardHint}
            </p>
          )}
          {exportMessage && (
            <p className={exportMessage.error ? 'export-message is-error' : 'export-message'} role={exportMessage.error ? 'alert' : 'status'}>
              {exportMessage.text}
            </p>
          )}
          <button type="button" className="button button-secondary" title={m.exportTitle} disabled={exporting} onClick={() => void exportCsv()}>
            <span className="download-icon" aria-hidden="true" />
            {exporting ? m.exporting : m.exportCsv}
          </button>
        </div>
      </header>

      <div className="toolbar" role="group" aria-label={t.dossiers.filtersLabel}>
        <SchemeChips label={m.schemeFilter} selected={state.schemes} onChange={(schemes) => update({ schemes })} />

        <FilterMenu<DeadlineKind>
          label={m.kindFilter}
          options={DEADLINE_KINDS}
          selected={state.kinds}
          labelOf={(kind) => m.kind[kind]}
          allLabel={m.allKinds}
          selectedLabel={m.selectedCount}
          onChange={(kinds) => update({ kinds })}
        />

        <div
          className="segmented"
          role="radiogroup"
          aria-label={m.stateFilter}
          onKeyDown={(event) => {
            // A radio group: the arrows move the choice (and the focus) to the previous or next state.
            const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
            if (step === 0) return;
            event.preventDefault();
            const next = DEADLINE_STATES[(DEADLINE_STATES.indexOf(state.state) + step + DEADLINE_STATES.length) % DEADLINE_STATES.length] ?? 'all';
            update({ state: next });
            event.currentTarget.querySelector<HTMLElement>(`[data-state="${next}"]`)?.focus();
          }}
        >
          {DEADLINE_STATES.map((value: DeadlineState) => (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={state.state === value}
              tabIndex={state.state === value ? 0 : -1}
              data-state={value}
              className={`segment${value === 'overdue' ? ' segment-overdue' : ''}`}
              onClick={() => update({ state: value })}
            >
              {m.states[value]}
            </button>
          ))}
        </div>

        <label className="group-select filter-button" title={m.horizonHelp}>
          <span className="filter-button-label">{m.horizonLabel}</span>
          <select value={state.horizon} onChange={(event) => update({ horizon: Number(event.target.value) as Horizon })}>
            {HORIZONS.map((days) => (
              <option key={days} value={days}>
                {m.horizon(days)}
              </option>
            ))}
          </select>
        </label>

        {filtered && (
          <button type="button" className="link-button" onClick={clearFilters}>
            {m.clearFilters}
          </button>
        )}
      </div>

      <DeadlinesGrid snapshot={snapshot} listKey={key} ensure={ensure} rowAt={rowAt} retry={retry} filtered={filtered} onClearFilters={clearFilters} />
    </section>
  );
}

interface GridProps {
  snapshot: ReturnType<typeof useDeadlinePages>['snapshot'];
  listKey: string;
  ensure: (first: number, last: number) => void;
  rowAt: (index: number) => DeadlineRow | undefined;
  retry: () => void;
  filtered: boolean;
  onClearFilters: () => void;
}

function DeadlinesGrid({ snapshot, listKey, ensure, rowAt, retry, filtered, onClearFilters }: GridProps) {
  const { t } = useI18n();
  const m = useDeadlineMessages();
  const intl = t.locale.intl;
  const gridRef = useRef<HTMLDivElement>(null);
  const rowIdPrefix = useId();
  const count = snapshot.total ?? 0;
  const stale = snapshot.stale || snapshot.key !== listKey;

  const [selection, setSelection] = useState<{ key: string; index: number }>({ key: listKey, index: -1 });
  const selectedIndex = selection.key === listKey && selection.index < count ? selection.index : -1;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design.
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: ROW_HEIGHT, // the sticky header row
    scrollPaddingStart: ROW_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => ensure(first, last), [ensure, first, last]);

  // Another filter: back to the top.
  const previousKey = useRef(listKey);
  useEffect(() => {
    if (previousKey.current === listKey) return;
    previousKey.current = listKey;
    virtualizer.scrollToOffset(0);
  }, [listKey, virtualizer]);

  const open = (index: number, target: 'row' | 'operator' = 'row') => {
    const row = rowAt(index);
    if (row) navigate(target === 'operator' ? operatorHash(row.operatorId) : targetOf(row));
  };

  const select = (index: number) => {
    const clamped = Math.max(0, Math.min(count - 1, index));
    setSelection({ key: listKey, index: clamped });
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };
  const firstVisible = () => Math.min(count - 1, Math.max(0, Math.ceil((gridRef.current?.scrollTop ?? 0) / ROW_HEIGHT)));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || count === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    const pageRows = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 2);
    const target = listMoveTarget(event.key, { selected: selectedIndex, firstVisible: firstVisible(), pageRows, count });
    if (target !== undefined) {
      event.preventDefault();
      select(target);
    } else if ((event.key === 'Enter' || event.key === 'o' || event.key === 'O') && selectedIndex >= 0) {
      event.preventDefault();
      open(selectedIndex, event.key === 'Enter' ? 'row' : 'operator');
    }
  };

  const c = m.columns;
  const headers = [c.dueOn, c.delay, c.kind, c.operator, c.agrement, c.dossier, c.detail];
  const loadingFirst = snapshot.total === null;
  const error = snapshot.error;

  return (
    <div className="grid-frame">
      <div
        ref={gridRef}
        className={`grid deadlines-grid${stale ? ' is-stale' : ''}`}
        role="grid"
        aria-label={m.tableLabel}
        aria-rowcount={count + 1}
        aria-colcount={headers.length}
        aria-busy={loadingFirst || stale}
        aria-activedescendant={selectedIndex >= 0 ? `${rowIdPrefix}-${selectedIndex}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          if (event.target === event.currentTarget && selectedIndex < 0 && count > 0) setSelection({ key: listKey, index: firstVisible() });
        }}
        style={{ ['--grid-template' as string]: GRID_TEMPLATE }}
      >
        <div className="grid-head" role="rowgroup">
          <div className="grid-row grid-header-row" role="row" aria-rowindex={1}>
            {headers.map((header, i) => (
              <div key={header} role="columnheader" className="grid-cell grid-header-cell" aria-sort={i === 0 ? 'ascending' : undefined}>
                {header}
              </div>
            ))}
          </div>
        </div>

        <div className="grid-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() - ROW_HEIGHT }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            const selected = item.index === selectedIndex;
            const classes = ['grid-row', 'grid-body-row', selected && 'is-selected', !row && 'is-loading', row?.overdue && 'is-overdue', item.index % 2 === 1 && 'is-odd'];
            return (
              <div
                key={item.key}
                id={`${rowIdPrefix}-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                className={classes.filter(Boolean).join(' ')}
                style={{ transform: `translateY(${item.start - ROW_HEIGHT}px)` }}
                data-key={row?.key}
                onClick={() => {
                  setSelection({ key: listKey, index: item.index });
                  open(item.index);
                }}
              >
                {row ? (
                  <DeadlineCells row={row} m={m} intl={intl} />
                ) : (
                  <div role="gridcell" className="grid-cell grid-cell-placeholder" aria-colspan={headers.length}>
                    <span className="placeholder-bar" />
                    <span className="visually-hidden">{m.rowLoading}</span>
                  </div>
                )}
              </div>
            );
          })}
        </div>

        {loadingFirst && !error && (
          <div className="grid-message" role="status">
            <span className="spinner" aria-hidden="true" /> {m.loading}
          </div>
        )}
        {!loadingFirst && !stale && count === 0 && !error && (
          <div className="grid-message grid-empty" role="status">
            <p>{filtered ? m.emptyFiltered : m.empty}</p>
            {filtered && (
              <button type="button" className="button button-secondary" onClick={onClearFilters}>
                {m.clearFilters}
              </button>
            )}
          </div>
        )}
        {error !== null && (
          <div className="grid-message grid-error" role="alert">
            <p>{errorMessage(error, t)}</p>
            <button type="button" className="button button-secondary" onClick={retry}>
              {t.app.retry}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

function DeadlineCells({ row, m, intl }: { row: DeadlineRow; m: M; intl: string }) {
  const { t } = useI18n();
  const label = kindLabel(row, m);
  const relative = relativeDays(row.daysLeft, m, intl);
  // Links in a row: the row itself is the keyboard target (Enter, O), so they are not tab stops.
  const stop = (event: MouseEvent) => event.stopPropagation();
  return (
    <>
      <div role="gridcell" className="grid-cell cell-date cell-due">
        {formatDate(row.dueOn)}
      </div>
      <div role="gridcell" className="grid-cell cell-delay">
        {row.overdue ? (
          <span className="delay-overdue">
            <span className="overdue-mark" aria-hidden="true" />
            {relative}
          </span>
        ) : (
          <span className={row.daysLeft <= 30 ? 'delay-soon' : 'delay-later'}>{relative}</span>
        )}
      </div>
      <div role="gridcell" className="grid-cell cell-kind">
        <span title={label}>{label}</span>
      </div>
      <div role="gridcell" className="grid-cell cell-operator">
        <a href={operatorHash(row.operatorId)} tabIndex={-1} title={m.openOperator(row.operatorName)} onClick={stop}>
          {row.operatorName}
        </a>
      </div>
      <div role="gridcell" className="grid-cell cell-agrement">
        {row.agrementNumber ? (
          <span title={row.scheme ? `${t.enums.agrementScheme[row.scheme]} — ${row.agrementNumber}` : row.agrementNumber}>{row.agrementNumber}</span>
        ) : row.scheme ? (
          <span className="scheme-code" title={t.enums.agrementScheme[row.scheme]}>
            {row.scheme}
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </div>
      <div role="gridcell" className="grid-cell cell-dossier">
        {row.dossierId !== null && row.dossierReference ? (
          <a href={dossierHash(row.dossierId)} tabIndex={-1} onClick={stop}>
            {row.dossierReference}
          </a>
        ) : (
          <span className="muted" title={m.noDossier}>
            —
          </span>
        )}
      </div>
      <div role="gridcell" className="grid-cell cell-detail">
        {row.detail ? <span title={row.detail}>{row.detail}</span> : <span className="muted">{m.hint[row.kind]}</span>}
      </div>
    </>
  );
}
