/**
 * Inspection: the inspections of this dossier (all of the operator's for an inspection dossier;
 * elsewhere, earlier ones with unresolved findings), with each finding's severity, follow-up due
 * date (overdue highlighted against the backend's today) and resolution date.
 */
import type { DossierReview } from '../../../../shared/contract';
import { dossierHash } from '../../app/router';
import { formatDate } from '../../i18n/format';
import { useReviewMessages } from '../messages';
import { isBefore } from '../reviewFormat';
import { Fact, SeverityBadge } from './parts';

export function Inspection({ review }: { review: DossierReview }) {
  const m = useReviewMessages();
  const dossierId = review.dossier.id;
  return (
    <div className="inspections">
      {review.inspections.map((inspection) => {
        const own = inspection.dossierId === dossierId;
        return (
          <article key={inspection.id} className="inspection" aria-labelledby={`inspection-${inspection.id}`}>
            <h3 id={`inspection-${inspection.id}`}>{m.inspectionOf(formatDate(inspection.inspectedOn), inspection.inspector)}</h3>
            {!own && review.dossier.kind !== 'inspection' && <p className="muted">{m.inspectionEarlier}</p>}
            <dl className="facts compact">
              <Fact label={m.inspectionScope}>{inspection.scope}</Fact>
              {inspection.conclusion && <Fact label={m.inspectionConclusion}>{inspection.conclusion}</Fact>}
              {!own && inspection.dossierId !== null && inspection.dossierReference !== null && (
                <Fact label={m.inspectionDossier}>
                  <a href={dossierHash(inspection.dossierId, 'inspection')}>{inspection.dossierReference}</a>
                </Fact>
              )}
            </dl>
            {inspection.findings.length === 0 ? (
              <p className="muted">{m.findingsNone}</p>
            ) : (
              <table className="findings-table" data-testid="findings-table">
                <caption className="visually-hidden">{m.findingsTitle}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.severity}</th>
                    <th scope="col">{m.finding}</th>
                    <th scope="col">{m.followUp}</th>
                    <th scope="col">{m.resolvedOn}</th>
                  </tr>
                </thead>
                <tbody>
                  {inspection.findings.map((f) => {
                    const overdue = f.resolvedOn === null && f.followUpDueOn !== null && isBefore(f.followUpDueOn, review.today);
                    return (
                      <tr key={f.id} className={overdue ? 'is-overdue' : f.resolvedOn ? 'is-resolved' : undefined}>
                        <td>
                          <SeverityBadge severity={f.severity} />
                        </td>
                        <td className="finding-text">{f.description}</td>
                        <td className="date">
                          {formatDate(f.followUpDueOn)}
                          {overdue && <span className="overdue-tag"> {m.overdueFollowUp}</span>}
                        </td>
                        <td className="date">{f.resolvedOn ? formatDate(f.resolvedOn) : f.followUpDueOn ? <span className="muted">{m.notResolved}</span> : '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </article>
        );
      })}
    </div>
  );
}
