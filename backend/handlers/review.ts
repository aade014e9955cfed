/**
 * The dossier page in one call: header, synthesis, the operator's timeline, figures over the
 * years, inspections and what changed since the previous visit — from a fixed number of
 * set-based queries, whatever the size of the operator's history.
 */
import type { ChangeItem, DeadlineRow, DossierReview, HistoryItem, MethodOutput, ReviewReportFigures } from '../../shared/contract';
import { getDossierSessions } from '../../db/queries/dossiers';
import { getMeta } from '../../db/queries/meta';
import { getAgrementWithCurrentPeriod, getOperator } from '../../db/queries/operators';
import {
  getReviewDossier,
  getVisit,
  listChangesSince,
  listDossierAudit,
  listDossierEvents,
  listOpenDeadlines,
  listOperatorAgrements,
  listOperatorAmendments,
  listOperatorDecisions,
  listOperatorDossiers,
  listOperatorFindings,
  listOperatorInspections,
  listOperatorOpinions,
  listOperatorReports,
  recordVisit,
  type ReportRow,
} from '../../db/queries/review';
import { deadlineRulesOf, type DeadlineRules } from '../../db/queries/deadlines';
import type { Db } from '../../db/open';
import type { BackendContext } from '../context';
import { ruleBookOf } from '../rules';
import { deadlineDescriptionFr } from './deadlines';
import { toAgrementSummary, toOperatorSummary } from './dossiers';
import { workspaceMemberId } from './notes';
import { notFound } from '../errors';
import type { DomainHandlers } from '../rpc/registry';
import { requireVisible } from '../visibility';

type R = DossierReview;

function parseChanges(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const flag = (value: number | null): boolean | null => (value === null ? null : value === 1);

function toFigures(row: ReportRow): ReviewReportFigures {
  return {
    ...row,
    trainingPlan: flag(row.trainingPlan),
    yearlyEvaluations: flag(row.yearlyEvaluations),
    workerParticipation: flag(row.workerParticipation),
  };
}

const excerpt = (text: string, max = 140) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function readReview(db: Db, id: number, today: string, now: string, rules: DeadlineRules, memberId: number | null = workspaceMemberId(db)): DossierReview {
  const dossier = getReviewDossier(db, id);
  if (!dossier) throw notFound('Dossier');
  const operator = getOperator(db, dossier.operatorId);
  if (!operator) throw notFound('Opérateur');
  const operatorId = operator.id;
  const agrement = dossier.agrementId ? getAgrementWithCurrentPeriod(db, dossier.agrementId) : undefined;

  const opinions = listOperatorOpinions(db, operatorId);
  const amendments = listOperatorAmendments(db, operatorId);
  const decisions = listOperatorDecisions(db, operatorId);
  const dossiers = listOperatorDossiers(db, operatorId);
  const agrements = listOperatorAgrements(db, operatorId);
  const inspections = listOperatorInspections(db, operatorId);
  const findings = listOperatorFindings(db, operatorId);
  const events = listDossierEvents(db, id);
  const audit = listDossierAudit(db, id, memberId);
  const reports = listOperatorReports(db, operatorId, dossier.scheme);

  // Synthesis: this dossier's opinions (with their amendments) and decisions.
  const ownOpinions: R['opinions'] = opinions
    .filter((o) => o.dossierId === id)
    .map((o) => ({
      id: o.id,
      outcome: o.outcome as R['opinions'][number]['outcome'],
      conditions: o.conditions,
      motivation: o.motivation,
      consensus: o.consensus === 1,
      votesFor: o.votesFor,
      votesAgainst: o.votesAgainst,
      votesAbstain: o.votesAbstain,
      givenOn: o.givenOn,
      session: { id: o.sessionId, number: o.sessionNumber, heldOn: o.sessionHeldOn },
      amendments: amendments
        .filter((a) => a.opinionId === o.id)
        .map((a) => ({
          id: a.id,
          amendedOn: a.amendedOn,
          reason: a.reason,
          outcome: a.outcome as R['opinions'][number]['outcome'],
          conditions: a.conditions,
          motivation: a.motivation,
        })),
    }));
  const ownDecisions: R['decisions'] = decisions
    .filter((d) => d.dossierId === id)
    .map((d) => ({
      id: d.id,
      kind: d.kind as R['decisions'][number]['kind'],
      term: d.term as R['decisions'][number]['term'],
      decidedOn: d.decidedOn,
      notifiedOn: d.notifiedOn,
      reference: d.decisionReference,
      note: d.note,
    }));

  // Inspections: all the operator's for an inspection dossier; otherwise those of this dossier
  // and earlier ones whose findings are not all resolved.
  const findingsOf = new Map<number, typeof findings>();
  for (const f of findings) {
    const list = findingsOf.get(f.inspectionId) ?? [];
    list.push(f);
    findingsOf.set(f.inspectionId, list);
  }
  const shownInspections = inspections.filter(
    (i) =>
      dossier.kind === 'inspection' ||
      i.dossierId === id ||
      (findingsOf.get(i.id) ?? []).some((f) => f.resolvedOn === null && f.severity !== 'info'),
  );
  const reviewInspections: R['inspections'] = shownInspections.map((i) => ({
    ...i,
    findings: (findingsOf.get(i.id) ?? []).map((f) => ({
      id: f.id,
      severity: f.severity as R['inspections'][number]['findings'][number]['severity'],
      description: f.description,
      followUpDueOn: f.followUpDueOn,
      resolvedOn: f.resolvedOn,
    })),
  }));

  // History: the operator's whole timeline, plus this dossier's events and audit entries.
  const history: HistoryItem[] = [];
  const seenAgrement = new Set<number>();
  for (const a of agrements) {
    const scheme = a.scheme as Extract<HistoryItem, { type: 'agrement' }>['scheme'];
    if (!seenAgrement.has(a.agrementId)) {
      seenAgrement.add(a.agrementId);
      if (a.firstGrantedOn) {
        history.push({ type: 'agrement', on: a.firstGrantedOn, agrementId: a.agrementId, scheme, number: a.number, status: a.status });
      }
    }
    if (a.startOn && a.term) {
      history.push({
        type: 'period',
        on: a.startOn,
        endOn: a.endOn,
        term: a.term as Extract<HistoryItem, { type: 'period' }>['term'],
        agrementId: a.agrementId,
        scheme,
        number: a.number,
      });
    }
  }
  for (const d of dossiers) {
    history.push({
      type: 'dossier',
      on: d.receivedOn,
      dossierId: d.id,
      reference: d.reference,
      scheme: d.scheme as R['dossier']['scheme'],
      kind: d.kind as R['dossier']['kind'],
      status: d.status as R['dossier']['status'],
      subject: d.subject,
    });
  }
  for (const o of opinions) {
    history.push({ type: 'opinion', on: o.givenOn, dossierId: o.dossierId, reference: o.reference, outcome: o.outcome as R['opinions'][number]['outcome'], sessionNumber: o.sessionNumber });
  }
  for (const a of amendments) {
    history.push({ type: 'amendment', on: a.amendedOn, dossierId: a.dossierId, reference: a.reference, outcome: a.outcome as R['opinions'][number]['outcome'], reason: a.reason });
  }
  for (const d of decisions) {
    history.push({ type: 'decision', on: d.decidedOn, dossierId: d.dossierId, reference: d.reference, kind: d.kind as R['decisions'][number]['kind'], term: d.term as R['decisions'][number]['term'] });
  }
  for (const i of inspections) {
    const list = findingsOf.get(i.id) ?? [];
    history.push({
      type: 'inspection',
      on: i.inspectedOn,
      inspectionId: i.id,
      dossierId: i.dossierId,
      reference: i.dossierReference,
      inspector: i.inspector,
      findings: list.length,
      unresolved: list.filter((f) => f.resolvedOn === null && f.severity !== 'info').length,
    });
  }
  for (const e of events) {
    history.push({ type: 'event', on: e.occurredOn, dossierId: id, title: e.title, detail: e.detail });
  }
  for (const a of audit) {
    history.push({
      type: 'audit',
      on: a.at.slice(0, 10),
      at: a.at,
      actor: a.actor,
      action: a.action,
      entity: a.entity,
      entityId: a.entityId,
      changes: parseChanges(a.changes),
    });
  }
  // Newest first; on the same day, an audit entry (a timestamp) after the dated facts.
  const rank = (item: HistoryItem) => (item.type === 'audit' ? item.at : item.on);
  history.sort((a, b) => (rank(a) < rank(b) ? 1 : rank(a) > rank(b) ? -1 : 0));

  // Figures: the dossier's report year, else the operator's latest.
  const ownReport = reports.find((r) => r.dossierId === id);
  const focusYear = ownReport?.year ?? (dossier.kind === 'activity_report' ? dossier.reportYear : null) ?? reports.at(-1)?.year ?? null;
  const figures: R['figures'] =
    reports.length > 0 && focusYear !== null
      ? { scheme: dossier.scheme as R['dossier']['scheme'], focusYear, reports: reports.map(toFigures) }
      : null;

  // What changed since the previous visit.
  const since = getVisit(db, id);
  const items: ChangeItem[] = [];
  if (since !== null) {
    const changed = listChangesSince(db, id, since, memberId);
    for (const d of changed.documents) items.push({ type: 'document', at: d.addedAt, documentId: d.id, title: d.title });
    for (const n of changed.notes) {
      items.push({ type: 'note', at: n.updatedAt, noteId: n.id, edited: n.createdAt <= since, visibility: n.visibility, excerpt: excerpt(n.body) });
    }
    for (const e of changed.events) items.push({ type: 'event', at: e.occurredOn, title: e.title });
    for (const r of reports) {
      if (r.updatedAt !== null && r.updatedAt > since) items.push({ type: 'figures', at: r.updatedAt, reportId: r.id, year: r.year });
    }
    const shownIds = new Set(shownInspections.map((i) => i.id));
    for (const f of findings) {
      if (shownIds.has(f.inspectionId) && f.updatedAt !== null && f.updatedAt > since) {
        items.push({
          type: 'finding',
          at: f.updatedAt,
          findingId: f.id,
          severity: f.severity as R['inspections'][number]['findings'][number]['severity'],
          description: excerpt(f.description),
        });
      }
    }
    // Edits of the dossier itself (status…) and of its inspections. Figures, findings, notes and
    // documents are listed above from their own rows, which the entry forms keep up to date.
    for (const a of audit) {
      const prefix = a.action.split('.')[0];
      if (a.entity === 'dossier' && (prefix === 'dossier' || prefix === 'inspection') && a.at > since) {
        items.push({ type: 'audit', at: a.at, actor: a.actor, action: a.action, entity: a.entity, changes: parseChanges(a.changes) });
      }
    }
    items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  }

  return {
    profile: getMeta(db, 'profile') === 'member' ? 'member' : 'secretariat',
    today,
    dossier: {
      id: dossier.id,
      reference: dossier.reference,
      scheme: dossier.scheme as R['dossier']['scheme'],
      kind: dossier.kind as R['dossier']['kind'],
      status: dossier.status as R['dossier']['status'],
      subject: dossier.subject,
      receivedOn: dossier.receivedOn,
      completeOn: dossier.completeOn,
      opinionDueOn: dossier.opinionDueOn,
      reportYear: dossier.reportYear,
      proposalOutcome: dossier.proposalOutcome as R['dossier']['proposalOutcome'],
      proposalText: dossier.proposalText,
    },
    operator: toOperatorSummary(operator),
    agrement: agrement ? toAgrementSummary(agrement) : null,
    sessions: getDossierSessions(db, id) as R['sessions'],
    deadlines: listOpenDeadlines(db, id, operatorId, today, rules).map((d) => ({
      key: d.key,
      kind: d.kind as R['deadlines'][number]['kind'],
      dueOn: d.dueOn,
      description: deadlineDescriptionFr(d as DeadlineRow),
      dossierId: d.dossierId,
    })),
    opinions: ownOpinions,
    decisions: ownDecisions,
    history,
    figures,
    inspections: reviewInspections,
    changes: { since, readAt: now, items },
  };
}

export const reviewHandlers: DomainHandlers<BackendContext> = {
  'dossiers.review': (ctx, { id }) => {
    const db = ctx.workspace.requireDb();
    const today = ctx.today();
    requireVisible(db, 'dossier', id);
    return readReview(db, id, today, new Date().toISOString(), deadlineRulesOf(ruleBookOf(ctx), today));
  },

  'dossiers.markVisited': (ctx, { id, readAt }): MethodOutput<'dossiers.markVisited'> => {
    const db = ctx.workspace.requireDb();
    if (!getReviewDossier(db, id)) throw notFound('Dossier');
    requireVisible(db, 'dossier', id);
    const now = new Date().toISOString();
    // The time the page read its data (so that a change made meanwhile still shows next time),
    // never later than now.
    const at = readAt !== undefined && readAt < now && !Number.isNaN(Date.parse(readAt)) ? readAt : now;
    return { visitedAt: recordVisit(db, id, at) };
  },
};
