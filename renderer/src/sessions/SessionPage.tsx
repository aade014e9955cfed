/**
 * A session and its agenda (#/sessions/ID): the header (number, date, time, place, status), the
 * items by section numbered continuously, each with its dossier, compliance marker, proposal,
 * rapporteur, hearing time and recused members. The secretariat adds dossiers, reorders them
 * (drag and drop, or Alt+↑ / Alt+↓ on a focused item, announced to screen readers), edits an
 * item, removes it, and freezes the agenda. A member's workspace gets from the backend only the
 * number of an item it may not see, shown as a muted row.
 */
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { AgendaGetOutput, AgendaItem, HiddenAgendaItem } from '../../../shared/contract';
import type { AgendaSection } from '../../../shared/domain';
import { call } from '../api/client';
import { useSessionView } from './useSessionView';
import { dossierHash } from '../app/router';
import { FlagsCell } from '../compliance/FlagsCell';
import { useReviewMessages } from '../dossiers/messages';
import { errorMessage, useI18n } from '../i18n';
import { formatDate } from '../i18n/format';
import { AddDossiersDialog, EditItemDialog } from './agendaDialogs';
import { SessionExportButton } from '../exports/ExportButtons';
import { ClosingPanel } from './closing';
import { useAgendaMessages, type AgendaMessages } from './agendaMessages';
import { MeetingModeLink } from './meetingLink';
import { PrepareLink } from './prepareLink';
import { dropMove, keyboardMove, type MoveTarget } from './agendaMove';
import './session-page.css';

type Dialog = { kind: 'add' } | { kind: 'edit'; itemId: number } | null;

function longDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

export function SessionPage({ id }: { id: number | null }) {
  const m = useAgendaMessages();
  const { t } = useI18n();
  const { data: agenda, loadError, reload: load } = useSessionView('agenda.get', id);
  const [announce, setAnnounce] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const focusAfterLoad = useRef<number | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const target = focusAfterLoad.current;
    if (target === null || !agenda) return;
    focusAfterLoad.current = null;
    listRef.current?.querySelector<HTMLElement>(`[data-item-id="${target}"]`)?.focus();
  }, [agenda]);

  /** Runs a write, then reloads; its error is shown in the page's alert. */
  const write = async (run: () => Promise<unknown>, done: string | ((fresh: AgendaGetOutput | null) => string)) => {
    setBusy(true);
    setActionError(null);
    try {
      await run();
      const fresh = await load();
      setAnnounce(typeof done === 'string' ? done : done(fresh));
    } catch (e) {
      setActionError(errorMessage(e, t));
      await load();
    } finally {
      setBusy(false);
    }
  };

  if (id === null || loadError) {
    return (
      <section className="page page-session">
        <a className="back-link" href="#/sessions">
          {m.back}
        </a>
        <div className="notice" role="alert">
          {loadError ?? t.errors.unexpected}
        </div>
      </section>
    );
  }
  if (!agenda) {
    return (
      <section className="page page-session">
        <p className="page-status" role="status">
          <span className="spinner" aria-hidden="true" /> {m.loading}
        </p>
      </section>
    );
  }

  const { session } = agenda;
  const editable = !agenda.memberView && !session.frozen;
  const items = agenda.sections.flatMap((s) => s.items);
  const visible = items.filter((i): i is AgendaItem => !i.hidden);
  const movable = agenda.sections.map((s) => ({ section: s.section, items: s.items.filter((i): i is AgendaItem => !i.hidden) }));
  const editing = dialog?.kind === 'edit' ? visible.find((i) => i.id === dialog.itemId) : undefined;

  const move = (item: AgendaItem, target: MoveTarget) => {
    focusAfterLoad.current = item.id;
    void write(
      () => call('agenda.move', { itemId: item.id, version: item.version, section: target.section, index: target.index }),
      // The item's new number, read from the reloaded agenda.
      (fresh) => {
        const moved = fresh?.sections.flatMap((s) => s.items).find((i): i is AgendaItem => !i.hidden && i.id === item.id);
        return moved ? m.moved(item.dossier.reference, moved.position, m.section[moved.section]) : '';
      },
    );
  };

  const onItemKey = (item: AgendaItem) => (event: KeyboardEvent<HTMLElement>) => {
    if (!editable || !event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    if (event.target !== event.currentTarget) return;
    event.preventDefault();
    const step = event.key === 'ArrowUp' ? -1 : 1;
    const target = keyboardMove(movable, item.id, step);
    if (!target) setAnnounce(step < 0 ? m.atTop : m.atBottom);
    else move(item, target);
  };

  const onDrop = (section: AgendaSection, beforeId: number | null) => (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    event.stopPropagation();
    const draggedId = Number(event.dataTransfer.getData('text/x-agenda-item'));
    const dragged = visible.find((i) => i.id === draggedId);
    if (!dragged) return;
    const target = dropMove(movable, draggedId, section, beforeId);
    if (target) move(dragged, target);
  };

  const title = m.title(session.number, longDate(session.heldOn, m.dateLocale), m.time(session.startsAt));
  const shownSections = agenda.sections.filter((s) => s.items.length > 0);

  return (
    <section className="page page-session" aria-labelledby="session-title">
      <a className="back-link" href="#/sessions">
        {m.back}
      </a>
      <header className="page-header sp-header">
        <div className="sp-title">
          <h1 id="session-title">{title}</h1>
          <p className="sp-place">
            {session.place && <span>{session.place}</span>}
            <span className={`badge sp-status sp-status-${session.status}`}>{t.enums.sessionStatus[session.status]}</span>
            <span className="muted">{m.itemCount(items.length)}</span>
            {session.agendaFrozenAt && (
              <span className="muted">
                {m.frozenOn(formatDate(session.agendaFrozenAt))}
                {!agenda.memberView && session.status === 'agenda_frozen' && ` · ${m.readOnlyFrozen}`}
              </span>
            )}
          </p>
        </div>
        {!agenda.memberView && (
          <div className="page-header-end">
            {editable && (
              <>
                <button type="button" className="button button-secondary" disabled={busy} onClick={() => setDialog({ kind: 'add' })}>
                  {m.addDossiers}
                </button>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy || items.length === 0}
                  onClick={() => {
                    if (window.confirm(m.freezeConfirm)) void write(() => call('agenda.freeze', { sessionId: session.id, version: session.version }), m.frozen);
                  }}
                >
                  {m.freeze}
                </button>
              </>
            )}
            {session.status === 'agenda_frozen' && (
              <button type="button" className="button button-secondary" disabled={busy} onClick={() => void write(() => call('agenda.unfreeze', { sessionId: session.id, version: session.version }), m.unfrozen)}>
                {m.unfreeze}
              </button>
            )}
            <SessionExportButton session={session} />
            <MeetingModeLink session={session} />
          </div>
        )}
        {agenda.memberView && (
          <div className="page-header-end">
            <SessionExportButton session={session} />
            <PrepareLink agenda={agenda} />
          </div>
        )}
      </header>

      <p className="visually-hidden" aria-live="polite" role="status" data-testid="agenda-live">
        {announce}
      </p>
      {actionError && (
        <div className="notice sp-error" role="alert">
          {actionError}
        </div>
      )}
      <ClosingPanel sessionId={session.id} status={session.status} onChanged={() => void load()} />
      {editable && items.length > 0 && (
        <p className="page-hint sp-hint" aria-hidden="true">
          {m.keyboardHint}
        </p>
      )}

      {items.length === 0 ? (
        <div className="panel sp-empty">
          <p>{m.emptyAgenda}</p>
          {editable && <p className="muted">{m.emptyAgendaHint}</p>}
        </div>
      ) : (
        <div className="sp-agenda" ref={listRef}>
          {shownSections.map((s) => (
            <section
              key={s.section}
              className="sp-section"
              aria-labelledby={`sp-section-${s.section}`}
              onDragOver={editable ? (e) => e.preventDefault() : undefined}
              onDrop={editable ? onDrop(s.section, null) : undefined}
            >
              <h2 id={`sp-section-${s.section}`} className="sp-section-title">
                {m.section[s.section]}
              </h2>
              <ol className="sp-items">
                {s.items.map((item) =>
                  item.hidden ? (
                    <HiddenRow key={`h${item.position}`} item={item} m={m} />
                  ) : (
                    <ItemRow
                      key={item.id}
                      item={item}
                      m={m}
                      editable={editable}
                      busy={busy}
                      onKeyDown={onItemKey(item)}
                      onDrop={onDrop(s.section, item.id)}
                      onEdit={() => setDialog({ kind: 'edit', itemId: item.id })}
                      onRemove={() => {
                        if (window.confirm(m.removeConfirm(item.dossier.reference))) {
                          void write(() => call('agenda.remove', { itemId: item.id, version: item.version }), m.removed(item.dossier.reference));
                        }
                      }}
                    />
                  ),
                )}
              </ol>
            </section>
          ))}
        </div>
      )}

      {dialog?.kind === 'add' && (
        <AddDossiersDialog
          sessionId={session.id}
          onClose={() => setDialog(null)}
          onAdded={(count) => {
            setDialog(null);
            void load().then(() => setAnnounce(m.added(count)));
          }}
        />
      )}
      {editing && (
        <EditItemDialog
          item={editing}
          members={agenda.members}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            focusAfterLoad.current = editing.id;
            void load().then(() => setAnnounce(m.saved));
          }}
        />
      )}
    </section>
  );
}

function HiddenRow({ item, m }: { item: HiddenAgendaItem; m: AgendaMessages }) {
  return (
    <li className="sp-item sp-item-hidden" data-hidden="true" title={item.reason}>
      <span className="sp-number" aria-hidden="true">
        {item.position}
      </span>
      <span className="sp-hidden-text">{m.hiddenItem(item.position)}</span>
    </li>
  );
}

function ItemRow({
  item,
  m,
  editable,
  busy,
  onKeyDown,
  onDrop,
  onEdit,
  onRemove,
}: {
  item: AgendaItem;
  m: AgendaMessages;
  editable: boolean;
  busy: boolean;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  onDrop: (event: DragEvent<HTMLElement>) => void;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const review = useReviewMessages();
  const [dragOver, setDragOver] = useState(false);
  const { dossier } = item;
  return (
    <li
      className={`sp-item${dragOver ? ' is-drag-over' : ''}`}
      data-item-id={item.id}
      data-reference={dossier.reference}
      tabIndex={editable ? 0 : undefined}
      aria-label={m.itemLabel(item.position, dossier.reference)}
      aria-keyshortcuts={editable ? 'Alt+ArrowUp Alt+ArrowDown' : undefined}
      draggable={editable && !busy}
      onKeyDown={onKeyDown}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/x-agenda-item', String(item.id));
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={
        editable
          ? (e) => {
              e.preventDefault();
              setDragOver(true);
            }
          : undefined
      }
      onDragLeave={() => setDragOver(false)}
      onDrop={(e) => {
        setDragOver(false);
        onDrop(e);
      }}
    >
      <span className="sp-number">
        {editable && <span className="sp-grip" aria-hidden="true" title={m.dragHandle(item.position)} />}
        {item.position}
      </span>
      <div className="sp-main">
        <div className="sp-line">
          <a className="cell-reference" href={dossierHash(dossier.id)}>
            {dossier.reference}
          </a>
          <span className="sp-operator">{dossier.operatorName}</span>
          <span className="sp-flags" title={m.compliance}>
            <FlagsCell summary={item.compliance} />
          </span>
        </div>
        <div className="sp-subject">{dossier.subject}</div>
        <dl className="sp-facts">
          <div>
            <dt>{m.proposal}</dt>
            <dd className={item.proposal.outcome ? `sp-outcome sp-outcome-${item.proposal.outcome}` : 'muted'}>
              {item.proposal.outcome ? review.outcome[item.proposal.outcome] : m.noProposal}
            </dd>
          </div>
          <div>
            <dt>{m.rapporteur}</dt>
            <dd className={item.rapporteur ? undefined : 'muted'}>{item.rapporteur?.name ?? m.noRapporteur}</dd>
          </div>
          {item.hearingAt && (
            <div>
              <dt>{m.hearing}</dt>
              <dd>{m.time(item.hearingAt)}</dd>
            </div>
          )}
        </dl>
        {item.recused.length > 0 && (
          <p className="sp-recused">{m.recusedList(item.recused.map((r) => (r.reason ? `${r.name} (${r.reason})` : r.name)).join(', '))}</p>
        )}
      </div>
      {editable && (
        <div className="sp-actions">
          <button type="button" className="button button-secondary sp-small" disabled={busy} onClick={onEdit} aria-label={`${m.edit} — ${dossier.reference}`}>
            {m.edit}
          </button>
          <button type="button" className="link-button sp-remove" disabled={busy} onClick={onRemove} aria-label={`${m.remove} — ${dossier.reference}`}>
            {m.remove}
          </button>
        </div>
      )}
    </li>
  );
}
