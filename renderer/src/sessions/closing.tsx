/**
 * Closing a session, on the session page (issue 5): while the session is held, the progress of its
 * opinions and « Clôturer la séance » (secretariat), with a confirmation listing what will be
 * locked and the items left without opinion to adjourn explicitly; once closed, the « Avis rendus »
 * block — each item's opinion with its amendments beneath, and « Rectifier » (secretariat), which
 * records a dated, motivated amendment beside the original. The backend refuses whatever the UI
 * lets through; its French message is shown beside the field concerned.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ClosingItem, ClosingOpinion, ClosingOpinionsOutput } from '../../../shared/contract';
import { OPINION_OUTCOMES, type OpinionOutcome, type SessionStatus } from '../../../shared/domain';
import { call } from '../api/client';
import { dossierHash } from '../app/router';
import { useReviewMessages } from '../dossiers/messages';
import { DateInput, Field, FormOutcome, issueOf } from '../entry/form';
import { errorMessage, useI18n } from '../i18n';
import { formatDate } from '../i18n/format';
import { useClosingMessages } from './closingMessages';
import { Dialog, DialogFooter, useDialogWrite } from './Dialog';
import './sessions.css';
import '../dossiers/review.css';
import './closing.css';

type Shown = Extract<ClosingItem, { hidden: false }>;
type Messages = ReturnType<typeof useClosingMessages>;

const numbers = (items: { number: number }[]) => items.map((i) => `n° ${i.number}`).join(', ');

/** The closing bar (open session) or the « Avis rendus » block (closed session). */
export function ClosingPanel({ sessionId, status, onChanged }: { sessionId: number; status: SessionStatus; onChanged: () => void }) {
  const m = useClosingMessages();
  const { t } = useI18n();
  const [data, setData] = useState<ClosingOpinionsOutput | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ kind: 'close' } | { kind: 'amend'; item: Shown; opinion: ClosingOpinion } | null>(null);
  const [announce, setAnnounce] = useState('');
  const relevant = status === 'in_progress' || status === 'agenda_frozen' || status === 'closed';

  const load = useCallback(async () => {
    try {
      setData(await call('closing.opinions', { sessionId }));
      setLoadError(null);
    } catch (e) {
      setLoadError(errorMessage(e, t));
    }
  }, [sessionId, t]);

  useEffect(() => {
    if (!relevant) return;
    let live = true;
    call('closing.opinions', { sessionId }).then(
      (fresh) => {
        if (live) {
          setData(fresh);
          setLoadError(null);
        }
      },
      (e: unknown) => live && setLoadError(errorMessage(e, t)),
    );
    return () => {
      live = false;
    };
  }, [sessionId, t, relevant, status]);

  if (!relevant) return null;
  if (loadError) {
    return (
      <div className="notice" role="alert">
        {loadError}
      </div>
    );
  }
  if (!data) return null;

  const shown = data.items.filter((i): i is Shown => !i.hidden);
  const withOpinion = shown.filter((i) => i.opinion !== null);
  const live = (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="closing-live">
      {announce}
    </p>
  );

  if (data.session.status !== 'closed') {
    // Nothing to close before the first opinion of a frozen agenda.
    if (!data.canEdit || (data.session.status === 'agenda_frozen' && withOpinion.length === 0)) return live;
    const pending = shown.filter((i) => i.opinion === null && !i.adjourned);
    return (
      <section className="panel cl-bar" aria-labelledby="cl-bar-title">
        <div className="cl-bar-text">
          <h2 id="cl-bar-title">{m.closeTitle}</h2>
          <p>
            <strong>{m.progress(withOpinion.length, data.items.length)}</strong>
            {' · '}
            <span className={pending.length > 0 ? 'cl-pending' : 'muted'}>{pending.length > 0 ? m.pending(pending.length, numbers(pending)) : m.allDone}</span>
          </p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'close' })}>
          {m.close}
        </button>
        {live}
        {dialog?.kind === 'close' && (
          <CloseDialog
            data={data}
            onClose={() => setDialog(null)}
            onDone={(message) => {
              setDialog(null);
              setAnnounce(message);
              void load();
              onChanged();
            }}
          />
        )}
      </section>
    );
  }

  return (
    <section className="cl-opinions" aria-labelledby="cl-opinions-title">
      <header className="cl-opinions-header">
        <h2 id="cl-opinions-title">{m.opinionsTitle}</h2>
        {data.session.closedAt && <p className="muted">{m.closedOn(formatDate(data.session.closedAt.slice(0, 10)))}</p>}
      </header>
      {live}
      <ol className="cl-list">
        {data.items.map((item) =>
          item.hidden ? (
            <li key={`h${item.number}`} className="cl-item cl-item-hidden">
              <span className="cl-number">{item.number}</span>
              <p className="muted">{item.reason}</p>
            </li>
          ) : (
            <OpinionRow key={item.id} item={item} m={m} canEdit={data.canEdit} onAmend={(opinion) => setDialog({ kind: 'amend', item, opinion })} />
          ),
        )}
      </ol>
      {dialog?.kind === 'amend' && (
        <AmendDialog
          item={dialog.item}
          opinion={dialog.opinion}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            setAnnounce(message);
            void load();
          }}
        />
      )}
    </section>
  );
}

function OutcomeBadge({ outcome }: { outcome: OpinionOutcome }) {
  const review = useReviewMessages();
  return <span className={`badge outcome-${outcome}`}>{review.outcome[outcome]}</span>;
}

function OpinionText({ conditions, motivation, m }: { conditions: string; motivation: string; m: Messages }) {
  return (
    <>
      {conditions && (
        <p className="cl-text">
          <span className="cl-label">{m.conditions} :</span> {conditions}
        </p>
      )}
      {motivation && (
        <p className="cl-text">
          <span className="cl-label">{m.motivation} :</span> {motivation}
        </p>
      )}
    </>
  );
}

function OpinionRow({ item, m, canEdit, onAmend }: { item: Shown; m: Messages; canEdit: boolean; onAmend: (opinion: ClosingOpinion) => void }) {
  const { opinion } = item;
  const vote =
    opinion === null
      ? null
      : opinion.consensus
        ? m.consensus
        : opinion.votesFor !== null
          ? m.votes(opinion.votesFor, opinion.votesAgainst ?? 0, opinion.votesAbstain ?? 0)
          : null;
  return (
    <li className="cl-item" data-item-id={item.id} data-reference={item.reference}>
      <span className="cl-number">{item.number}</span>
      <div className="cl-main">
        <p className="cl-line">
          <a href={dossierHash(item.dossierId)}>{item.reference}</a>
          <span className="cl-operator">{item.operatorName}</span>
          {opinion && canEdit && (
            <button type="button" className="button button-secondary cl-amend" onClick={() => onAmend(opinion)} aria-label={m.amendOf(item.number, item.reference)}>
              {m.amend}
            </button>
          )}
        </p>
        {opinion === null ? (
          <p className="muted">{m.noOpinion}</p>
        ) : (
          <div className={`cl-opinion${item.amendments.length > 0 ? ' is-amended' : ''}`} data-testid="original-opinion">
            <p className="cl-facts">
              {item.amendments.length > 0 && <span className="cl-label">{m.original} :</span>}
              <OutcomeBadge outcome={opinion.outcome} />
              {vote && <span>{vote}</span>}
              {item.recused.length > 0 && <span className="muted">{m.recused(item.recused.join(', '))}</span>}
            </p>
            <OpinionText conditions={opinion.conditions} motivation={opinion.motivation} m={m} />
          </div>
        )}
        {item.amendments.map((a) => (
          <div key={a.id} className="cl-amendment" data-testid="amendment">
            <p className="cl-amendment-title">
              <strong>{m.amendmentOf(formatDate(a.amendedOn))}</strong> — {m.reasonLabel} {a.reason}
            </p>
            <p className="cl-facts">
              <OutcomeBadge outcome={a.outcome} />
            </p>
            <OpinionText conditions={a.conditions} motivation={a.motivation} m={m} />
          </div>
        ))}
      </div>
    </li>
  );
}

function CloseDialog({ data, onClose, onDone }: { data: ClosingOpinionsOutput; onClose: () => void; onDone: (message: string) => void }) {
  const m = useClosingMessages();
  const review = useReviewMessages();
  const shown = data.items.filter((i): i is Shown => !i.hidden);
  const locked = shown.filter((i) => i.opinion !== null);
  const open = shown.filter((i) => i.opinion === null && !i.adjourned);
  const [adjourn, setAdjourn] = useState<Set<number>>(new Set());
  const { busy, error, onSubmit } = useDialogWrite(async () => {
    await call('closing.close', { sessionId: data.session.id, version: data.session.version, adjournItemIds: [...adjourn] });
    return m.closed(data.session.number);
  }, onDone);
  const hiddenCount = data.items.length - shown.length;

  return (
    <Dialog title={m.closeOf(data.session.number)} onClose={onClose} busy={busy} className="cl-dialog">
      <form onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <p className="dialog-intro">{m.closeIntro}</p>
          <p className="cl-dialog-heading">{m.willLock(locked.length + hiddenCount)}</p>
          <ul className="cl-lock-list">
            {locked.map((i) => (
              <li key={i.id}>
                <span className="cl-number-small">{i.number}</span> {i.reference} — {i.opinion ? review.outcome[i.opinion.outcome] : ''}
              </li>
            ))}
          </ul>
          {open.length > 0 && (
            <fieldset className="cl-adjourn">
              <legend>{m.toAdjourn}</legend>
              {open.map((i) => (
                <label key={i.id} className="checkbox-line">
                  <input
                    type="checkbox"
                    checked={adjourn.has(i.id)}
                    onChange={(e) => {
                      const next = new Set(adjourn);
                      if (e.target.checked) next.add(i.id);
                      else next.delete(i.id);
                      setAdjourn(next);
                    }}
                  />
                  <span>{m.adjourn(i.number, i.reference)}</span>
                </label>
              ))}
            </fieldset>
          )}
          {error !== null && <FormOutcome error={error} saved={null} />}
        </div>
        <DialogFooter busy={busy} onClose={onClose} closeLabel={m.keepOpen}>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? m.closing : m.close}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}

function AmendDialog({ item, opinion, onClose, onDone }: { item: Shown; opinion: ClosingOpinion; onClose: () => void; onDone: (message: string) => void }) {
  const m = useClosingMessages();
  const review = useReviewMessages();
  const latest = item.amendments.at(-1);
  const [reason, setReason] = useState('');
  const [amendedOn, setAmendedOn] = useState('');
  const [outcome, setOutcome] = useState<OpinionOutcome>(latest?.outcome ?? opinion.outcome);
  const [conditions, setConditions] = useState(latest?.conditions ?? opinion.conditions);
  const [motivation, setMotivation] = useState(latest?.motivation ?? opinion.motivation);
  const { busy, error, onSubmit } = useDialogWrite(async () => {
    await call('closing.amend', {
      opinionId: opinion.id,
      reason,
      ...(amendedOn.trim() ? { amendedOn } : {}),
      outcome,
      conditions,
      motivation,
    });
    return m.amended(item.number);
  }, onDone);
  const fieldErrors = ['reason', 'amendedOn', 'conditions', 'motivation'].some((p) => issueOf(error, p));

  return (
    <Dialog title={m.amendOf(item.number, item.reference)} onClose={onClose} busy={busy} className="cl-dialog cl-amend-dialog">
      <form onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <p className="dialog-intro">{m.amendIntro}</p>
          <div className="cl-original">
            <p className="cl-label">{m.original}</p>
            <p className="cl-facts">
              <OutcomeBadge outcome={opinion.outcome} />
            </p>
            <OpinionText conditions={opinion.conditions} motivation={opinion.motivation} m={m} />
          </div>
          <div className="form-grid cl-amend-grid">
            <Field label={m.reason} error={issueOf(error, 'reason')} hint={m.reasonHint} className="span-2">
              {(props) => <textarea {...props} rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />}
            </Field>
            <Field label={m.date} error={issueOf(error, 'amendedOn')} hint={m.dateHint}>
              {(props) => <DateInput {...props} value="" onValue={setAmendedOn} />}
            </Field>
            <Field label={m.outcome} error={issueOf(error, 'outcome')}>
              {(props) => (
                <select {...props} value={outcome} onChange={(e) => setOutcome(e.target.value as OpinionOutcome)}>
                  {OPINION_OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {review.outcome[o]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={m.conditions} error={issueOf(error, 'conditions')} hint={m.conditionsHint} className="span-2">
              {(props) => <textarea {...props} rows={2} value={conditions} onChange={(e) => setConditions(e.target.value)} />}
            </Field>
            <Field label={m.motivation} error={issueOf(error, 'motivation')} hint={m.motivationHint} className="span-2">
              {(props) => <textarea {...props} rows={3} value={motivation} onChange={(e) => setMotivation(e.target.value)} />}
            </Field>
          </div>
          {error !== null && !fieldErrors && <FormOutcome error={error} saved={null} />}
        </div>
        <DialogFooter busy={busy} onClose={onClose} closeLabel={m.dismiss}>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? m.amending : m.amendSubmit}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
