/**
 * A member's preparation of a session (#/sessions/ID/prepare): two panes. Left, the agenda items
 * with their status (Non lu / Lu / Préparé: a shape and a word, not a colour alone) and the
 * progress « 12 / 31 préparés »; right, the selected item: its essential facts, the member's
 * draft position, their private notes on the dossier, and the buttons that mark it read or
 * prepared. Keyboard: J/K or ↓/↑ move, N jumps to the next unprepared item, P marks the current
 * one prepared and jumps. Items hidden by a declared conflict of interest show only their number
 * and why, and the keyboard flow skips them. Opening the dossier marks the item read.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import type { NoteRow, PreparationGetOutput, PreparationStatus, PreparedItem } from '../../../shared/contract';
import { OPINION_OUTCOMES, type OpinionOutcome } from '../../../shared/domain';
import { call } from '../api/client';
import { useSessionView } from './useSessionView';
import { dossierHash, navigate } from '../app/router';
import { FlagsCell } from '../compliance/FlagsCell';
import { useReviewMessages } from '../dossiers/messages';
import { errorMessage, useI18n } from '../i18n';
import { PrintPackButton } from '../exports/ExportButtons';
import { nextUnprepared, startIndex, stepVisible, type FlowItem } from './prepareFlow';
import { usePrepareMessages } from './prepareMessages';
import './prepare.css';

/** The status's shape: an empty circle, a half one, a tick in a full one. */
const STATUS_MARK: Record<PreparationStatus, string> = { unread: '○', read: '◐', prepared: '✓' };

export function StatusMark({ status, label }: { status: PreparationStatus; label: string }) {
  return (
    <span className={`pp-status pp-status-${status}`} data-status={status}>
      <span className="pp-status-mark" aria-hidden="true">
        {STATUS_MARK[status]}
      </span>
      {label}
    </span>
  );
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && target.type !== 'radio' && target.type !== 'checkbox';
}

export function PreparePage({ id }: { id: number | null }) {
  const m = usePrepareMessages();
  const { t } = useI18n();
  const [selected, setSelected] = useState(-1);
  const { data: view, loadError, reload: load } = useSessionView('preparation.get', id, (fresh) => setSelected(startIndex(flowOf(fresh))));
  const [actionError, setActionError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const listRef = useRef<HTMLOListElement>(null);


  const flow = useMemo(() => (view ? flowOf(view) : []), [view]);
  const current = view && selected >= 0 ? view.items[selected] : undefined;
  const item = current && !current.hidden ? current : null;

  /**
   * Brings the selected row into view within the list only (the page itself does not jump), and
   * moves the focus with it when a row had it, so the focus ring follows the keyboard flow.
   */
  useEffect(() => {
    const list = listRef.current;
    const row = list?.querySelector<HTMLElement>('[aria-current="true"]');
    if (!list || !row) return;
    const top = row.offsetTop;
    const bottom = top + row.offsetHeight;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (bottom > list.scrollTop + list.clientHeight) list.scrollTop = bottom - list.clientHeight;
    if (document.activeElement instanceof HTMLElement && document.activeElement.classList.contains('pp-row')) row.focus({ preventScroll: true });
  }, [selected, view]);

  const setStatus = useCallback(
    async (target: PreparedItem, status: PreparationStatus, moveOn: boolean) => {
      setActionError(null);
      try {
        await call('preparation.set', { itemId: target.itemId, status });
        const fresh = await load();
        if (!fresh) return;
        if (moveOn) {
          const from = fresh.items.findIndex((i) => !i.hidden && i.itemId === target.itemId);
          const next = nextUnprepared(flowOf(fresh), from);
          if (next >= 0) setSelected(next);
          setAnnounce(`${m.markedPrepared(target.position)}${next < 0 ? ` ${m.allPrepared}` : ''}`);
        } else {
          setAnnounce(m.saved);
        }
      } catch (e) {
        setActionError(errorMessage(e, t));
      }
    },
    [load, m, t],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target) || !view) return;
      // Not while a dialog (the export) is open over the page.
      if (event.target instanceof Element && event.target.closest('dialog')) return;
      const key = event.key.toLowerCase();
      const onRadio = event.target instanceof HTMLInputElement && event.target.type === 'radio';
      let next = -1;
      if (key === 'j' || (key === 'arrowdown' && !onRadio)) next = stepVisible(flow, selected, 1);
      else if (key === 'k' || (key === 'arrowup' && !onRadio)) next = stepVisible(flow, selected, -1);
      else if (key === 'n') next = nextUnprepared(flow, selected);
      else if (key === 'p' && item && view.editable) {
        event.preventDefault();
        void setStatus(item, 'prepared', true);
        return;
      } else return;
      event.preventDefault();
      if (next >= 0) setSelected(next);
      else if (key === 'n') setAnnounce(m.allPrepared);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [flow, item, m, selected, setStatus, view]);

  if (loadError) {
    return (
      <section className="page page-prepare">
        <div className="notice notice-error" role="alert">
          <p>{loadError}</p>
        </div>
      </section>
    );
  }
  if (!view) {
    return (
      <section className="page page-prepare">
        <p className="muted">{m.loading}</p>
      </section>
    );
  }

  const { session, progress } = view;
  const percent = progress.total === 0 ? 0 : Math.round((progress.prepared / progress.total) * 100);

  return (
    <section className="page page-prepare" aria-labelledby="prepare-title">
      <a className="back-link" href={`#/sessions/${session.id}`}>
        {m.back}
      </a>
      <header className="page-header pp-header">
        <div>
          <h1 id="prepare-title">{m.title(session.number)}</h1>
          {!view.editable && <p className="muted pp-readonly">{view.memberId === null ? m.readOnlySecretariat : m.readOnlyClosed}</p>}
        </div>
        {view.memberId !== null && <PrintPackButton sessionId={session.id} />}
        <div className="pp-progress">
          <div className="pp-progress-text" data-testid="prepare-progress">
            {m.progress(progress.prepared, progress.total)}
          </div>
          <div
            className="pp-progress-bar"
            role="progressbar"
            aria-label={m.progressLabel}
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.prepared}
            aria-valuetext={m.progress(progress.prepared, progress.total)}
          >
            <span style={{ width: `${percent}%` }} />
          </div>
          {progress.hidden > 0 && <div className="muted pp-hidden-count">{m.hiddenCount(progress.hidden)}</div>}
        </div>
      </header>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </div>
      {actionError && (
        <div className="notice notice-error pp-error" role="alert">
          <p>{actionError}</p>
        </div>
      )}
      {view.items.length === 0 ? (
        <p className="muted">{m.empty}</p>
      ) : (
        <div className="pp-panes">
          <nav className="pp-list" aria-label={m.itemsLabel}>
            <ol ref={listRef}>
              {view.items.map((entry, index) =>
                entry.hidden ? (
                  <li key={`h${entry.position}`} className="pp-row pp-row-hidden" title={entry.reason}>
                    <span className="pp-row-mark" aria-hidden="true">
                      ⊘
                    </span>
                    <span>{m.hiddenItem(entry.position)}</span>
                  </li>
                ) : (
                  <li key={entry.itemId}>
                    <button
                      type="button"
                      className="pp-row"
                      data-item-id={entry.itemId}
                      aria-current={index === selected ? 'true' : undefined}
                      onClick={() => setSelected(index)}
                    >
                      <span className="pp-row-main">
                        <span className="pp-row-ref">
                          {entry.position}. {entry.dossier.reference}
                        </span>
                        <span className="pp-row-op">{entry.dossier.operatorName}</span>
                      </span>
                      <StatusMark status={entry.preparation.status} label={m.status[entry.preparation.status]} />
                    </button>
                  </li>
                ),
              )}
            </ol>
            <dl className="pp-shortcuts" aria-label={m.shortcuts}>
              {m.shortcutList.map(([a, b, what]) => (
                <div key={a}>
                  <dt>
                    <kbd>{a}</kbd>
                    {b && (
                      <>
                        {' '}
                        <kbd>{b}</kbd>
                      </>
                    )}
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </nav>
          <div className="pp-detail">
            {item ? (
              <ItemDetail key={item.itemId} item={item} editable={view.editable} onStatus={setStatus} onChanged={load} onError={setActionError} />
            ) : (
              <p className="muted">{m.allHidden}</p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function flowOf(view: PreparationGetOutput): FlowItem[] {
  return view.items.map((i) => ({ hidden: i.hidden, prepared: !i.hidden && i.preparation.status === 'prepared' }));
}

function ItemDetail({
  item,
  editable,
  onStatus,
  onChanged,
  onError,
}: {
  item: PreparedItem;
  editable: boolean;
  onStatus: (item: PreparedItem, status: PreparationStatus, moveOn: boolean) => Promise<void>;
  onChanged: () => Promise<unknown>;
  onError: (message: string | null) => void;
}) {
  const m = usePrepareMessages();
  const r = useReviewMessages();
  const { t } = useI18n();
  const { dossier, preparation } = item;

  /** Opening the dossier (or its compliance) marks the item read, then goes there. */
  const open = (event: MouseEvent<HTMLAnchorElement>, hash: string) => {
    if (!editable || preparation.status !== 'unread') return;
    event.preventDefault();
    call('preparation.markRead', { itemId: item.itemId }).then(
      () => navigate(hash),
      () => navigate(hash),
    );
  };

  /** The position shown at once (the radio follows the click), put back if the write is refused. */
  const [draft, setDraftShown] = useState<OpinionOutcome | null>(preparation.draftOutcome);
  const setDraft = async (draftOutcome: OpinionOutcome | null) => {
    onError(null);
    const before = draft;
    setDraftShown(draftOutcome);
    try {
      await call('preparation.set', { itemId: item.itemId, draftOutcome });
      await onChanged();
    } catch (e) {
      setDraftShown(before);
      onError(errorMessage(e, t));
    }
  };

  return (
    <article className="pp-item" aria-labelledby="pp-item-title">
      <header className="pp-item-header">
        <h2 id="pp-item-title">{m.itemTitle(item.position, dossier.reference)}</h2>
        <StatusMark status={preparation.status} label={m.status[preparation.status]} />
      </header>
      <dl className="pp-facts">
        <dt>{m.operator}</dt>
        <dd>{dossier.operatorName}</dd>
        <dt>{m.scheme}</dt>
        <dd>{t.enums.scheme[dossier.scheme]}</dd>
        <dt>{m.kind}</dt>
        <dd>{t.enums.kind[dossier.kind]}</dd>
        <dt>{m.subject}</dt>
        <dd>{dossier.subject}</dd>
        <dt>{m.proposal}</dt>
        <dd>
          {item.proposal.outcome ? <strong>{r.outcome[item.proposal.outcome]}</strong> : !item.proposal.text && <span className="muted">{m.noProposal}</span>}
          {item.proposal.text && <p className="pp-proposal-text">{item.proposal.text}</p>}
        </dd>
        <dt>{m.compliance}</dt>
        <dd className="pp-compliance">
          <FlagsCell summary={item.compliance} />
          <a href={dossierHash(dossier.id, 'compliance')} onClick={(e) => open(e, dossierHash(dossier.id, 'compliance'))}>
            {m.seeCompliance}
          </a>
        </dd>
      </dl>
      <p>
        <a className="button button-secondary pp-link-button" href={dossierHash(dossier.id)} onClick={(e) => open(e, dossierHash(dossier.id))}>
          {m.openDossier}
        </a>
      </p>

      <fieldset className="pp-draft" disabled={!editable}>
        <legend>{m.draft}</legend>
        <p className="muted pp-draft-hint">{m.draftHint}</p>
        {[null, ...OPINION_OUTCOMES].map((outcome) => (
          <label key={outcome ?? 'none'} className="pp-radio">
            <input
              type="radio"
              name={`draft-${item.itemId}`}
              checked={draft === outcome}
              onChange={() => void setDraft(outcome)}
            />
            {outcome ? r.outcome[outcome] : m.noDraft}
          </label>
        ))}
      </fieldset>

      <PrivateNotes dossierId={dossier.id} editable={editable} />

      {editable && (
        <div className="pp-actions">
          <button type="button" className="button button-secondary" disabled={preparation.status === 'read'} onClick={() => void onStatus(item, 'read', false)}>
            {m.markRead}
          </button>
          <button type="button" className="button button-primary" disabled={preparation.status === 'prepared'} onClick={() => void onStatus(item, 'prepared', true)}>
            {m.markPrepared} <kbd>P</kbd>
          </button>
        </div>
      )}
    </article>
  );
}

function PrivateNotes({ dossierId, editable }: { dossierId: number; editable: boolean }) {
  const m = usePrepareMessages();
  const { t, locale } = useI18n();
  const [notes, setNotes] = useState<NoteRow[] | null>(null);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    call('notes.list', { dossierId }).then(
      (rows) => live && setNotes(rows.filter((n) => n.visibility === 'private' && n.mine)),
      (e: unknown) => live && setError(errorMessage(e, t)),
    );
    return () => {
      live = false;
    };
  }, [dossierId, t]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const note = await call('notes.create', { dossierId, visibility: 'private', body });
      setNotes((list) => [...(list ?? []), note]);
      setBody('');
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-BE', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

  return (
    <section className="pp-notes" aria-labelledby="pp-notes-title">
      <h3 id="pp-notes-title">{m.notes}</h3>
      {notes && notes.length === 0 && <p className="muted">{m.noNotes}</p>}
      {notes && notes.length > 0 && (
        <ul>
          {notes.map((n) => (
            <li key={n.id}>
              <p>{n.body}</p>
              <span className="muted">{when(n.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="pp-note-error" role="alert">
          {error}
        </p>
      )}
      {editable && (
        <form className="pp-note-form" onSubmit={(e) => void add(e)}>
          <label htmlFor={`pp-note-${dossierId}`} className="visually-hidden">
            {m.noteLabel}
          </label>
          <textarea id={`pp-note-${dossierId}`} rows={2} value={body} placeholder={m.notePlaceholder} onChange={(e) => setBody(e.target.value)} />
          <button type="submit" className="button button-secondary" disabled={busy || body.trim() === ''}>
            {m.addNote}
          </button>
        </form>
      )}
    </section>
  );
}
