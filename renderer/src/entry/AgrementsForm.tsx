/**
 * The agréments of an operator and their periods (#/operators/12/agrements): each agrément and
 * each period is its own small form, saved on its own, on the version shown.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { AGREMENT_STATUS_VALUES, type AgrementPeriodView, type AgrementStatusValue, type AgrementView, type OperatorDetail } from '../../../shared/contract';
import { AGREMENT_SCHEMES, TERMS, type AgrementScheme, type Term } from '../../../shared/domain';
import { call } from '../api/client';
import { operatorHash } from '../app/router';
import { useI18n } from '../i18n';
import { DateInput, Field, FormOutcome, dateOrNull, entryGate, issueOf, useProfile } from './form';
import { EntityHistory } from './History';
import { useEntryMessages } from './messages';
import './entry.css';

/** Saving one small form: busy flag, refusal, success notice. */
function useSaver(onSaved: () => void) {
  const m = useEntryMessages();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setSaving(true);
    setError(null);
    setSaved(null);
    try {
      await work();
      setSaved(m.saved);
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, saved, run, clear: () => setSaved(null) };
}

export function AgrementsForm({ operatorId }: { operatorId: number }) {
  const { t } = useI18n();
  const m = useEntryMessages();
  const profile = useProfile();
  const [operator, setOperator] = useState<OperatorDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    let live = true;
    call('operators.get', { id: operatorId }).then(
      (o) => live && setOperator(o),
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [operatorId, refresh]);

  const gate = entryGate(profile, loadError, Boolean(operator), m.loading);
  if (gate || !operator) return gate;
  const reload = () => setRefresh((n) => n + 1);

  return (
    <section className="page page-entry" aria-labelledby="entry-title">
      <a className="back-link" href={operatorHash(operatorId)}>
        <span aria-hidden="true">←</span> {m.backToOperator}
      </a>
      <h1 id="entry-title">{m.agrementsTitle(operator.name)}</h1>
      {operator.agrements.map((a) => (
        <div className="panel entry-form agrement-editor" key={a.id}>
          <h2>
            <abbr className="scheme-code" title={t.enums.agrementScheme[a.scheme]}>
              {a.scheme}
            </abbr>{' '}
            n° {a.number}
          </h2>
          <AgrementEditor operatorId={operatorId} agrement={a} onSaved={reload} />
          <h3 className="subheading">{m.periods}</h3>
          {a.periods.length === 0 && <p className="muted">{m.noPeriods}</p>}
          {a.periods.map((p) => (
            <PeriodEditor key={p.id} agrementId={a.id} period={p} onSaved={reload} />
          ))}
          <PeriodEditor key={`new:${a.periods.length}`} agrementId={a.id} period={null} onSaved={reload} />
        </div>
      ))}
      <div className="panel entry-form agrement-editor">
        <h2>{m.newAgrement}</h2>
        <AgrementEditor key={`new:${operator.agrements.length}`} operatorId={operatorId} agrement={null} onSaved={reload} />
      </div>
      <div className="section-gap">
        <EntityHistory entity="operator" entityId={operatorId} refresh={refresh} />
      </div>
    </section>
  );
}

function AgrementEditor({ operatorId, agrement, onSaved }: { operatorId: number; agrement: AgrementView | null; onSaved: () => void }) {
  const { t } = useI18n();
  const m = useEntryMessages();
  const [scheme, setScheme] = useState<AgrementScheme>(agrement?.scheme ?? 'EI');
  const [number, setNumber] = useState(agrement?.number ?? '');
  const [status, setStatus] = useState<AgrementStatusValue>(agrement?.status ?? 'requested');
  const [firstGrantedOn, setFirstGrantedOn] = useState(agrement?.firstGrantedOn ?? '');
  const saver = useSaver(onSaved);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void saver.run(() =>
      call('agrements.save', {
        operatorId,
        ...(agrement ? { id: agrement.id, version: agrement.version } : {}),
        scheme,
        number,
        status,
        firstGrantedOn: dateOrNull(firstGrantedOn),
      }),
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label={agrement ? `${agrement.scheme} ${agrement.number}` : m.newAgrement}>
      <FormOutcome error={saver.error} saved={saver.saved} />
      <div className="form-grid form-grid-4">
        <Field label={m.scheme} error={issueOf(saver.error, 'scheme')}>
          {(p) => (
            <select {...p} value={scheme} onChange={(e) => setScheme(e.target.value as AgrementScheme)}>
              {AGREMENT_SCHEMES.map((s) => (
                <option key={s} value={s}>
                  {t.enums.agrementScheme[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={m.number} error={issueOf(saver.error, 'number')}>
          {(p) => <input {...p} type="text" value={number} onChange={(e) => setNumber(e.target.value)} />}
        </Field>
        <Field label={m.status} error={issueOf(saver.error, 'status')}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => setStatus(e.target.value as AgrementStatusValue)}>
              {AGREMENT_STATUS_VALUES.map((s) => (
                <option key={s} value={s}>
                  {t.enums.agrementStatus[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={m.firstGrantedOn} error={issueOf(saver.error, 'firstGrantedOn')}>
          {(p) => <DateInput {...p} value={firstGrantedOn} onValue={(v) => setFirstGrantedOn(v)} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saver.saving}>
          {saver.saving ? m.saving : agrement ? m.saveAgrement : m.addAgrement}
        </button>
      </div>
    </form>
  );
}

function PeriodEditor({ agrementId, period, onSaved }: { agrementId: number; period: AgrementPeriodView | null; onSaved: () => void }) {
  const { t } = useI18n();
  const m = useEntryMessages();
  const [startOn, setStartOn] = useState(period?.startOn ?? '');
  const [endOn, setEndOn] = useState(period?.endOn ?? '');
  const [term, setTerm] = useState<Term>(period?.term ?? '2y');
  const saver = useSaver(onSaved);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void saver.run(() =>
      call('agrements.savePeriod', {
        agrementId,
        ...(period ? { id: period.id, version: period.version } : {}),
        startOn,
        endOn: term === 'indefinite' ? null : dateOrNull(endOn),
        term,
      }),
    );
  };

  return (
    <form className={`period-editor${period ? '' : ' is-new'}`} onSubmit={submit} noValidate aria-label={period ? `${m.periods} ${startOn}` : m.newPeriod}>
      {!period && <p className="period-new-label">{m.newPeriod}</p>}
      <FormOutcome error={saver.error} saved={saver.saved} />
      <div className="form-grid form-grid-4 period-grid">
        <Field label={m.startOn} error={issueOf(saver.error, 'startOn')}>
          {(p) => <DateInput {...p} value={startOn} onValue={(v) => setStartOn(v)} />}
        </Field>
        <Field label={m.term} error={issueOf(saver.error, 'term')}>
          {(p) => (
            <select {...p} value={term} onChange={(e) => setTerm(e.target.value as Term)}>
              {TERMS.map((value) => (
                <option key={value} value={value}>
                  {t.enums.term[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={m.endOn} error={issueOf(saver.error, 'endOn')}>
          {(p) => <DateInput {...p} value={endOn} disabled={term === 'indefinite'} onValue={setEndOn} />}
        </Field>
        <div className="field entry-field period-save">
          <button type="submit" className="button button-secondary" disabled={saver.saving}>
            {saver.saving ? m.saving : period ? m.savePeriod : m.addPeriod}
          </button>
        </div>
      </div>
    </form>
  );
}
