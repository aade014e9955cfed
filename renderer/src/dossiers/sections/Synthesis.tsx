/** Synthèse: the subject, the administration's proposal, the opinion(s) and the ministerial decision. */
import type { DossierReview } from '../../../../shared/contract';
import { useI18n } from '../../i18n';
import { formatDate, formatInteger } from '../../i18n/format';
import { useReviewMessages } from '../messages';
import { Fact, OutcomeBadge } from './parts';

type Opinion = DossierReview['opinions'][number];

export function Synthesis({ review }: { review: DossierReview }) {
  const { t } = useI18n();
  const m = useReviewMessages();
  const d = review.dossier;

  return (
    <div className="synthesis">
      <div className="synthesis-block is-wide">
        <h3>{m.subject}</h3>
        <p className="synthesis-subject">{d.subject}</p>
      </div>

      <div className="synthesis-block" data-testid="proposal">
        <h3>{m.proposal}</h3>
        {d.proposalOutcome || d.proposalText ? (
          <>
            {d.proposalOutcome && (
              <p>
                <OutcomeBadge outcome={d.proposalOutcome} />
              </p>
            )}
            {d.proposalText && <p className="prose">{d.proposalText}</p>}
          </>
        ) : (
          <p className="muted">{m.proposalNone}</p>
        )}
      </div>

      {review.opinions.map((opinion) => (
        <OpinionBlock key={opinion.id} opinion={opinion} />
      ))}

      {review.decisions.map((decision) => (
        <div key={decision.id} className="synthesis-block" data-testid="decision">
          <h3>{m.decision}</h3>
          <p>
            <strong>{m.decisionKind[decision.kind]}</strong>
          </p>
          <dl className="facts compact">
            {decision.term && <Fact label={m.decisionTerm}>{t.enums.term[decision.term]}</Fact>}
            <Fact label={m.decidedOn}>{formatDate(decision.decidedOn)}</Fact>
            <Fact label={m.notifiedOn}>{decision.notifiedOn ? formatDate(decision.notifiedOn) : <span className="muted">{m.notNotified}</span>}</Fact>
            {decision.reference && <Fact label={m.decisionReference}>{decision.reference}</Fact>}
            {decision.note && <Fact label={m.decisionNote}>{decision.note}</Fact>}
          </dl>
        </div>
      ))}
    </div>
  );
}

function OpinionBlock({ opinion }: { opinion: Opinion }) {
  const m = useReviewMessages();
  const votes =
    opinion.votesFor !== null || opinion.votesAgainst !== null || opinion.votesAbstain !== null
      ? m.votesText(formatInteger(opinion.votesFor ?? 0), formatInteger(opinion.votesAgainst ?? 0), formatInteger(opinion.votesAbstain ?? 0))
      : null;
  return (
    <div className="synthesis-block" data-testid="opinion">
      <h3>{m.opinion}</h3>
      <p className="opinion-line">
        <OutcomeBadge outcome={opinion.outcome} />
        <span className="muted">
          {m.opinionGiven(formatInteger(opinion.session.number), formatDate(opinion.session.heldOn))}
          {opinion.givenOn !== opinion.session.heldOn && ` — ${formatDate(opinion.givenOn)}`}
        </span>
      </p>
      <dl className="facts compact">
        {opinion.conditions && <Fact label={m.conditions}>{opinion.conditions}</Fact>}
        {opinion.motivation && <Fact label={m.motivation}>{opinion.motivation}</Fact>}
        <Fact label={m.votes}>
          {[opinion.consensus ? m.consensus : null, votes].filter(Boolean).join(' — ') || '—'}
        </Fact>
      </dl>
      {opinion.amendments.map((a) => (
        <div key={a.id} className="amendment">
          <h4>{m.amendment(formatDate(a.amendedOn))}</h4>
          <dl className="facts compact">
            <Fact label={m.amendmentReason}>{a.reason}</Fact>
            <Fact label={m.amendedOutcome}>
              <OutcomeBadge outcome={a.outcome} />
            </Fact>
            {a.conditions && <Fact label={m.conditions}>{a.conditions}</Fact>}
            {a.motivation && <Fact label={m.motivation}>{a.motivation}</Fact>}
          </dl>
        </div>
      ))}
    </div>
  );
}
