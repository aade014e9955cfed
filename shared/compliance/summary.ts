/** A dossier's results in a line (the Dossiers table's flags column and filter). */
import { STATUS_SEVERITY, type ComplianceStatus, type ComplianceSummary, type RuleResult } from './model';

/** Worst status, counts, and the rules that did not conclude `ok` or `na`, worst first (then catalogue order). */
export function summarize(results: readonly RuleResult[]): ComplianceSummary {
  let worst: ComplianceStatus = 'na';
  for (const result of results) if (STATUS_SEVERITY[result.status] > STATUS_SEVERITY[worst]) worst = result.status;
  const flagged = results
    .map((result, index) => ({ result, index }))
    .filter(({ result }) => result.status !== 'ok' && result.status !== 'na')
    .sort((a, b) => STATUS_SEVERITY[b.result.status] - STATUS_SEVERITY[a.result.status] || a.index - b.index);
  const count = (status: ComplianceStatus) => results.filter((result) => result.status === status).length;
  return {
    worst,
    breaches: count('breach'),
    warnings: count('warning'),
    missing: count('missing'),
    flags: flagged.map(({ result }) => ({ ruleId: result.ruleId, status: result.status })),
  };
}
