/**
 * The Séances screen: upcoming sessions first (the next one marked), then past ones, latest first,
 * in one virtualised grid (the demo has 62 sessions, a workspace at 100× thousands). Each row: number,
 * date, time, place, status, agenda items and opinions given; a click or Enter opens the session.
 * The secretariat plans a year (« Planifier une année »), moves or cancels an upcoming session.
 *
 * Keyboard: the list is one tab stop (a grid); ↑ ↓ (or J K), Page up / down, Home / End move;
 * Enter opens the session; D moves it, Delete cancels it (secretariat).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { SessionListOutput, SessionListRow } from '../../../shared/contract';
import type { SessionStatus } from '../../../shared/domain';
import { call } from '../api/client';
import { navigate } from '../app/router';
import { StatsExportButton } from '../exports/ExportButtons';
import { listMoveTarget } from '../components/listKeys';
import { errorMessage, useI18n } from '../i18n';
import { longDate } from './format';
import { useSessionsMessages } from './messages';
import { PlanYearDialog } from './PlanYearDialog';
import { CancelSessionDialog, MoveSessionDialog } from './SessionDialogs';
import './sessions.css';

const ROW_HEIGHT = 40;
/**
 * N°, date (« mercredi 30 septembre 2026 » and the « Prochaine séance » tag), time, place, status
 * (« Ordre du jour arrêté »), items, opinions, and the two action buttons.
 */
const GRID_TEMPLATE = '4.5rem 24rem 4.5rem minmax(15rem, 1fr) 11rem 5.5rem 8rem';
const GRID_TEMPLATE_EDIT = `${GRID_TEMPLATE} 15.5rem`;
/** Columns holding counts: right-aligned, header included. */
const NUMERIC = new Set([5, 6]);

export const sessionHash = (id: number) => `#/sessions/${id}`;

type Entry = { kind: 'group'; group: 'upcoming' | 'past'; count: number } | { kind: 'session'; row: SessionListRow; next: boolean; upcoming: boolean };

/** Upcoming sessions (nearest first), then past ones (latest first), each under its heading. */
export function sessionEntries(list: Pick<SessionListOutput, 'upcoming' | 'past'>): Entry[] {
  const next = list.upcoming.find((s) => s.status !== 'cancelled');
  return [
    { kind: 'group', group: 'upcoming', count: list.upcoming.length },
    ...list.upcoming.map((row): Entry => ({ kind: 'session', row, next: row === next, upcoming: true })),
    { kind: 'group', group: 'past', count: list.past.length },
    ...list.past.map((row): Entry => ({ kind: 'session', row, next: false, upcoming: false })),
  ];
}

export const canMove = (row: SessionListRow) => row.status === 'planned' || row.status === 'agenda_frozen';
export const canCancel = (row: SessionListRow) => canMove(row) && row.opinions === 0;

type Open = { dialog: 'plan' } | { dialog: 'move' | 'cancel'; row: SessionListRow } | null;

export function SessionsPage() {
  const { t } = useI18n();
  const m = useSessionsMessages();
  const [list, setList] = useState<SessionListOutput | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    call('sessions.list', {}).then(
      (data) => {
        if (!live) return;
        setList(data);
        setError(null);
      },
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const done = (message: string) => {
    setOpen(null);
    setNotice(message);
    reload();
  };

  const canEdit = list?.canEdit ?? false;
  return (
    <section className="page page-sessions" aria-labelledby="sessions-title">
      <header className="page-header">
        <h1 id="sessions-title">{m.title}</h1>
        <p className="result-count" aria-live="polite" data-testid="session-count">
          {list ? m.count(list.upcoming.length, list.past.length) : ''}
        </p>
        <div className="page-header-end">
          {notice ? (
            <p className="sessions-notice" role="status">
              {notice}
            </p>
          ) : (
            <p className="page-hint" aria-hidden="true">
              {canEdit ? m.keyboardHintEdit : m.keyboardHint}
            </p>
          )}
          {canEdit && <StatsExportButton />}
          {canEdit && (
            <button type="button" className="button button-primary" onClick={() => setOpen({ dialog: 'plan' })}>
              {m.plan}
            </button>
          )}
        </div>
      </header>

      {error !== null && !list ? (
        <div className="grid-message grid-error" role="alert">
          <p>{errorMessage(error, t)}</p>
          <button type="button" className="button button-secondary" onClick={reload}>
            {t.app.retry}
          </button>
        </div>
      ) : !list ? (
        <p className="page-status" role="status">
          <span className="spinner" aria-hidden="true" /> {m.loading}
        </p>
      ) : list.upcoming.length + list.past.length === 0 ? (
        <p className="page-status" role="status">
          {m.empty}
        </p>
      ) : (
        <SessionsGrid list={list} onAction={(dialog, row) => setOpen({ dialog, row })} />
      )}

      {open?.dialog === 'plan' && list && <PlanYearDialog list={list} onClose={() => setOpen(null)} onDone={done} />}
      {open?.dialog === 'move' && <MoveSessionDialog row={open.row} onClose={() => setOpen(null)} onDone={done} />}
      {open?.dialog === 'cancel' && <CancelSessionDialog row={open.row} onClose={() => setOpen(null)} onDone={done} />}
    </section>
  );
}

function SessionsGrid({ list, onAction }: { list: SessionListOutput; onAction: (dialog: 'move' | 'cancel', row: SessionListRow) => void }) {
  const { t } = useI18n();
  const m = useSessionsMessages();
  const intl = t.locale.intl;
  const entries = useMemo(() => sessionEntries(list), [list]);
  const gridRef = useRef<HTMLDivElement>(null);
  const rowIdPrefix = useId();
  const count = entries.length;
  const [selected, setSelected] = useState(-1);
  const selectedIndex = selected < count ? selected : -1;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design.
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();

  const sessionAt = (index: number) => {
    const entry = entries[index];
    return entry?.kind === 'session' ? entry.row : undefined;
  };
  /** The nearest session row from `index` in direction `step` (group headings are not selectable). */
  const sessionIndex = (index: number, step: 1 | -1) => {
    for (let i = Math.max(0, Math.min(count - 1, index)); i >= 0 && i < count; i += step) if (entries[i]?.kind === 'session') return i;
    for (let i = Math.max(0, Math.min(count - 1, index)); i >= 0 && i < count; i -= step) if (entries[i]?.kind === 'session') return i;
    return -1;
  };
  const select = (index: number, step: 1 | -1) => {
    const target = sessionIndex(index, step);
    if (target < 0) return;
    setSelected(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };
  const firstVisible = () => Math.min(count - 1, Math.max(0, Math.ceil((gridRef.current?.scrollTop ?? 0) / ROW_HEIGHT)));
  const openSession = (row: SessionListRow) => navigate(sessionHash(row.id));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || count === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    const pageRows = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 2);
    const target = listMoveTarget(event.key, { selected: selectedIndex, firstVisible: firstVisible(), pageRows, count });
    if (target !== undefined) {
      event.preventDefault();
      select(target, target >= selectedIndex ? 1 : -1);
      return;
    }
    const row = sessionAt(selectedIndex);
    if (!row) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      openSession(row);
    } else if (list.canEdit && (event.key === 'd' || event.key === 'D') && canMove(row)) {
      event.preventDefault();
      onAction('move', row);
    } else if (list.canEdit && event.key === 'Delete' && canCancel(row)) {
      event.preventDefault();
      onAction('cancel', row);
    }
  };

  const c = m.columns;
  const headers = [c.number, c.date, c.time, c.place, c.status, c.items, c.opinions, ...(list.canEdit ? [c.actions] : [])];

  return (
    <div className="grid-frame">
      <div
        ref={gridRef}
        className="grid sessions-grid"
        role="grid"
        aria-label={m.tableLabel}
        aria-rowcount={count + 1}
        aria-colcount={headers.length}
        aria-activedescendant={selectedIndex >= 0 ? `${rowIdPrefix}-${selectedIndex}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          if (event.target === event.currentTarget && selectedIndex < 0) setSelected(sessionIndex(firstVisible(), 1));
        }}
        style={{ ['--grid-template' as string]: list.canEdit ? GRID_TEMPLATE_EDIT : GRID_TEMPLATE }}
      >
        <div className="grid-head" role="rowgroup">
          <div className="grid-row grid-header-row" role="row" aria-rowindex={1}>
            {headers.map((header, i) => (
              <div key={header} role="columnheader" className={`grid-cell grid-header-cell sessions-header-cell${NUMERIC.has(i) ? ' cell-count' : ''}`}>
                {header}
              </div>
            ))}
          </div>
        </div>

        <div className="grid-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() - ROW_HEIGHT }}>
          {items.map((item) => {
            const entry = entries[item.index];
            if (!entry) return null;
            const style = { transform: `translateY(${item.start - ROW_HEIGHT}px)` };
            if (entry.kind === 'group') {
              return (
                <div key={item.key} role="row" aria-rowindex={item.index + 2} className="grid-row grid-body-row sessions-group-row" style={style} data-group={entry.group}>
                  <div role="gridcell" className="grid-cell sessions-group-cell" aria-colspan={headers.length}>
                    <h2>{entry.group === 'upcoming' ? m.upcoming : m.past}</h2>
                    <span className="group-count">{entry.count}</span>
                    {entry.group === 'upcoming' && entry.count === 0 && <span className="muted">{m.noUpcoming}</span>}
                  </div>
                </div>
              );
            }
            const { row } = entry;
            const isSelected = item.index === selectedIndex;
            const classes = [
              'grid-row',
              'grid-body-row',
              isSelected && 'is-selected',
              entry.next && 'is-next',
              row.status === 'cancelled' && 'is-cancelled',
              item.index % 2 === 1 && 'is-odd',
            ];
            return (
              <div
                key={item.key}
                id={`${rowIdPrefix}-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                className={classes.filter(Boolean).join(' ')}
                style={style}
                data-session={row.number}
                onClick={() => {
                  setSelected(item.index);
                  openSession(row);
                }}
              >
                <SessionCells row={row} next={entry.next} intl={intl} canEdit={list.canEdit} onAction={onAction} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function SessionCells({
  row,
  next,
  intl,
  canEdit,
  onAction,
}: {
  row: SessionListRow;
  next: boolean;
  intl: string;
  canEdit: boolean;
  onAction: (dialog: 'move' | 'cancel', row: SessionListRow) => void;
}) {
  const m = useSessionsMessages();
  // Buttons in a row: the row is the keyboard target (D, Delete), so they are not tab stops.
  const act = (dialog: 'move' | 'cancel') => (event: MouseEvent) => {
    event.stopPropagation();
    onAction(dialog, row);
  };
  return (
    <>
      <div role="gridcell" className="grid-cell cell-session-number">
        {row.number}
      </div>
      <div role="gridcell" className="grid-cell cell-date">
        <span>{longDate(row.heldOn, intl)}</span>
        {next && <span className="next-tag">{m.next}</span>}
      </div>
      <div role="gridcell" className="grid-cell cell-date">
        {row.startsAt}
      </div>
      <div role="gridcell" className="grid-cell cell-place">
        {row.status === 'cancelled' && row.cancelReason ? (
          <span className="cancel-reason" title={m.cancelledBecause(row.cancelReason)}>
            {m.cancelledBecause(row.cancelReason)}
          </span>
        ) : (
          <span title={row.place}>{row.place || '—'}</span>
        )}
      </div>
      <div role="gridcell" className="grid-cell">
        <SessionStatusBadge status={row.status} />
      </div>
      <div role="gridcell" className="grid-cell cell-count" title={m.itemsCount(row.agendaItems)}>
        {row.agendaItems}
      </div>
      <div role="gridcell" className="grid-cell cell-count">
        {row.opinions}
      </div>
      {canEdit && (
        <div role="gridcell" className="grid-cell cell-actions">
          {canMove(row) && (
            <button type="button" className="row-action" tabIndex={-1} aria-label={m.moveOf(row.number)} onClick={act('move')}>
              {m.move}
            </button>
          )}
          {canCancel(row) && (
            <button type="button" className="row-action row-action-danger" tabIndex={-1} aria-label={m.cancelOf(row.number)} onClick={act('cancel')}>
              {m.cancel}
            </button>
          )}
        </div>
      )}
    </>
  );
}

/** A session's status as a badge; the colour only repeats the word. */
export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  const { t } = useI18n();
  const label = t.enums.sessionStatus[status];
  return (
    <span className={`badge session-status-${status}`} title={label}>
      {label}
    </span>
  );
}
