/**
 * Meeting mode's forms: the opinion of the current item (outcome, conditions, motivation —
 * marked required for unfavourable and conditional opinions —, consensus or votes, recused
 * members pre-filled from the declared conflicts), the adjournment dialog and the attendance
 * dialog. Refusals come from the backend, in French, shown next to the field they concern.
 */
import { useId, useState, type FormEvent } from 'react';
import type { AdjournedOutcome, AttendanceStatus, MeetingAttendee, MeetingGetOutput, MeetingItem } from '../../../shared/contract';
import { ATTENDANCE_STATUSES } from '../../../shared/contract';
import { OUTCOMES_REQUIRING_MOTIVATION, type OpinionOutcome } from '../../../shared/domain';
import { call, RpcCallError } from '../api/client';
import { errorMessage, useI18n } from '../i18n';
import { Dialog, DialogFooter, useDialogWrite } from './Dialog';
import { dayMonthYear } from './meetingFormat';
import { useMeetingMessages } from './meetingMessages';

const FORM_OUTCOMES = ['favourable', 'favourable_conditions', 'unfavourable', 'noted'] as const satisfies readonly OpinionOutcome[];
type FormOutcome = (typeof FORM_OUTCOMES)[number];
const isFormOutcome = (o: OpinionOutcome | null | undefined): o is FormOutcome => (FORM_OUTCOMES as readonly string[]).includes(o ?? '');

/** The failure's message for `path`: the backend's whole French message when it names that field. */
function fieldError(error: unknown, path: string): string | undefined {
  return error instanceof RpcCallError && error.issueFor(path) !== undefined ? error.message : undefined;
}
const hasFieldError = (error: unknown, paths: readonly string[]) => paths.some((p) => fieldError(error, p) !== undefined);

const count = (text: string) => (text.trim() === '' ? 0 : Math.max(0, Math.trunc(Number(text)) || 0));

export function OpinionForm({
  item,
  attendance,
  disabled,
  onSaved,
  onAdjourn,
}: {
  item: MeetingItem;
  attendance: readonly MeetingAttendee[];
  disabled: boolean;
  onSaved: () => Promise<void>;
  onAdjourn: () => void;
}) {
  const m = useMeetingMessages();
  const { t } = useI18n();
  const uid = useId();
  const previous = item.opinion;
  const [outcome, setOutcome] = useState<FormOutcome | null>(
    isFormOutcome(previous?.outcome) ? previous.outcome : isFormOutcome(item.proposal.outcome) ? item.proposal.outcome : null,
  );
  const [conditions, setConditions] = useState(previous?.conditions ?? '');
  const [motivation, setMotivation] = useState(previous && !previous.outcome.startsWith('adjourned') ? previous.motivation : '');
  const [mode, setMode] = useState<'consensus' | 'vote'>(previous?.votes ? 'vote' : 'consensus');
  const [votes, setVotes] = useState({
    for: previous?.votes ? String(previous.votes.for) : '',
    against: previous?.votes ? String(previous.votes.against) : '',
    abstain: previous?.votes ? String(previous.votes.abstain) : '',
  });
  const conflicted = new Set(item.recused.filter((r) => r.source === 'conflict').map((r) => r.memberId));
  const [recused, setRecused] = useState(() => new Set(item.recused.map((r) => r.memberId)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  const voting = attendance.filter((a) => a.voting || recused.has(a.memberId));
  const present = attendance.filter((a) => a.voting && a.status === 'present');
  const eligible = present.length - present.filter((a) => recused.has(a.memberId)).length;
  const motivationRequired = outcome !== null && OUTCOMES_REQUIRING_MOTIVATION.includes(outcome);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setLocalError(null);
    if (outcome === null) {
      setLocalError(m.chooseOutcome);
      return;
    }
    setBusy(true);
    try {
      await call('meeting.recordOpinion', {
        itemId: item.id,
        version: item.version,
        outcome,
        conditions: outcome === 'favourable_conditions' ? conditions : '',
        motivation,
        consensus: mode === 'consensus',
        votes: mode === 'vote' ? { for: count(votes.for), against: count(votes.against), abstain: count(votes.abstain) } : null,
        recusedMemberIds: [...recused],
      });
      await onSaved();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  const general = error !== null && !hasFieldError(error, ['motivation', 'conditions', 'votes', 'recusedMemberIds']) ? errorMessage(error, t) : localError;
  const motivationError = fieldError(error, 'motivation');
  const conditionsError = fieldError(error, 'conditions');
  const votesError = fieldError(error, 'votes');

  return (
    <form className="mt-form" onSubmit={(e) => void submit(e)} noValidate>
      {general && (
        <p className="mt-alert" role="alert">
          {general}
        </p>
      )}
      <fieldset className="mt-outcomes" disabled={disabled || busy}>
        <legend>{m.outcome}</legend>
        {FORM_OUTCOMES.map((o) => (
          <label key={o} className={`mt-radio${outcome === o ? ' is-checked' : ''}`}>
            <input type="radio" name={`${uid}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
            {m.outcomes[o]}
          </label>
        ))}
      </fieldset>
      {outcome === 'favourable_conditions' && (
        <div className="mt-field">
          <label htmlFor={`${uid}-conditions`}>
            {m.conditions} <span className="mt-required">({m.required})</span>
          </label>
          <textarea
            id={`${uid}-conditions`}
            rows={3}
            value={conditions}
            onChange={(e) => setConditions(e.target.value)}
            disabled={disabled || busy}
            aria-required="true"
            aria-invalid={conditionsError ? true : undefined}
            aria-describedby={conditionsError ? `${uid}-conditions-error` : undefined}
          />
          {conditionsError && (
            <p className="field-error" id={`${uid}-conditions-error`} role="alert">
              {conditionsError}
            </p>
          )}
        </div>
      )}
      <div className="mt-field">
        <label htmlFor={`${uid}-motivation`}>
          {m.motivation} {motivationRequired && <span className="mt-required">({m.required})</span>}
        </label>
        <textarea
          id={`${uid}-motivation`}
          rows={4}
          value={motivation}
          onChange={(e) => setMotivation(e.target.value)}
          disabled={disabled || busy}
          aria-required={motivationRequired || undefined}
          aria-invalid={motivationError ? true : undefined}
          aria-describedby={motivationError ? `${uid}-motivation-error` : undefined}
        />
        {motivationError && (
          <p className="field-error" id={`${uid}-motivation-error`} role="alert">
            {motivationError}
          </p>
        )}
      </div>
      <fieldset className="mt-mode" disabled={disabled || busy}>
        <legend>{m.decidedBy}</legend>
        <label className="mt-radio">
          <input type="radio" name={`${uid}-mode`} checked={mode === 'consensus'} onChange={() => setMode('consensus')} />
          {m.consensus}
        </label>
        <label className="mt-radio">
          <input type="radio" name={`${uid}-mode`} checked={mode === 'vote'} onChange={() => setMode('vote')} />
          {m.vote}
        </label>
      </fieldset>
      {mode === 'vote' && (
        <div className="mt-votes" aria-describedby={`${uid}-votes-hint`}>
          {(['for', 'against', 'abstain'] as const).map((k) => (
            <label key={k} className="mt-vote">
              <span>{k === 'for' ? m.votesFor : k === 'against' ? m.votesAgainst : m.votesAbstain}</span>
              <input
                type="number"
                min={0}
                max={99}
                inputMode="numeric"
                value={votes[k]}
                onChange={(e) => setVotes((v) => ({ ...v, [k]: e.target.value }))}
                disabled={disabled || busy}
                aria-invalid={votesError ? true : undefined}
              />
            </label>
          ))}
          <p className="mt-hint" id={`${uid}-votes-hint`}>
            {m.votesHint(eligible)}
          </p>
        </div>
      )}
      {votesError && (
        <p className="field-error" role="alert">
          {votesError}
        </p>
      )}
      <details className="mt-recusals-box" open={item.recused.length > 0 || undefined}>
        <summary>{m.recusedCount(recused.size)}</summary>
        <fieldset className="mt-recusals" disabled={disabled || busy}>
          <legend className="visually-hidden">{m.recusedChoice}</legend>
        {voting.map((a) => (
          <label key={a.memberId} className="mt-check">
            <input
              type="checkbox"
              checked={recused.has(a.memberId)}
              disabled={conflicted.has(a.memberId)}
              onChange={(e) =>
                setRecused((set) => {
                  const next = new Set(set);
                  if (e.target.checked) next.add(a.memberId);
                  else next.delete(a.memberId);
                  return next;
                })
              }
            />
            {a.name}
            {conflicted.has(a.memberId) && <span className="muted"> — {m.conflictNote}</span>}
          </label>
        ))}
        </fieldset>
      </details>
      <div className="mt-form-actions">
        <button type="submit" className="button button-primary mt-save" disabled={disabled || busy}>
          {previous && !previous.outcome.startsWith('adjourned') ? m.replace : m.save}
        </button>
        <button type="button" className="button button-secondary" onClick={onAdjourn} disabled={disabled || busy}>
          {m.adjourn}
        </button>
      </div>
    </form>
  );
}

export function AdjournDialog({
  item,
  nextSession,
  onClose,
  onDone,
}: {
  item: MeetingItem;
  nextSession: MeetingGetOutput['nextSession'];
  onClose: () => void;
  onDone: (message: string) => Promise<void>;
}) {
  const m = useMeetingMessages();
  const { t } = useI18n();
  const uid = useId();
  const [outcome, setOutcome] = useState<AdjournedOutcome>(item.opinion?.outcome === 'adjourned_hearing' ? 'adjourned_hearing' : 'adjourned_information');
  const [reason, setReason] = useState(item.opinion?.outcome.startsWith('adjourned') ? item.opinion.motivation : '');
  const write = useDialogWrite(
    async () => {
      const out = await call('meeting.adjourn', {
        itemId: item.id,
        version: item.version,
        outcome,
        reason,
        recusedMemberIds: item.recused.map((r) => r.memberId),
      });
      return m.adjourned(item.position, out.nextSession.number);
    },
    (message) => void onDone(message),
  );
  const reasonError = fieldError(write.error, 'reason');
  const general = write.error !== null && !reasonError ? errorMessage(write.error, t) : null;
  return (
    <Dialog title={m.adjournTitle(item.position)} onClose={onClose} busy={write.busy} className="mt-dialog">
      <form onSubmit={write.onSubmit} noValidate>
        <div className="dialog-body">
          {general && (
            <p className="form-error" role="alert">
              {general}
            </p>
          )}
          <fieldset className="mt-outcomes" disabled={write.busy}>
            <legend>{m.outcome}</legend>
            {(['adjourned_information', 'adjourned_hearing'] as const).map((o) => (
              <label key={o} className={`mt-radio${outcome === o ? ' is-checked' : ''}`}>
                <input type="radio" name={`${uid}-outcome`} checked={outcome === o} onChange={() => setOutcome(o)} />
                {m.outcomes[o]}
              </label>
            ))}
          </fieldset>
          <div className="mt-field">
            <label htmlFor={`${uid}-reason`}>
              {m.adjournWhy} <span className="mt-required">({m.required})</span>
            </label>
            <textarea
              id={`${uid}-reason`}
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              disabled={write.busy}
              aria-required="true"
              aria-invalid={reasonError ? true : undefined}
            />
            {reasonError && (
              <p className="field-error" role="alert">
                {reasonError}
              </p>
            )}
          </div>
          <p className={nextSession ? 'mt-hint' : 'form-error'}>
            {nextSession ? m.adjournTo(nextSession.number, dayMonthYear(nextSession.heldOn, m.dateLocale)) : m.adjournNoNext}
          </p>
        </div>
        <DialogFooter busy={write.busy} onClose={onClose} closeLabel={m.cancel}>
          <button type="submit" className="button button-primary" disabled={write.busy}>
            {m.adjourn}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}

export function AttendanceDialog({
  meeting,
  onChanged,
  onClose,
}: {
  meeting: MeetingGetOutput;
  onChanged: (fresh: MeetingGetOutput) => void;
  onClose: () => void;
}) {
  const m = useMeetingMessages();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sessionId = meeting.session.id;

  const set = async (changes: readonly { memberId: number; status: AttendanceStatus }[]) => {
    setBusy(true);
    setError(null);
    try {
      for (const c of changes) await call('meeting.setAttendance', { sessionId, ...c });
      onChanged(await call('meeting.get', { sessionId }));
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  const unrecorded = meeting.attendance.filter((a) => a.status === null);
  return (
    <Dialog title={m.attendanceTitle} onClose={onClose} busy={busy} className="mt-dialog mt-attendance-dialog">
      <div className="dialog-body">
        <p className={`mt-quorum ${meeting.quorum.reached ? 'is-reached' : 'is-missing'}`} role="status">
          {meeting.quorum.text}
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <table className="mt-attendance">
          <tbody>
            {meeting.attendance.map((a) => (
              <tr key={a.memberId}>
                <th scope="row">
                  <span className="mt-attendee">{a.name}</span>
                  <span className="mt-attendee-meta">
                    {a.organisation} · {a.voting ? m.voting : m.advisory}
                  </span>
                </th>
                <td>
                  <div className="mt-segmented" role="radiogroup" aria-label={m.attendanceOf(a.name)}>
                    {ATTENDANCE_STATUSES.map((s) => (
                      <label key={s} className={`mt-segment mt-segment-${s}${a.status === s ? ' is-checked' : ''}`}>
                        <input
                          type="radio"
                          name={`attendance-${a.memberId}`}
                          checked={a.status === s}
                          disabled={busy}
                          onChange={() => void set([{ memberId: a.memberId, status: s }])}
                        />
                        {m.status[s]}
                      </label>
                    ))}
                  </div>
                  {a.status === null && <span className="mt-not-recorded">{m.notRecorded}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DialogFooter
        busy={busy}
        onClose={onClose}
        closeLabel={m.close}
        note={
          unrecorded.length > 0 ? (
            <button type="button" className="link-button" disabled={busy} onClick={() => void set(unrecorded.map((a) => ({ memberId: a.memberId, status: 'present' })))}>
              {m.allPresent}
            </button>
          ) : undefined
        }
      >
        {null}
      </DialogFooter>
    </Dialog>
  );
}
