/**
 * One dossier (#/dossiers/123?section=figures): its header, then its sections, each shown only
 * where it has content. Everything comes from one call, `dossiers.review`; once it is shown, the
 * visit is recorded (`dossiers.markVisited`), so « Ce qui a changé » shows each change once.
 */
import { useEffect, useMemo, useState, type MouseEvent, type ReactNode } from 'react';
import type { DossierReview } from '../../../shared/contract';
import { dossierHash, navigate, openedFromList, operatorHash } from '../app/router';
import { StatusBadge } from '../components/StatusBadge';
import { errorMessage, useI18n } from '../i18n';
import { AGREMENT_STATUSES, type AgrementStatus } from '../i18n/fr';
import { formatDate, formatInteger } from '../i18n/format';
import { RpcCallError, call } from '../api/client';
import { ComplianceSection, loadDossierCompliance, type ComplianceLoad } from '../compliance/ComplianceSection';
import { ComplianceSummaryLink } from '../compliance/Summary';
import { DecisionLink } from './DecisionForm';
import { getLastListHash } from './listState';
import { useReviewMessages } from './messages';
import { isBefore } from './reviewFormat';
import { Fact } from './sections/parts';
import { Changes } from './sections/Changes';
import { DocumentsSection } from './sections/Documents';
import { Figures, hasFigures } from './sections/Figures';
import { History } from './sections/History';
import { Inspection } from './sections/Inspection';
import { NotesSection } from './sections/Notes';
import { Synthesis } from './sections/Synthesis';
import './review.css';

type Load =
  | { state: 'loading' }
  | { state: 'ready'; review: DossierReview; compliance: ComplianceLoad }
  | { state: 'not-found' }
  | { state: 'hidden' }
  | { state: 'error'; error: unknown };

/** Section names, as used in `?section=` by links from elsewhere (search results…). */
export type SectionName = 'changes' | 'synthesis' | 'compliance' | 'history' | 'figures' | 'inspection' | 'documents' | 'notes';

/** Other names a link may use for a section (`?section=conformite`). */
const SECTION_ALIASES: Record<string, SectionName> = { conformite: 'compliance' };

/** Back to the list as it was: the previous history entry when we came from it. */
function backToList(event?: MouseEvent) {
  event?.preventDefault();
  if (openedFromList()) window.history.back();
  else navigate(getLastListHash());
}

/**
 * Scrolls the page's own scroller (the app's main area) so that the section starts just below the
 * sticky section navigation. (scrollIntoView would also scroll the document, hiding the app bar.)
 */
function scrollToSection(target: HTMLElement): void {
  const scroller = target.closest<HTMLElement>('.app-main');
  if (!scroller) {
    target.scrollIntoView({ block: 'start' });
    return;
  }
  const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
  const top = target.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop - margin;
  scroller.scrollTo({ top: Math.max(0, top) });
}

function sectionFromSearch(search: string): string | null {
  const name = new URLSearchParams(search).get('section');
  return name === null ? null : (SECTION_ALIASES[name] ?? name);
}

/** A refused load: not found, hidden from this member (conflict of interest), or another error. */
function failedLoad(error: unknown): Load {
  if (error instanceof RpcCallError && error.code === 'NOT_FOUND') return { state: 'not-found' };
  if (error instanceof RpcCallError && error.code === 'HIDDEN') return { state: 'hidden' };
  return { state: 'error', error };
}

export function DossierPage({ id, search = '' }: { id: number | null; search?: string }) {
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>(id === null ? { state: 'not-found' } : { state: 'loading' });

  useEffect(() => {
    if (id === null) return;
    let live = true;
    // The compliance checklist comes with the review (it never rejects): the sections below it
    // do not move once the page is shown.
    Promise.all([call('dossiers.review', { id }), loadDossierCompliance(id)]).then(
      ([review, compliance]) => {
        if (!live) return;
        setLoad({ state: 'ready', review, compliance });
        // Seen now: the next visit lists only what changes after this read.
        call('dossiers.markVisited', { id, readAt: review.changes.readAt }).catch(() => {
          // Not recorded (e.g. workspace closed meanwhile): the changes simply show again next time.
        });
      },
      (error: unknown) => {
        if (!live) return;
        setLoad(failedLoad(error));
      },
    );
    return () => {
      live = false;
    };
  }, [id]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) backToList();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // Scroll to the section named in the address once the page is shown (and when it changes).
  const wanted = sectionFromSearch(search);
  useEffect(() => {
    if (load.state !== 'ready' || !wanted) return;
    const target = document.getElementById(`section-${wanted}`);
    if (target) {
      scrollToSection(target);
      target.focus({ preventScroll: true });
    }
  }, [load.state, wanted]);

  const back = (
    <a className="back-link" href={getLastListHash()} onClick={backToList}>
      <span aria-hidden="true">←</span> {t.dossier.back}
      <kbd className="key-hint">{t.dossier.backHint}</kbd>
    </a>
  );

  if (load.state === 'loading') {
    return (
      <section className="page page-dossier">
        {back}
        <p className="page-status" role="status">
          <span className="spinner" aria-hidden="true" /> {t.dossier.loading}
        </p>
      </section>
    );
  }
  if (load.state === 'hidden') {
    return (
      <section className="page page-dossier" aria-labelledby="dossier-title">
        {back}
        <div className="notice" role="alert">
          <h1 id="dossier-title">{t.dossier.hiddenTitle}</h1>
          <p>{t.dossier.hiddenText}</p>
        </div>
      </section>
    );
  }
  if (load.state === 'not-found' || load.state === 'error') {
    return (
      <section className="page page-dossier" aria-labelledby="dossier-title">
        {back}
        <div className="notice" role="alert">
          <h1 id="dossier-title">{load.state === 'not-found' ? t.dossier.notFoundTitle : t.app.startupErrorTitle}</h1>
          <p>{load.state === 'not-found' ? t.dossier.notFoundText : errorMessage(load.error, t)}</p>
        </div>
      </section>
    );
  }

  return <ReviewView review={load.review} compliance={load.compliance} back={back} current={wanted} />;
}

interface SectionEntry {
  name: SectionName;
  render: () => ReactNode;
}

function ReviewView({ review, compliance, back, current }: { review: DossierReview; compliance: ComplianceLoad; back: ReactNode; current: string | null }) {
  const m = useReviewMessages();
  const d = review.dossier;

  // The sections of the page, in order; a section without content is left out (and from the nav).
  const sections = useMemo(() => {
    const list: SectionEntry[] = [];
    list.push({ name: 'changes', render: () => <Changes review={review} /> });
    list.push({ name: 'synthesis', render: () => <Synthesis review={review} /> });
    list.push({ name: 'compliance', render: () => <ComplianceSection load={compliance} /> });
    if (review.history.length > 0) list.push({ name: 'history', render: () => <History review={review} /> });
    if (review.figures && hasFigures(review.figures)) list.push({ name: 'figures', render: () => <Figures review={review} /> });
    if (review.inspections.length > 0) list.push({ name: 'inspection', render: () => <Inspection review={review} /> });
    // Documents and Notes: always shown (attaching a document, writing a note start from them).
    list.push({ name: 'documents', render: () => <DocumentsSection dossierId={review.dossier.id} canAttach={review.profile === 'secretariat'} /> });
    list.push({ name: 'notes', render: () => <NotesSection dossierId={review.dossier.id} /> });
    return list;
  }, [review, compliance]);

  return (
    <article className="page page-dossier review" aria-labelledby="dossier-title">
      {back}
      <Header review={review} compliance={compliance} />

      <nav className="review-nav" aria-label={m.sectionsLabel}>
        <ul>
          {sections.map((s) => (
            <li key={s.name}>
              <a
                href={dossierHash(d.id, s.name)}
                aria-current={current === s.name ? 'location' : undefined}
                onClick={(event) => goToSection(event, d.id, s.name)}
              >
                {m.sections[s.name]}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <div className="review-sections">
        {sections.map((s) => (
          <section key={s.name} id={`section-${s.name}`} className="review-section" aria-labelledby={`heading-${s.name}`} tabIndex={-1}>
            <h2 id={`heading-${s.name}`}>{m.sections[s.name]}</h2>
            {s.render()}
          </section>
        ))}
      </div>
    </article>
  );
}

/** Goes to a section of this dossier from a link (the address changes; the page scrolls even when it does not). */
function goToSection(event: MouseEvent, id: number, name: SectionName): void {
  event.preventDefault();
  navigate(dossierHash(id, name), { replace: true });
  const target = document.getElementById(`section-${name}`);
  if (target) scrollToSection(target);
}

function Header({ review, compliance }: { review: DossierReview; compliance: ComplianceLoad }) {
  const { t } = useI18n();
  const m = useReviewMessages();
  const d = review.dossier;
  const o = review.operator;
  const notSet = t.dossier.notSet;
  const latestSession = review.sessions.at(-1);

  return (
    <header className="dossier-header review-header">
      <div className="review-header-top">
        <div>
          <div className="dossier-title-line">
            <h1 id="dossier-title">{d.reference}</h1>
            <StatusBadge status={d.status} />
            {compliance.state === 'ready' && (
              <ComplianceSummaryLink
                summary={compliance.data.summary}
                href={dossierHash(d.id, 'compliance')}
                onClick={(event) => goToSection(event, d.id, 'compliance')}
              />
            )}
          </div>
          <p className="dossier-subject">{d.subject}</p>
          <p className="dossier-summary">
            <span>{t.enums.scheme[d.scheme]}</span>
            <span className="separator" aria-hidden="true">
              ·
            </span>
            <span>{t.enums.kind[d.kind]}</span>
            {d.reportYear !== null && (
              <>
                <span className="separator" aria-hidden="true">
                  ·
                </span>
                <span>
                  {t.dossier.reportYear} {formatInteger(d.reportYear)}
                </span>
              </>
            )}
          </p>
        </div>
        {review.profile === 'secretariat' && (
          <nav className="review-actions" aria-label={m.actionsLabel}>
            <a href={`#/dossiers/${d.id}/edit`}>{m.editDossier}</a>
            {d.kind === 'activity_report' && <a href={`#/dossiers/${d.id}/figures`}>{m.editFigures}</a>}
            {d.kind === 'inspection' && <a href={`#/dossiers/${d.id}/findings`}>{m.addFinding}</a>}
            <DecisionLink dossierId={d.id} hasOpinion={review.opinions.length > 0} />
          </nav>
        )}
      </div>

      <div className="review-facts">
        <section className="review-fact-block" aria-labelledby="facts-operator">
          <h2 id="facts-operator" className="review-fact-title">
            {t.dossier.operatorSection}
          </h2>
          <p className="review-operator-name">
            <a href={operatorHash(o.id)}>{o.name}</a>
          </p>
          <dl className="facts compact">
            <Fact label={t.dossier.bce}>
              <span className="bce" data-testid="operator-bce">
                {o.bce}
              </span>
            </Fact>
            <Fact label={t.dossier.legalForm}>{t.enums.legalForm[o.legalForm]}</Fact>
            <Fact label={t.dossier.commune}>
              {o.postcode} {o.commune} ({t.enums.province[o.province]})
            </Fact>
            {review.agrement && (
              <Fact label={t.dossier.agrementSection}>
                {review.agrement.scheme} n° {review.agrement.number} — {agrementStatusLabel(review.agrement.status, t.enums.agrementStatus)}
                {review.agrement.currentPeriod && (
                  <span className="muted">
                    {' '}
                    (
                    {review.agrement.currentPeriod.endOn
                      ? t.dossier.periodBounded(formatDate(review.agrement.currentPeriod.startOn), formatDate(review.agrement.currentPeriod.endOn))
                      : `${t.dossier.periodOpen(formatDate(review.agrement.currentPeriod.startOn))}, ${t.enums.term.indefinite}`}
                    )
                  </span>
                )}
              </Fact>
            )}
          </dl>
        </section>

        <section className="review-fact-block" aria-labelledby="facts-dates">
          <h2 id="facts-dates" className="review-fact-title">
            {m.keyDates}
          </h2>
          <dl className="facts compact">
            <Fact label={t.dossier.receivedOn}>{formatDate(d.receivedOn, notSet)}</Fact>
            <Fact label={t.dossier.completeOn}>{formatDate(d.completeOn, notSet)}</Fact>
            <Fact label={t.dossier.opinionDueOn}>
              {formatDate(d.opinionDueOn, notSet)}
              {d.opinionDueOn && review.opinions.length === 0 && isBefore(d.opinionDueOn, review.today) && (
                <span className="overdue-tag"> {m.overdue}</span>
              )}
            </Fact>
            <Fact label={t.dossier.sessionsSection}>
              {latestSession ? (
                <>
                  {t.dossier.sessionLabel(formatInteger(latestSession.number), formatDate(latestSession.heldOn))}
                  <span className="muted"> — {t.enums.sessionStatus[latestSession.status]}</span>
                  {review.sessions.length > 1 && <span className="muted"> ({m.sessionsPrevious(review.sessions.length - 1)})</span>}
                </>
              ) : (
                <span className="muted">{m.sessionNone}</span>
              )}
            </Fact>
          </dl>
        </section>

        <section className="review-fact-block" aria-labelledby="facts-deadlines">
          <h2 id="facts-deadlines" className="review-fact-title">
            {m.deadlinesTitle}
          </h2>
          {review.deadlines.length === 0 ? (
            <p className="muted">{m.deadlinesNone}</p>
          ) : (
            <ul className="deadline-list" data-testid="open-deadlines">
              {review.deadlines.map((deadline) => {
                const late = isBefore(deadline.dueOn, review.today);
                return (
                  <li key={deadline.key} className={late ? 'is-overdue' : undefined}>
                    <span className="deadline-date">{formatDate(deadline.dueOn)}</span>
                    <span className="deadline-text" title={m.deadlineKind[deadline.kind]}>
                      {deadline.description.trim() || m.deadlineKind[deadline.kind]}
                      {deadline.dossierId === null && <span className="muted"> ({m.deadlineOperator})</span>}
                      {late && <span className="overdue-tag"> {m.overdue}</span>}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </div>
    </header>
  );
}

function agrementStatusLabel(status: string, labels: Record<AgrementStatus, string>): string {
  return (AGREMENT_STATUSES as readonly string[]).includes(status) ? labels[status as AgrementStatus] : status;
}
