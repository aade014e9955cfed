/**
 * A member's preparation of a session: reading it (the items the member may see, with their
 * status and draft position, the hidden ones only numbered, and the progress) and changing it
 * (status, draft position, « lu » when the dossier is opened).
 *
 * Only the workspace's member prepares: the secretariat may read the view (every item unread,
 * nothing to change) but any change is refused. An item about an operator with which the member
 * declared a conflict of interest is never returned nor writable (`backend/visibility.ts` rule).
 *
 * No audit entry: a preparation is the member's private working state, not a record of the
 * commission; it changes at every dossier opened and is never communicated, and its row carries
 * its own `updated_at`. The audit log keeps what the commission decides and who changed it.
 */
import type { Db } from '../../db/open';
import { getAgendaItem, listAgendaItems, memberConflicts, type AgendaItemRecord } from '../../db/queries/agenda';
import { getPreparation, listPreparations, savePreparation, type PreparationRecord } from '../../db/queries/preparation';
import type { PreparationGetOutput, PreparedItem } from '../../shared/contract';
import type { DossierKind, OpinionOutcome, Scheme, SessionStatus } from '../../shared/domain';
import type { BackendContext } from '../context';
import { AppError, notFound } from '../errors';
import type { DomainHandlers } from '../rpc/registry';
import { workspaceMemberId } from '../visibility';
import { hiddenItem, sessionOrFail } from './agenda';
import { writeTransaction } from './entry';

export const PREPARATION_MEMBER_ONLY =
  'La préparation d’une séance appartient à un membre : cet espace de travail est celui du secrétariat, elle ne peut pas y être modifiée.';
export const PREPARATION_HIDDEN =
  'Ce point ne vous est pas communiqué : vous avez déclaré un conflit d’intérêts avec l’opérateur concerné. Il n’a pas à être préparé.';

/** Sessions whose preparation can still change. */
const OPEN_STATUSES: readonly string[] = ['planned', 'agenda_frozen', 'in_progress'];


function preparedItem(item: AgendaItemRecord, prep: PreparationRecord | undefined): PreparedItem {
  return {
    hidden: false,
    itemId: item.id,
    section: item.section,
    position: item.position,
    dossier: {
      id: item.dossierId,
      reference: item.reference,
      operatorName: item.operatorName,
      scheme: item.scheme as Scheme,
      kind: item.kind as DossierKind,
      subject: item.subject,
    },
    proposal: { outcome: item.proposalOutcome as OpinionOutcome | null, text: item.proposalText ?? '' },
    compliance: item.compliance,
    preparation: { status: prep?.status ?? 'unread', draftOutcome: prep?.draftOutcome ?? null, updatedAt: prep?.updatedAt ?? null },
  };
}

function readPreparation(db: Db, sessionId: number): PreparationGetOutput {
  const session = sessionOrFail(db, sessionId);
  const me = workspaceMemberId(db);
  const conflicts = me === null ? new Map<number, string>() : memberConflicts(db, me);
  const preps = me === null ? new Map<number, PreparationRecord>() : listPreparations(db, me, sessionId);
  const items = listAgendaItems(db, sessionId).map((item) => {
    const kind = conflicts.get(item.operatorId);
    return kind !== undefined ? hiddenItem(item, kind) : preparedItem(item, preps.get(item.id));
  });
  const visible = items.filter((i): i is PreparedItem => !i.hidden);
  return {
    session: {
      id: session.id,
      version: session.version,
      number: session.number,
      heldOn: session.heldOn,
      startsAt: session.startsAt,
      place: session.place,
      status: session.status as SessionStatus,
      agendaFrozenAt: session.agendaFrozenAt,
      frozen: session.status !== 'planned',
    },
    items,
    progress: {
      prepared: visible.filter((i) => i.preparation.status === 'prepared').length,
      read: visible.filter((i) => i.preparation.status === 'read').length,
      total: visible.length,
      hidden: items.length - visible.length,
    },
    memberId: me,
    editable: me !== null && OPEN_STATUSES.includes(session.status),
  };
}

/**
 * The checks every change makes, in this order: a member's workspace, an existing item, one the
 * member may see, on a session still open. Returns the member and the item.
 */
function writable(db: Db, itemId: number): { me: number; item: AgendaItemRecord } {
  const me = workspaceMemberId(db);
  if (me === null) throw new AppError('FORBIDDEN', PREPARATION_MEMBER_ONLY);
  const item = getAgendaItem(db, itemId);
  if (!item) throw notFound('Point de l’ordre du jour');
  if (memberConflicts(db, me).has(item.operatorId)) throw new AppError('HIDDEN', PREPARATION_HIDDEN);
  const session = sessionOrFail(db, item.sessionId);
  if (!OPEN_STATUSES.includes(session.status)) {
    const why = session.status === 'closed' ? 'est clôturée' : 'a été annulée';
    throw new AppError('BAD_INPUT', `La séance n° ${session.number} ${why} : sa préparation ne peut plus être modifiée.`);
  }
  return { me, item };
}

export const preparationHandlers: DomainHandlers<BackendContext> = {
  'preparation.get': (ctx, { sessionId }) => readPreparation(ctx.workspace.requireDb(), sessionId),

  'preparation.set': (ctx, { itemId, status, draftOutcome }) => {
    const db = ctx.workspace.requireDb();
    return writeTransaction(db, () => {
      const { me } = writable(db, itemId);
      const current = getPreparation(db, me, itemId);
      const write: PreparationRecord = {
        itemId,
        // Choosing a position on an unread item means it was read.
        status: status ?? (current && current.status !== 'unread' ? current.status : 'read'),
        draftOutcome: draftOutcome === undefined ? (current?.draftOutcome ?? null) : draftOutcome,
        updatedAt: new Date().toISOString(),
      };
      savePreparation(db, me, write);
      return write;
    });
  },

  'preparation.markRead': (ctx, { itemId }) => {
    const db = ctx.workspace.requireDb();
    return writeTransaction(db, () => {
      const { me } = writable(db, itemId);
      const current = getPreparation(db, me, itemId);
      if (current && current.status !== 'unread') return current;
      const write: PreparationRecord = { itemId, status: 'read', draftOutcome: current?.draftOutcome ?? null, updatedAt: new Date().toISOString() };
      savePreparation(db, me, write);
      return write;
    });
  },
};
