/**
 * The dossier's Notes section (the page wraps it in its titled section, id "section-notes"): the user's private notes and the notes shared with the commission.
 * Only the author edits or deletes a note; an edit carries the version it was based on, so that a
 * change made meanwhile elsewhere is refused (CONFLICT) instead of being overwritten.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { MAX_NOTE_CHARS, NOTE_VISIBILITIES, type NoteRow, type NoteVisibility } from '../../../../shared/contract';
import { RpcCallError, call } from '../../api/client';
import { errorMessage, useI18n } from '../../i18n';
import { formatDate, formatNumber, formatTimestamp } from '../../i18n/format';
import { useNoteMessages } from './notesMessages';
import './notes.css';

type Load = { state: 'loading' } | { state: 'ready'; notes: NoteRow[] } | { state: 'error'; message: string };
type Messages = ReturnType<typeof useNoteMessages>;

/** An ISO timestamp as `dd/mm/yyyy à hh:mm`, Belgian time. */
function formatMoment(iso: string, m: Messages): string {
  const { date, time } = formatTimestamp(iso);
  return time ? m.at(date, time) : formatDate(iso);
}

function bodyError(body: string, m: Messages, intl: string): string | null {
  if (!body.trim()) return m.empty_body;
  if (body.trim().length > MAX_NOTE_CHARS) return m.tooLong(formatNumber(MAX_NOTE_CHARS, intl));
  return null;
}

export function NotesSection({ dossierId }: { dossierId: number }) {
  const m = useNoteMessages();
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  const reload = useCallback(() => {
    let live = true;
    call('notes.list', { dossierId }).then(
      (notes) => live && setLoad({ state: 'ready', notes }),
      (error: unknown) => live && setLoad({ state: 'error', message: errorMessage(error, t) }),
    );
    return () => {
      live = false;
    };
  }, [dossierId, t]);

  useEffect(() => reload(), [reload]);

  const notes = load.state === 'ready' ? load.notes : [];

  return (
    <div className="notes-section">
      <p className="notes-intro">
        {load.state === 'ready' && <span className="dn-count">{m.count(notes.length)}</span>}
        {m.intro}
      </p>

      {load.state === 'loading' && <p className="dn-empty">{m.loading}</p>}
      {load.state === 'error' && (
        <p className="form-error" role="alert">
          {load.message}
        </p>
      )}
      {load.state === 'ready' && notes.length === 0 && <p className="dn-empty">{m.empty}</p>}

      {notes.length > 0 && (
        <ol className="notes-list" aria-label={m.listLabel}>
          {notes.map((note) => (
            <NoteItem key={note.id} note={note} onChanged={reload} />
          ))}
        </ol>
      )}

      <NoteEditor
        key={notes.length}
        legend={m.newLabel}
        initialBody=""
        initialVisibility="private"
        submitLabel={m.add}
        busyLabel={m.adding}
        onSubmit={async (body, visibility) => {
          await call('notes.create', { dossierId, body, visibility });
          reload();
        }}
      />
    </div>
  );
}

function NoteItem({ note, onChanged }: { note: NoteRow; onChanged: () => void }) {
  const m = useNoteMessages();
  const { t } = useI18n();
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  const [error, setError] = useState<{ message: string; conflict: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const author = note.authorName ?? m.secretariat;
  const edited = note.updatedAt !== note.createdAt;

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await call('notes.delete', { id: note.id, version: note.version });
      onChanged();
    } catch (caught) {
      setError({ message: errorMessage(caught, t), conflict: caught instanceof RpcCallError && caught.code === 'CONFLICT' });
      setMode('view');
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={`note note-${note.visibility}`} data-testid="note" data-note-id={note.id}>
      <div className="note-meta">
        <span className="note-author">
          {author}
          {note.mine && <span className="note-you"> ({m.you})</span>}
        </span>
        <span className={`note-visibility note-visibility-${note.visibility}`}>{m.visibility[note.visibility]}</span>
        <span className="note-dates">
          {m.written(formatMoment(note.createdAt, m))}
          {edited && <> · {m.modified(formatMoment(note.updatedAt, m))}</>}
        </span>
      </div>

      {mode === 'edit' ? (
        <NoteEditor
          legend={m.editLabel}
          initialBody={note.body}
          initialVisibility={note.visibility}
          submitLabel={m.save}
          busyLabel={m.saving}
          onCancel={() => setMode('view')}
          onReload={() => {
            setMode('view');
            onChanged();
          }}
          onSubmit={async (body, visibility) => {
            await call('notes.update', { id: note.id, version: note.version, body, visibility });
            setMode('view');
            onChanged();
          }}
        />
      ) : (
        <p className="note-body">{note.body}</p>
      )}

      {error && (
        <div className="note-error">
          <p className="form-error" role="alert">
            {error.message}
          </p>
          {error.conflict && (
            <button type="button" className="button button-secondary dn-small" onClick={onChanged}>
              {m.reload}
            </button>
          )}
        </div>
      )}

      {note.mine && mode === 'view' && (
        <div className="note-actions">
          <button type="button" className="link-button" onClick={() => (setError(null), setMode('edit'))}>
            {m.edit}
          </button>
          <button type="button" className="link-button note-delete" onClick={() => (setError(null), setMode('confirm-delete'))}>
            {m.delete}
          </button>
        </div>
      )}
      {mode === 'confirm-delete' && (
        <div className="note-confirm" role="group" aria-label={m.confirmDelete}>
          <span>{m.confirmDelete}</span>
          <button type="button" className="button button-danger dn-small" disabled={busy} onClick={() => void remove()}>
            {m.confirmYes}
          </button>
          <button type="button" className="button button-secondary dn-small" disabled={busy} onClick={() => setMode('view')}>
            {m.cancel}
          </button>
        </div>
      )}
    </li>
  );
}

function NoteEditor(props: {
  legend: string;
  initialBody: string;
  initialVisibility: NoteVisibility;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (body: string, visibility: NoteVisibility) => Promise<void>;
  onCancel?: () => void;
  /** Offered beside a conflict message: reloads the notes to show the current version. */
  onReload?: () => void;
}) {
  const m = useNoteMessages();
  const { t } = useI18n();
  const id = useId();
  const [body, setBody] = useState(props.initialBody);
  const [visibility, setVisibility] = useState<NoteVisibility>(props.initialVisibility);
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; conflict: boolean } | null>(null);
  const intl = t.locale.intl;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const invalid = bodyError(body, m, intl);
    setFieldError(invalid);
    if (invalid) return;
    setBusy(true);
    try {
      await props.onSubmit(body.trim(), visibility);
      setBody(props.initialBody === '' ? '' : body.trim());
    } catch (caught) {
      if (caught instanceof RpcCallError && caught.issueFor('body')) setFieldError(caught.issueFor('body') ?? null);
      else setError({ message: errorMessage(caught, t), conflict: caught instanceof RpcCallError && caught.code === 'CONFLICT' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="note-editor" onSubmit={(event) => void submit(event)} noValidate aria-label={props.legend}>
      <div className={`field${fieldError ? ' has-error' : ''}`}>
        <label htmlFor={`${id}-body`}>{props.onCancel ? props.legend : m.newLabel}</label>
        <textarea
          id={`${id}-body`}
          value={body}
          rows={props.onCancel ? 5 : 3}
          placeholder={m.placeholder}
          disabled={busy}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={`${id}-count${fieldError ? ` ${id}-error` : ''}`}
          onChange={(event) => setBody(event.target.value)}
        />
        <p id={`${id}-count`} className="field-hint note-count">
          {m.chars(formatNumber(body.trim().length, intl), formatNumber(MAX_NOTE_CHARS, intl))}
        </p>
        {fieldError && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {fieldError}
          </p>
        )}
      </div>
      <fieldset className="note-visibility-choice">
        <legend>{m.visibilityLegend}</legend>
        {NOTE_VISIBILITIES.map((v) => (
          <label key={v} className="note-choice">
            <input type="radio" name={`${id}-visibility`} value={v} checked={visibility === v} disabled={busy} onChange={() => setVisibility(v)} />
            <span>
              {m.visibility[v]} <span className="note-choice-help">— {m.visibilityHelp[v]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {error && (
        <div className="note-error">
          <p className="form-error" role="alert">
            {error.message}
          </p>
          {error.conflict && props.onReload && (
            <button type="button" className="button button-secondary dn-small" onClick={props.onReload}>
              {m.reload}
            </button>
          )}
        </div>
      )}
      <div className="dn-form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? props.busyLabel : props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" className="button button-secondary" disabled={busy} onClick={props.onCancel}>
            {m.cancel}
          </button>
        )}
      </div>
    </form>
  );
}
