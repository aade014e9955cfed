/**
 * One dossier (#/dossiers/123): its header facts from `dossiers.get`. Only what the backend
 * provides is shown; sections appear as their data arrives in later versions.
 */
import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import type { DossierHeader } from '../../../shared/contract';
import { navigate, openedFromList } from '../app/router';
import { StatusBadge } from '../components/StatusBadge';
import { errorMessage, useI18n } from '../i18n';
import { AGREMENT_STATUSES, type AgrementStatus } from '../i18n/fr';
import { formatDate, formatInteger } from '../i18n/format';
import { RpcCallError, call } from '../api/client';
import { getLastListHash } from './listState';

type Load = { state: 'loading' } | { state: 'ready'; dossier: DossierHeader } | { state: 'not-found' } | { state: 'error'; error: unknown };

/** Back to the list as it was: the previous history entry when we came from it. */
function backToList(event?: MouseEvent) {
  event?.preventDefault();
  if (openedFromList()) window.history.back();
  else navigate(getLastListHash());
}

export function DossierPage({ id }: { id: number | null }) {
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>(id === null ? { state: 'not-found' } : { state: 'loading' });

  useEffect(() => {
    if (id === null) return;
    let live = true;
    call('dossiers.get', { id }).then(
      (dossier) => live && setLoad({ state: 'ready', dossier }),
      (error: unknown) => {
        if (!live) return;
        setLoad(error instanceof RpcCallError && error.code === 'NOT_FOUND' ? { state: 'not-found' } : { state: 'error', error });
      },
    );
    return () => {
      live = false;
    };
  }, [id]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) backToList();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const back = (
    <a className="back-link" href={getLastListHash()} onClick={backToList}>
      <span aria-hidden="true">←</span> {t.dossier.back}
      <kbd className="key-hint">{t.dossier.backHint}</kbd>
    </a>
  );

  if (load.state === 'loading') {
    return (
      <section className="page page-dossier">
        {back}
        <p className="page-status" role="status">
          <span className="spinner" aria-hidden="true" /> {t.dossier.loading}
        </p>
      </section>
    );
  }
  if (load.state === 'not-found' || load.state === 'error') {
    return (
      <section className="page page-dossier" aria-labelledby="dossier-title">
        {back}
        <div className="notice" role="alert">
          <h1 id="dossier-title">{load.state === 'not-found' ? t.dossier.notFoundTitle : t.app.startupErrorTitle}</h1>
          <p>{load.state === 'not-found' ? t.dossier.notFoundText : errorMessage(load.error, t)}</p>
        </div>
      </section>
    );
  }

  const d = load.dossier;
  const o = d.operator;
  const notSet = t.dossier.notSet;
  return (
    <article className="page page-dossier" aria-labelledby="dossier-title">
      {back}
      <header className="dossier-header">
        <div className="dossier-title-line">
          <h1 id="dossier-title">{d.reference}</h1>
          <StatusBadge status={d.status} />
        </div>
        <p className="dossier-subject">{d.subject}</p>
        <p className="dossier-summary">
          <span title={t.enums.scheme[d.scheme]}>{t.enums.scheme[d.scheme]}</span>
          <span className="separator" aria-hidden="true">·</span>
          <span>{t.enums.kind[d.kind]}</span>
          <span className="separator" aria-hidden="true">·</span>
          <span>{o.name}</span>
        </p>
      </header>

      <div className="facts-layout">
        <section className="panel" aria-labelledby="facts-operator">
          <h2 id="facts-operator">{t.dossier.operatorSection}</h2>
          <dl className="facts">
            <Fact label={t.dossier.operatorName}>{o.name}</Fact>
            <Fact label={t.dossier.bce}>
              <span className="bce" data-testid="operator-bce">
                {o.bce}
              </span>
            </Fact>
            <Fact label={t.dossier.legalForm}>{t.enums.legalForm[o.legalForm]}</Fact>
            <Fact label={t.dossier.socialEnterprise}>
              {o.socialEnterprise ? t.dossier.socialEnterpriseYes : t.dossier.socialEnterpriseNo}
            </Fact>
            <Fact label={t.dossier.commune}>
              {o.postcode} {o.commune}
            </Fact>
            <Fact label={t.dossier.province}>{t.enums.province[o.province]}</Fact>
            <Fact label={t.dossier.sector}>{o.sector}</Fact>
          </dl>
        </section>

        <section className="panel" aria-labelledby="facts-dossier">
          <h2 id="facts-dossier">{t.dossier.dossierSection}</h2>
          <dl className="facts">
            <Fact label={t.dossier.scheme}>{t.enums.scheme[d.scheme]}</Fact>
            <Fact label={t.dossier.kind}>{t.enums.kind[d.kind]}</Fact>
            <Fact label={t.dossier.status}>
              <StatusBadge status={d.status} />
            </Fact>
            <Fact label={t.dossier.receivedOn}>{formatDate(d.receivedOn, notSet)}</Fact>
            <Fact label={t.dossier.completeOn}>{formatDate(d.completeOn, notSet)}</Fact>
            <Fact label={t.dossier.opinionDueOn}>{formatDate(d.opinionDueOn, notSet)}</Fact>
            {d.reportYear !== null && <Fact label={t.dossier.reportYear}>{formatInteger(d.reportYear)}</Fact>}
          </dl>
        </section>

        <section className="panel" aria-labelledby="facts-agrement">
          <h2 id="facts-agrement">{t.dossier.agrementSection}</h2>
          {d.agrement ? (
            <dl className="facts">
              <Fact label={t.dossier.scheme}>{t.enums.agrementScheme[d.agrement.scheme]}</Fact>
              <Fact label={t.dossier.agrementNumber}>{d.agrement.number}</Fact>
              <Fact label={t.dossier.agrementStatus}>{agrementStatusLabel(d.agrement.status, t.enums.agrementStatus)}</Fact>
              <Fact label={t.dossier.agrementPeriod}>
                {d.agrement.currentPeriod
                  ? d.agrement.currentPeriod.endOn
                    ? `${t.dossier.periodBounded(formatDate(d.agrement.currentPeriod.startOn), formatDate(d.agrement.currentPeriod.endOn))} (${t.enums.term[d.agrement.currentPeriod.term]})`
                    : `${t.dossier.periodOpen(formatDate(d.agrement.currentPeriod.startOn))} — ${t.enums.term.indefinite}`
                  : t.dossier.noPeriod}
              </Fact>
            </dl>
          ) : (
            <p className="muted">{t.dossier.noAgrement}</p>
          )}
        </section>

        <section className="panel" aria-labelledby="facts-sessions">
          <h2 id="facts-sessions">{t.dossier.sessionsSection}</h2>
          {d.sessions.length > 0 ? (
            <ul className="session-list">
              {d.sessions.map((session) => (
                <li key={session.id}>
                  <span className="session-name">
                    {t.dossier.sessionLabel(formatInteger(session.number), formatDate(session.heldOn))}
                  </span>
                  <span className="session-status">{t.enums.sessionStatus[session.status]}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t.dossier.noSessions}</p>
          )}
        </section>
      </div>
    </article>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function agrementStatusLabel(status: string, labels: Record<AgrementStatus, string>): string {
  return (AGREMENT_STATUSES as readonly string[]).includes(status) ? labels[status as AgrementStatus] : status;
}
