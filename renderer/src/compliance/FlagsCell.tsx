/**
 * A dossier's flags in a table cell: one small pill per status flagged, with its count (red
 * « ✕ 2 » for breaches, amber « ! 1 » to watch, grey-blue « ? 1 » for missing data), or a green
 * tick when no rule is flagged. The tooltip names the rules (titles from the catalogue).
 */
import type { ComplianceStatus, ComplianceSummary, RuleId } from '../../../shared/compliance/model';
import { useComplianceMessages, type ComplianceMessages } from './messages';
import { countParts } from './order';
import { StatusIcon } from './StatusBadge';
import { ruleTitle, useRuleCatalogue, type RuleCatalogue } from './useRuleCatalogue';

/** « Non conforme : Part du public cible, Rapport annuel » — one line per status, worst first. */
export function flagsTooltip(flags: readonly { ruleId: RuleId; status: ComplianceStatus }[], catalogue: RuleCatalogue | null, m: ComplianceMessages): string {
  const lines: string[] = [];
  for (const status of ['breach', 'missing', 'warning'] as const) {
    const titles = flags.filter((flag) => flag.status === status).map((flag) => ruleTitle(catalogue, flag.ruleId));
    if (titles.length > 0) lines.push(`${m.labelled(m.status[status])}${titles.join(', ')}`);
  }
  return lines.join('\n');
}

export function FlagsCell({ summary }: { summary: ComplianceSummary | null }) {
  const m = useComplianceMessages();
  const catalogue = useRuleCatalogue();
  if (!summary) {
    return (
      <span className="muted" title={m.notEvaluated}>
        —
      </span>
    );
  }
  const parts = countParts(summary);
  if (parts.length === 0) {
    return (
      <span className="cx-flags" title={m.cellOk} data-compliance="ok">
        <StatusIcon status="ok" label={m.status.ok} />
      </span>
    );
  }
  const tooltip = flagsTooltip(summary.flags, catalogue, m);
  return (
    <span className="cx-flags" title={tooltip} data-compliance={summary.worst}>
      {parts.map((part) => (
        <span key={part.status} className={`cx-pill cx-${part.status}`} data-status={part.status}>
          <StatusIcon status={part.status} />
          <span className="visually-hidden">{m.labelled(m.status[part.status])}</span>
          {part.count}
        </span>
      ))}
      {/* The rules flagged, read by screen readers (the tooltip is for the mouse). */}
      <span className="visually-hidden">{tooltip}</span>
    </span>
  );
}
