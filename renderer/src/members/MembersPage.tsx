/**
 * The register of members (#/members): one dense table, members in office first (by role), then
 * former ones under their own heading. Role and voice are badges that carry their word (never a
 * colour alone); the number of declared conflicts links to the member's page.
 */
import { useEffect, useState } from 'react';
import type { MemberListOutput, MemberRow } from '../../../shared/contract';
import { call } from '../api/client';
import { memberHash, navigate } from '../app/router';
import { useProfile } from '../entry/form';
import { errorMessage, useI18n } from '../i18n';
import { formatDate, formatNumber } from '../i18n/format';
import { useMemberMessages } from './messages';
import './members.css';

type Load = { state: 'loading' } | { state: 'ready'; data: MemberListOutput } | { state: 'error'; error: unknown };

export function useMembers(): Load {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    call('members.list', {}).then(
      (data) => live && setLoad({ state: 'ready', data }),
      (error: unknown) => live && setLoad({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, []);
  return load;
}

export function RoleBadge({ role }: { role: MemberRow['role'] }) {
  const m = useMemberMessages();
  return <span className={`badge role-badge role-${role}`}>{m.role[role]}</span>;
}

export function VoiceBadge({ voting }: { voting: boolean }) {
  const m = useMemberMessages();
  return (
    <span className={`badge voice-badge ${voting ? 'voice-voting' : 'voice-advisory'}`} title={voting ? m.votingTitle : m.advisoryTitle}>
      {voting ? m.voting : m.advisory}
    </span>
  );
}

/** « depuis le 01/06/2023 » or « du 01/06/2023 au 30/06/2025 ». */
export function usePeriodText(): (row: Pick<MemberRow, 'activeFrom' | 'activeTo'>) => string {
  const m = useMemberMessages();
  return (row) => (row.activeTo ? m.period(formatDate(row.activeFrom), formatDate(row.activeTo)) : m.since(formatDate(row.activeFrom)));
}

export function MembersPage() {
  const { t } = useI18n();
  const m = useMemberMessages();
  const profile = useProfile();
  const load = useMembers();
  const periodText = usePeriodText();
  const intl = t.locale.intl;

  const rows = load.state === 'ready' ? load.data.rows : [];
  const active = rows.filter((r) => r.active);
  const former = rows.filter((r) => !r.active);
  const today = load.state === 'ready' ? load.data.today : '';

  const row = (r: MemberRow) => (
    <tr key={r.id} className={`clickable-row${r.active ? '' : ' is-former'}`} onClick={() => navigate(memberHash(r.id))}>
      <td className="col-name">
        <a href={memberHash(r.id)} onClick={(event) => event.stopPropagation()}>
          {r.fullName}
        </a>
        {!r.active && <span className="visually-hidden"> ({r.activeFrom > today ? m.futureBadge : m.formerBadge})</span>}
      </td>
      <td>{r.organisation}</td>
      <td className="member-org-kind">{m.organisationKind[r.organisationKind]}</td>
      <td>
        <RoleBadge role={r.role} />
      </td>
      <td>
        <VoiceBadge voting={r.voting} />
      </td>
      <td className="cell-date">{periodText(r)}</td>
      <td className="col-number" title={m.conflictsCount(r.conflictCount)}>
        {r.conflictCount === 0 ? <span className="missing">0</span> : formatNumber(r.conflictCount, intl)}
      </td>
    </tr>
  );

  return (
    <section className="page page-members" aria-labelledby="members-title">
      <header className="page-header">
        <h1 id="members-title">{m.title}</h1>
        <span className="result-count" data-testid="member-count" aria-live="polite">
          {load.state === 'ready' ? m.count(formatNumber(active.length, intl), formatNumber(former.length, intl)) : ''}
        </span>
        {profile === 'secretariat' && (
          <a className="button button-primary page-action" href="#/members/new">
            {m.addMember}
          </a>
        )}
      </header>
      <p className="muted members-intro">
        {m.intro}
        {profile === 'member' && <> {m.readOnly}</>}
      </p>

      {load.state === 'error' ? (
        <p className="form-error" role="alert">
          {errorMessage(load.error, t)}
        </p>
      ) : (
        <div className="table-frame">
          <table className="data-table members-table" aria-label={m.tableLabel} aria-busy={load.state === 'loading'}>
            <thead>
              <tr>
                <th scope="col">{m.columns.name}</th>
                <th scope="col">{m.columns.organisation}</th>
                <th scope="col">{m.columns.organisationKind}</th>
                <th scope="col">{m.columns.role}</th>
                <th scope="col">{m.columns.voice}</th>
                <th scope="col">{m.columns.period}</th>
                <th scope="col" className="col-number">
                  {m.columns.conflicts}
                </th>
              </tr>
            </thead>
            <tbody>{active.map(row)}</tbody>
            {former.length > 0 && (
              <tbody>
                <tr className="members-group">
                  <th scope="rowgroup" colSpan={7}>
                    {m.formerHeading} <span className="muted">({formatNumber(former.length, intl)})</span>
                  </th>
                </tr>
                {former.map(row)}
              </tbody>
            )}
          </table>
          {load.state === 'loading' && (
            <p className="page-status" role="status">
              <span className="spinner" aria-hidden="true" /> {m.loading}
            </p>
          )}
          {load.state === 'ready' && rows.length === 0 && <p className="table-empty">{m.empty}</p>}
        </div>
      )}
    </section>
  );
}
