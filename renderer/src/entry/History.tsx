/** « Historique des modifications »: the audit entries of a record, with field-level from → to. */
import { useEffect, useState } from 'react';
import type { AuditEntryView } from '../../../shared/contract';
import { call } from '../api/client';
import { useI18n } from '../i18n';
import { formatDate, formatEuros, formatNumber, formatTimestamp } from '../i18n/format';
import { useAuditLabels, useFigureLabels, useSeverityLabels } from '../operators/messages';
import { useEntryMessages } from './messages';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HIDDEN = new Set(['reportId', 'agrementId', 'periodId', 'findingId', 'inspectionId', 'operatorId']);

/** Loads and shows the history of one record; `refresh` changes after each save. */
export function EntityHistory({ entity, entityId, refresh }: { entity: 'operator' | 'dossier'; entityId: number; refresh: number }) {
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
  useEffect(() => {
    let live = true;
    call('entry.history', { entity, entityId }).then(
      (list) => live && setEntries(list),
      () => live && setEntries([]),
    );
    return () => {
      live = false;
    };
  }, [entity, entityId, refresh]);
  return <HistoryList entries={entries} />;
}

export function HistoryList({ entries }: { entries: readonly AuditEntryView[] | null }) {
  const m = useEntryMessages();
  const { t } = useI18n();
  const actions = useAuditLabels();
  const figureLabels = useFigureLabels() as Record<string, string>;
  const severities = useSeverityLabels() as Record<string, string>;
  /** Stored codes shown with their label (kind, status, severity…). */
  const enumLabels: Record<string, Record<string, string>> = {
    kind: t.enums.kind,
    legalForm: t.enums.legalForm,
    province: t.enums.province,
    term: t.enums.term,
    severity: severities,
  };
  const entryLabels = m as unknown as Record<string, unknown>;
  const intl = t.locale.intl;

  const label = (key: string): string => {
    if (figureLabels[key]) return figureLabels[key];
    const own = entryLabels[key];
    return typeof own === 'string' ? own : key;
  };
  const value = (key: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return actions.empty ?? '';
    if (typeof v === 'boolean') return v ? m.yes : m.no;
    if (typeof v === 'number') return key.endsWith('Cents') ? formatEuros(v, intl) : formatNumber(v, intl);
    if (typeof v === 'string' && ISO_DATE.test(v)) return formatDate(v);
    if (typeof v === 'string' && key === 'status') return (t.enums.status as Record<string, string>)[v] ?? (t.enums.agrementStatus as Record<string, string>)[v] ?? v;
    if (typeof v === 'string' && enumLabels[key]?.[v]) return enumLabels[key][v];
    return String(v);
  };
  const when = (at: string) => {
    const { date, time } = formatTimestamp(at);
    return `${date} ${time}`;
  };

  return (
    <section className="panel history-panel" aria-labelledby="entry-history">
      <h2 id="entry-history">{m.historyTitle}</h2>
      {entries === null ? (
        <p className="muted">{m.loading}</p>
      ) : entries.length === 0 ? (
        <p className="muted">{m.historyEmpty}</p>
      ) : (
        <ol className="history-list" data-testid="history">
          {entries.map((entry) => {
            const changes = Object.entries(entry.changes).filter(
              ([key, change]) => !HIDDEN.has(key) && typeof change === 'object' && change !== null && 'to' in change,
            ) as [string, { from: unknown; to: unknown }][];
            return (
              <li key={entry.id}>
                <div className="history-head">
                  <strong>{actions[entry.action] ?? entry.action}</strong>
                  <span className="muted">{m.historyBy(entry.actor, when(entry.at))}</span>
                </div>
                {changes.length > 0 && (
                  <ul className="history-changes">
                    {changes.map(([key, change]) => (
                      <li key={key}>
                        <span className="history-field">{label(key)}</span> : <del>{value(key, change.from)}</del>{' '}
                        <span aria-hidden="true">→</span> <ins>{value(key, change.to)}</ins>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
