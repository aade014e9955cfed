/**
 * Closing a session (issue 5): the session's items with their opinions and amendments (read by
 * every workspace, conflicted items stripped of content for the member concerned); closing it
 * (secretariat only), refused while an item has neither an opinion nor an explicit adjournment,
 * which locks its opinions (the database refuses changing them from then on, migration 6); and
 * the amendment of a locked opinion, kept beside the original with its reason and date.
 *
 * Every write is one transaction with its audit entry; dossiers whose status or opinion changes
 * get their stored compliance recomputed in the same transaction.
 */
import { appendAudit } from '../../db/audit';
import type { Db } from '../../db/open';
import { memberConflicts, listRecusals } from '../../db/queries/agenda';
import {
  adjournDossier,
  closeSession,
  getClosingSession,
  getOpinionWithSession,
  insertAmendment,
  listClosingItems,
  listSessionAmendments,
  type ClosingItemRecord,
  type ClosingSessionRecord,
} from '../../db/queries/closing';
import { CONFLICT_KIND_REASONS, type ClosingAmendment, type ClosingItem, type ConflictKind } from '../../shared/contract';
import { shownDate } from '../../shared/sessionPlan';
import { refreshOperatorCompliance } from '../compliance';
import type { BackendContext } from '../context';
import { AppError, notFound } from '../errors';
import type { DomainHandlers } from '../rpc/registry';
import { workspaceMemberId } from '../visibility';
import { conflict, requireSecretariat, writeTransaction } from './entry';

const nowIso = () => new Date().toISOString();

function sessionOrFail(db: Db, id: number): ClosingSessionRecord {
  const session = getClosingSession(db, id);
  if (!session) throw notFound('Séance');
  return session;
}

/** « n° 4, n° 7 » */
const numbers = (items: { number: number }[]) => items.map((i) => `n° ${i.number}`).join(', ');

/**
 * An item without opinion counts as adjourned only when it is carried to a later session, or when
 * its session is closed (closing refuses an item left without opinion unless it is adjourned
 * explicitly). The dossier's status says nothing about this item: an item carried *into* this
 * session has a dossier once adjourned elsewhere.
 */
function visibleItem(row: ClosingItemRecord, sessionClosed: boolean, recused: string[], amendments: ClosingAmendment[]): ClosingItem {
  return {
    hidden: false,
    id: row.itemId,
    number: row.number,
    section: row.section,
    dossierId: row.dossierId,
    reference: row.reference,
    operatorName: row.operatorName,
    subject: row.subject,
    opinion:
      row.opinionId === null || row.outcome === null || row.givenOn === null
        ? null
        : {
            id: row.opinionId,
            outcome: row.outcome,
            conditions: row.conditions ?? '',
            motivation: row.motivation ?? '',
            consensus: row.consensus === 1,
            votesFor: row.votesFor,
            votesAgainst: row.votesAgainst,
            votesAbstain: row.votesAbstain,
            givenOn: row.givenOn,
          },
    adjourned: row.opinionId === null && (row.carried === 1 || sessionClosed),
    recused,
    amendments,
  };
}

export const closingHandlers: DomainHandlers<BackendContext> = {
  'closing.opinions': (ctx, input) => {
    const db = ctx.workspace.requireDb();
    const session = sessionOrFail(db, input.sessionId);
    const me = workspaceMemberId(db);
    const myConflicts = me === null ? new Map<number, string>() : memberConflicts(db, me);
    const recused = new Map<number, string[]>();
    for (const r of listRecusals(db, session.id)) recused.set(r.itemId, [...(recused.get(r.itemId) ?? []), r.name]);
    const amendments = new Map<number, ClosingAmendment[]>();
    for (const a of listSessionAmendments(db, session.id)) {
      const { opinionId, ...amendment } = a;
      amendments.set(opinionId, [...(amendments.get(opinionId) ?? []), amendment]);
    }
    const status = ctx.workspace.status();
    return {
      session: { id: session.id, version: session.version, number: session.number, heldOn: session.heldOn, status: session.status, closedAt: session.closedAt },
      items: listClosingItems(db, session.id).map((row): ClosingItem => {
        const kind = myConflicts.get(row.operatorId);
        if (kind !== undefined) {
          const why = CONFLICT_KIND_REASONS[kind as ConflictKind] ?? kind;
          return { hidden: true, number: row.number, section: row.section, reason: `Conflit d’intérêts déclaré (${why}) : ce point ne vous est pas communiqué.` };
        }
        return visibleItem(row, session.status === 'closed', recused.get(row.itemId) ?? [], row.opinionId === null ? [] : (amendments.get(row.opinionId) ?? []));
      }),
      canEdit: status.state === 'ready' && status.profile === 'secretariat',
    };
  },

  'closing.close': (ctx, input) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    const session = sessionOrFail(db, input.sessionId);
    const name = `La séance n° ${session.number}`;
    if (session.status === 'closed') throw new AppError('BAD_INPUT', `${name} est déjà clôturée.`);
    if (session.status === 'cancelled') throw new AppError('BAD_INPUT', `${name} est annulée : elle ne peut pas être clôturée.`);
    const items = listClosingItems(db, session.id);
    const withOpinion = items.filter((i) => i.opinionId !== null);
    if (session.status === 'planned' || (session.status === 'agenda_frozen' && withOpinion.length === 0)) {
      throw new AppError('BAD_INPUT', `${name} ne s’est pas encore tenue : aucun avis n’y a été rendu, elle ne peut pas être clôturée.`);
    }
    const asked = new Set(input.adjournItemIds);
    const unknown = [...asked].filter((id) => !items.some((i) => i.itemId === id && i.opinionId === null));
    if (unknown.length > 0) {
      throw new AppError('BAD_INPUT', 'Seul un point de cette séance resté sans avis peut être ajourné à la clôture.', [{ path: 'adjournItemIds', message: 'Point inconnu ou déjà doté d’un avis.' }]);
    }
    const pending = items.filter((i) => i.opinionId === null && i.carried === 0 && !asked.has(i.itemId));
    if (pending.length > 0) {
      const count = pending.length === 1 ? '1 point sans avis' : `${pending.length} points sans avis`;
      throw new AppError(
        'BAD_INPUT',
        `${name} ne peut pas être clôturée : ${count} : ${numbers(pending)}. Enregistrez leur avis ou ajournez-les explicitement.`,
        [{ path: 'adjournItemIds', message: `${count} : ${numbers(pending)}` }],
      );
    }
    if (session.version !== input.version) throw conflict('Cette séance');
    const closedAt = nowIso();
    const adjourned = items.filter((i) => asked.has(i.itemId));
    return writeTransaction(db, () => {
      if (!closeSession(db, session.id, input.version, closedAt)) throw conflict('Cette séance');
      for (const item of adjourned) {
        adjournDossier(db, item.dossierId, closedAt);
        appendAudit(db, {
          actor,
          action: 'dossier.adjourn',
          entity: 'dossier',
          entityId: item.dossierId,
          changes: { status: { from: item.dossierStatus, to: 'adjourned' }, session: { from: null, to: session.number } },
        });
      }
      appendAudit(db, {
        actor,
        action: 'session.close',
        entity: 'session',
        entityId: session.id,
        changes: { status: { from: session.status, to: 'closed' }, closedAt: { from: null, to: closedAt }, opinionsLocked: { from: null, to: withOpinion.length } },
      });
      for (const operatorId of new Set([...withOpinion, ...adjourned].map((i) => i.operatorId))) refreshOperatorCompliance(ctx, db, operatorId);
      return { id: session.id, version: input.version + 1, closedAt, adjourned: adjourned.length };
    });
  },

  'closing.amend': (ctx, input) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    const opinion = getOpinionWithSession(db, input.opinionId);
    if (!opinion) throw notFound('Avis');
    if (opinion.sessionStatus !== 'closed') {
      throw new AppError('BAD_INPUT', 'La séance n’est pas clôturée : modifiez l’avis directement.');
    }
    const amendedOn = input.amendedOn ?? ctx.today();
    if (amendedOn < opinion.sessionHeldOn) {
      const message = `Une rectification ne peut précéder la séance du ${shownDate(opinion.sessionHeldOn)}.`;
      throw new AppError('BAD_INPUT', message, [{ path: 'amendedOn', message }]);
    }
    if (amendedOn > ctx.today()) {
      const message = 'Une rectification ne peut être datée dans le futur.';
      throw new AppError('BAD_INPUT', message, [{ path: 'amendedOn', message }]);
    }
    const write = { opinionId: opinion.id, amendedOn, reason: input.reason, outcome: input.outcome, conditions: input.conditions, motivation: input.motivation };
    return writeTransaction(db, () => {
      const id = insertAmendment(db, write);
      appendAudit(db, {
        actor,
        action: 'opinion.amend',
        entity: 'opinion',
        entityId: opinion.id,
        changes: {
          amendment: { from: null, to: id },
          reason: { from: null, to: input.reason },
          amendedOn: { from: null, to: amendedOn },
          outcome: { from: opinion.outcome, to: input.outcome },
          ...(opinion.conditions !== input.conditions ? { conditions: { from: opinion.conditions, to: input.conditions } } : {}),
          ...(opinion.motivation !== input.motivation ? { motivation: { from: opinion.motivation, to: input.motivation } } : {}),
        },
      });
      refreshOperatorCompliance(ctx, db, opinion.operatorId);
      return { id, opinionId: opinion.id, amendedOn };
    });
  },
};
