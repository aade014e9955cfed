/**
 * The agenda of a session: reading it (with, in a member's workspace, the items about an operator
 * with which that member declared a conflict of interest stripped of all content), and building
 * it (secretariat only): add ready dossiers, remove, move, edit rapporteur / hearing time /
 * proposal, freeze and unfreeze. Every write is one transaction with its audit entries; the
 * dossiers whose status changes get their stored compliance recomputed in the same transaction.
 */
import { appendAudit } from '../../db/audit';
import type { Db } from '../../db/open';
import {
  deleteAgendaItem,
  dossiersForAgenda,
  getAgendaItem,
  getSession,
  listAgendaItems,
  listCandidates,
  listRecusals,
  memberConflicts,
  memberName,
  placeAgendaItem,
  renumberAgenda,
  setDossierStatus,
  setSessionFrozen,
  updateAgendaItem,
  updateDossierProposal,
  votingMembersOn,
  writePositions,
  insertAgendaItem,
  type AgendaItemRecord,
  type SessionRecord,
} from '../../db/queries/agenda';
import { diffFields } from '../../db/queries/entry';
import {
  AGENDA_SECTION_LABELS,
  CONFLICT_KIND_REASONS,
  SECTION_OF_KIND,
  type AgendaGetOutput,
  type AgendaItem,
  type ConflictKind,
  type HiddenAgendaItem,
  type RecusedMember,
} from '../../shared/contract';
import { AGENDA_SECTIONS, type AgendaSection, type DossierKind, type DossierStatus, type OpinionOutcome, type Scheme, type SessionStatus } from '../../shared/domain';
import { refreshOperatorCompliance } from '../compliance';
import type { BackendContext } from '../context';
import { AppError, notFound } from '../errors';
import type { DomainHandlers } from '../rpc/registry';
import { conflict, requireSecretariat, writeTransaction } from './entry';
import { workspaceMemberId } from './notes';

const nowIso = () => new Date().toISOString();

export const conflictReason = (kind: string) => CONFLICT_KIND_REASONS[kind as ConflictKind] ?? kind;

export function sessionOrFail(db: Db, id: number): SessionRecord {
  const session = getSession(db, id);
  if (!session) throw notFound('Séance');
  return session;
}

/** Refuses any change to the agenda of a session that is no longer planned. */
function requireEditable(session: SessionRecord): void {
  if (session.status === 'planned') return;
  const why: Record<string, string> = {
    agenda_frozen: 'est figé',
    in_progress: 'est celui d’une séance en cours',
    closed: 'est celui d’une séance clôturée',
    cancelled: 'est celui d’une séance annulée',
  };
  throw new AppError(
    'BAD_INPUT',
    `L’ordre du jour de la séance n° ${session.number} ${why[session.status] ?? 'ne peut plus être modifié'} : il ne peut plus être modifié.${
      session.status === 'agenda_frozen' ? ' Rouvrez-le d’abord (« Rouvrir l’ordre du jour »).' : ''
    }`,
  );
}

export function itemOrFail(db: Db, id: number): AgendaItemRecord {
  const item = getAgendaItem(db, id);
  if (!item) throw notFound('Point de l’ordre du jour');
  return item;
}

function refreshOperators(ctx: BackendContext, db: Db, operatorIds: Iterable<number>): void {
  for (const operatorId of new Set(operatorIds)) refreshOperatorCompliance(ctx, db, operatorId);
}

/** An item on an operator the viewing member declared a conflict with: where it is, and why it is hidden. */
export function hiddenItem(item: AgendaItemRecord, kind: string): HiddenAgendaItem {
  return {
    hidden: true,
    section: item.section,
    position: item.position,
    reason: `Conflit d’intérêts déclaré (${conflictReason(kind)}) : ce point ne vous est pas communiqué.`,
  };
}

function visibleItem(item: AgendaItemRecord, recused: RecusedMember[]): AgendaItem {
  return {
    hidden: false,
    id: item.id,
    version: item.version,
    section: item.section,
    position: item.position,
    dossier: {
      id: item.dossierId,
      version: item.dossierVersion,
      reference: item.reference,
      operatorId: item.operatorId,
      operatorName: item.operatorName,
      scheme: item.scheme as Scheme,
      kind: item.kind as DossierKind,
      subject: item.subject,
      status: item.status as DossierStatus,
    },
    proposal: { outcome: item.proposalOutcome as OpinionOutcome | null, text: item.proposalText ?? '' },
    rapporteur: item.rapporteurId !== null && item.rapporteurName !== null ? { id: item.rapporteurId, name: item.rapporteurName } : null,
    hearingAt: item.hearingAt,
    compliance: item.compliance,
    recused,
  };
}

/** The agenda as this workspace may see it. */
function readAgenda(db: Db, sessionId: number): AgendaGetOutput {
  const session = sessionOrFail(db, sessionId);
  const me = workspaceMemberId(db);
  const myConflicts = me === null ? new Map<number, string>() : memberConflicts(db, me);
  const recusals = new Map<number, RecusedMember[]>();
  for (const r of listRecusals(db, sessionId)) {
    const list = recusals.get(r.itemId) ?? [];
    list.push({ memberId: r.memberId, name: r.name, source: r.source, reason: r.source === 'conflict' ? conflictReason(r.detail) : r.detail });
    recusals.set(r.itemId, list);
  }
  const bySection = new Map<AgendaSection, (AgendaItem | HiddenAgendaItem)[]>(AGENDA_SECTIONS.map((s) => [s, []]));
  for (const item of listAgendaItems(db, sessionId)) {
    const kind = myConflicts.get(item.operatorId);
    bySection.get(item.section)?.push(kind !== undefined ? hiddenItem(item, kind) : visibleItem(item, recusals.get(item.id) ?? []));
  }
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
    sections: AGENDA_SECTIONS.map((section) => ({ section, label: AGENDA_SECTION_LABELS[section], items: bySection.get(section) ?? [] })),
    members: votingMembersOn(db, session.heldOn),
    memberView: me !== null,
  };
}

export const agendaHandlers: DomainHandlers<BackendContext> = {
  'agenda.get': (ctx, { sessionId }) => readAgenda(ctx.workspace.requireDb(), sessionId),

  'agenda.candidates': (ctx, { sessionId, text }) => {
    const db = requireSecretariat(ctx);
    sessionOrFail(db, sessionId);
    return listCandidates(db, text ?? '').map((d) => ({
      ...d,
      scheme: d.scheme as Scheme,
      kind: d.kind as DossierKind,
      status: d.status as DossierStatus,
      section: SECTION_OF_KIND[d.kind as DossierKind],
    }));
  },

  'agenda.add': (ctx, { sessionId, dossierIds, section }) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    const ids = [...new Set(dossierIds)];
    return writeTransaction(db, () => {
      const session = sessionOrFail(db, sessionId);
      requireEditable(session);
      const dossiers = dossiersForAgenda(db, ids);
      if (dossiers.length !== ids.length) throw notFound('Dossier');
      for (const d of dossiers) {
        if (d.openSessionId === sessionId) {
          throw new AppError('BAD_INPUT', `Le dossier ${d.reference} figure déjà à l’ordre du jour de la séance n° ${session.number}.`);
        }
        if (d.openSessionId !== null) {
          throw new AppError('BAD_INPUT', `Le dossier ${d.reference} figure déjà à l’ordre du jour de la séance n° ${d.openSessionNumber ?? '?'}, qui n’a pas encore eu lieu.`);
        }
        if (d.status !== 'ready' && d.status !== 'adjourned') {
          throw new AppError('BAD_INPUT', `Le dossier ${d.reference} n’est pas prêt pour une séance : seuls les dossiers complets ou ajournés peuvent être inscrits.`);
        }
      }
      const at = nowIso();
      for (const d of dossiers) {
        const target = section ?? SECTION_OF_KIND[d.kind as DossierKind];
        const itemId = insertAgendaItem(db, sessionId, d.id, target);
        setDossierStatus(db, d.id, 'scheduled', at);
        appendAudit(db, {
          actor,
          action: 'agenda.add',
          entity: 'dossier',
          entityId: d.id,
          changes: { sessionId: { from: null, to: sessionId }, agendaItemId: itemId, section: { from: null, to: target }, status: { from: d.status, to: 'scheduled' } },
          at,
        });
      }
      renumberAgenda(db, sessionId);
      refreshOperators(
        ctx,
        db,
        dossiers.map((d) => d.operatorId),
      );
      return { added: dossiers.length };
    });
  },

  'agenda.remove': (ctx, { itemId, version }) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    return writeTransaction(db, () => {
      const item = itemOrFail(db, itemId);
      requireEditable(sessionOrFail(db, item.sessionId));
      if (!deleteAgendaItem(db, itemId, version)) throw conflict('Ce point de l’ordre du jour');
      const at = nowIso();
      if (item.status === 'scheduled') setDossierStatus(db, item.dossierId, 'ready', at);
      appendAudit(db, {
        actor,
        action: 'agenda.remove',
        entity: 'dossier',
        entityId: item.dossierId,
        changes: { sessionId: { from: item.sessionId, to: null }, agendaItemId: itemId, ...(item.status === 'scheduled' ? { status: { from: 'scheduled', to: 'ready' } } : {}) },
        at,
      });
      renumberAgenda(db, item.sessionId);
      refreshOperatorCompliance(ctx, db, item.operatorId);
      return { removed: itemId };
    });
  },

  'agenda.move': (ctx, { itemId, version, section, index }) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    return writeTransaction(db, () => {
      const item = itemOrFail(db, itemId);
      requireEditable(sessionOrFail(db, item.sessionId));
      if (!placeAgendaItem(db, itemId, version, section)) throw conflict('Ce point de l’ordre du jour');
      const others = listAgendaItems(db, item.sessionId).filter((i) => i.id !== itemId);
      const sectionRank = (s: AgendaSection) => AGENDA_SECTIONS.indexOf(s);
      const before = others.filter((i) => sectionRank(i.section) < sectionRank(section));
      const inSection = others.filter((i) => i.section === section);
      const after = others.filter((i) => sectionRank(i.section) > sectionRank(section));
      const at = Math.min(Math.max(index, 1), inSection.length + 1) - 1;
      const order = [...before, ...inSection.slice(0, at), { id: itemId }, ...inSection.slice(at), ...after].map((i) => i.id);
      writePositions(db, order);
      const position = order.indexOf(itemId) + 1;
      appendAudit(db, {
        actor,
        action: 'agenda.move',
        entity: 'dossier',
        entityId: item.dossierId,
        changes: { agendaItemId: itemId, ...diffFields({ section: item.section, position: item.position }, { section, position }) },
      });
      return { version: version + 1 };
    });
  },

  'agenda.update': (ctx, input) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    return writeTransaction(db, () => {
      const item = itemOrFail(db, input.itemId);
      const session = sessionOrFail(db, item.sessionId);
      requireEditable(session);
      if (input.rapporteurMemberId !== null) {
        const eligible = votingMembersOn(db, session.heldOn).some((m) => m.id === input.rapporteurMemberId);
        if (!eligible) {
          const name = memberName(db, input.rapporteurMemberId);
          if (name === undefined) throw notFound('Membre');
          throw new AppError('BAD_INPUT', `${name} ne peut être rapporteur : seul un membre effectif avec voix délibérative, en fonction à la date de la séance, peut l’être.`, [
            { path: 'rapporteurMemberId', message: 'Choisissez un membre effectif en fonction.' },
          ]);
        }
        if (memberConflicts(db, input.rapporteurMemberId).has(item.operatorId)) {
          throw new AppError('BAD_INPUT', `${memberName(db, input.rapporteurMemberId) ?? 'Ce membre'} a déclaré un conflit d’intérêts avec cet opérateur : il ne peut être rapporteur de ce point.`, [
            { path: 'rapporteurMemberId', message: 'Ce membre est récusé sur ce point.' },
          ]);
        }
      }
      const itemWrite = { rapporteurMemberId: input.rapporteurMemberId, hearingAt: input.hearingAt };
      if (!updateAgendaItem(db, item.id, input.version, itemWrite)) throw conflict('Ce point de l’ordre du jour');
      const proposalWrite = { proposalOutcome: input.proposalOutcome, proposalText: input.proposalText === '' ? null : input.proposalText };
      const proposalChanges = diffFields({ proposalOutcome: item.proposalOutcome, proposalText: item.proposalText }, proposalWrite);
      let dossierVersion = item.dossierVersion;
      if (input.dossierVersion !== item.dossierVersion) throw conflict('Ce dossier');
      const at = nowIso();
      if (Object.keys(proposalChanges).length > 0) {
        if (!updateDossierProposal(db, item.dossierId, input.dossierVersion, proposalWrite, at)) throw conflict('Ce dossier');
        dossierVersion += 1;
      }
      appendAudit(db, {
        actor,
        action: 'agenda.update',
        entity: 'dossier',
        entityId: item.dossierId,
        changes: {
          agendaItemId: item.id,
          ...diffFields({ rapporteurMemberId: item.rapporteurId, hearingAt: item.hearingAt }, itemWrite),
          ...proposalChanges,
        },
        at,
      });
      return { version: input.version + 1, dossierVersion };
    });
  },

  'agenda.freeze': (ctx, { sessionId, version }) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    return writeTransaction(db, () => {
      const session = sessionOrFail(db, sessionId);
      if (session.status !== 'planned') {
        throw new AppError('BAD_INPUT', `L’ordre du jour de la séance n° ${session.number} ne peut être figé : la séance n’est plus au stade de la préparation.`);
      }
      if (listAgendaItems(db, sessionId).length === 0) {
        throw new AppError('BAD_INPUT', `L’ordre du jour de la séance n° ${session.number} est vide : ajoutez des dossiers avant de le figer.`);
      }
      const at = nowIso();
      if (!setSessionFrozen(db, sessionId, version, true, at)) throw conflict('Cette séance');
      appendAudit(db, { actor, action: 'agenda.freeze', entity: 'session', entityId: sessionId, changes: { status: { from: 'planned', to: 'agenda_frozen' } }, at });
      return { version: version + 1 };
    });
  },

  'agenda.unfreeze': (ctx, { sessionId, version }) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    return writeTransaction(db, () => {
      const session = sessionOrFail(db, sessionId);
      if (session.status !== 'agenda_frozen') {
        throw new AppError('BAD_INPUT', `L’ordre du jour de la séance n° ${session.number} n’est pas figé : il n’y a rien à rouvrir.`);
      }
      if (!setSessionFrozen(db, sessionId, version, false, nowIso())) throw conflict('Cette séance');
      appendAudit(db, { actor, action: 'agenda.unfreeze', entity: 'session', entityId: sessionId, changes: { status: { from: 'agenda_frozen', to: 'planned' } } });
      return { version: version + 1 };
    });
  },
};
