/**
 * The ministerial decision of a dossier (#/dossiers/123/decision), recorded by the secretariat
 * once the commission gave its opinion: kind, term (grant and renewal), decision date,
 * notification date, reference and note. The dossier becomes decided; the decision then shows in
 * the dossier's Synthèse, and an adverse one once notified gives the 60-day appeal deadline in
 * Échéances. A decision recorded without notification gets its notification date here later.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { DecisionRow, DecisionsOfDossierOutput } from '../../../shared/contract';
import { KINDS_WITH_TERM } from '../../../shared/contract';
import { DECISION_KINDS, TERMS, type DecisionKind, type Term } from '../../../shared/domain';
import { call } from '../api/client';
import { dossierHash } from '../app/router';
import { DateInput, Field, FormOutcome, dateOrNull, entryGate, issueOf, useProfile } from '../entry/form';
import { useI18n } from '../i18n';
import { formatDate } from '../i18n/format';
import { useDecisionMessages } from './DecisionFormMessages';
import { useReviewMessages } from './messages';
import '../entry/entry.css';

/** The secretariat's link on the dossier page, when the dossier has an opinion. */
export function DecisionLink({ dossierId, hasOpinion }: { dossierId: number; hasOpinion: boolean }) {
  const m = useDecisionMessages();
  return hasOpinion ? <a href={`#/dossiers/${dossierId}/decision`}>{m.link}</a> : null;
}

export function DecisionForm({ dossierId }: { dossierId: number }) {
  const m = useDecisionMessages();
  const review = useReviewMessages();
  const profile = useProfile();
  const [view, setView] = useState<DecisionsOfDossierOutput | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    let live = true;
    call('decisions.ofDossier', { dossierId }).then(
      (v) => live && setView(v),
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [dossierId, refresh]);

  const gate = entryGate(profile, loadError, Boolean(view), m.loading);
  if (gate || !view) return gate;
  const { dossier, opinion } = view;

  return (
    <section className="page page-entry" aria-labelledby="entry-title">
      <a className="back-link" href={dossierHash(dossierId)}>
        <span aria-hidden="true">←</span> {m.back} {dossier.reference}
      </a>
      <h1 id="entry-title">{m.title(dossier.reference)}</h1>
      <p className="entry-intro">
        {dossier.operatorName}
        {' — '}
        {opinion ? m.opinion(review.outcome[opinion.outcome], opinion.sessionNumber, formatDate(opinion.givenOn)) : m.noOpinion}
      </p>
      {view.decisions.length > 0 && (
        <div className="panel entry-form">
          <h2>{m.recorded}</h2>
          {view.decisions.map((d) => (
            <RecordedDecision key={`${d.id}:${d.version}`} decision={d} onSaved={() => setRefresh((n) => n + 1)} />
          ))}
        </div>
      )}
      {view.canRecord && (
        <div className={`panel entry-form${view.decisions.length > 0 ? ' section-gap' : ''}`}>
          <h2>{m.newDecision}</h2>
          <NewDecision view={view} />
        </div>
      )}
    </section>
  );
}

function RecordedDecision({ decision, onSaved }: { decision: DecisionRow; onSaved: () => void }) {
  const m = useDecisionMessages();
  const review = useReviewMessages();
  const { t } = useI18n();
  const [notifiedOn, setNotifiedOn] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await call('decisions.update', { id: decision.id, version: decision.version, notifiedOn: dateOrNull(notifiedOn), reference: decision.reference, note: decision.note });
      onSaved();
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  };
  return (
    <div className="decision-recorded" data-testid="recorded-decision">
      <p>
        <strong>{review.decisionKind[decision.kind]}</strong>
        {decision.term && ` (${t.enums.term[decision.term]})`} — {formatDate(decision.decidedOn)}
        {decision.reference && ` — ${decision.reference}`} —{' '}
        {decision.notifiedOn ? m.notified(formatDate(decision.notifiedOn)) : <span className="muted">{m.notNotified}</span>}
        {decision.appealUntil && <span className="muted"> · {m.appealUntil(formatDate(decision.appealUntil))}</span>}
      </p>
      {decision.notifiedOn === null && (
        <form onSubmit={(e) => void submit(e)} noValidate className="form-grid" aria-label={m.addNotification}>
          <Field label={m.notifiedOn} error={issueOf(error, 'notifiedOn')}>
            {(p) => <DateInput {...p} value="" onValue={setNotifiedOn} />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button-secondary" disabled={saving}>
              {saving ? m.saving : m.addNotification}
            </button>
          </div>
          {error !== null && !issueOf(error, 'notifiedOn') && <FormOutcome error={error} saved={null} />}
        </form>
      )}
    </div>
  );
}

function NewDecision({ view }: { view: DecisionsOfDossierOutput }) {
  const m = useDecisionMessages();
  const review = useReviewMessages();
  const { t } = useI18n();
  const [kind, setKind] = useState<DecisionKind | ''>('');
  const [term, setTerm] = useState<Term | ''>('');
  const [decidedOn, setDecidedOn] = useState(view.today);
  const [notifiedOn, setNotifiedOn] = useState('');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const withTerm = kind !== '' && KINDS_WITH_TERM.includes(kind);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await call('decisions.record', {
        dossierId: view.dossier.id,
        dossierVersion: view.dossier.version,
        // An empty choice is sent as is: the backend names the field.
        kind: kind as DecisionKind,
        term: withTerm && term !== '' ? term : null,
        decidedOn,
        notifiedOn: dateOrNull(notifiedOn),
        reference,
        note,
      });
      window.location.hash = dossierHash(view.dossier.id, 'synthesis');
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={m.newDecision}>
      <FormOutcome error={error} saved={null} />
      <div className="form-grid">
        <Field label={m.kind} error={issueOf(error, 'kind')}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as DecisionKind | '')}>
              <option value="">{m.chooseKind}</option>
              {DECISION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {review.decisionKind[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={m.term} error={issueOf(error, 'term')} hint={m.termHint}>
          {(p) => (
            <select {...p} value={withTerm ? term : ''} disabled={!withTerm} onChange={(e) => setTerm(e.target.value as Term | '')}>
              <option value="">{m.chooseTerm}</option>
              {TERMS.map((x) => (
                <option key={x} value={x}>
                  {t.enums.term[x]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={m.decidedOn} error={issueOf(error, 'decidedOn')} hint={m.decidedHint}>
          {(p) => <DateInput {...p} value={view.today} onValue={setDecidedOn} />}
        </Field>
        <Field label={m.notifiedOn} error={issueOf(error, 'notifiedOn')} hint={m.notifiedHint}>
          {(p) => <DateInput {...p} value="" onValue={setNotifiedOn} />}
        </Field>
        <Field label={m.reference} error={issueOf(error, 'reference')} className="span-2">
          {(p) => <input {...p} type="text" maxLength={100} value={reference} onChange={(e) => setReference(e.target.value)} />}
        </Field>
        <Field label={m.note} error={issueOf(error, 'note')} className="span-2">
          {(p) => <textarea {...p} rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? m.saving : m.submit}
        </button>
        <span className="muted">{m.statusNote}</span>
      </div>
    </form>
  );
}
