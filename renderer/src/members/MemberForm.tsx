/**
 * Adding (#/members/new) and editing (#/members/4/edit) a member of the register. The backend
 * checks the name, the e-mail, the period (the end not before the start) and that there is one
 * president at a time, and refuses an edit of a stale copy.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../../shared/contract';
import { MEMBER_ROLES, type MemberRole } from '../../../shared/domain';
import { call } from '../api/client';
import { memberHash, navigate } from '../app/router';
import { DateInput, Field, FormOutcome, entryGate, issueOf, setFlash, useProfile } from '../entry/form';
import '../entry/entry.css';
import { useEntryMessages } from '../entry/messages';
import { useMemberMessages } from './messages';
import './members.css';

interface Draft {
  fullName: string;
  organisation: string;
  organisationKind: OrganisationKind;
  role: MemberRole;
  voting: boolean;
  email: string;
  activeFrom: string;
  activeTo: string;
}

const EMPTY: Draft = {
  fullName: '',
  organisation: '',
  organisationKind: 'federation',
  role: 'member',
  voting: true,
  email: '',
  activeFrom: '',
  activeTo: '',
};

/** Presidents and members vote; substitutes, the secretariat and observers have an advisory voice. */
const VOTING_BY_DEFAULT: ReadonlySet<MemberRole> = new Set(['president', 'member']);

export function MemberForm({ id }: { id: number | null }) {
  const m = useMemberMessages();
  const entry = useEntryMessages();
  const profile = useProfile();
  const editing = id !== null;
  const [draft, setDraft] = useState<Draft | null>(editing ? null : EMPTY);
  const [version, setVersion] = useState(0);
  const [originalName, setOriginalName] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    call('members.list', {}).then(
      ({ rows }) => {
        if (!live) return;
        const row = rows.find((r) => r.id === id);
        if (!row) {
          setLoadError(new Error(m.notFound));
          return;
        }
        setDraft({
          fullName: row.fullName,
          organisation: row.organisation,
          organisationKind: row.organisationKind,
          role: row.role,
          voting: row.voting,
          email: row.email ?? '',
          activeFrom: row.activeFrom,
          activeTo: row.activeTo ?? '',
        });
        setVersion(row.version);
        setOriginalName(row.fullName);
      },
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [id, m.notFound]);

  const cancelHash = editing ? memberHash(id) : '#/members';
  const gate = entryGate(profile, loadError, Boolean(draft), m.loading);
  if (gate || !draft) return gate;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const fields = { ...draft, activeTo: draft.activeTo === '' ? null : draft.activeTo };
      const saved = id === null ? await call('members.save', { fields }) : await call('members.save', { id, version, fields });
      setFlash(id === null ? m.memberCreated : entry.saved);
      navigate(memberHash(saved.id));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const fieldError = (key: keyof Draft) => issueOf(error, `fields.${key}`);

  return (
    <section className="page page-entry" aria-labelledby="entry-title">
      <a className="back-link" href={cancelHash}>
        <span aria-hidden="true">←</span> {editing ? originalName : m.back}
      </a>
      <h1 id="entry-title">{editing ? m.editMemberTitle(originalName) : m.newMemberTitle}</h1>
      <form className="panel entry-form" onSubmit={submit} noValidate>
        <FormOutcome error={error} saved={null} />
        <div className="form-grid">
          <Field label={m.fullName} error={fieldError('fullName')}>
            {(p) => <input {...p} type="text" value={draft.fullName} onChange={(e) => set('fullName', e.target.value)} autoComplete="off" />}
          </Field>
          <Field label={m.email} error={fieldError('email')}>
            {(p) => <input {...p} type="text" inputMode="email" value={draft.email} onChange={(e) => set('email', e.target.value)} autoComplete="off" />}
          </Field>
          <Field label={m.organisation} error={fieldError('organisation')}>
            {(p) => <input {...p} type="text" value={draft.organisation} onChange={(e) => set('organisation', e.target.value)} />}
          </Field>
          <Field label={m.organisationKindLabel} error={fieldError('organisationKind')}>
            {(p) => (
              <select {...p} value={draft.organisationKind} onChange={(e) => set('organisationKind', e.target.value as OrganisationKind)}>
                {ORGANISATION_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {m.organisationKind[kind]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={m.roleLabel} error={fieldError('role')}>
            {(p) => (
              <select
                {...p}
                value={draft.role}
                onChange={(e) => {
                  const role = e.target.value as MemberRole;
                  setDraft({ ...draft, role, voting: editing ? draft.voting : VOTING_BY_DEFAULT.has(role) });
                }}
              >
                {MEMBER_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {m.role[role]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="field entry-field member-voting">
            <legend>{m.voiceLabel}</legend>
            <label className="checkbox-line">
              <input type="checkbox" checked={draft.voting} onChange={(e) => set('voting', e.target.checked)} />
              {m.voiceVoting}
            </label>
          </fieldset>
          <Field label={m.activeFrom} error={fieldError('activeFrom')}>
            {(p) => <DateInput {...p} value={draft.activeFrom} onValue={(v) => set('activeFrom', v)} />}
          </Field>
          <Field label={m.activeTo} hint={m.activeToHint} error={fieldError('activeTo')}>
            {(p) => <DateInput {...p} value={draft.activeTo} onValue={(v) => set('activeTo', v)} />}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? entry.saving : entry.save}
          </button>
          <a className="button button-secondary" href={cancelHash}>
            {entry.cancel}
          </a>
        </div>
      </form>
    </section>
  );
}
