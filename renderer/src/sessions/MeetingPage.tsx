/**
 * Meeting mode (#/sessions/ID/meeting): full screen, no app navigation, large type for a
 * projector. The top bar gives the session, the quorum and « Point n / N »; the left column the
 * agenda with each item's state; the centre the current item's essential facts, compliance flags,
 * the administration's proposal and the recused members; the right column the opinion form.
 * PageUp / PageDown or Alt+← / Alt+→ go to the previous / next item; Escape (outside a text
 * field and with no dialog open) or « Quitter le mode séance » returns to the session page.
 */
import { useCallback, useEffect, useState } from 'react';
import type { MeetingGetOutput, MeetingItem } from '../../../shared/contract';
import { call } from '../api/client';
import { useSessionView } from './useSessionView';
import { navigate } from '../app/router';
import { FlagsCell } from '../compliance/FlagsCell';
import { errorMessage, useI18n } from '../i18n';
import { AdjournDialog, AttendanceDialog, OpinionForm } from './meetingForms';
import { formatDate } from '../i18n/format';
import { longDate } from './format';
import { dayMonthYear } from './meetingFormat';
import { useMeetingMessages, type MeetingMessages } from './meetingMessages';
import './meeting.css';

type Panel = 'attendance' | 'adjourn' | null;

export type ItemState = 'none' | 'recorded' | 'adjourned';
export const itemState = (item: MeetingItem): ItemState =>
  item.opinion === null ? 'none' : item.opinion.outcome.startsWith('adjourned') ? 'adjourned' : 'recorded';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['radio', 'checkbox', 'button', 'submit'].includes(target.type);
}

export function MeetingPage({ id }: { id: number | null }) {
  const m = useMeetingMessages();
  const { t } = useI18n();
  const [index, setIndex] = useState<number | null>(null);
  // Start on the first item without an opinion.
  const { data: meeting, setData: setMeeting, loadError, reload: load } = useSessionView('meeting.get', id, (fresh) => {
    const first = fresh.items.findIndex((i) => i.opinion === null);
    setIndex(first === -1 ? 0 : first);
  });
  const [panel, setPanel] = useState<Panel>(null);
  const [announce, setAnnounce] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);


  const exit = useCallback(() => navigate(`#/sessions/${id ?? ''}`), [id]);
  const total = meeting?.items.length ?? 0;
  const go = useCallback(
    (delta: number) => {
      setIndex((i) => (i === null || total === 0 ? i : Math.min(Math.max(i + delta, 0), total - 1)));
      setActionError(null);
    },
    [total],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const typing = isTyping(event.target);
      if (event.key === 'Escape' && !typing) {
        event.preventDefault();
        exit();
      } else if ((event.key === 'PageDown' && !typing) || (event.altKey && event.key === 'ArrowRight')) {
        event.preventDefault();
        go(1);
      } else if ((event.key === 'PageUp' && !typing) || (event.altKey && event.key === 'ArrowLeft')) {
        event.preventDefault();
        go(-1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [exit, go]);

  useEffect(() => {
    document.body.classList.add('meeting-mode');
    return () => document.body.classList.remove('meeting-mode');
  }, []);

  const start = async () => {
    if (!meeting) return;
    setBusy(true);
    setActionError(null);
    try {
      await call('meeting.start', { sessionId: meeting.session.id, version: meeting.session.version });
      await load();
      setAnnounce(m.started);
    } catch (e) {
      setActionError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  const item = meeting && index !== null ? meeting.items[index] : undefined;

  if (loadError) {
    return (
      <div className="mt-page">
        <p className="mt-alert" role="alert">
          {loadError}
        </p>
        <button type="button" className="button button-secondary" onClick={exit}>
          {m.exit}
        </button>
      </div>
    );
  }
  if (!meeting || index === null) {
    return (
      <div className="mt-page mt-loading" role="status">
        <span className="spinner" aria-hidden="true" /> {m.loading}
      </div>
    );
  }

  const { session, quorum } = meeting;
  const open = session.status === 'in_progress';
  const closed = session.status === 'closed';

  return (
    <div className="mt-page">
      <header className="mt-bar">
        <div className="mt-bar-title">
          <h1 title={longDate(session.heldOn, m.dateLocale)}>{m.title(session.number, dayMonthYear(session.heldOn, m.dateLocale))}</h1>
          <span className={`mt-session-status mt-session-${session.status}`}>{t.enums.sessionStatus[session.status]}</span>
        </div>
        <p className={`mt-quorum ${quorum.reached ? 'is-reached' : 'is-missing'}`} data-testid="quorum">
          <span aria-hidden="true">{quorum.reached ? '✓' : '!'}</span> {quorum.text}
        </p>
        {total > 0 && <p className="mt-counter">{m.itemOf(index + 1, total)}</p>}
        <div className="mt-bar-actions">
          <button type="button" className="button mt-bar-button" onClick={() => setPanel('attendance')} disabled={closed}>
            {m.attendance}
          </button>
          {!open && !closed && session.status !== 'cancelled' && (
            <button type="button" className="button button-primary" onClick={() => void start()} disabled={busy}>
              {m.start}
            </button>
          )}
          <button type="button" className="button mt-bar-button" onClick={exit} aria-keyshortcuts="Escape">
            {m.exit}
          </button>
        </div>
      </header>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      {actionError && (
        <p className="mt-alert" role="alert">
          {actionError}
        </p>
      )}
      {!open && !closed && <p className="mt-note">{m.notStarted}</p>}
      {closed && <p className="mt-note">{m.closed}</p>}
      {total === 0 ? (
        <p className="mt-empty">{m.emptyAgenda}</p>
      ) : (
        <div className="mt-body">
          <AgendaList meeting={meeting} index={index} onPick={(i) => setIndex(i)} m={m} />
          {item && (
            <>
              <ItemView item={item} nextSession={meeting.nextSession} m={m} />
              <section className="mt-form-column" aria-labelledby="mt-opinion-title">
                <h2 id="mt-opinion-title">{m.opinion}</h2>
                <div className="mt-form-scroll">
                <OpinionForm
                  key={`${item.id}-${item.version}`}
                  item={item}
                  attendance={meeting.attendance}
                  disabled={!open}
                  onSaved={async () => {
                    await load();
                    setAnnounce(m.saved(item.position));
                  }}
                  onAdjourn={() => setPanel('adjourn')}
                />
                </div>
                <nav className="mt-nav" aria-label={m.agenda}>
                  <button type="button" className="button button-secondary" onClick={() => go(-1)} disabled={index === 0} aria-keyshortcuts="PageUp Alt+ArrowLeft">
                    ← {m.previous}
                  </button>
                  <button type="button" className="button button-secondary" onClick={() => go(1)} disabled={index >= total - 1} aria-keyshortcuts="PageDown Alt+ArrowRight">
                    {m.next} →
                  </button>
                </nav>
                <p className="mt-keys">{m.keys}</p>
              </section>
            </>
          )}
        </div>
      )}
      {panel === 'attendance' && (
        <AttendanceDialog
          meeting={meeting}
          onChanged={(fresh) => setMeeting(fresh)}
          onClose={() => setPanel(null)}
        />
      )}
      {panel === 'adjourn' && item && (
        <AdjournDialog
          item={item}
          nextSession={meeting.nextSession}
          onClose={() => setPanel(null)}
          onDone={async (message) => {
            setPanel(null);
            await load();
            setAnnounce(message);
          }}
        />
      )}
    </div>
  );
}

function AgendaList({ meeting, index, onPick, m }: { meeting: MeetingGetOutput; index: number; onPick: (i: number) => void; m: MeetingMessages }) {
  return (
    <nav className="mt-agenda" aria-label={m.agenda}>
      <h2>{m.agenda}</h2>
      <ol>
        {meeting.items.map((item, i) => {
          const state = itemState(item);
          return (
            <li key={item.id}>
              <button
                type="button"
                className={`mt-agenda-item mt-state-${state}${i === index ? ' is-current' : ''}`}
                aria-current={i === index ? 'step' : undefined}
                aria-label={m.itemLabel(item.position, item.dossier.reference, m.state[state])}
                onClick={() => onPick(i)}
              >
                <span className="mt-agenda-number">{item.position}</span>
                <span className="mt-agenda-text">
                  <span className="mt-agenda-ref">{item.dossier.reference}</span>
                  <span className="mt-agenda-operator">{item.dossier.operatorName}</span>
                </span>
                <span className={`mt-chip mt-chip-${state}`}>{m.state[state]}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function ItemView({ item, nextSession, m }: { item: MeetingItem; nextSession: MeetingGetOutput['nextSession']; m: MeetingMessages }) {
  const { t } = useI18n();
  const { dossier, opinion } = item;
  return (
    <article className="mt-item" aria-labelledby="mt-item-title">
      <p className="mt-item-section">{m.point(item.position, item.sectionLabel)}</p>
      <h2 id="mt-item-title" className="mt-item-title">
        <span className="mt-item-ref">{dossier.reference}</span> {dossier.operatorName}
        {dossier.commune && <span className="mt-item-commune"> ({dossier.commune})</span>}
      </h2>
      <p className="mt-item-kind">
        {t.enums.kind[dossier.kind]} · {dossier.scheme}
      </p>
      <p className="mt-item-subject">{dossier.subject}</p>
      <dl className="mt-facts">
        <div>
          <dt>{m.received}</dt>
          <dd>{formatDate(dossier.receivedOn)}</dd>
        </div>
        {dossier.opinionDueOn && (
          <div>
            <dt>{m.due}</dt>
            <dd>{formatDate(dossier.opinionDueOn)}</dd>
          </div>
        )}
        <div>
          <dt>{m.rapporteur}</dt>
          <dd className={item.rapporteur ? undefined : 'muted'}>{item.rapporteur ?? m.noRapporteur}</dd>
        </div>
        {item.hearingAt && (
          <div>
            <dt>{m.hearing}</dt>
            <dd>{item.hearingAt.replace(':', ' h ')}</dd>
          </div>
        )}
        <div>
          <dt>{m.compliance}</dt>
          <dd className="mt-flags">
            <FlagsCell summary={item.compliance} />
          </dd>
        </div>
      </dl>
      <section className="mt-block" aria-label={m.proposal}>
        <h3>{m.proposal}</h3>
        {item.proposal.outcome ? (
          <p className={`mt-proposal mt-outcome-${item.proposal.outcome}`}>{m.outcomes[item.proposal.outcome]}</p>
        ) : (
          <p className="muted">{m.noProposal}</p>
        )}
        {item.proposal.text && <p className="mt-proposal-text">{item.proposal.text}</p>}
      </section>
      <section className="mt-block" aria-label={m.recused}>
        <h3>{m.recused}</h3>
        {item.recused.length === 0 ? (
          <p className="muted">{m.noRecused}</p>
        ) : (
          <ul className="mt-recused">
            {item.recused.map((r) => (
              <li key={r.memberId}>
                {r.name} <span className="muted">({r.reason})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {opinion && (
        <p className={`mt-recorded mt-state-${itemState(item)}`} data-testid="recorded-opinion">
          {m.recordedOpinion(m.outcomes[opinion.outcome], formatDate(opinion.givenOn))}
          {itemState(item) === 'adjourned'
            ? nextSession && ` — ${m.carriedTo(nextSession.number)}`
            : ` — ${opinion.consensus ? m.consensusText : opinion.votes ? m.votesText(opinion.votes.for, opinion.votes.against, opinion.votes.abstain) : ''}`}
          {opinion.motivation && <span className="mt-recorded-reason">{opinion.motivation}</span>}
        </p>
      )}
    </article>
  );
}
