/**
 * The dossier page's « Conformité » section: a summary line, the checklist (one line per rule of
 * the dossier's scheme, problems first: status, title, explanation quoting the figures, missing
 * fields, legal basis), then each yearly rule's history over the operator's report years.
 */
import type { ChecklistItem, DossierComplianceOutput } from '../../../shared/contract';
import type { ComplianceStatus, LegalBasis, RuleId } from '../../../shared/compliance/model';
import { call } from '../api/client';
import { errorMessage, useI18n } from '../i18n';
import { formatDate, formatInteger } from '../i18n/format';
import { useComplianceMessages } from './messages';
import { groupByStatus, worstOf } from './order';
import { ComplianceStatusBadge, StatusIcon } from './StatusBadge';
import { useCountsText } from './Summary';
import { ruleTitle, useRuleCatalogue } from './useRuleCatalogue';

export type ComplianceLoad = { state: 'ready'; data: DossierComplianceOutput } | { state: 'error'; error: unknown };

/**
 * `compliance.dossier` for one dossier, as a result that never rejects: the dossier page waits for
 * it with its review (so that the sections below do not move once it arrives), and a failure only
 * shows in the section.
 */
export function loadDossierCompliance(id: number): Promise<ComplianceLoad> {
  return call('compliance.dossier', { id }).then(
    (data): ComplianceLoad => ({ state: 'ready', data }),
    (error: unknown): ComplianceLoad => ({ state: 'error', error }),
  );
}

/** `2026-11-22+1a2b3c4d` (the file's version and a digest of its content) → `22/11/2026`. */
function shownVersion(version: string): string {
  const day = /^(\d{4}-\d{2}-\d{2})(\+|$)/.exec(version)?.[1];
  return day ? formatDate(day) : version;
}

export function ComplianceSection({ load }: { load: ComplianceLoad }) {
  const { t } = useI18n();
  const m = useComplianceMessages();
  const countsText = useCountsText();

  if (load.state === 'error') {
    return (
      <p className="field-error" role="alert">
        {errorMessage(load.error, t)}
      </p>
    );
  }

  const { data } = load;
  const worst = worstOf(data.summary);
  return (
    <div className="cx-section">
      <div className={`cx-summary cx-summary-${worst}`}>
        <StatusIcon status={worst} />
        <p data-testid="compliance-summary">
          <strong>{countsText(data.summary) ?? m.noProblem}</strong>
          <span className="muted"> — {m.evaluatedOn(formatDate(data.asOf))}</span>
        </p>
        <p className="cx-version muted" title={data.rulesVersion}>
          {m.rulesVersion(shownVersion(data.rulesVersion))}
        </p>
      </div>

      <Checklist items={data.items} problems={worst !== 'ok'} />
      <HistoryMatrix history={data.history} items={data.items} />
    </div>
  );
}

/**
 * The rules grouped by status, problems first. The rules met are folded while there are problems
 * (the member scans for what is wrong; one click shows the rest), the rules without object always.
 */
function Checklist({ items, problems }: { items: ChecklistItem[]; problems: boolean }) {
  const m = useComplianceMessages();
  const groups = groupByStatus(items);
  return (
    <div className="cx-checklist" role="group" aria-label={m.checklistLabel} data-testid="compliance-checklist">
      {groups.map((group) =>
        group.status === 'na' || (group.status === 'ok' && problems) ? (
          <details key={group.status} className={`cx-group cx-group-${group.status}`}>
            <summary className="cx-group-title">{m.group[group.status](group.items.length)}</summary>
            <RuleList items={group.items} />
          </details>
        ) : (
          <section key={group.status} className={`cx-group cx-group-${group.status}`} aria-label={m.group[group.status](group.items.length)}>
            <h3 className="cx-group-title">{m.group[group.status](group.items.length)}</h3>
            <RuleList items={group.items} />
          </section>
        ),
      )}
    </div>
  );
}

function RuleList({ items }: { items: ChecklistItem[] }) {
  const m = useComplianceMessages();
  return (
    <ul className="cx-list">
      {items.map((item) => (
        <li key={item.ruleId} className={`cx-item cx-item-${item.status}`} data-rule={item.ruleId} data-status={item.status}>
          <div className="cx-item-status">
            <ComplianceStatusBadge status={item.status} />
          </div>
          <div className="cx-item-body">
            <p className="cx-item-title">
              {item.title}
              {item.year !== null && <span className="cx-year">{m.reportYear(formatInteger(item.year))}</span>}
            </p>
            <p className="cx-explanation">{item.explanation}</p>
            {item.missing.length > 0 && (
              <p className="cx-missing-fields">
                <span className="cx-missing-label">{m.missingFields}</span> {item.missing.join(' ; ')}
              </p>
            )}
            <LegalBasisLine basis={item.legalBasis} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** « Base légale : Décret du 20 octobre 2016…, art. 6, §1er, 3° » — the address as text (no remote link in the app). */
export function LegalBasisLine({ basis }: { basis: LegalBasis }) {
  const m = useComplianceMessages();
  return (
    <p className="cx-basis">
      <span className="cx-basis-label">{m.legalBasis}</span> {basis.text}
      {basis.article && <>, {basis.article}</>}
      {basis.url && <span className="cx-url"> — {basis.url}</span>}
    </p>
  );
}

function HistoryMatrix({ history, items }: { history: DossierComplianceOutput['history']; items: ChecklistItem[] }) {
  const m = useComplianceMessages();
  const catalogue = useRuleCatalogue();
  const titles = new Map<RuleId, string>(items.map((item) => [item.ruleId, item.title]));
  const titleOf = (id: RuleId) => titles.get(id) ?? ruleTitle(catalogue, id);

  return (
    <div className="cx-history-block">
      <h3>{m.historyTitle}</h3>
      {history.years.length === 0 || history.rows.length === 0 ? (
        <p className="muted">{m.historyNone}</p>
      ) : (
        <>
          <p className="muted cx-history-intro">{m.historyIntro}</p>
          <div className="table-scroll">
            <table className="cx-history" data-testid="compliance-history">
              <thead>
                <tr>
                  <th scope="col">{m.historyRule}</th>
                  {history.years.map((year) => (
                    <th scope="col" key={year} className="cx-year-col">
                      {formatInteger(year)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {history.rows.map((row) => {
                  const byYear = new Map(row.byYear.map((cell) => [cell.year, cell]));
                  return (
                    <tr key={row.ruleId} data-rule={row.ruleId}>
                      <th scope="row">{titleOf(row.ruleId)}</th>
                      {history.years.map((year) => {
                        const cell = byYear.get(year);
                        return (
                          <td key={year} className={`cx-cell${cell ? ` cx-cell-${cell.status}` : ''}`} title={cell ? `${m.status[cell.status]} — ${cell.explanation}` : m.historyAbsent}>
                            {cell ? (
                              <>
                                <HistoryCell status={cell.status} label={m.status[cell.status]} />
                                {/* The explanation, read by screen readers (the tooltip is for the mouse). */}
                                <span className="visually-hidden"> — {cell.explanation}</span>
                              </>
                            ) : (
                              <span className="muted">·</span>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

function HistoryCell({ status, label }: { status: ComplianceStatus; label: string }) {
  return (
    <span className="cx-cell-mark">
      <StatusIcon status={status} />
      <span className="cx-cell-label">{label}</span>
    </span>
  );
}
