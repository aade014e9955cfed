/**
 * The ministerial decision on a dossier (issue 5): what the dossier page needs to offer it (its
 * latest opinion, its decisions with the appeal deadline of the adverse ones), recording one
 * (secretariat only, after an opinion; the dossier becomes decided) and adding its notification
 * date later. Every write is one transaction with its audit entry and timeline events, and
 * recomputes the operator's stored compliance (judged at the latest opinion or decision date).
 * The 60-day appeal window is not stored: the Échéances derive it from `notified_on`.
 */
import { appendAudit } from '../../db/audit';
import type { Db } from '../../db/open';
import {
  getDecision,
  getDecisionDossier,
  insertDecision,
  insertDossierEvent,
  latestOpinionOf,
  latestOpinionStandingOf,
  type OpinionStandingRecord,
  listDossierDecisions,
  setDossierDecided,
  updateDecision,
  type DecisionDossierRecord,
  type DecisionRecord,
} from '../../db/queries/decisions';
import { diffFields } from '../../db/queries/entry';
import { addDays } from '../../shared/calendar';
import { ADJOURNED_OUTCOMES, ADVERSE_DECISION_KINDS, DECISION_KIND_LABELS, type DecisionRow } from '../../shared/contract';
import type { DossierStatus } from '../../shared/domain';
import { shownDate } from '../../shared/sessionPlan';
import { refreshOperatorCompliance } from '../compliance';
import type { BackendContext } from '../context';
import { AppError, notFound } from '../errors';
import { ruleBookOf } from '../rules';
import type { DomainHandlers } from '../rpc/registry';
import { requireVisible } from '../visibility';
import { conflict, requireSecretariat, writeTransaction } from './entry';

const nowIso = () => new Date().toISOString();

function dossierOrFail(db: Db, id: number): DecisionDossierRecord {
  const dossier = getDecisionDossier(db, id);
  if (!dossier) throw notFound('Dossier');
  return dossier;
}

function notInFuture(date: string | null, today: string, path: string, what: string): void {
  if (date !== null && date > today) {
    const message = `${what} ne peut être dans le futur.`;
    throw new AppError('BAD_INPUT', message, [{ path, message }]);
  }
}

function rowOf(d: DecisionRecord, appealDays: number): DecisionRow {
  const { dossierId: _dossierId, ...rest } = d;
  return { ...rest, appealUntil: d.notifiedOn !== null && ADVERSE_DECISION_KINDS.includes(d.kind) ? addDays(d.notifiedOn, appealDays) : null };
}

const NOTIFIED = 'Décision notifiée à l’opérateur';
const appealNote = (days: number) => `Recours possible devant le Conseil d’État dans les ${days} jours de la notification.`;

/** A decision may follow only a final opinion (its session closed) that is not an adjournment. */
const decidable = (o: OpinionStandingRecord) => o.sessionStatus === 'closed' && !(ADJOURNED_OUTCOMES as readonly string[]).includes(o.outcome);

export const decisionHandlers: DomainHandlers<BackendContext> = {
  'decisions.ofDossier': (ctx, input) => {
    const db = ctx.workspace.requireDb();
    const dossier = dossierOrFail(db, input.dossierId);
    requireVisible(db, 'dossier', dossier.id);
    const opinion = latestOpinionOf(db, dossier.id) ?? null;
    const standing = latestOpinionStandingOf(db, dossier.id);
    const status = ctx.workspace.status();
    const appealDays = ruleBookOf(ctx).appeal.days;
    return {
      dossier: { id: dossier.id, version: dossier.version, reference: dossier.reference, status: dossier.status as DossierStatus, operatorName: dossier.operatorName },
      opinion,
      decisions: listDossierDecisions(db, dossier.id).map((d) => rowOf(d, appealDays)),
      canRecord: status.state === 'ready' && status.profile === 'secretariat' && standing !== undefined && decidable(standing),
      today: ctx.today(),
    };
  },

  'decisions.record': (ctx, input) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    const today = ctx.today();
    const dossier = dossierOrFail(db, input.dossierId);
    const opinion = latestOpinionStandingOf(db, dossier.id);
    if (!opinion) {
      throw new AppError('BAD_INPUT', `Le dossier ${dossier.reference} n’a pas encore reçu l’avis de la commission : la décision ministérielle s’enregistre après l’avis.`);
    }
    if (opinion.sessionStatus !== 'closed') {
      throw new AppError('BAD_INPUT', `L’avis de la Commission n’est pas encore définitif : clôturez d’abord la séance n° ${opinion.sessionNumber}.`);
    }
    if (!decidable(opinion)) {
      throw new AppError('BAD_INPUT', 'Le dossier a été ajourné : aucune décision ne peut suivre un ajournement.');
    }
    if (input.decidedOn < opinion.givenOn) {
      const message = `La décision ne peut précéder l’avis de la commission (séance n° ${opinion.sessionNumber} du ${shownDate(opinion.givenOn)}).`;
      throw new AppError('BAD_INPUT', message, [{ path: 'decidedOn', message }]);
    }
    notInFuture(input.decidedOn, today, 'decidedOn', 'La date de la décision');
    notInFuture(input.notifiedOn, today, 'notifiedOn', 'La date de notification');
    if (dossier.version !== input.dossierVersion) throw conflict('Ce dossier');
    const write = {
      dossierId: dossier.id,
      kind: input.kind,
      term: input.term,
      decidedOn: input.decidedOn,
      notifiedOn: input.notifiedOn,
      reference: input.reference,
      note: input.note,
    };
    const appealDays = ruleBookOf(ctx).appeal.days;
    return writeTransaction(db, () => {
      const id = insertDecision(db, write);
      if (!setDossierDecided(db, dossier.id, input.dossierVersion, nowIso())) throw conflict('Ce dossier');
      insertDossierEvent(db, dossier.id, input.decidedOn, 'decision', `Décision ministérielle : ${DECISION_KIND_LABELS[input.kind]}`);
      if (input.notifiedOn !== null) {
        insertDossierEvent(db, dossier.id, input.notifiedOn, 'notification', NOTIFIED, ADVERSE_DECISION_KINDS.includes(input.kind) ? appealNote(appealDays) : '');
      }
      appendAudit(db, { actor, action: 'decision.create', entity: 'decision', entityId: id, changes: diffFields({}, write) });
      if (dossier.status !== 'decided') {
        appendAudit(db, { actor, action: 'dossier.status', entity: 'dossier', entityId: dossier.id, changes: { status: { from: dossier.status, to: 'decided' } } });
      }
      refreshOperatorCompliance(ctx, db, dossier.operatorId);
      return { id, version: 1, dossierVersion: input.dossierVersion + 1 };
    });
  },

  'decisions.update': (ctx, input) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    const before = getDecision(db, input.id);
    if (!before) throw notFound('Décision');
    if (input.notifiedOn !== null && input.notifiedOn < before.decidedOn) {
      const message = `La notification ne peut précéder la décision du ${shownDate(before.decidedOn)}.`;
      throw new AppError('BAD_INPUT', message, [{ path: 'notifiedOn', message }]);
    }
    notInFuture(input.notifiedOn, ctx.today(), 'notifiedOn', 'La date de notification');
    if (before.version !== input.version) throw conflict('Cette décision');
    const dossier = dossierOrFail(db, before.dossierId);
    const write = { notifiedOn: input.notifiedOn, reference: input.reference, note: input.note };
    const appealDays = ruleBookOf(ctx).appeal.days;
    return writeTransaction(db, () => {
      if (!updateDecision(db, before.id, input.version, write)) throw conflict('Cette décision');
      if (write.notifiedOn !== null && write.notifiedOn !== before.notifiedOn) {
        insertDossierEvent(db, dossier.id, write.notifiedOn, 'notification', NOTIFIED, ADVERSE_DECISION_KINDS.includes(before.kind) ? appealNote(appealDays) : '');
      }
      appendAudit(db, { actor, action: 'decision.update', entity: 'decision', entityId: before.id, changes: diffFields(before, write) });
      refreshOperatorCompliance(ctx, db, dossier.operatorId);
      return { id: before.id, version: input.version + 1 };
    });
  },
};
