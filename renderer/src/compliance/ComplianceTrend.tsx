/**
 * The operator page's trend (`compliance.operator`): per scheme, the report years side by side
 * with how many rules were non conformes, à surveiller or without data that year — first as a
 * line read at a glance (« 2022 : aucun écart · 2023 : 2 non conformes · 2024 : 1 non conforme »),
 * then as a small table whose cells name the rules in their tooltip.
 */
import { useEffect, useState } from 'react';
import type { OperatorComplianceOutput } from '../../../shared/contract';
import type { ComplianceStatus } from '../../../shared/compliance/model';
import { call } from '../api/client';
import { errorMessage, useI18n } from '../i18n';
import { formatInteger, formatNumber } from '../i18n/format';
import { useComplianceMessages } from './messages';
import { worstOf } from './order';
import { StatusIcon } from './StatusBadge';
import { useCountsText } from './Summary';
import { ruleTitle, useRuleCatalogue } from './useRuleCatalogue';

type Load = { state: 'loading' } | { state: 'ready'; data: OperatorComplianceOutput } | { state: 'error'; error: unknown };
type SchemeTrend = OperatorComplianceOutput['schemes'][number];

const ROWS: { key: 'breaches' | 'warnings' | 'missing' | 'ok'; status: ComplianceStatus }[] = [
  { key: 'breaches', status: 'breach' },
  { key: 'warnings', status: 'warning' },
  { key: 'missing', status: 'missing' },
  { key: 'ok', status: 'ok' },
];

export function ComplianceTrend({ operatorId }: { operatorId: number }) {
  const { t } = useI18n();
  const m = useComplianceMessages();
  const [load, setLoad] = useState<{ id: number; load: Load }>({ id: operatorId, load: { state: 'loading' } });

  useEffect(() => {
    let live = true;
    call('compliance.operator', { id: operatorId }).then(
      (data) => live && setLoad({ id: operatorId, load: { state: 'ready', data } }),
      (error: unknown) => live && setLoad({ id: operatorId, load: { state: 'error', error } }),
    );
    return () => {
      live = false;
    };
  }, [operatorId]);
  const current = load.id === operatorId ? load.load : ({ state: 'loading' } as const);
  const schemes = current.state === 'ready' ? current.data.schemes.filter((s) => s.years.length > 0) : [];

  return (
    <section className="panel section-gap cx-trend" aria-labelledby="op-compliance" data-testid="compliance-trend">
      <h2 id="op-compliance">{m.trendTitle}</h2>
      {current.state === 'loading' && (
        <p className="page-status" role="status">
          <span className="spinner" aria-hidden="true" /> {m.loading}
        </p>
      )}
      {current.state === 'error' && (
        <p className="field-error" role="alert">
          {errorMessage(current.error, t)}
        </p>
      )}
      {current.state === 'ready' &&
        (schemes.length === 0 ? (
          <p className="muted">{m.trendNone}</p>
        ) : (
          <>
            <p className="muted cx-trend-intro">{m.trendIntro}</p>
            {schemes.map((scheme) => (
              <SchemeTrendBlock key={scheme.scheme} trend={scheme} />
            ))}
          </>
        ))}
    </section>
  );
}

function SchemeTrendBlock({ trend }: { trend: SchemeTrend }) {
  const { t } = useI18n();
  const m = useComplianceMessages();
  const countsText = useCountsText();
  const catalogue = useRuleCatalogue();
  const years = [...trend.years].sort((a, b) => a.year - b.year);
  const rulesOf = (year: SchemeTrend['years'][number], status: ComplianceStatus) =>
    year.flags
      .filter((flag) => flag.status === status)
      .map((flag) => ruleTitle(catalogue, flag.ruleId))
      .join(', ');

  return (
    <div className="cx-trend-block" data-scheme={trend.scheme}>
      <h3>
        <abbr className="scheme-code" title={t.enums.scheme[trend.scheme]}>
          {trend.scheme}
        </abbr>{' '}
        <span className="muted">{t.enums.scheme[trend.scheme]}</span>
      </h3>
      <p className="cx-trend-line" data-testid={`compliance-trend-line-${trend.scheme}`}>
        {years.map((year, index) => {
          const worst = worstOf(year);
          return (
            <span key={year.year} className={`cx-trend-year cx-text-${worst}`}>
              {index > 0 && (
                <span className="cx-trend-sep" aria-hidden="true">
                  ·
                </span>
              )}
              <StatusIcon status={worst} />
              {m.trendLine(formatInteger(year.year), countsText(year) ?? m.trendYearClean)}
            </span>
          );
        })}
      </p>
      <div className="table-scroll">
        <table className="cx-trend-table" aria-label={m.trendCaption(t.enums.scheme[trend.scheme])}>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{m.historyRule}</span>
              </th>
              {years.map((year) => (
                <th scope="col" key={year.year} className="cx-year-col">
                  {formatInteger(year.year)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr key={row.key} className={`cx-trend-row-${row.status}`}>
                <th scope="row">
                  <span className="cx-row-label">
                    <StatusIcon status={row.status} />
                    {m.trendRow[row.key]}
                  </span>
                </th>
                {years.map((year) => {
                  const n = year[row.key];
                  const rules = row.status === 'ok' ? '' : rulesOf(year, row.status);
                  return (
                    <td key={year.year} className={`cx-count${n > 0 ? ` cx-count-${row.status}` : ''}`} title={rules || undefined}>
                      {n > 0 ? formatNumber(n, t.locale.intl) : <span className="muted">0</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
