/**
 * One member (#/members/4): their mandate and their declared conflicts of interest. The
 * secretariat declares a conflict (operator found by name or BCE number, kind, date, note), edits
 * or withdraws one (withdrawal asks for a confirmation in the row); a member's workspace reads only.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { CONFLICT_KINDS, type ConflictKind, type ConflictRow, type MemberRow } from '../../../shared/contract';
import { RpcCallError, call } from '../api/client';
import { operatorHash } from '../app/router';
import { DateInput, Field, FormOutcome, issueOf, takeFlash, useProfile } from '../entry/form';
import '../entry/entry.css';
import { useEntryMessages } from '../entry/messages';
import { errorMessage, useI18n } from '../i18n';
import { formatDate } from '../i18n/format';
import { Fact } from '../operators/OperatorPage';
import { RoleBadge, VoiceBadge, usePeriodText } from './MembersPage';
import { useMemberMessages } from './messages';
import { OperatorPicker, type PickedOperator } from './OperatorPicker';
import './members.css';

type Load = { state: 'loading' } | { state: 'ready'; member: MemberRow; conflicts: ConflictRow[] } | { state: 'not-found' } | { state: 'error'; error: unknown };

/** The conflict being declared (id null) or edited. */
interface ConflictDraft {
  id: number | null;
  version: number | null;
  operator: PickedOperator | null;
  kind: ConflictKind;
  declaredOn: string;
  note: string;
}

const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());

export function MemberPage({ id }: { id: number | null }) {
  const { t } = useI18n();
  const m = useMemberMessages();
  const entry = useEntryMessages();
  const profile = useProfile();
  const periodText = usePeriodText();
  const [load, setLoad] = useState<Load>(id === null ? { state: 'not-found' } : { state: 'loading' });
  const [reload, setReload] = useState(0);
  const [notice, setNotice] = useState<string | null>(() => takeFlash());
  const [draft, setDraft] = useState<ConflictDraft | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [rowError, setRowError] = useState<unknown>(null);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    Promise.all([call('members.list', {}), call('members.conflicts', { memberId: id })]).then(
      ([list, conflicts]) => {
        if (!live) return;
        const member = list.rows.find((r) => r.id === id);
        setLoad(member ? { state: 'ready', member, conflicts } : { state: 'not-found' });
      },
      (error: unknown) => {
        if (!live) return;
        setLoad(error instanceof RpcCallError && error.code === 'NOT_FOUND' ? { state: 'not-found' } : { state: 'error', error });
      },
    );
    return () => {
      live = false;
    };
  }, [id, reload]);

  const refresh = useCallback(() => setReload((n) => n + 1), []);

  if (load.state !== 'ready') {
    return (
      <section className="page page-member">
        <a className="back-link" href="#/members">
          <span aria-hidden="true">←</span> {m.back}
        </a>
        {load.state === 'loading' ? (
          <p className="page-status" role="status">
            <span className="spinner" aria-hidden="true" /> {m.loading}
          </p>
        ) : (
          <div className="notice" role="alert">
            <h1>{load.state === 'not-found' ? m.notFound : t.app.startupErrorTitle}</h1>
            {load.state === 'error' && <p>{errorMessage(load.error, t)}</p>}
          </div>
        )}
      </section>
    );
  }

  const { member, conflicts } = load;
  const secretariat = profile === 'secretariat';

  const remove = async (conflict: ConflictRow) => {
    setRowError(null);
    try {
      await call('members.deleteConflict', { id: conflict.id, version: conflict.version });
      setConfirming(null);
      setNotice(m.removed(conflict.operatorName));
      refresh();
    } catch (error) {
      setRowError(error);
    }
  };

  return (
    <article className="page page-member" aria-labelledby="member-title">
      <a className="back-link" href="#/members">
        <span aria-hidden="true">←</span> {m.back}
      </a>
      {notice && (
        <p className="form-success" role="status">
          {notice}
        </p>
      )}
      <header className="dossier-header operator-header">
        <div className="dossier-title-line">
          <h1 id="member-title">{member.fullName}</h1>
          {secretariat && (
            <div className="page-actions">
              <a className="button button-secondary" href={`#/members/${member.id}/edit`}>
                {m.edit}
              </a>
            </div>
          )}
        </div>
        <p className="dossier-summary member-summary">
          <RoleBadge role={member.role} />
          <VoiceBadge voting={member.voting} />
          {!member.active && <span className="badge member-former">{member.activeFrom > todayIso() ? m.futureBadge : m.formerBadge}</span>}
          <span>{member.organisation}</span>
        </p>
      </header>

      <div className="member-layout">
        <section className="panel" aria-labelledby="member-identity">
          <h2 id="member-identity">{m.identity}</h2>
          <dl className="facts">
            <Fact label={m.organisation}>{member.organisation}</Fact>
            <Fact label={m.columns.organisationKind}>{m.organisationKind[member.organisationKind]}</Fact>
            <Fact label={m.roleLabel}>{m.role[member.role]}</Fact>
            <Fact label={m.voiceLabel}>
              <span title={member.voting ? m.votingTitle : m.advisoryTitle}>{member.voting ? m.voting : m.advisory}</span>
            </Fact>
            <Fact label={m.email}>{member.email ? <a href={`mailto:${member.email}`}>{member.email}</a> : m.none}</Fact>
            <Fact label={m.columns.period}>{periodText(member)}</Fact>
          </dl>
        </section>

        <section className="panel" aria-labelledby="member-conflicts">
          <div className="panel-title-line">
            <h2 id="member-conflicts">
              {m.conflicts} <span className="muted">({conflicts.length})</span>
            </h2>
            {secretariat && !draft && (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setNotice(null);
                  setDraft({ id: null, version: null, operator: null, kind: 'board', declaredOn: todayIso(), note: '' });
                }}
              >
                {m.declare}
              </button>
            )}
          </div>
          <p className="muted conflicts-intro">{m.conflictsIntro}</p>
          {draft && (
            <ConflictForm
              memberId={member.id}
              draft={draft}
              onCancel={() => setDraft(null)}
              onSaved={() => {
                setDraft(null);
                setNotice(m.conflictSaved);
                refresh();
              }}
            />
          )}
          {rowError !== null && <FormOutcome error={rowError} saved={null} />}
          {conflicts.length === 0 ? (
            <p className="muted">{m.noConflicts}</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table conflicts-table" aria-labelledby="member-conflicts">
                <thead>
                  <tr>
                    <th scope="col">{m.conflictColumns.operator}</th>
                    <th scope="col">{m.conflictColumns.kind}</th>
                    <th scope="col">{m.conflictColumns.declaredOn}</th>
                    <th scope="col">{m.conflictColumns.note}</th>
                    {secretariat && (
                      <th scope="col">
                        <span className="visually-hidden">{m.conflictColumns.actions}</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {conflicts.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <a href={operatorHash(c.operatorId)}>{c.operatorName}</a>
                        <span className="bce conflict-bce">{c.operatorBce}</span>
                      </td>
                      <td>{m.conflictKind[c.kind]}</td>
                      <td className="cell-date">{formatDate(c.declaredOn)}</td>
                      <td className="conflict-note">{c.note || <span className="missing">{m.none}</span>}</td>
                      {secretariat && (
                        <td>
                          {confirming === c.id ? (
                            <span className="row-actions is-confirming" role="group" aria-label={m.removeConfirm(c.operatorName)}>
                              <span className="confirm-text">{m.removeConfirm(c.operatorName)}</span>
                              <button type="button" className="button conflict-remove-confirm" autoFocus onClick={() => void remove(c)}>
                                {m.remove}
                              </button>
                              <button type="button" className="link-button" onClick={() => setConfirming(null)}>
                                {entry.cancel}
                              </button>
                            </span>
                          ) : (
                            <span className="row-actions">
                              <button
                                type="button"
                                className="link-button"
                                aria-label={`${m.editConflict} : ${c.operatorName}`}
                                onClick={() => {
                                  setNotice(null);
                                  setDraft({
                                    id: c.id,
                                    version: c.version,
                                    operator: { id: c.operatorId, name: c.operatorName, bce: c.operatorBce },
                                    kind: c.kind,
                                    declaredOn: c.declaredOn,
                                    note: c.note,
                                  });
                                }}
                              >
                                {m.editConflict}
                              </button>
                              <button
                                type="button"
                                className="link-button conflict-remove"
                                aria-label={`${m.remove} : ${c.operatorName}`}
                                onClick={() => {
                                  setRowError(null);
                                  setConfirming(c.id);
                                }}
                              >
                                {m.remove}
                              </button>
                            </span>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </article>
  );
}

function ConflictForm({ memberId, draft: initial, onCancel, onSaved }: { memberId: number; draft: ConflictDraft; onCancel: () => void; onSaved: () => void }) {
  const m = useMemberMessages();
  const entry = useEntryMessages();
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [missingOperator, setMissingOperator] = useState(false);
  const [saving, setSaving] = useState(false);
  const titleId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.operator) {
      setMissingOperator(true);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const fields = { memberId, operatorId: draft.operator.id, kind: draft.kind, declaredOn: draft.declaredOn, note: draft.note };
      if (draft.id === null) await call('members.saveConflict', { fields });
      else await call('members.saveConflict', { id: draft.id, version: draft.version ?? 1, fields });
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const operatorError = (missingOperator && !draft.operator ? m.operatorRequired : undefined) ?? issueOf(error, 'fields.operatorId');
  return (
    <form className="conflict-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{draft.id === null ? m.declareTitle : m.editConflictTitle(draft.operator?.name ?? '')}</h3>
      <FormOutcome error={issueOf(error, 'fields.operatorId') ? null : error} saved={null} />
      <div className="form-grid">
        <Field label={m.operator} error={operatorError} className="span-2">
          {(p) => (
            <OperatorPicker
              id={p.id}
              value={draft.operator}
              invalid={p['aria-invalid']}
              describedBy={p['aria-describedby']}
              onChange={(operator) => setDraft({ ...draft, operator })}
            />
          )}
        </Field>
        <Field label={m.kind} error={issueOf(error, 'fields.kind')}>
          {(p) => (
            <select {...p} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as ConflictKind })}>
              {CONFLICT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {m.conflictKind[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={m.declaredOn} error={issueOf(error, 'fields.declaredOn')}>
          {(p) => <DateInput {...p} value={draft.declaredOn} onValue={(declaredOn) => setDraft({ ...draft, declaredOn })} />}
        </Field>
        <Field label={m.note} hint={m.noteHint} error={issueOf(error, 'fields.note')} className="span-2">
          {(p) => <textarea {...p} rows={2} value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? entry.saving : entry.save}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {entry.cancel}
        </button>
      </div>
    </form>
  );
}
