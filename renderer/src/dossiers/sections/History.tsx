/**
 * Historique: the operator's timeline across the years (agréments and periods, every dossier,
 * opinions, amendments, decisions, inspections) with this dossier's own events and audit entries,
 * grouped by year, newest first; each item links to its page.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { DossierReview, HistoryItem } from '../../../../shared/contract';
import { dossierHash, operatorHash } from '../../app/router';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n';
import { formatDate, formatEuros, formatInteger, formatNumber, formatTimestamp } from '../../i18n/format';
import { useReviewMessages, type ReviewMessages } from '../messages';

type Filter = 'all' | 'dossiers' | 'opinions' | 'agrements' | 'inspections' | 'journal';
const FILTERS: readonly Filter[] = ['all', 'dossiers', 'opinions', 'agrements', 'inspections', 'journal'];

const FILTER_OF: Record<HistoryItem['type'], Filter> = {
  agrement: 'agrements',
  period: 'agrements',
  dossier: 'dossiers',
  opinion: 'opinions',
  amendment: 'opinions',
  decision: 'opinions',
  inspection: 'inspections',
  event: 'journal',
  audit: 'journal',
};

export function History({ review }: { review: DossierReview }) {
  const m = useReviewMessages();
  const [filter, setFilter] = useState<Filter>('all');
  const available = useMemo(() => new Set(review.history.map((h) => FILTER_OF[h.type])), [review.history]);
  const items = filter === 'all' ? review.history : review.history.filter((h) => FILTER_OF[h.type] === filter);

  const years = useMemo(() => {
    const groups: { year: string; items: HistoryItem[] }[] = [];
    for (const item of items) {
      const year = item.on.slice(0, 4);
      const last = groups.at(-1);
      if (last?.year === year) last.items.push(item);
      else groups.push({ year, items: [item] });
    }
    return groups;
  }, [items]);

  return (
    <div className="history">
      <div className="chip-group history-filters" role="group" aria-label={m.historyFilter}>
        {FILTERS.filter((f) => f === 'all' || available.has(f)).map((f) => (
          <button key={f} type="button" className="chip" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {m.historyFilters[f]}
          </button>
        ))}
        <span className="history-count muted">{m.historyCount(items.length)}</span>
      </div>
      {years.length === 0 ? (
        <p className="muted">{m.historyEmpty}</p>
      ) : (
        years.map((group) => (
          <section key={group.year} className="history-year" aria-label={group.year}>
            <h3 className="history-year-title">{group.year}</h3>
            <ol className="timeline">
              {group.items.map((item, index) => (
                <li key={`${item.type}-${index}`} className={`timeline-item type-${item.type}${isCurrent(item, review.dossier.id) ? ' is-current' : ''}`}>
                  <span className="timeline-date">{formatDate(item.on)}</span>
                  <span className="timeline-type">{m.hTypes[item.type]}</span>
                  <div className="timeline-body">
                    <HistoryText item={item} review={review} />
                  </div>
                </li>
              ))}
            </ol>
          </section>
        ))
      )}
    </div>
  );
}

function isCurrent(item: HistoryItem, dossierId: number): boolean {
  return item.type === 'dossier' && item.dossierId === dossierId;
}

function DossierLink({ id, reference, current }: { id: number; reference: string; current: boolean }) {
  const m = useReviewMessages();
  if (current) {
    return (
      <span className="timeline-ref">
        {reference} <span className="muted">({m.thisDossier})</span>
      </span>
    );
  }
  return (
    <a className="timeline-ref" href={dossierHash(id)}>
      {reference}
    </a>
  );
}

function HistoryText({ item, review }: { item: HistoryItem; review: DossierReview }) {
  const { t } = useI18n();
  const m = useReviewMessages();
  const current = review.dossier.id;
  switch (item.type) {
    case 'agrement':
      return (
        <p>
          <a href={operatorHash(review.operator.id)}>{m.hAgrement(item.scheme, item.number)}</a>
        </p>
      );
    case 'period':
      return (
        <p>
          {item.endOn
            ? m.hPeriodBounded(item.scheme, formatDate(item.endOn), t.enums.term[item.term])
            : m.hPeriodOpen(item.scheme)}
        </p>
      );
    case 'dossier':
      return (
        <p className="timeline-dossier">
          <DossierLink id={item.dossierId} reference={item.reference} current={item.dossierId === current} />
          <span>{t.enums.kind[item.kind]}</span>
          <StatusBadge status={item.status} />
          <span className="timeline-subject muted">{item.subject}</span>
        </p>
      );
    case 'opinion':
      return (
        <p>
          <DossierLink id={item.dossierId} reference={item.reference} current={item.dossierId === current} />{' '}
          {m.hOpinion(m.outcome[item.outcome], formatInteger(item.sessionNumber))}
        </p>
      );
    case 'amendment':
      return (
        <p>
          <DossierLink id={item.dossierId} reference={item.reference} current={item.dossierId === current} />{' '}
          {m.hAmendment(m.outcome[item.outcome])} <span className="muted">— {item.reason}</span>
        </p>
      );
    case 'decision':
      return (
        <p>
          <DossierLink id={item.dossierId} reference={item.reference} current={item.dossierId === current} />{' '}
          {m.hDecision(m.decisionKind[item.kind])}
          {item.term && <span className="muted"> ({t.enums.term[item.term]})</span>}
        </p>
      );
    case 'inspection':
      return (
        <p>
          {item.dossierId !== null && item.reference !== null ? (
            <>
              <DossierLink id={item.dossierId} reference={item.reference} current={item.dossierId === current} />{' '}
            </>
          ) : null}
          {m.hInspection(item.inspector)} <span className={item.unresolved > 0 ? 'warning-text' : 'muted'}>— {m.hFindings(item.findings, item.unresolved)}</span>
        </p>
      );
    case 'event':
      return (
        <p>
          {item.title}
          {item.detail && <span className="muted"> — {item.detail}</span>}
        </p>
      );
    case 'audit': {
      const when = formatTimestamp(item.at);
      return (
        <div>
          <p>
            {auditTitle(item.action, m)} <span className="muted">{m.hAuditBy(item.actor, when.time)}</span>
          </p>
          <AuditChanges changes={item.changes} />
        </div>
      );
    }
  }
}

/** `finding.update` → « Constat modifié »; an action the page does not know is shown as it is. */
export function auditTitle(action: string, m: ReviewMessages): string {
  return m.auditActions[action] ?? action;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One value of an audit entry, in the words of the page (labels, dd/mm/yyyy, euros). */
function useShowValue() {
  const { t } = useI18n();
  const m = useReviewMessages();
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return m.auditEmptyValue;
    if (typeof value === 'string') {
      if (field === 'status' && value in t.enums.status) return t.enums.status[value as keyof typeof t.enums.status];
      if (field === 'kind' && value in t.enums.kind) return t.enums.kind[value as keyof typeof t.enums.kind];
      if (field === 'proposalOutcome' && value in m.outcome) return m.outcome[value as keyof typeof m.outcome];
      if (field === 'severity' && value in m.severityLabel) return m.severityLabel[value as keyof typeof m.severityLabel];
      if (ISO_DAY.test(value)) return formatDate(value);
      return value.length > 80 ? `${value.slice(0, 79)}…` : value;
    }
    if (typeof value === 'number') {
      if (field.endsWith('Cents')) return formatEuros(value, t.locale.intl);
      return field === 'reportYear' ? formatInteger(value) : formatNumber(value, t.locale.intl);
    }
    if (typeof value === 'boolean') return value ? m.yes : m.no;
    return JSON.stringify(value).slice(0, 80);
  };
}

/** The `{ field: { from, to } }` of an audit entry, one line per field. */
export function AuditChanges({ changes }: { changes: Record<string, unknown> }): ReactNode {
  const m = useReviewMessages();
  const show = useShowValue();
  const label = (field: string) => m.auditFields[field] ?? (field in m.fields ? m.fields[field as keyof typeof m.fields] : field);
  const lines = Object.entries(changes).flatMap(([field, value]) => {
    if (typeof value === 'object' && value !== null && ('from' in value || 'to' in value)) {
      const { from, to } = value as { from?: unknown; to?: unknown };
      return [m.auditField(label(field), show(field, from), show(field, to))];
    }
    return [];
  });
  if (lines.length === 0) return null;
  return (
    <ul className="audit-changes">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
