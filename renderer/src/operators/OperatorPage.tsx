/**
 * One operator (#/operators/12): identity, agréments with their periods, the compliance trend over
 * its report years, every dossier, the yearly figures as a table across years (rows = indicators,
 * columns = years; « — » when not provided, never 0), and the history of changes. The secretariat
 * gets the editing actions.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { reportFieldsOf, type OperatorDetail, type OperatorReportView } from '../../../shared/contract';
import type { Scheme } from '../../../shared/domain';
import { RpcCallError, call } from '../api/client';
import { dossierHash } from '../app/router';
import { ComplianceTrend } from '../compliance/ComplianceTrend';
import { StatusBadge } from '../components/StatusBadge';
import { takeFlash, useProfile } from '../entry/form';
import { HistoryList } from '../entry/History';
import { OperatorConflicts } from '../members/OperatorConflicts';
import { errorMessage, useI18n } from '../i18n';
import { formatDate, formatEuros, formatInteger, formatNumber } from '../i18n/format';
import { useFigureLabels, useOperatorMessages } from './messages';
import './operators.css';

type Load = { state: 'loading' } | { state: 'ready'; operator: OperatorDetail } | { state: 'not-found' } | { state: 'hidden' } | { state: 'error'; error: unknown };

export function OperatorPage({ id }: { id: number | null }) {
  const { t } = useI18n();
  const m = useOperatorMessages();
  const profile = useProfile();
  const [load, setLoad] = useState<Load>(id === null ? { state: 'not-found' } : { state: 'loading' });
  const [notice] = useState(() => takeFlash());

  useEffect(() => {
    if (id === null) return;
    let live = true;
    call('operators.get', { id }).then(
      (operator) => live && setLoad({ state: 'ready', operator }),
      (error: unknown) => {
        if (!live) return;
        const code = error instanceof RpcCallError ? error.code : null;
        setLoad(code === 'NOT_FOUND' ? { state: 'not-found' } : code === 'HIDDEN' ? { state: 'hidden' } : { state: 'error', error });
      },
    );
    return () => {
      live = false;
    };
  }, [id]);

  const back = (
    <a className="back-link" href="#/operators">
      <span aria-hidden="true">←</span> {m.back}
    </a>
  );

  if (load.state === 'loading') {
    return (
      <section className="page page-operator">
        {back}
        <p className="page-status" role="status">
          <span className="spinner" aria-hidden="true" /> {m.loading}
        </p>
      </section>
    );
  }
  if (load.state !== 'ready') {
    return (
      <section className="page page-operator">
        {back}
        <div className="notice" role="alert">
          <h1>{load.state === 'not-found' ? m.notFoundTitle : load.state === 'hidden' ? m.hiddenTitle : t.app.startupErrorTitle}</h1>
          {load.state === 'hidden' && <p>{m.hiddenText}</p>}
          {load.state === 'error' && <p>{errorMessage(load.error, t)}</p>}
        </div>
      </section>
    );
  }

  const o = load.operator;
  const secretariat = profile === 'secretariat';
  const schemesWithReports = [...new Set(o.reports.map((r) => r.scheme))];
  return (
    <article className="page page-operator" aria-labelledby="operator-title">
      {back}
      {notice && (
        <p className="form-success" role="status">
          {notice}
        </p>
      )}
      <header className="dossier-header operator-header">
        <div className="dossier-title-line">
          <h1 id="operator-title">{o.name}</h1>
          {secretariat && (
            <div className="page-actions">
              <a className="button button-secondary" href={`#/operators/${o.id}/edit`}>
                {m.edit}
              </a>
              <a className="button button-secondary" href={`#/operators/${o.id}/agrements`}>
                {m.manageAgrements}
              </a>
              <a className="button button-primary" href={`#/dossiers/new?operator=${o.id}`}>
                {m.newDossier}
              </a>
            </div>
          )}
        </div>
        <p className="dossier-summary">
          <span className="bce" data-testid="operator-bce">
            {o.bce}
          </span>
          <span className="separator" aria-hidden="true">·</span>
          <span>{t.enums.legalForm[o.legalForm]}</span>
          <span className="separator" aria-hidden="true">·</span>
          <span>
            {o.postcode} {o.commune}
          </span>
        </p>
      </header>

      <div className="facts-layout">
        <section className="panel" aria-labelledby="op-identity">
          <h2 id="op-identity">{m.identity}</h2>
          <dl className="facts">
            <Fact label={t.dossier.operatorName}>{o.name}</Fact>
            <Fact label={t.dossier.bce}>
              <span className="bce">{o.bce}</span>
            </Fact>
            <Fact label={t.dossier.legalForm}>{t.enums.legalForm[o.legalForm]}</Fact>
            <Fact label={t.dossier.socialEnterprise}>{o.socialEnterprise ? m.socialEnterpriseYes : m.socialEnterpriseNo}</Fact>
            <Fact label={m.address}>
              {o.street && (
                <>
                  {o.street}
                  <br />
                </>
              )}
              {o.postcode} {o.commune}
            </Fact>
            <Fact label={t.dossier.province}>{t.enums.province[o.province]}</Fact>
            <Fact label={t.dossier.sector}>{o.sector}</Fact>
          </dl>
        </section>

        <section className="panel" aria-labelledby="op-agrements">
          <h2 id="op-agrements">{m.agrements}</h2>
          {o.agrements.length === 0 ? (
            <p className="muted">{m.noAgrements}</p>
          ) : (
            <ul className="agrement-list">
              {o.agrements.map((a) => (
                <li key={a.id}>
                  <div className="agrement-head">
                    <abbr className="scheme-code" title={t.enums.agrementScheme[a.scheme]}>
                      {a.scheme}
                    </abbr>
                    <span>{m.agrementNumber(a.number)}</span>
                    <span className={`agrement-status agrement-${a.status}`}>{t.enums.agrementStatus[a.status]}</span>
                  </div>
                  {a.firstGrantedOn && <p className="muted">{m.firstGranted(formatDate(a.firstGrantedOn))}</p>}
                  {a.periods.length > 0 && (
                    <ol className="period-list">
                      {a.periods.map((p) => (
                        <li key={p.id}>
                          {p.endOn ? `${m.period(formatDate(p.startOn), formatDate(p.endOn))} (${t.enums.term[p.term]})` : m.periodOpen(formatDate(p.startOn))}
                        </li>
                      ))}
                    </ol>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <ComplianceTrend operatorId={o.id} />

      <OperatorConflicts operatorId={o.id} />

      <section className="panel section-gap" aria-labelledby="op-dossiers">
        <h2 id="op-dossiers">
          {m.dossiers} <span className="muted">({formatNumber(o.dossiers.length, t.locale.intl)})</span>
        </h2>
        {o.dossiers.length === 0 ? (
          <p className="muted">{m.noDossiers}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" aria-labelledby="op-dossiers">
              <thead>
                <tr>
                  <th scope="col">{m.dossierColumns.reference}</th>
                  <th scope="col">{t.dossier.scheme}</th>
                  <th scope="col">{m.dossierColumns.kind}</th>
                  <th scope="col">{m.dossierColumns.status}</th>
                  <th scope="col">{m.dossierColumns.receivedOn}</th>
                  <th scope="col">{m.dossierColumns.session}</th>
                  {secretariat && <th scope="col">{m.dossierColumns.actions}</th>}
                </tr>
              </thead>
              <tbody>
                {o.dossiers.map((d) => (
                  <tr key={d.id}>
                    <td className="cell-reference">
                      <a href={dossierHash(d.id)}>{d.reference}</a>
                    </td>
                    <td>
                      <abbr className="scheme-code" title={t.enums.scheme[d.scheme]}>
                        {d.scheme}
                      </abbr>
                    </td>
                    <td>{t.enums.kind[d.kind]}</td>
                    <td>
                      <StatusBadge status={d.status} />
                    </td>
                    <td className="cell-date">{formatDate(d.receivedOn)}</td>
                    <td className="cell-date">
                      {d.sessionNumber !== null && d.sessionDate ? m.session(formatInteger(d.sessionNumber), formatDate(d.sessionDate)) : '—'}
                    </td>
                    {secretariat && (
                      <td>
                        <span className="row-actions">
                        <a href={`#/dossiers/${d.id}/edit`} aria-label={`${m.editDossier} ${d.reference}`}>
                          {m.editDossier}
                        </a>
                        {d.kind === 'activity_report' && (
                          <a href={`#/dossiers/${d.id}/figures`} aria-label={`${m.enterFigures} ${d.reference}`}>
                            {m.enterFigures}
                          </a>
                        )}
                        </span>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel section-gap" aria-labelledby="op-figures">
        <h2 id="op-figures">{m.figures}</h2>
        {schemesWithReports.length === 0 ? (
          <p className="muted">{m.noFigures}</p>
        ) : (
          schemesWithReports.map((scheme) => (
            <FiguresTable key={scheme} scheme={scheme} reports={o.reports.filter((r) => r.scheme === scheme)} />
          ))
        )}
      </section>

      <div className="section-gap">
        <HistoryList entries={o.history} />
      </div>
    </article>
  );
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Rows = indicators, columns = years. Missing values are « — » (not provided), never 0. */
function FiguresTable({ scheme, reports }: { scheme: Scheme; reports: OperatorReportView[] }) {
  const { t } = useI18n();
  const m = useOperatorMessages();
  const labels = useFigureLabels() as Record<string, string>;
  const intl = t.locale.intl;
  const missing = (
    <span className="missing" title={m.missingTitle}>
      {m.missing}
    </span>
  );

  const show = (kind: string, value: number | null | undefined): ReactNode => {
    if (value === null || value === undefined) return missing;
    switch (kind) {
      case 'money':
      case 'signedMoney':
        return formatEuros(value, intl);
      case 'flag':
        return value === 1 ? m.yes : m.no;
      case 'fte':
        return formatNumber(value, intl, { maximumFractionDigits: 2 });
      default:
        return formatNumber(value, intl);
    }
  };

  const rows: { key: string; label: string; cells: ReactNode[] }[] = reportFieldsOf(scheme).map((field) => ({
    key: field.key,
    label: labels[field.key] ?? field.key,
    cells: reports.map((r) => show(field.kind, r.figures[field.key])),
  }));

  if (scheme === 'EI') {
    const share = (r: OperatorReportView) => {
      const { fteTotal, targetFteTd, targetFteTgd } = r.figures;
      if (fteTotal == null || fteTotal === 0 || targetFteTd == null || targetFteTgd == null) return missing;
      return formatNumber((targetFteTd + targetFteTgd) / fteTotal, intl, { style: 'percent', maximumFractionDigits: 1 });
    };
    const spread = (r: OperatorReportView) => {
      const { lowestFtePayCents: low, highestFtePayCents: high } = r.figures;
      if (low == null || high == null || low === 0) return missing;
      return m.spread(formatNumber(high / low, intl, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    };
    const at = rows.findIndex((row) => row.key === 'targetFteTgd') + 1;
    rows.splice(at, 0, { key: 'targetShare', label: m.targetShare, cells: reports.map(share) });
    const payAt = rows.findIndex((row) => row.key === 'highestFtePayCents') + 1;
    rows.splice(payAt, 0, { key: 'paySpread', label: m.paySpread, cells: reports.map(spread) });
  }

  return (
    <div className="table-scroll figures-block">
      <table className="data-table figures-table" data-testid={`figures-${scheme}`}>
        <caption>{m.figuresCaption(t.enums.scheme[scheme])}</caption>
        <thead>
          <tr>
            <th scope="col">{m.indicator}</th>
            {reports.map((r) => (
              <th scope="col" key={r.id} className="col-number">
                {r.dossierId ? <a href={dossierHash(r.dossierId)}>{formatInteger(r.year)}</a> : formatInteger(r.year)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={row.key === 'targetShare' || row.key === 'paySpread' ? 'derived-row' : undefined}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, i) => (
                <td key={reports[i]?.id ?? i} className="col-number">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
