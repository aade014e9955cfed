/**
 * The export dialog, opened from three places: a session's page (relevé des avis, lettres d’avis,
 * dossier de préparation), a member's preparation page (their own pack) and the Séances page
 * (yearly statistics). What can be exported comes from the backend (`exports.sessionOptions`,
 * `exports.statsYears`); a blocked document stays listed, disabled, with the reason beside it.
 * « Exporter » starts the job and shows its progress (a real <progress>, « Annuler » stops it);
 * the file is then downloaded (the desktop asks where to save it) and the dialog stays open for
 * another export. Escape or « Fermer » closes it, cancelling a job still running.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { DECISION_FORMATS, LETTER_FORMATS, STATS_FORMATS, type ExportRequest, type SessionExportOptions, type StatsFormat } from '../../../shared/contract';
import { call } from '../api/client';
import { errorMessage, useI18n } from '../i18n';
import { Dialog } from '../sessions/Dialog';
import { documentChoices, formatSize, initialForm, sessionRequest, statsRequest, type SessionDocument, type SessionForm } from './choices';
import { useExportMessages, type ExportMessages } from './messages';
import { isBusy, useExportJob, type ExportJobState } from './useExportJob';
import '../entry/entry.css';
import '../sessions/sessions.css';
import './exports.css';

export type ExportTarget = { kind: 'session'; sessionId: number; document?: SessionDocument } | { kind: 'stats' };

export function ExportDialog({ target, onClose }: { target: ExportTarget; onClose: () => void }) {
  return target.kind === 'stats' ? <StatsExport onClose={onClose} /> : <SessionExport sessionId={target.sessionId} preferred={target.document} onClose={onClose} />;
}

/** Loads what the dialog needs once; its error is shown in the dialog. */
function useLoaded<T>(load: () => Promise<T>): { data: T | null; error: string | null } {
  const { t } = useI18n();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loader = useRef(load);
  useEffect(() => {
    let live = true;
    loader.current().then(
      (value) => live && setData(value),
      (failure: unknown) => live && setError(errorMessage(failure, t)),
    );
    return () => {
      live = false;
    };
  }, [t]);
  return { data, error };
}

function SessionExport({ sessionId, preferred, onClose }: { sessionId: number; preferred: SessionDocument | undefined; onClose: () => void }) {
  const m = useExportMessages();
  const { data: options, error } = useLoaded(() => call('exports.sessionOptions', { sessionId }));
  const [form, setForm] = useState<SessionForm | null>(null);
  const job = useExportJob();
  const current = form ?? (options ? initialForm(options, preferred) : null);
  const update = (patch: Partial<SessionForm>) => {
    if (!current) return;
    setForm({ ...current, ...patch });
    job.reset();
  };
  const request = options && current ? sessionRequest(options, current) : null;
  return (
    <ExportFrame
      title={options ? m.sessionTitle(options.session.number) : m.title}
      loadError={error}
      loaded={options !== null}
      request={request}
      job={job}
      onClose={onClose}
    >
      {options && current && <SessionFields options={options} form={current} disabled={isBusy(job.state)} onChange={update} />}
    </ExportFrame>
  );
}

function StatsExport({ onClose }: { onClose: () => void }) {
  const m = useExportMessages();
  const { data, error } = useLoaded(() => call('exports.statsYears', {}));
  const [year, setYear] = useState<number | null>(null);
  const [format, setFormat] = useState<StatsFormat>('pdf');
  const job = useExportJob();
  const yearId = useId();
  const shownYear = year ?? data?.years[0] ?? null;
  const busy = isBusy(job.state);
  return (
    <ExportFrame title={m.statsTitle} loadError={error} loaded={data !== null} request={statsRequest(shownYear, format)} job={job} onClose={onClose}>
      {data && <p className="dialog-intro">{m.statsIntro}</p>}
      {data && (
        <div className="ex-options">
          <div className="field entry-field ex-field">
            <label htmlFor={yearId}>{m.yearLabel}</label>
            <select
              id={yearId}
              value={shownYear ?? ''}
              disabled={busy}
              onChange={(e) => {
                setYear(Number(e.target.value));
                job.reset();
              }}
            >
              {data.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <FormatChoice
            formats={STATS_FORMATS}
            value={format}
            disabled={busy}
            onChange={(f) => {
              setFormat(f);
              job.reset();
            }}
          />
        </div>
      )}
    </ExportFrame>
  );
}

/** The dialog around the fields: loading, the job's progress and outcome, the buttons. */
function ExportFrame({
  title,
  loadError,
  loaded,
  request,
  job,
  onClose,
  children,
}: {
  title: string;
  loadError: string | null;
  loaded: boolean;
  request: ExportRequest | null;
  job: ReturnType<typeof useExportJob>;
  onClose: () => void;
  children: ReactNode;
}) {
  const m = useExportMessages();
  const busy = isBusy(job.state);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (request && !busy) void job.start(request);
  };
  return (
    <Dialog title={title} onClose={onClose} className="ex-dialog">
      <form onSubmit={submit} noValidate>
        <div className="dialog-body">
          {loadError ? (
            <p className="form-error" role="alert">
              {loadError}
            </p>
          ) : !loaded ? (
            <p className="page-status" role="status">
              <span className="spinner" aria-hidden="true" /> {m.loading}
            </p>
          ) : (
            children
          )}
          <JobStatus state={job.state} m={m} />
        </div>
        <footer className="dialog-footer">
          <p className="dialog-footer-note">{m.note}</p>
          {busy ? (
            <button type="button" className="button button-secondary" onClick={job.cancel}>
              {m.cancel}
            </button>
          ) : (
            <button type="button" className="button button-secondary" onClick={onClose}>
              {m.close}
            </button>
          )}
          <button type="submit" className="button button-primary" disabled={busy || request === null}>
            {busy ? m.running : m.start}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}

function JobStatus({ state, m }: { state: ExportJobState; m: ExportMessages }) {
  const { t } = useI18n();
  const progressId = useId();
  if (state.phase === 'idle') return null;
  if (state.phase === 'starting' || state.phase === 'running') {
    const known = state.phase === 'running' && state.total > 0;
    const step = state.phase === 'running' && state.step && state.step !== state.title ? state.step : m.starting;
    return (
      <div className="ex-progress" data-testid="export-progress">
        {state.phase === 'running' && <p className="ex-progress-title">{state.title}</p>}
        <label htmlFor={progressId} className="ex-progress-step">
          {step}
        </label>
        <div className="ex-progress-line">
          {known ? (
            <progress id={progressId} max={state.total} value={state.done} aria-valuetext={m.progressCount(state.done, state.total)} />
          ) : (
            <progress id={progressId} />
          )}
          {known && <span className="ex-progress-count">{m.progressCount(state.done, state.total)}</span>}
        </div>
      </div>
    );
  }
  if (state.phase === 'done') {
    return (
      <p className="ex-saved" role="status">
        <span className="ex-saved-mark" aria-hidden="true">
          ✓
        </span>
        {m.saved(state.filename, formatSize(state.size, t.locale.intl, m.size))}
      </p>
    );
  }
  if (state.phase === 'cancelled') {
    return (
      <p className="ex-cancelled" role="status">
        {m.cancelled}
      </p>
    );
  }
  return (
    <p className="form-error ex-failed" role="alert">
      {state.message || m.failed}
    </p>
  );
}

function SessionFields({
  options,
  form,
  disabled,
  onChange,
}: {
  options: SessionExportOptions;
  form: SessionForm;
  disabled: boolean;
  onChange: (patch: Partial<SessionForm>) => void;
}) {
  const m = useExportMessages();
  const name = useId();
  const letterId = useId();
  const memberId = useId();
  const choices = documentChoices(options);
  const help = (document: SessionDocument) => (document === 'pack' && !options.secretariat ? m.documentHelp.ownPack : m.documentHelp[document]);
  const chosen = choices.find((c) => c.document === form.document);
  const open = chosen && chosen.blocked === null;

  return (
    <>
      <fieldset className="field ex-documents" disabled={disabled}>
        <legend>{m.documentLegend}</legend>
        {choices.map((choice) => {
          const blocked = choice.blocked !== null;
          const checked = form.document === choice.document;
          const reasonId = `${name}-${choice.document}-reason`;
          return (
            <label
              key={choice.document}
              className={`choice ex-choice${checked && !blocked ? ' is-checked' : ''}${blocked ? ' is-blocked' : ''}`}
              data-document={choice.document}
            >
              <input
                type="radio"
                name={name}
                value={choice.document}
                checked={checked && !blocked}
                disabled={blocked}
                aria-describedby={blocked ? reasonId : undefined}
                onChange={() => onChange({ document: choice.document })}
              />
              <span className="choice-text">
                <span className="choice-title">{m.documents[choice.document]}</span>
                <span className="choice-help">{help(choice.document)}</span>
              </span>
              {blocked && (
                <span className="ex-blocked" id={reasonId}>
                  <span className="ex-blocked-tag">{m.unavailable}</span>
                  {choice.blocked}
                </span>
              )}
            </label>
          );
        })}
      </fieldset>

      {open && (
        <div className="ex-options" data-testid="export-options">
          {form.document === 'decisions' && (
            <FormatChoice formats={DECISION_FORMATS} value={form.decisionFormat} disabled={disabled} onChange={(decisionFormat) => onChange({ decisionFormat })} />
          )}
          {form.document === 'letters' && (
            <>
              <div className="field entry-field ex-field ex-field-wide">
                <label htmlFor={letterId}>{m.lettersLabel}</label>
                <select
                  id={letterId}
                  value={form.letter}
                  disabled={disabled}
                  onChange={(e) => onChange({ letter: e.target.value === 'all' ? 'all' : Number(e.target.value) })}
                >
                  <option value="all">{m.allLetters(options.letters.length)}</option>
                  {options.letters.map((l) => (
                    <option key={l.dossierId} value={l.dossierId}>
                      {m.oneLetter(l.number, l.reference, l.operatorName)}
                    </option>
                  ))}
                </select>
              </div>
              <FormatChoice formats={LETTER_FORMATS} value={form.letterFormat} disabled={disabled} onChange={(letterFormat) => onChange({ letterFormat })} />
            </>
          )}
          {form.document === 'pack' && (
            <>
              {options.secretariat && (
                <div className="field entry-field ex-field ex-field-wide">
                  <label htmlFor={memberId}>{m.memberLabel}</label>
                  <select id={memberId} value={form.memberId ?? ''} disabled={disabled} onChange={(e) => onChange({ memberId: Number(e.target.value) })}>
                    {options.members.map((member) => (
                      <option key={member.id} value={member.id}>
                        {member.name}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <FormatChoice formats={['pdf'] as const} value="pdf" disabled={disabled} onChange={() => undefined} />
            </>
          )}
        </div>
      )}
    </>
  );
}

/** The format as a row of radio buttons drawn as a segmented control (arrow keys move between them). */
function FormatChoice<F extends 'pdf' | 'docx' | 'xlsx' | 'csv'>({
  formats,
  value,
  disabled,
  onChange,
}: {
  formats: readonly F[];
  value: F;
  disabled: boolean;
  onChange: (format: F) => void;
}) {
  const m = useExportMessages();
  const name = useId();
  return (
    <fieldset className="field ex-formats" disabled={disabled}>
      <legend>{m.formatLegend}</legend>
      <div className="ex-segmented">
        {formats.map((format) => (
          <label key={format} className={`ex-segment${value === format ? ' is-checked' : ''}`}>
            <input type="radio" name={name} value={format} checked={value === format} onChange={() => onChange(format)} />
            {m.formats[format]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
