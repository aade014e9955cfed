/**
 * The activity-report figures of a dossier (#/dossiers/123/figures): the fields of its scheme,
 * typed the Belgian way (decimal comma, euros converted to integer cents). Empty means « not
 * provided » (NULL), never zero. The contract's schemas validate every figure; a refused figure
 * is shown at its field with the backend's French message, and nothing is written.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { reportFieldsOf, type FigureField, type ReportView } from '../../../shared/contract';
import { call } from '../api/client';
import { dossierHash } from '../app/router';
import { useI18n } from '../i18n';
import { formatInteger } from '../i18n/format';
import { useFigureLabels } from '../operators/messages';
import { DateInput, Field, FormOutcome, dateOrNull, entryGate, issueOf, parseEuros, parseTyped, typedOf, useProfile } from './form';
import { EntityHistory } from './History';
import { useEntryMessages } from './messages';
import './entry.css';

const isMoney = (field: FigureField) => field.kind === 'money' || field.kind === 'signedMoney';

type Group = 'groupStaff' | 'groupTarget' | 'groupConditions' | 'groupMoney';
const GROUPS: readonly Group[] = ['groupStaff', 'groupTarget', 'groupConditions', 'groupMoney'];

/** The section of the form a figure belongs to. */
function groupOf(key: string): Group {
  if (key === 'headcount' || key === 'fteTotal') return 'groupStaff';
  if (key.startsWith('target')) return 'groupTarget';
  if (key.endsWith('Cents') && key !== 'lowestFtePayCents' && key !== 'highestFtePayCents') return 'groupMoney';
  return 'groupConditions';
}

function draftOf(view: ReportView): { values: Record<string, string>; receivedOn: string } {
  const values: Record<string, string> = {};
  for (const field of reportFieldsOf(view.dossier.scheme)) {
    const value = view.report?.figures[field.key] ?? null;
    values[field.key] = field.kind === 'flag' ? (value === null ? '' : String(value)) : typedOf(value, isMoney(field) ? 'money' : 'number');
  }
  return { values, receivedOn: view.report?.receivedOn ?? '' };
}

export function FiguresForm({ dossierId }: { dossierId: number }) {
  const { t } = useI18n();
  const m = useEntryMessages();
  const labels = useFigureLabels() as Record<string, string>;
  const profile = useProfile();
  const [view, setView] = useState<ReportView | null>(null);
  const [draft, setDraft] = useState<{ values: Record<string, string>; receivedOn: string } | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    let live = true;
    call('reports.get', { dossierId }).then(
      (v) => {
        if (!live) return;
        setView(v);
        setDraft(draftOf(v));
      },
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [dossierId, refresh]);

  const gate = entryGate(profile, loadError, Boolean(view && draft), m.loading);
  if (gate || !view || !draft) return gate;

  const back = (
    <a className="back-link" href={dossierHash(dossierId)}>
      <span aria-hidden="true">←</span> {m.backToDossier} {view.dossier.reference}
    </a>
  );
  if (view.dossier.kind !== 'activity_report') {
    return (
      <section className="page page-entry">
        {back}
        <div className="notice" role="alert">
          <p>{m.figuresNotReport}</p>
        </div>
      </section>
    );
  }

  const fields = reportFieldsOf(view.dossier.scheme);
  const year = view.report?.year ?? view.dossier.reportYear;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    setSaved(null);
    const figures: Record<string, unknown> = {};
    for (const field of fields) {
      const text = draft.values[field.key] ?? '';
      figures[field.key] = field.kind === 'flag' ? (text === '' ? null : Number(text)) : isMoney(field) ? parseEuros(text) : parseTyped(text);
    }
    try {
      await call('reports.save', {
        dossierId,
        ...(view.report ? { version: view.report.version } : {}),
        receivedOn: dateOrNull(draft.receivedOn),
        // Figures the user typed as text are sent as typed: the contract refuses them, naming the field.
        figures: figures as never,
      });
      setSaved(m.figuresSaved);
      setRefresh((n) => n + 1);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const unit = (field: FigureField) =>
    isMoney(field) ? m.unitEuros : field.kind === 'fte' ? m.unitFte : field.kind === 'hours' ? m.unitHours : field.kind === 'count' ? m.unitCount : undefined;

  return (
    <section className="page page-entry" aria-labelledby="entry-title">
      {back}
      <h1 id="entry-title">{m.figuresTitle(view.dossier.reference)}</h1>
      <p className="entry-intro">
        <a href={`#/operators/${view.dossier.operatorId}`}>{view.dossier.operatorName}</a>
        <span className="separator" aria-hidden="true"> · </span>
        {t.enums.scheme[view.dossier.scheme]}
      </p>
      {year !== null && <p className="entry-intro muted">{m.figuresIntro(formatInteger(year))}</p>}
      <form className="panel entry-form" onSubmit={submit} noValidate>
        <FormOutcome error={error} saved={saved} />
        <div className="form-grid figures-grid">
          <Field label={m.reportReceivedOn} error={issueOf(error, 'receivedOn')}>
            {(p) => (
              <DateInput {...p} value={draft.receivedOn} onValue={(v) => setDraft({ ...draft, receivedOn: v })} />
            )}
          </Field>
        </div>
        {GROUPS.filter((group) => fields.some((f) => groupOf(f.key) === group)).map((group) => (
          <fieldset className="figures-group" key={group}>
            <legend>{m[group]}</legend>
            <div className="form-grid figures-grid">
              {fields.filter((f) => groupOf(f.key) === group).map((field) => (
                <Field key={field.key} label={labels[field.key] ?? field.label} hint={unit(field)} error={issueOf(error, `figures.${field.key}`)}>
                  {(p) =>
                    field.kind === 'flag' ? (
                      <select
                        {...p}
                        value={draft.values[field.key] ?? ''}
                        onChange={(e) => setDraft({ ...draft, values: { ...draft.values, [field.key]: e.target.value } })}
                      >
                        <option value="">{m.notProvided}</option>
                        <option value="1">{m.yes}</option>
                        <option value="0">{m.no}</option>
                      </select>
                    ) : (
                      <input
                        {...p}
                        type="text"
                        inputMode="decimal"
                        className="input-number"
                        name={field.key}
                        value={draft.values[field.key] ?? ''}
                        onChange={(e) => {
                          setDraft({ ...draft, values: { ...draft.values, [field.key]: e.target.value } });
                          setSaved(null);
                        }}
                      />
                    )
                  }
                </Field>
              ))}
            </div>
          </fieldset>
        ))}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? m.saving : m.save}
          </button>
          <a className="button button-secondary" href={dossierHash(dossierId)}>
            {m.cancel}
          </a>
        </div>
      </form>
      <div className="section-gap">
        <EntityHistory entity="dossier" entityId={dossierId} refresh={refresh} />
      </div>
    </section>
  );
}
