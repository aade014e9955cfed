/**
 * A compliance status as a badge (word + shape + colour) or, where room is short, as its icon
 * alone with the word for assistive technologies. The shape tells the status apart without the
 * colour: a tick in a disc (conforme), an exclamation mark on a diamond (à surveiller), a cross
 * in a square (non conforme), a question mark in a dashed ring (données manquantes), a dash
 * (sans objet).
 */
import type { ComplianceStatus } from '../../../shared/compliance/model';
import { useComplianceMessages } from './messages';
import './compliance.css';

/** The status's icon (its glyph is drawn by the style sheet); decorative unless `label` is given. */
export function StatusIcon({ status, label }: { status: ComplianceStatus; label?: string }) {
  return <span className={`cx-icon cx-icon-${status}`} aria-hidden={label ? undefined : true} role={label ? 'img' : undefined} aria-label={label} />;
}

/** « Non conforme », « À surveiller »… as a badge with its icon. */
export function ComplianceStatusBadge({ status }: { status: ComplianceStatus }) {
  const m = useComplianceMessages();
  return (
    <span className={`badge cx-badge cx-${status}`} data-status={status}>
      <StatusIcon status={status} />
      {m.status[status]}
    </span>
  );
}
