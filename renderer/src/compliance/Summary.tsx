/**
 * A dossier's compliance in a line: « 2 non conformes, 1 à surveiller, 1 donnée manquante »,
 * and the compact badge of the dossier header that leads to the « Conformité » section.
 */
import type { MouseEvent } from 'react';
import type { ComplianceSummary } from '../../../shared/compliance/model';
import { useI18n } from '../i18n';
import { formatNumber } from '../i18n/format';
import { useComplianceMessages } from './messages';
import { countParts, worstOf, type Counts } from './order';
import { StatusIcon } from './StatusBadge';

/** The counts as words (« 2 non conformes, 1 à surveiller »), or null when nothing is flagged. */
export function useCountsText(): (counts: Counts) => string | null {
  const { t } = useI18n();
  const m = useComplianceMessages();
  return (counts) => {
    const parts = countParts(counts);
    if (parts.length === 0) return null;
    return parts.map((part) => m.count[part.status](formatNumber(part.count, t.locale.intl), part.count)).join(', ');
  };
}

/** The header's badge: the worst status and the counts, a link to the section. */
export function ComplianceSummaryLink({ summary, href, onClick }: { summary: ComplianceSummary; href: string; onClick?: (event: MouseEvent) => void }) {
  const m = useComplianceMessages();
  const countsText = useCountsText();
  const worst = worstOf(summary);
  const text = countsText(summary) ?? m.status.ok;
  return (
    <a className={`badge cx-badge cx-${worst} cx-summary-link`} href={href} onClick={onClick} title={m.headerLink} data-testid="compliance-summary-badge">
      <StatusIcon status={worst} />
      <span className="visually-hidden">{m.labelled(m.headerTitle)}</span>
      {text}
    </a>
  );
}
