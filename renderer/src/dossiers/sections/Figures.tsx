/**
 * Rapport d'activités: the report's figures beside the two previous years, with the change over
 * one year (absolute and %, or points for shares), and small charts of the main indicators over
 * all years (FTE, target-public share, pay spread) drawn as accessible inline SVG.
 */
import { useId } from 'react';
import type { DossierReview, ReviewReportFigures } from '../../../../shared/contract';
import type { Scheme } from '../../../../shared/domain';
import { dossierHash } from '../../app/router';
import { useI18n } from '../../i18n';
import { formatDate, formatEuros, formatInteger, formatNumber } from '../../i18n/format';
import { useReviewMessages, type ReviewMessages } from '../messages';

type Figures = NonNullable<DossierReview['figures']>;
type Report = ReviewReportFigures;
type ValueKind = 'count' | 'fte' | 'cents' | 'flag' | 'share' | 'spread' | 'hours';
type FieldKey = keyof ReviewMessages['fields'];
type Group = keyof ReviewMessages['groups'];

interface Indicator {
  key: FieldKey;
  group: Group;
  kind: ValueKind;
  value: (r: Report) => number | null;
}

/** The target-public FTE: TD + TGD for an EI, SINE + art. 60 + art. 61 for an IDESS. */
function targetFte(r: Report, scheme: Scheme): number | null {
  const parts = scheme === 'EI' ? [r.targetFteTd, r.targetFteTgd] : scheme === 'IDESS' ? [r.targetFteSine, r.targetFteArt60, r.targetFteArt61] : [];
  const known = parts.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}

export function targetShare(r: Report, scheme: Scheme): number | null {
  const target = targetFte(r, scheme);
  return target === null || !r.fteTotal ? null : target / r.fteTotal;
}

export function paySpread(r: Report): number | null {
  return r.highestFtePayCents !== null && r.lowestFtePayCents ? r.highestFtePayCents / r.lowestFtePayCents : null;
}

const flag = (v: boolean | null) => (v === null ? null : v ? 1 : 0);

function indicators(scheme: Scheme): Indicator[] {
  return [
    { key: 'headcount', group: 'employment', kind: 'count', value: (r) => r.headcount },
    { key: 'fteTotal', group: 'employment', kind: 'fte', value: (r) => r.fteTotal },
    { key: 'targetFteTd', group: 'target', kind: 'fte', value: (r) => r.targetFteTd },
    { key: 'targetFteTgd', group: 'target', kind: 'fte', value: (r) => r.targetFteTgd },
    { key: 'targetFteSine', group: 'target', kind: 'fte', value: (r) => r.targetFteSine },
    { key: 'targetFteArt60', group: 'target', kind: 'fte', value: (r) => r.targetFteArt60 },
    { key: 'targetFteArt61', group: 'target', kind: 'fte', value: (r) => r.targetFteArt61 },
    { key: 'targetShare', group: 'target', kind: 'share', value: (r) => targetShare(r, scheme) },
    { key: 'targetHeadcount', group: 'target', kind: 'count', value: (r) => r.targetHeadcount },
    { key: 'targetHires', group: 'target', kind: 'count', value: (r) => r.targetHires },
    { key: 'cdiWithin6Months', group: 'conditions', kind: 'count', value: (r) => r.cdiWithin6Months },
    { key: 'partTimeBelowHalf', group: 'conditions', kind: 'count', value: (r) => r.partTimeBelowHalf },
    { key: 'lowestFtePayCents', group: 'conditions', kind: 'cents', value: (r) => r.lowestFtePayCents },
    { key: 'highestFtePayCents', group: 'conditions', kind: 'cents', value: (r) => r.highestFtePayCents },
    { key: 'paySpread', group: 'conditions', kind: 'spread', value: paySpread },
    { key: 'accompanimentFte', group: 'conditions', kind: 'fte', value: (r) => r.accompanimentFte },
    { key: 'trainingPlan', group: 'conditions', kind: 'flag', value: (r) => flag(r.trainingPlan) },
    { key: 'trainingHours', group: 'conditions', kind: 'hours', value: (r) => r.trainingHours },
    { key: 'yearlyEvaluations', group: 'conditions', kind: 'flag', value: (r) => flag(r.yearlyEvaluations) },
    { key: 'workerParticipation', group: 'conditions', kind: 'flag', value: (r) => flag(r.workerParticipation) },
    { key: 'wageCostCents', group: 'finance', kind: 'cents', value: (r) => r.wageCostCents },
    { key: 'subsidyTdCents', group: 'finance', kind: 'cents', value: (r) => r.subsidyTdCents },
    { key: 'subsidyTgdCents', group: 'finance', kind: 'cents', value: (r) => r.subsidyTgdCents },
    { key: 'otherSubsidiesCents', group: 'finance', kind: 'cents', value: (r) => r.otherSubsidiesCents },
    { key: 'turnoverCents', group: 'finance', kind: 'cents', value: (r) => r.turnoverCents },
    { key: 'operatingResultCents', group: 'finance', kind: 'cents', value: (r) => r.operatingResultCents },
    { key: 'acProjectsSupported', group: 'support', kind: 'count', value: (r) => r.acProjectsSupported },
    { key: 'acEnterprisesCreated', group: 'support', kind: 'count', value: (r) => r.acEnterprisesCreated },
    { key: 'acJobsCreatedFte', group: 'support', kind: 'fte', value: (r) => r.acJobsCreatedFte },
  ];
}

export function hasFigures(figures: Figures): boolean {
  return figures.reports.length > 0;
}

function useFormat() {
  const { t } = useI18n();
  const m = useReviewMessages();
  const intl = t.locale.intl;
  const value = (kind: ValueKind, v: number | null): string => {
    if (v === null) return m.noValue;
    switch (kind) {
      case 'count':
        return formatNumber(v, intl, { maximumFractionDigits: 0 });
      case 'fte':
      case 'hours':
        return formatNumber(v, intl, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      case 'cents':
        return formatEuros(v, intl);
      case 'flag':
        return v === 1 ? m.yes : m.no;
      case 'share':
        return formatNumber(v, intl, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
      case 'spread':
        return m.spread(formatNumber(v, intl, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
    }
  };
  const signed = (n: number, options: Intl.NumberFormatOptions) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${formatNumber(Math.abs(n), intl, options)}`;
  /** The change from `before` to `after`: absolute and relative, or in points for a share. */
  const change = (kind: ValueKind, before: number | null, after: number | null): string => {
    if (before === null || after === null || kind === 'flag') return '';
    const diff = after - before;
    switch (kind) {
      case 'share':
        return m.points(signed(diff * 100, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
      case 'spread':
        return signed(diff, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      default: {
        const abs =
          kind === 'cents'
            ? `${diff > 0 ? '+' : diff < 0 ? '−' : ''}${formatEuros(Math.abs(diff), intl)}`
            : signed(diff, { maximumFractionDigits: kind === 'count' ? 0 : 1, minimumFractionDigits: kind === 'count' ? 0 : 1 });
        if (before === 0) return abs;
        const pct = signed((diff / Math.abs(before)) * 100, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
        return `${abs} (${pct} %)`;
      }
    }
  };
  return { value, change, intl };
}

export function Figures({ review }: { review: DossierReview }) {
  const m = useReviewMessages();
  const fmt = useFormat();
  const figures = review.figures;
  if (!figures) return null;
  const { scheme, focusYear, reports } = figures;
  const byYear = new Map(reports.map((r) => [r.year, r]));
  const focus = byYear.get(focusYear);
  const shownYears = [focusYear - 2, focusYear - 1, focusYear].filter((y) => byYear.has(y));
  const previous = byYear.get(focusYear - 1) ?? null;
  const ownReport = focus?.dossierId === review.dossier.id;

  const rows = indicators(scheme).filter((ind) => shownYears.some((y) => ind.value(byYear.get(y)!) !== null));
  const groups = (['employment', 'target', 'conditions', 'finance', 'support'] as const).filter((g) => rows.some((r) => r.group === g));

  return (
    <div className="figures">
      <p className="figures-caption">
        <strong>{ownReport ? m.figuresFor(formatInteger(focusYear)) : m.figuresLatest(formatInteger(focusYear))}</strong>
        {focus && (
          <span className="muted">
            {' — '}
            {focus.receivedOn ? m.figuresReceived(formatDate(focus.receivedOn)) : m.figuresNotReceived}
            {focus.updatedAt ? `, ${m.figuresUpdated(formatDate(focus.updatedAt))}` : ''}
          </span>
        )}
        {!ownReport && focus?.dossierId ? (
          <>
            {' · '}
            <a href={dossierHash(focus.dossierId, 'figures')}>{m.sections.figures}</a>
          </>
        ) : null}
      </p>

      <div className="table-scroll">
        <table className="figures-table" data-testid="figures-table">
          <thead>
            <tr>
              <th scope="col">{m.indicator}</th>
              {shownYears.map((y) => (
                <th key={y} scope="col" className={`num${y === focusYear ? ' is-focus' : ''}`}>
                  {byYear.get(y)?.dossierId && byYear.get(y)?.dossierId !== review.dossier.id ? (
                    <a href={dossierHash(byYear.get(y)!.dossierId!, 'figures')}>{formatInteger(y)}</a>
                  ) : (
                    formatInteger(y)
                  )}
                </th>
              ))}
              <th scope="col" className="num">
                {m.change(`${formatInteger(focusYear - 1)}–${formatInteger(focusYear)}`)}
              </th>
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group}>
              <tr className="group-row">
                <th scope="colgroup" colSpan={shownYears.length + 2}>
                  {m.groups[group]}
                </th>
              </tr>
              {rows
                .filter((r) => r.group === group)
                .map((ind) => {
                  const now = focus ? ind.value(focus) : null;
                  const before = previous ? ind.value(previous) : null;
                  const delta = fmt.change(ind.kind, before, now);
                  return (
                    <tr key={ind.key} className={ind.kind === 'share' || ind.kind === 'spread' ? 'is-derived' : undefined}>
                      <th scope="row">{m.fields[ind.key]}</th>
                      {shownYears.map((y) => (
                        <td key={y} className={`num${y === focusYear ? ' is-focus' : ''}`}>
                          {fmt.value(ind.kind, ind.value(byYear.get(y)!))}
                        </td>
                      ))}
                      <td className={`num change${delta.startsWith('+') ? ' up' : delta.startsWith('−') ? ' down' : ''}`}>{delta}</td>
                    </tr>
                  );
                })}
            </tbody>
          ))}
        </table>
      </div>

      <h3 className="figures-charts-title">{m.chartsTitle}</h3>
      <div className="charts">
        <MiniChart title={m.chartFte} reports={reports} focusYear={focusYear} value={(r) => r.fteTotal} format={(v) => fmt.value('fte', v)} />
        {reports.some((r) => targetShare(r, scheme) !== null) && (
          <MiniChart
            title={m.chartTarget}
            reports={reports}
            focusYear={focusYear}
            value={(r) => targetShare(r, scheme)}
            format={(v) => fmt.value('share', v)}
            threshold={scheme === 'EI' ? { value: 0.5, label: m.chartThresholdTarget, bad: 'below' } : undefined}
          />
        )}
        {reports.some((r) => paySpread(r) !== null) && (
          <MiniChart
            title={m.chartSpread}
            reports={reports}
            focusYear={focusYear}
            value={paySpread}
            format={(v) => fmt.value('spread', v)}
            threshold={scheme === 'EI' ? { value: 4, label: m.chartThresholdSpread, bad: 'above' } : undefined}
          />
        )}
      </div>
    </div>
  );
}

const W = 320;
const H = 160;
const PAD = { top: 22, right: 10, bottom: 24, left: 10 };

/** A small bar chart of one indicator over the years; the title and every value are in its accessible text. */
function MiniChart({
  title,
  reports,
  focusYear,
  value,
  format,
  threshold,
}: {
  title: string;
  reports: Report[];
  focusYear: number;
  value: (r: Report) => number | null;
  format: (v: number | null) => string;
  threshold?: { value: number; label: string; bad: 'above' | 'below' } | undefined;
}) {
  const m = useReviewMessages();
  const id = useId();
  const points = reports.map((r) => ({ year: r.year, v: value(r) }));
  const max = Math.max(...points.map((p) => p.v ?? 0), threshold ? threshold.value * 1.15 : 0) || 1;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(points.length, 1);
  const barW = Math.min(44, slot * 0.6);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const desc = `${m.chartDesc(points.map((p) => `${formatInteger(p.year)} : ${format(p.v)}`).join(' ; '))}${threshold ? ` (${threshold.label})` : ''}`;

  return (
    <figure className="chart">
      <figcaption aria-hidden="true">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} data-testid="chart">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} className="chart-axis" />
        {points.map((p, i) => {
          const cx = PAD.left + slot * i + slot / 2;
          const bad =
            threshold && p.v !== null && (threshold.bad === 'above' ? p.v > threshold.value : p.v < threshold.value);
          return (
            <g key={p.year}>
              {p.v !== null && (
                <rect
                  x={cx - barW / 2}
                  y={y(p.v)}
                  width={barW}
                  height={Math.max(PAD.top + plotH - y(p.v), 1)}
                  className={`chart-bar${p.year === focusYear ? ' is-focus' : ''}${bad ? ' is-bad' : ''}`}
                />
              )}
              <text x={cx} y={p.v !== null ? y(p.v) - 5 : PAD.top + plotH - 5} className="chart-value" textAnchor="middle">
                {format(p.v)}
              </text>
              <text x={cx} y={H - 7} className={`chart-year${p.year === focusYear ? ' is-focus' : ''}`} textAnchor="middle">
                {formatInteger(p.year)}
              </text>
            </g>
          );
        })}
        {threshold && (
          <line className="chart-threshold" x1={PAD.left} x2={W - PAD.right} y1={y(threshold.value)} y2={y(threshold.value)} />
        )}
      </svg>
      {threshold && <p className="chart-legend">{threshold.label}</p>}
    </figure>
  );
}
