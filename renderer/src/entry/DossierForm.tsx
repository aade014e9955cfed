/**
 * Registering a dossier (#/dossiers/new?operator=12) and correcting one (#/dossiers/123/edit):
 * agrément, kind, status, subject, dates, report year, the administration's proposal.
 */
import { belgianToday } from '../i18n/format';
import { useEffect, useState, type FormEvent } from 'react';
import type { AgrementView, DossierFields } from '../../../shared/contract';
import {
  DOSSIER_KINDS,
  DOSSIER_STATUSES,
  OPINION_OUTCOMES,
  SCHEMES,
  type DossierKind,
  type DossierStatus,
  type OpinionOutcome,
  type Scheme,
} from '../../../shared/domain';
import { call } from '../api/client';
import { dossierHash, navigate, operatorHash } from '../app/router';
import { useI18n } from '../i18n';
import { DateInput, Field, FormOutcome, dateOrNull, entryGate, issueOf, setFlash, useProfile } from './form';
import { EntityHistory } from './History';
import { useEntryMessages } from './messages';
import './entry.css';

interface Draft {
  agrementId: string;
  scheme: Scheme;
  kind: DossierKind;
  status: DossierStatus;
  subject: string;
  receivedOn: string;
  completeOn: string;
  opinionDueOn: string;
  reportYear: string;
  proposalOutcome: string;
  proposalText: string;
}

const OUTCOME_LABELS_FR: Record<OpinionOutcome, string> = {
  favourable: 'Favorable',
  favourable_conditions: 'Favorable sous conditions',
  unfavourable: 'Défavorable',
  adjourned_information: 'Ajournement (informations demandées)',
  adjourned_hearing: 'Ajournement (audition demandée)',
  noted: 'Prise d’acte',
};
const OUTCOME_LABELS_EN: Record<OpinionOutcome, string> = {
  favourable: 'Favourable',
  favourable_conditions: 'Favourable with conditions',
  unfavourable: 'Unfavourable',
  adjourned_information: 'Adjourned (information requested)',
  adjourned_hearing: 'Adjourned (hearing requested)',
  noted: 'Noted',
};

function operatorIdOf(search: string): number | null {
  const raw = new URLSearchParams(search).get('operator') ?? '';
  return /^\d{1,12}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}

function newDraft(): Draft {
  return {
    agrementId: '',
    scheme: 'EI',
    kind: 'agrement',
    status: 'received',
    subject: '',
    receivedOn: belgianToday(),
    completeOn: '',
    opinionDueOn: '',
    reportYear: '',
    proposalOutcome: '',
    proposalText: '',
  };
}

function fieldsOf(d: Draft): DossierFields {
  const year = d.reportYear.trim();
  return {
    agrementId: d.agrementId === '' ? null : Number(d.agrementId),
    scheme: d.scheme,
    kind: d.kind,
    status: d.status,
    subject: d.subject,
    receivedOn: d.receivedOn,
    completeOn: dateOrNull(d.completeOn),
    opinionDueOn: dateOrNull(d.opinionDueOn),
    // A year typed as text reaches the contract as typed, to be refused with its message.
    reportYear: year === '' ? null : /^\d+$/.test(year) ? Number(year) : (year as unknown as number),
    proposalOutcome: d.proposalOutcome === '' ? null : (d.proposalOutcome as OpinionOutcome),
    proposalText: d.proposalText.trim() === '' ? null : d.proposalText,
  };
}

export function DossierForm({ id, search }: { id: number | null; search: string }) {
  const { t, locale } = useI18n();
  const m = useEntryMessages();
  const profile = useProfile();
  const outcomeLabels = locale === 'en' ? OUTCOME_LABELS_EN : OUTCOME_LABELS_FR;
  const [operator, setOperator] = useState<{ id: number; name: string; agrements: AgrementView[] } | null>(null);
  const [reference, setReference] = useState('');
  const [version, setVersion] = useState(0);
  const newOperatorId = id === null ? operatorIdOf(search) : null;
  const [draft, setDraft] = useState<Draft | null>(() => (id === null && newOperatorId !== null ? newDraft() : null));
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    let live = true;
    const loadOperator = (operatorId: number) =>
      call('operators.get', { id: operatorId }).then((o) => live && setOperator({ id: o.id, name: o.name, agrements: o.agrements }));
    if (id !== null) {
      call('dossiers.getForEdit', { id })
        .then((d) => {
          if (!live) return;
          setReference(d.reference);
          setVersion(d.version);
          setDraft({
            agrementId: d.agrementId === null ? '' : String(d.agrementId),
            scheme: d.scheme,
            kind: d.kind,
            status: d.status,
            subject: d.subject,
            receivedOn: d.receivedOn,
            completeOn: d.completeOn ?? '',
            opinionDueOn: d.opinionDueOn ?? '',
            reportYear: d.reportYear === null ? '' : String(d.reportYear),
            proposalOutcome: d.proposalOutcome ?? '',
            proposalText: d.proposalText ?? '',
          });
          return loadOperator(d.operatorId);
        })
        .catch((e: unknown) => live && setLoadError(e));
    } else if (newOperatorId !== null) {
      loadOperator(newOperatorId).catch((e: unknown) => live && setLoadError(e));
    }
    return () => {
      live = false;
    };
  }, [id, newOperatorId]);

  if (profile !== 'member' && id === null && newOperatorId === null) {
    return (
      <section className="page page-entry">
        <div className="notice" role="alert">
          <p>{m.notFound}</p>
        </div>
      </section>
    );
  }
  const gate = entryGate(profile, loadError, Boolean(draft && operator), m.loading);
  if (gate || !draft || !operator) return gate;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft({ ...draft, [key]: value });
    setSaved(null);
  };
  const cancelHash = id !== null ? dossierHash(id) : operatorHash(operator.id);
  const agrements = operator.agrements.filter((a) => a.scheme === draft.scheme);
  const fieldError = (key: keyof Draft) => issueOf(error, `fields.${key}`);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    setSaved(null);
    try {
      if (id === null) {
        const created = await call('dossiers.create', { operatorId: operator.id, fields: fieldsOf(draft) });
        setFlash(m.dossierCreated(created.reference));
        navigate(operatorHash(operator.id));
        return;
      }
      const result = await call('dossiers.update', { id, version, fields: fieldsOf(draft) });
      setVersion(result.version);
      setSaved(m.saved);
      setRefresh((n) => n + 1);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="page page-entry" aria-labelledby="entry-title">
      <a className="back-link" href={cancelHash}>
        <span aria-hidden="true">←</span> {id !== null ? `${m.backToDossier} ${reference}` : m.backToOperator}
      </a>
      <h1 id="entry-title">{id !== null ? m.editDossierTitle(reference) : m.newDossierTitle}</h1>
      <p className="entry-intro">
        {m.operator} : <a href={operatorHash(operator.id)}>{operator.name}</a>
      </p>
      <form className="panel entry-form" onSubmit={submit} noValidate>
        <FormOutcome error={error} saved={saved} />
        <div className="form-grid">
          <Field label={t.dossier.scheme} error={fieldError('scheme')}>
            {(p) => (
              <select {...p} value={draft.scheme} onChange={(e) => setDraft({ ...draft, scheme: e.target.value as Scheme, agrementId: '' })}>
                {SCHEMES.map((s) => (
                  <option key={s} value={s}>
                    {t.enums.scheme[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={m.dossierAgrement} error={fieldError('agrementId')}>
            {(p) => (
              <select {...p} value={draft.agrementId} onChange={(e) => set('agrementId', e.target.value)}>
                <option value="">{m.none}</option>
                {agrements.map((a) => (
                  <option key={a.id} value={String(a.id)}>
                    {a.scheme} n° {a.number} — {t.enums.agrementStatus[a.status]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={m.kind} error={fieldError('kind')}>
            {(p) => (
              <select {...p} value={draft.kind} onChange={(e) => set('kind', e.target.value as DossierKind)}>
                {DOSSIER_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t.enums.kind[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={m.dossierStatus} error={fieldError('status')}>
            {(p) => (
              <select {...p} value={draft.status} onChange={(e) => set('status', e.target.value as DossierStatus)}>
                {DOSSIER_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t.enums.status[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={m.subject} error={fieldError('subject')} className="span-2">
            {(p) => <input {...p} type="text" value={draft.subject} onChange={(e) => set('subject', e.target.value)} />}
          </Field>
          <Field label={m.receivedOn} error={fieldError('receivedOn')} hint={id === null ? m.referenceHint : undefined}>
            {(p) => <DateInput {...p} value={draft.receivedOn} onValue={(v) => set('receivedOn', v)} />}
          </Field>
          <Field label={m.completeOn} error={fieldError('completeOn')}>
            {(p) => <DateInput {...p} value={draft.completeOn} onValue={(v) => set('completeOn', v)} />}
          </Field>
          <Field label={m.opinionDueOn} error={fieldError('opinionDueOn')}>
            {(p) => <DateInput {...p} value={draft.opinionDueOn} onValue={(v) => set('opinionDueOn', v)} />}
          </Field>
          <Field label={m.reportYear} error={fieldError('reportYear')}>
            {(p) => (
              <input {...p} type="text" inputMode="numeric" maxLength={4} className="input-number" value={draft.reportYear} onChange={(e) => set('reportYear', e.target.value)} />
            )}
          </Field>
          <Field label={m.proposalOutcome} error={fieldError('proposalOutcome')}>
            {(p) => (
              <select {...p} value={draft.proposalOutcome} onChange={(e) => set('proposalOutcome', e.target.value)}>
                <option value="">{m.none}</option>
                {OPINION_OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {outcomeLabels[o]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={m.proposalText} error={fieldError('proposalText')} className="span-2">
            {(p) => <textarea {...p} rows={6} value={draft.proposalText} onChange={(e) => set('proposalText', e.target.value)} />}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? m.saving : m.save}
          </button>
          <a className="button button-secondary" href={cancelHash}>
            {m.cancel}
          </a>
        </div>
      </form>
      {id !== null && (
        <div className="section-gap">
          <EntityHistory entity="dossier" entityId={id} refresh={refresh} />
        </div>
      )}
    </section>
  );
}
