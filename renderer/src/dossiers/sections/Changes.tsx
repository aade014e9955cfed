/**
 * Ce qui a changé: what is new since the user last opened this dossier (documents, notes, dated
 * events, figures, findings, edits of the dossier). The page records the visit once shown, so a
 * change is listed once.
 */
import type { ChangeItem, DossierReview } from '../../../../shared/contract';
import { dossierHash } from '../../app/router';
import { formatDate, formatInteger, formatTimestamp } from '../../i18n/format';
import { useReviewMessages } from '../messages';
import { AuditChanges, auditTitle } from './History';

export function Changes({ review }: { review: DossierReview }) {
  const m = useReviewMessages();
  const { since, items } = review.changes;
  if (since === null) {
    return (
      <p className="changes-note" data-testid="changes-summary">
        {m.changesFirst}
      </p>
    );
  }
  const when = formatTimestamp(since);
  const sinceText = m.dateTime(when.date, when.time);
  if (items.length === 0) {
    return (
      <p className="changes-note" data-testid="changes-summary">
        {m.changesNone(sinceText)}
      </p>
    );
  }
  return (
    <div className="changes">
      <p className="changes-note" data-testid="changes-summary">
        {m.changesSince(sinceText)}
      </p>
      <ul className="change-list" data-testid="change-list">
        {items.map((item, index) => (
          <li key={`${item.type}-${index}`}>
            <span className="change-when">{item.type === 'event' ? formatDate(item.at) : formatTimestamp(item.at).date}</span>
            <div className="change-what">
              <ChangeText item={item} dossierId={review.dossier.id} />
            </div>
          </li>
        ))}
      </ul>
      <p className="muted changes-cleared">{m.changesCleared}</p>
    </div>
  );
}

function ChangeText({ item, dossierId }: { item: ChangeItem; dossierId: number }) {
  const m = useReviewMessages();
  switch (item.type) {
    case 'document':
      return <a href={dossierHash(dossierId, 'documents')}>{m.cDocument(item.title)}</a>;
    case 'note':
      return (
        <>
          <a href={dossierHash(dossierId, 'notes')}>
            {item.edited ? m.cNoteEdited(m.cVisibility[item.visibility]) : m.cNoteAdded(m.cVisibility[item.visibility])}
          </a>
          <span className="muted"> — « {item.excerpt} »</span>
        </>
      );
    case 'event':
      return <>{item.title}</>;
    case 'figures':
      return <a href={dossierHash(dossierId, 'figures')}>{m.cFigures(formatInteger(item.year))}</a>;
    case 'finding':
      return (
        <>
          <a href={dossierHash(dossierId, 'inspection')}>{m.cFinding(m.severityLabel[item.severity].toLowerCase())}</a>
          <span className="muted"> — {item.description}</span>
        </>
      );
    case 'audit':
      return (
        <>
          {m.cAudit(auditTitle(item.action, m), item.actor)}
          <AuditChanges changes={item.changes} />
        </>
      );
  }
}
