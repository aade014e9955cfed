/**
 * « Planifier une année »: the secretariat picks a school or calendar year, the weekday, the first
 * date, time and place; the backend previews the biweekly dates (writing nothing), with each
 * skipped fortnight and why, the sessions already planned, and whether the school calendar is the
 * published one. The secretariat unticks what it does not want, then creates the rest in one go.
 */
import { useEffect, useMemo, useState } from 'react';
import { isoWeekday } from '../../../shared/calendar';
import type { SessionListOutput, SessionPlanOutput } from '../../../shared/contract';
import { call, RpcCallError } from '../api/client';
import { DateInput, Field, FormOutcome, issueOf } from '../entry/form';
import { errorMessage, useI18n } from '../i18n';
import { Dialog, DialogFooter, useDialogWrite } from './Dialog';
import { longDate, longDateRange } from './format';
import { useSessionsMessages } from './messages';
import { planPeriods, previewLines, suggestedFirstDate, type Line } from './plan';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

const selectable = (p: SessionPlanOutput['proposed'][number]) => p.existing === null && !p.past;

export function PlanYearDialog({ list, onClose, onDone }: { list: SessionListOutput; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const m = useSessionsMessages();
  const intl = t.locale.intl;
  const periods = useMemo(() => planPeriods(list.today), [list.today]);
  const latest = list.upcoming.at(-1) ?? list.past[0];
  const [periodKey, setPeriodKey] = useState(periods[0]?.key ?? '');
  const [weekday, setWeekday] = useState(latest ? Math.min(5, isoWeekday(latest.heldOn)) : 4);
  const period = periods.find((p) => p.key === periodKey) ?? periods[0]!;
  const [from, setFrom] = useState(() => suggestedFirstDate(period, weekday, list.today, list));
  const [fromKey, setFromKey] = useState(0);
  const [startsAt, setStartsAt] = useState(latest?.startsAt ?? '09:30');
  const [place, setPlace] = useState(latest?.place ?? '');

  const [plan, setPlan] = useState<{ key: string; data: SessionPlanOutput } | null>(null);
  const [planError, setPlanError] = useState<unknown>(null);
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());

  const changeShape = (next: { periodKey?: string; weekday?: number }) => {
    const p = periods.find((x) => x.key === (next.periodKey ?? periodKey)) ?? period;
    const w = next.weekday ?? weekday;
    if (next.periodKey !== undefined) setPeriodKey(next.periodKey);
    if (next.weekday !== undefined) setWeekday(next.weekday);
    setFrom(suggestedFirstDate(p, w, list.today, list));
    setFromKey((k) => k + 1); // the date field shows the new suggestion
  };

  // The preview follows the period, weekday and first date (time and place do not change the dates).
  const previewKey = `${from}|${period.end}|${weekday}`;
  const validFrom = ISO.test(from) && from <= period.end;
  useEffect(() => {
    if (!validFrom) return;
    let live = true;
    const timer = window.setTimeout(() => {
      call('sessions.plan', { from, to: period.end, weekday, startsAt: '09:30', place: '' }).then(
        (data) => {
          if (!live) return;
          setPlan({ key: previewKey, data });
          setPlanError(null);
          setUnticked(new Set());
        },
        (failure: unknown) => live && setPlanError(failure),
      );
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [from, period.end, weekday, previewKey, validFrom]);

  const current = plan?.key === previewKey ? plan.data : null;
  const chosen = current ? current.proposed.filter((p) => selectable(p) && !unticked.has(p.date)).map((p) => p.date) : [];
  const lines = useMemo(() => (current ? previewLines(current) : []), [current]);

  const toggle = (date: string) =>
    setUnticked((previous) => {
      const next = new Set(previous);
      if (next.has(date)) next.delete(date);
      else next.add(date);
      return next;
    });

  const { busy, error, onSubmit } = useDialogWrite(async () => {
    if (chosen.length === 0) return null;
    const { created } = await call('sessions.createPlanned', { dates: chosen, startsAt: startsAt.trim(), place });
    const numbers = created.map((c) => c.number);
    return m.created(created.length, Math.min(...numbers), Math.max(...numbers));
  }, onDone);

  return (
    <Dialog title={m.planTitle} onClose={onClose} busy={busy} className="session-dialog plan-dialog">
      <form onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <p className="dialog-intro">{m.planIntro}</p>
          <div className="form-grid plan-fields">
            <Field label={m.period}>
              {(props) => (
                <select {...props} value={periodKey} onChange={(e) => changeShape({ periodKey: e.target.value })}>
                  {periods.map((p) => (
                    <option key={p.key} value={p.key}>
                      {p.kind === 'school' ? m.schoolYear(p.year) : m.civilYear(p.year)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={m.weekday}>
              {(props) => (
                <select {...props} value={weekday} onChange={(e) => changeShape({ weekday: Number(e.target.value) })}>
                  {m.weekdays.map((name, i) => (
                    <option key={name} value={i + 1}>
                      {name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={m.firstDate} hint={ISO.test(from) ? longDate(from, intl) : m.dateHint}>
              {(props) => <DateInput key={fromKey} {...props} value={from} onValue={setFrom} />}
            </Field>
            <Field label={m.time} hint={m.timeHint} error={issueOf(error, 'startsAt')}>
              {(props) => <input {...props} type="text" inputMode="numeric" maxLength={5} value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />}
            </Field>
            <Field label={m.place} error={issueOf(error, 'place')} className="plan-place">
              {(props) => <input {...props} type="text" value={place} onChange={(e) => setPlace(e.target.value)} />}
            </Field>
          </div>

          <section className="plan-preview" aria-label={m.previewLabel} aria-busy={validFrom && !current && !planError}>
            {!validFrom ? (
              <p className="page-status" role="status">
                {m.fromOutside}
              </p>
            ) : planError !== null ? (
              <p className="form-error" role="alert">
                {planError instanceof RpcCallError && planError.issues[0] ? planError.issues[0].message : errorMessage(planError, t)}
              </p>
            ) : !current ? (
              <p className="page-status" role="status">
                <span className="spinner" aria-hidden="true" /> {m.previewing}
              </p>
            ) : (
              <>
                <div className="plan-summary">
                  <p role="status">{m.proposedCount(current.proposed.filter(selectable).length, current.skipped.length)}</p>
                  <span className="plan-summary-end">
                    <button type="button" className="link-button" onClick={() => setUnticked(new Set())}>
                      {m.selectAll}
                    </button>
                    <button type="button" className="link-button" onClick={() => setUnticked(new Set(current.proposed.map((p) => p.date)))}>
                      {m.selectNone}
                    </button>
                  </span>
                </div>
                {current.notes.map((note) => (
                  <p key={note} className="plan-note" role="note">
                    {note.charAt(0).toUpperCase() + note.slice(1)}.
                  </p>
                ))}
                <ul className="plan-lines">
                  {lines.map((line) => (
                    <PlanLine key={`${line.kind}-${line.date}`} line={line} intl={intl} checked={!unticked.has(line.date)} onToggle={toggle} />
                  ))}
                </ul>
              </>
            )}
          </section>
          <FormOutcome error={error} saved={null} />
        </div>
        <DialogFooter busy={busy} onClose={onClose} closeLabel={m.close} note={current && m.numbering(current.nextNumber)}>
          <button type="submit" className="button button-primary" disabled={busy || chosen.length === 0}>
            {busy ? m.creating : m.create(chosen.length)}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}

function PlanLine({ line, intl, checked, onToggle }: { line: Line; intl: string; checked: boolean; onToggle: (date: string) => void }) {
  const m = useSessionsMessages();
  const { t } = useI18n();
  const date = longDate(line.date, intl);
  if (line.kind === 'skipped') {
    return (
      <li className="plan-line is-skipped" data-date={line.date}>
        <span className="plan-mark" aria-hidden="true">
          –
        </span>
        <span className="plan-date">{line.weeks === 1 ? date : longDateRange(line.date, line.last, intl)}</span>
        <span className="plan-reason">{line.weeks === 1 ? m.skippedBecause(line.label) : m.skippedWeeks(line.label, line.weeks)}</span>
      </li>
    );
  }
  if (line.kind === 'existing') {
    return (
      <li className="plan-line is-existing" data-date={line.date}>
        <span className="plan-mark" aria-hidden="true">
          •
        </span>
        <span className="plan-date">{date}</span>
        <span className="plan-reason">
          {m.existingOther(line.number)} — {t.enums.sessionStatus[line.status as keyof typeof t.enums.sessionStatus]}
        </span>
      </li>
    );
  }
  const disabled = line.existing !== null || line.past;
  return (
    <li className={`plan-line is-proposed${disabled ? ' is-disabled' : ''}`} data-date={line.date}>
      <label className="plan-check">
        <input type="checkbox" checked={!disabled && checked} disabled={disabled} onChange={() => onToggle(line.date)} />
        <span className="plan-date">{date}</span>
      </label>
      {line.existing && <span className="plan-reason">{m.alreadyPlanned(line.existing.number)}</span>}
      {line.past && !line.existing && <span className="plan-reason">{m.pastDate}</span>}
    </li>
  );
}
