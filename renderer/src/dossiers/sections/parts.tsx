/** Small building blocks shared by the dossier page's sections. */
import type { ReactNode } from 'react';
import type { FindingSeverity, OpinionOutcome } from '../../../../shared/domain';
import { useReviewMessages } from '../messages';

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** An opinion (or proposed opinion) as a badge: the word, coloured by its sense. */
export function OutcomeBadge({ outcome }: { outcome: OpinionOutcome }) {
  const m = useReviewMessages();
  return <span className={`badge outcome-${outcome}`}>{m.outcome[outcome]}</span>;
}

export function SeverityBadge({ severity }: { severity: FindingSeverity }) {
  const m = useReviewMessages();
  return <span className={`badge severity-${severity}`}>{m.severityLabel[severity]}</span>;
}
