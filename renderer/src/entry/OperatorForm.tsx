/**
 * Creating (#/operators/new) and editing (#/operators/12/edit) an operator. The BCE number is
 * checked as it is typed (format, first digit, modulo 97); the backend checks it again, refuses
 * a number already registered (naming the operator that has it) and an edit of a stale copy.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { BCE_MESSAGES_FR, checkBce, formatBce, normalizeBce } from '../../../shared/bce';
import type { OperatorFields } from '../../../shared/contract';
import { LEGAL_FORMS, PROVINCES, type LegalForm, type Province } from '../../../shared/domain';
import { call } from '../api/client';
import { navigate, operatorHash } from '../app/router';
import { useI18n } from '../i18n';
import { Field, FormOutcome, entryGate, issueOf, setFlash, useProfile } from './form';
import { EntityHistory } from './History';
import { useEntryMessages } from './messages';
import './entry.css';

type Draft = Omit<OperatorFields, 'legalForm' | 'province'> & { legalForm: LegalForm; province: Province };

const EMPTY: Draft = {
  name: '',
  bce: '',
  legalForm: 'SC',
  socialEnterprise: false,
  street: '',
  postcode: '',
  commune: '',
  province: 'NA',
  sector: '',
};

/** The message to show under the BCE field while typing (null: nothing to say yet). */
function bceProblem(value: string, touched: boolean): string | null {
  const digits = normalizeBce(value);
  if (digits === '') return null;
  const check = checkBce(value);
  if (check.valid) return null;
  // Fewer than ten digits is still being typed: the format message waits for the field to be left.
  if (check.reason === 'format' && /^\d{0,9}$/.test(digits) && !touched) return null;
  return BCE_MESSAGES_FR[check.reason];
}

export function OperatorForm({ id }: { id: number | null }) {
  const { t } = useI18n();
  const m = useEntryMessages();
  const profile = useProfile();
  const editing = id !== null;
  const [draft, setDraft] = useState<Draft | null>(editing ? null : EMPTY);
  const [version, setVersion] = useState(0);
  const [originalName, setOriginalName] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [bceTouched, setBceTouched] = useState(false);
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    call('operators.get', { id }).then(
      (o) => {
        if (!live) return;
        setDraft({
          name: o.name,
          bce: o.bce,
          legalForm: o.legalForm,
          socialEnterprise: o.socialEnterprise,
          street: o.street,
          postcode: o.postcode,
          commune: o.commune,
          province: o.province,
          sector: o.sector,
        });
        setVersion(o.version);
        setOriginalName(o.name);
      },
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [id]);

  const cancelHash = editing ? operatorHash(id) : '#/operators';

  const gate = entryGate(profile, loadError, Boolean(draft), m.loading);
  if (gate || !draft) return gate;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft({ ...draft, [key]: value });
    setSaved(null);
  };
  const localBce = bceProblem(draft.bce, bceTouched);
  const bceOk = checkBce(draft.bce).valid;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBceTouched(true);
    if (bceProblem(draft.bce, true)) return;
    setSaving(true);
    setError(null);
    setSaved(null);
    try {
      if (id === null) {
        const created = await call('operators.create', draft);
        setFlash(m.operatorCreated);
        navigate(operatorHash(created.id));
        return;
      }
      const result = await call('operators.update', { ...draft, id, version });
      setVersion(result.version);
      setOriginalName(draft.name);
      setSaved(m.saved);
      setRefresh((n) => n + 1);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const fieldError = (path: keyof Draft) => issueOf(error, path);

  return (
    <section className="page page-entry" aria-labelledby="entry-title">
      <a className="back-link" href={cancelHash}>
        <span aria-hidden="true">←</span> {editing ? originalName : t.nav.operators}
      </a>
      <h1 id="entry-title">{editing ? m.editOperatorTitle(originalName) : m.newOperatorTitle}</h1>
      <form className="panel entry-form" onSubmit={submit} noValidate>
        <FormOutcome error={error} saved={saved} />
        <div className="form-grid">
          <Field label={m.name} error={fieldError('name')} className="span-2">
            {(p) => <input {...p} type="text" value={draft.name} onChange={(e) => set('name', e.target.value)} autoComplete="off" />}
          </Field>
          <Field
            label={m.bce}
            error={localBce ?? fieldError('bce')}
            hint={bceOk ? `${m.bceValid} : ${formatBce(draft.bce)}` : m.bceHint}
          >
            {(p) => (
              <input
                {...p}
                type="text"
                inputMode="numeric"
                className="input-bce"
                value={draft.bce}
                onChange={(e) => {
                  set('bce', e.target.value);
                  if (normalizeBce(e.target.value).length >= 10) setBceTouched(true);
                }}
                onBlur={() => setBceTouched(true)}
                autoComplete="off"
              />
            )}
          </Field>
          <Field label={m.legalForm} error={fieldError('legalForm')}>
            {(p) => (
              <select {...p} value={draft.legalForm} onChange={(e) => set('legalForm', e.target.value as LegalForm)}>
                {LEGAL_FORMS.map((f) => (
                  <option key={f} value={f}>
                    {t.enums.legalForm[f]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="field entry-field span-2">
            <label className="checkbox-line">
              <input type="checkbox" checked={draft.socialEnterprise} onChange={(e) => set('socialEnterprise', e.target.checked)} />
              {m.socialEnterprise}
            </label>
          </div>
          <Field label={m.street} error={fieldError('street')} className="span-2">
            {(p) => <input {...p} type="text" value={draft.street} onChange={(e) => set('street', e.target.value)} />}
          </Field>
          <Field label={m.postcode} error={fieldError('postcode')}>
            {(p) => <input {...p} type="text" inputMode="numeric" maxLength={4} value={draft.postcode} onChange={(e) => set('postcode', e.target.value)} />}
          </Field>
          <Field label={m.commune} error={fieldError('commune')}>
            {(p) => <input {...p} type="text" value={draft.commune} onChange={(e) => set('commune', e.target.value)} />}
          </Field>
          <Field label={m.province} error={fieldError('province')}>
            {(p) => (
              <select {...p} value={draft.province} onChange={(e) => set('province', e.target.value as Province)}>
                {PROVINCES.map((code) => (
                  <option key={code} value={code}>
                    {t.enums.province[code]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={m.sector} error={fieldError('sector')}>
            {(p) => <input {...p} type="text" value={draft.sector} onChange={(e) => set('sector', e.target.value)} />}
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
      {editing && (
        <div className="section-gap">
          <EntityHistory entity="operator" entityId={id} refresh={refresh} />
        </div>
      )}
    </section>
  );
}
