/**
 * Moving and cancelling a session (secretariat). The backend re-checks everything — a school or
 * public holiday, a day that already has a session, a closed session, a stale copy — and its French
 * message is shown beside the field it concerns; nothing is written when it refuses.
 */
import { useState } from 'react';
import type { SessionListRow } from '../../../shared/contract';
import { call } from '../api/client';
import { DateInput, Field, FormOutcome, issueOf } from '../entry/form';
import { useI18n } from '../i18n';
import { Dialog, DialogFooter, useDialogWrite } from './Dialog';
import { longDate } from './format';
import { useSessionsMessages } from './messages';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function MoveSessionDialog({ row, onClose, onDone }: { row: SessionListRow; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const m = useSessionsMessages();
  const [heldOn, setHeldOn] = useState(row.heldOn);
  const [startsAt, setStartsAt] = useState(row.startsAt);
  const [place, setPlace] = useState(row.place);
  const { busy, error, onSubmit } = useDialogWrite(async () => {
    await call('sessions.move', { id: row.id, version: row.version, heldOn, startsAt: startsAt.trim(), place });
    return m.moved(row.number, longDate(heldOn, t.locale.intl));
  }, onDone);

  const dateError = issueOf(error, 'heldOn');
  return (
    <Dialog title={m.moveOf(row.number)} onClose={onClose} busy={busy} className="session-dialog">
      <form onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <p className="dialog-intro">
            <strong>{m.currently(`${longDate(row.heldOn, t.locale.intl)}, ${row.startsAt}`)}</strong> {m.moveIntro}
          </p>
          <div className="form-grid form-grid-move">
            <Field label={m.newDate} error={dateError} hint={ISO.test(heldOn) ? longDate(heldOn, t.locale.intl) : m.dateHint}>
              {(props) => <DateInput {...props} value={row.heldOn} onValue={setHeldOn} />}
            </Field>
            <Field label={m.time} error={issueOf(error, 'startsAt')} hint={m.timeHint}>
              {(props) => <input {...props} type="text" inputMode="numeric" maxLength={5} value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />}
            </Field>
            <Field label={m.place} error={issueOf(error, 'place')} className="span-2">
              {(props) => <input {...props} type="text" value={place} onChange={(e) => setPlace(e.target.value)} />}
            </Field>
          </div>
          {error !== null && !dateError && <FormOutcome error={error} saved={null} />}
        </div>
        <DialogFooter busy={busy} onClose={onClose} closeLabel={m.dismiss}>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? m.moving : m.moveSubmit}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}

export function CancelSessionDialog({ row, onClose, onDone }: { row: SessionListRow; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const m = useSessionsMessages();
  const [reason, setReason] = useState('');
  const { busy, error, onSubmit } = useDialogWrite(async () => {
    await call('sessions.cancel', { id: row.id, version: row.version, reason });
    return m.cancelled(row.number);
  }, onDone);

  const reasonError = issueOf(error, 'reason');
  return (
    <Dialog title={m.cancelOf(row.number)} onClose={onClose} busy={busy} className="session-dialog">
      <form onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <p className="dialog-intro">
            <strong>{`${longDate(row.heldOn, t.locale.intl)}, ${row.startsAt}.`}</strong> {m.cancelIntro}
          </p>
          <Field label={m.reason} error={reasonError} hint={m.reasonHint}>
            {(props) => <textarea {...props} rows={3} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          {error !== null && !reasonError && <FormOutcome error={error} saved={null} />}
        </div>
        <DialogFooter busy={busy} onClose={onClose} closeLabel={m.keep}>
          <button type="submit" className="button button-danger" disabled={busy}>
            {busy ? m.cancelling : m.cancelSubmit}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
