/**
 * The inspection of a dossier and its findings (#/dossiers/123/findings): the inspection is
 * created first when there is none; each finding (severity, description, follow-up due date,
 * resolved date) is its own small form, saved on the version shown.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { FindingView, InspectionView } from '../../../shared/contract';
import { FINDING_SEVERITIES, type FindingSeverity } from '../../../shared/domain';
import { call } from '../api/client';
import { dossierHash, operatorHash } from '../app/router';
import { useSeverityLabels } from '../operators/messages';
import { DateInput, Field, FormOutcome, dateOrNull, entryGate, issueOf, useProfile } from './form';
import { EntityHistory } from './History';
import { useEntryMessages } from './messages';
import './entry.css';

function useSaver(onSaved: () => void, savedMessage: string) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setSaving(true);
    setError(null);
    setSaved(null);
    try {
      await work();
      setSaved(savedMessage);
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, saved, run };
}

export function FindingsForm({ dossierId }: { dossierId: number }) {
  const m = useEntryMessages();
  const profile = useProfile();
  const [view, setView] = useState<InspectionView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    let live = true;
    call('inspections.get', { dossierId }).then(
      (v) => live && setView(v),
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [dossierId, refresh]);

  const gate = entryGate(profile, loadError, Boolean(view), m.loading);
  if (gate || !view) return gate;
  const reload = () => setRefresh((n) => n + 1);
  const inspection = view.inspection;

  return (
    <section className="page page-entry" aria-labelledby="entry-title">
      <a className="back-link" href={dossierHash(dossierId)}>
        <span aria-hidden="true">←</span> {m.backToDossier} {view.dossier.reference}
      </a>
      <h1 id="entry-title">{m.findingsTitle(view.dossier.reference)}</h1>
      <p className="entry-intro">
        {m.operator} : <a href={operatorHash(view.dossier.operatorId)}>{view.dossier.operatorName}</a>
      </p>
      <div className="panel entry-form">
        <h2>{m.inspection}</h2>
        {!inspection && <p className="muted form-intro">{m.noInspection}</p>}
        <InspectionEditor dossierId={dossierId} inspection={inspection} onSaved={reload} />
      </div>
      {inspection && (
        <div className="panel entry-form section-gap">
          <h2>{m.findings}</h2>
          {inspection.findings.length === 0 && <p className="muted form-intro">{m.noFindings}</p>}
          {inspection.findings.map((f) => (
            <FindingEditor key={f.id} dossierId={dossierId} finding={f} onSaved={reload} />
          ))}
          <FindingEditor key={`new:${inspection.findings.length}`} dossierId={dossierId} finding={null} onSaved={reload} />
        </div>
      )}
      <div className="section-gap">
        <EntityHistory entity="dossier" entityId={dossierId} refresh={refresh} />
      </div>
    </section>
  );
}

function InspectionEditor({ dossierId, inspection, onSaved }: { dossierId: number; inspection: InspectionView['inspection']; onSaved: () => void }) {
  const m = useEntryMessages();
  const [inspectedOn, setInspectedOn] = useState(inspection?.inspectedOn ?? '');
  const [inspector, setInspector] = useState(inspection?.inspector ?? '');
  const [scope, setScope] = useState(inspection?.scope ?? '');
  const [conclusion, setConclusion] = useState(inspection?.conclusion ?? '');
  const saver = useSaver(onSaved, m.saved);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void saver.run(() =>
      call('inspections.save', { dossierId, ...(inspection ? { version: inspection.version } : {}), inspectedOn, inspector, scope, conclusion }),
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label={m.inspection}>
      <FormOutcome error={saver.error} saved={saver.saved} />
      <div className="form-grid">
        <Field label={m.inspectedOn} error={issueOf(saver.error, 'inspectedOn')}>
          {(p) => <DateInput {...p} value={inspectedOn} onValue={(v) => setInspectedOn(v)} />}
        </Field>
        <Field label={m.inspector} error={issueOf(saver.error, 'inspector')}>
          {(p) => <input {...p} type="text" value={inspector} onChange={(e) => setInspector(e.target.value)} />}
        </Field>
        <Field label={m.scope} error={issueOf(saver.error, 'scope')} className="span-2">
          {(p) => <input {...p} type="text" value={scope} onChange={(e) => setScope(e.target.value)} />}
        </Field>
        <Field label={m.conclusion} error={issueOf(saver.error, 'conclusion')} className="span-2">
          {(p) => <textarea {...p} rows={3} value={conclusion} onChange={(e) => setConclusion(e.target.value)} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saver.saving}>
          {saver.saving ? m.saving : m.saveInspection}
        </button>
      </div>
    </form>
  );
}

function FindingEditor({ dossierId, finding, onSaved }: { dossierId: number; finding: FindingView | null; onSaved: () => void }) {
  const m = useEntryMessages();
  const severities = useSeverityLabels();
  const [severity, setSeverity] = useState<FindingSeverity>(finding?.severity ?? 'minor');
  const [description, setDescription] = useState(finding?.description ?? '');
  const [followUpDueOn, setFollowUpDueOn] = useState(finding?.followUpDueOn ?? '');
  const [resolvedOn, setResolvedOn] = useState(finding?.resolvedOn ?? '');
  const saver = useSaver(onSaved, m.saved);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void saver.run(() =>
      call('findings.save', {
        dossierId,
        ...(finding ? { id: finding.id, version: finding.version } : {}),
        severity,
        description,
        followUpDueOn: dateOrNull(followUpDueOn),
        resolvedOn: dateOrNull(resolvedOn),
      }),
    );
  };

  return (
    <form className={`finding-editor${finding ? '' : ' is-new'}`} onSubmit={submit} noValidate aria-label={finding ? `${m.findings} ${finding.id}` : m.newFinding}>
      {!finding && <p className="period-new-label">{m.newFinding}</p>}
      <FormOutcome error={saver.error} saved={saver.saved} />
      <div className="form-grid form-grid-3">
        <Field label={m.severity} error={issueOf(saver.error, 'severity')}>
          {(p) => (
            <select {...p} value={severity} onChange={(e) => setSeverity(e.target.value as FindingSeverity)}>
              {FINDING_SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {severities[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={m.followUpDueOn} error={issueOf(saver.error, 'followUpDueOn')}>
          {(p) => <DateInput {...p} value={followUpDueOn} onValue={(v) => setFollowUpDueOn(v)} />}
        </Field>
        <Field label={m.resolvedOn} error={issueOf(saver.error, 'resolvedOn')}>
          {(p) => <DateInput {...p} value={resolvedOn} onValue={(v) => setResolvedOn(v)} />}
        </Field>
        <Field label={m.description} error={issueOf(saver.error, 'description')} className="span-3">
          {(p) => <textarea {...p} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-secondary" disabled={saver.saving}>
          {saver.saving ? m.saving : finding ? m.save : m.addFinding}
        </button>
      </div>
    </form>
  );
}
