/**
 * Meeting mode (mode séance), secretariat only for every write: attendance and quorum, opening the
 * session, recording an item's opinion and adjourning an item to the next planned session.
 *
 * An opinion is refused, with nothing written, when the session is closed (a correction is then a
 * reasoned amendment), not opened, without quorum, when an unfavourable or conditional opinion has
 * no motivation, a conditional one no conditions, when it is neither by consensus nor by a vote, or
 * when the votes exceed the voting members present who are not recused. Recording it again before
 * closing replaces it (audited with before and after). The dossier becomes `opinion_given`, or is
 * carried to the next planned session's agenda in its section and becomes `scheduled` there (as
 * agenda.add leaves it). Replacing an adjournment by an opinion takes the carried item off whichever
 * later open session holds it, refused once that item has its own opinion. No opinion is recorded
 * on a dossier already decided.
 */
import { appendAudit } from '../../db/audit';
import type { Db } from '../../db/open';
import {
  deleteAgendaItem,
  insertAgendaItem,
  itemConflicts,
  listAgendaItems,
  listRecusals,
  renumberAgenda,
  setDossierStatus,
  type AgendaItemRecord,
  type SessionRecord,
} from '../../db/queries/agenda';
import {
  bumpItemVersion,
  getItemOpinion,
  laterOpenItemOfDossier,
  listAttendance,
  listItemFacts,
  listSessionOpinions,
  membersInOffice,
  nextPlannedSession,
  replaceRecusals,
  setSessionInProgress,
  upsertAttendance,
  writeOpinion,
  type AttendeeRecord,
  type OpinionRecord,
} from '../../db/queries/meeting';
import {
  ADJOURNED_OUTCOMES,
  AGENDA_SECTION_LABELS,
  type MeetingGetOutput,
  type MeetingItem,
  type Quorum,
  type RecordedOpinion,
  type RecusedMember,
  type Votes,
} from '../../shared/contract';
import {
  OUTCOMES_REQUIRING_MOTIVATION,
  type DossierKind,
  type DossierStatus,
  type MemberRole,
  type OpinionOutcome,
  type Scheme,
  type SessionStatus,
} from '../../shared/domain';
import { refreshOperatorCompliance } from '../compliance';
import type { BackendContext } from '../context';
import { AppError } from '../errors';
import type { DomainHandlers } from '../rpc/registry';
import { conflictReason, itemOrFail, sessionOrFail } from './agenda';
import { conflict, requireSecretariat, writeTransaction } from './entry';

const nowIso = () => new Date().toISOString();
const isAdjourned = (outcome: string) => (ADJOURNED_OUTCOMES as readonly string[]).includes(outcome);

/** The French wording of a closed session's refusal. */
export const CLOSED_SESSION_MESSAGE = 'La séance est clôturée : une correction se fait par une rectification motivée.';
/** Recorded as the reason of a recusal decided at the meeting. */
const MEETING_RECUSAL = 'Récusé en séance';

// French: 0 and 1 take the singular.
const plural = (n: number, one: string, many: string) => `${n} ${n <= 1 ? one : many}`;

/** A majority of the voting members in office present. */
export function quorumOf(attendance: readonly AttendeeRecord[]): Quorum {
  const voting = attendance.filter((a) => a.voting);
  const votingPresent = voting.filter((a) => a.status === 'present').length;
  const majority = Math.floor(voting.length / 2) + 1;
  const reached = voting.length > 0 && votingPresent >= majority;
  return {
    votingInOffice: voting.length,
    votingPresent,
    majority,
    reached,
    text: `${reached ? 'Quorum atteint' : 'Quorum non atteint'} : ${plural(votingPresent, 'membre votant présent', 'membres votants présents')} sur ${voting.length} (majorité : ${majority})`,
  };
}

/** Refuses a write on a closed or cancelled session. */
function requireOpen(session: SessionRecord): void {
  if (session.status === 'closed') throw new AppError('BAD_INPUT', CLOSED_SESSION_MESSAGE);
  if (session.status === 'cancelled') throw new AppError('BAD_INPUT', `La séance n° ${session.number} a été annulée : elle ne peut être tenue.`);
}

function toRecorded(o: OpinionRecord): RecordedOpinion {
  return {
    id: o.id,
    outcome: o.outcome as OpinionOutcome,
    conditions: o.conditions,
    motivation: o.motivation,
    consensus: o.consensus,
    votes: o.votesFor === null || o.votesAgainst === null || o.votesAbstain === null ? null : { for: o.votesFor, against: o.votesAgainst, abstain: o.votesAbstain },
    givenOn: o.givenOn,
  };
}

/** The recused members of each item of the session: declared conflicts, then recorded recusals. */
function recusedByItem(db: Db, sessionId: number): Map<number, RecusedMember[]> {
  const byItem = new Map<number, RecusedMember[]>();
  for (const r of listRecusals(db, sessionId)) {
    const list = byItem.get(r.itemId) ?? [];
    list.push({ memberId: r.memberId, name: r.name, source: r.source, reason: r.source === 'conflict' ? conflictReason(r.detail) : r.detail });
    byItem.set(r.itemId, list);
  }
  return byItem;
}

function readMeeting(db: Db, sessionId: number): MeetingGetOutput {
  const session = sessionOrFail(db, sessionId);
  const attendance = listAttendance(db, sessionId, session.heldOn);
  const facts = listItemFacts(db, sessionId);
  const opinions = listSessionOpinions(db, sessionId);
  const recused = recusedByItem(db, sessionId);
  const items: MeetingItem[] = listAgendaItems(db, sessionId).map((item) => {
    const f = facts.get(item.id);
    const opinion = opinions.get(item.id);
    return {
      id: item.id,
      version: item.version,
      section: item.section,
      sectionLabel: AGENDA_SECTION_LABELS[item.section],
      position: item.position,
      dossier: {
        id: item.dossierId,
        reference: item.reference,
        operatorId: item.operatorId,
        operatorName: item.operatorName,
        commune: f?.commune ?? '',
        scheme: item.scheme as Scheme,
        kind: item.kind as DossierKind,
        subject: item.subject,
        status: item.status as DossierStatus,
        receivedOn: f?.receivedOn ?? session.heldOn,
        opinionDueOn: f?.opinionDueOn ?? null,
      },
      rapporteur: item.rapporteurName,
      hearingAt: item.hearingAt,
      compliance: item.compliance,
      proposal: { outcome: item.proposalOutcome as OpinionOutcome | null, text: item.proposalText ?? '' },
      recused: recused.get(item.id) ?? [],
      opinion: opinion ? toRecorded(opinion) : null,
    };
  });
  const next = nextPlannedSession(db, session.heldOn);
  return {
    session: {
      id: session.id,
      version: session.version,
      number: session.number,
      heldOn: session.heldOn,
      startsAt: session.startsAt,
      place: session.place,
      status: session.status as SessionStatus,
    },
    attendance: attendance.map((a) => ({ ...a, role: a.role as MemberRole })),
    quorum: quorumOf(attendance),
    items,
    nextSession: next ?? null,
  };
}

interface OpinionInput {
  itemId: number;
  version: number;
  outcome: OpinionOutcome;
  conditions: string;
  motivation: string;
  consensus: boolean;
  votes: Votes | null;
  recusedMemberIds: number[];
}

const OUTCOME_NAMES: Record<OpinionOutcome, string> = {
  favourable: 'favorable',
  favourable_conditions: 'favorable sous conditions',
  unfavourable: 'défavorable',
  adjourned_information: 'd’ajournement (complément d’information)',
  adjourned_hearing: 'd’ajournement (audition)',
  noted: 'de prise d’acte',
};

/** Checks what the opinion says by itself; throws the first refusal with the field it concerns. */
function checkOpinionText(input: OpinionInput): void {
  if (input.outcome === 'favourable_conditions' && input.conditions.trim() === '') {
    throw new AppError('BAD_INPUT', 'Un avis favorable sous conditions doit énoncer ses conditions.', [{ path: 'conditions', message: 'Énoncez les conditions de l’avis.' }]);
  }
  if (OUTCOMES_REQUIRING_MOTIVATION.includes(input.outcome) && input.motivation.trim() === '') {
    throw new AppError('BAD_INPUT', `Un avis ${OUTCOME_NAMES[input.outcome]} doit être motivé : rédigez la motivation avant de l’enregistrer.`, [
      { path: 'motivation', message: 'La motivation est obligatoire pour cet avis.' },
    ]);
  }
  const total = input.votes ? input.votes.for + input.votes.against + input.votes.abstain : 0;
  if (input.consensus && input.votes !== null) {
    throw new AppError('BAD_INPUT', 'Un avis est rendu soit par consensus, soit par un vote : pas les deux.', [{ path: 'votes', message: 'Choisissez le consensus ou le vote.' }]);
  }
  if (!input.consensus && total === 0) {
    throw new AppError('BAD_INPUT', 'Indiquez si l’avis est rendu par consensus, ou donnez les voix pour, contre et abstentions.', [
      { path: 'votes', message: 'Consensus ou nombre de voix requis.' },
    ]);
  }
}

/** The members recused on an item: its declared conflicts (always) and those the meeting names. */
function recusalsFor(db: Db, session: SessionRecord, item: AgendaItemRecord, requested: readonly number[]): { memberId: number; reason: string }[] {
  const conflicts = itemConflicts(db, item.id);
  const ids = [...new Set(requested)];
  const inOffice = membersInOffice(db, ids, session.heldOn);
  const unknown = ids.filter((id) => !inOffice.has(id));
  if (unknown.length > 0) {
    throw new AppError('BAD_INPUT', 'Seul un membre en fonction à la date de la séance peut être récusé sur un point.', [
      { path: 'recusedMemberIds', message: 'Membre inconnu ou hors mandat.' },
    ]);
  }
  const out = new Map<number, string>();
  for (const c of conflicts) out.set(c.memberId, `Conflit d’intérêts déclaré (${conflictReason(c.kind)})`);
  for (const id of ids) if (!out.has(id)) out.set(id, MEETING_RECUSAL);
  return [...out.entries()].map(([memberId, reason]) => ({ memberId, reason }));
}

/** Refuses votes that exceed the voting members present who are not recused. */
function checkVotes(votes: Votes | null, attendance: readonly AttendeeRecord[], recusedIds: ReadonlySet<number>): void {
  if (votes === null) return;
  const total = votes.for + votes.against + votes.abstain;
  const present = attendance.filter((a) => a.voting && a.status === 'present');
  const recusedPresent = present.filter((a) => recusedIds.has(a.memberId)).length;
  const eligible = present.length - recusedPresent;
  if (total <= eligible) return;
  const message =
    total <= present.length
      ? `Un membre récusé ne vote pas : ${plural(total, 'voix comptée', 'voix comptées')}, mais seulement ${plural(eligible, 'membre votant présent peut', 'membres votants présents peuvent')} voter sur ce point (${present.length} présents, ${plural(recusedPresent, 'récusé', 'récusés')}).`
      : `Les voix (${total}) dépassent les membres votants présents (${present.length}${recusedPresent > 0 ? `, dont ${plural(recusedPresent, 'récusé', 'récusés')}` : ''}) : au plus ${eligible} sur ce point.`;
  throw new AppError('BAD_INPUT', message, [{ path: 'votes', message: `Au plus ${eligible} voix sur ce point.` }]);
}

/** Records (or replaces) an item's opinion, carrying an adjourned dossier to the next planned session. */
function record(ctx: BackendContext, input: OpinionInput, action: 'meeting.recordOpinion' | 'meeting.adjourn') {
  const db = requireSecretariat(ctx);
  const actor = ctx.workspace.actor();
  return writeTransaction(db, () => {
    const item = itemOrFail(db, input.itemId);
    const session = sessionOrFail(db, item.sessionId);
    requireOpen(session);
    if (session.status !== 'in_progress') {
      throw new AppError('BAD_INPUT', `La séance n° ${session.number} n’est pas ouverte : ouvrez-la (« Ouvrir la séance ») avant d’enregistrer un avis.`);
    }
    if (item.status === 'decided') {
      throw new AppError('BAD_INPUT', `Le dossier ${item.reference} a déjà fait l’objet d’une décision ministérielle : aucun avis ne peut plus y être enregistré.`);
    }
    checkOpinionText(input);
    const adjourned = isAdjourned(input.outcome);
    const attendance = listAttendance(db, session.id, session.heldOn);
    const quorum = quorumOf(attendance);
    if (!adjourned && !quorum.reached) {
      throw new AppError('BAD_INPUT', `${quorum.text}. Aucun avis ne peut être rendu : complétez les présences (« Présences »).`);
    }
    const recusals = recusalsFor(db, session, item, input.recusedMemberIds);
    checkVotes(input.votes, attendance, new Set(recusals.map((r) => r.memberId)));
    const next = nextPlannedSession(db, session.heldOn);
    if (adjourned && !next) {
      throw new AppError(
        'BAD_INPUT',
        `Aucune séance planifiée après le ${session.heldOn.split('-').reverse().join('/')} : planifiez la prochaine séance dans l’écran « Séances » (ou rouvrez l’ordre du jour de la suivante s’il est figé), puis ajournez ce point.`,
      );
    }
    const before = getItemOpinion(db, item.id);
    // Where an earlier adjournment carried the dossier: any later session still open, not only the next planned one.
    const later = laterOpenItemOfDossier(db, item.dossierId, session.heldOn);
    const uncarry = !adjourned && before !== undefined && isAdjourned(before.outcome) && later !== undefined;
    if (uncarry && later.hasOpinion === 1) {
      throw new AppError(
        'BAD_INPUT',
        `Le dossier ${item.reference} a déjà reçu un avis à la séance n° ${later.sessionNumber}, où son ajournement l’a reporté : l’ajournement ne peut plus être remplacé par un avis.`,
      );
    }
    if (!bumpItemVersion(db, item.id, input.version)) throw conflict('Ce point de l’ordre du jour');

    const beforeRecusals = recusedByItem(db, session.id).get(item.id)?.map((r) => r.memberId) ?? [];
    const write = {
      itemId: item.id,
      dossierId: item.dossierId,
      outcome: input.outcome,
      conditions: input.conditions.trim(),
      motivation: input.motivation.trim(),
      consensus: input.consensus,
      votesFor: input.votes?.for ?? null,
      votesAgainst: input.votes?.against ?? null,
      votesAbstain: input.votes?.abstain ?? null,
      givenOn: session.heldOn,
    };
    const opinionId = writeOpinion(db, write);
    replaceRecusals(db, item.id, recusals);
    const at = nowIso();

    const carried: Record<string, unknown> = {};
    if (adjourned && next && later === undefined) {
      carried.carriedTo = { sessionId: next.id, agendaItemId: insertAgendaItem(db, next.id, item.dossierId, item.section), section: item.section };
      renumberAgenda(db, next.id);
    }
    // Carried to a later agenda, the dossier is scheduled there, as agenda.add leaves it.
    const status: DossierStatus = !adjourned ? 'opinion_given' : next || later ? 'scheduled' : 'adjourned';
    if (uncarry) {
      if (!deleteAgendaItem(db, later.id, later.version)) throw conflict('Le point reporté à la séance suivante');
      carried.uncarriedFrom = { sessionId: later.sessionId, agendaItemId: later.id };
      renumberAgenda(db, later.sessionId);
    }
    setDossierStatus(db, item.dossierId, status, at);
    const { itemId: _itemId, dossierId: _dossierId, ...after } = write;
    appendAudit(db, {
      actor,
      action,
      entity: 'dossier',
      entityId: item.dossierId,
      changes: {
        agendaItemId: item.id,
        sessionId: session.id,
        opinion: { from: before ? { ...toRecorded(before), id: undefined } : null, to: after },
        recused: { from: beforeRecusals, to: recusals.map((r) => r.memberId) },
        status: { from: item.status, to: status },
        ...carried,
      },
      at,
    });
    refreshOperatorCompliance(ctx, db, item.operatorId);
    return { opinionId, version: input.version + 1, replaced: before !== undefined, next };
  });
}

export const meetingHandlers: DomainHandlers<BackendContext> = {
  'meeting.get': (ctx, { sessionId }) => {
    const db = requireSecretariat(ctx);
    return readMeeting(db, sessionId);
  },

  'meeting.setAttendance': (ctx, { sessionId, memberId, status }) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    return writeTransaction(db, () => {
      const session = sessionOrFail(db, sessionId);
      requireOpen(session);
      if (!membersInOffice(db, [memberId], session.heldOn).has(memberId)) {
        throw new AppError('BAD_INPUT', 'Ce membre n’est pas en fonction à la date de la séance : sa présence ne peut être notée.');
      }
      const before = upsertAttendance(db, sessionId, memberId, status);
      if (before !== status) {
        appendAudit(db, { actor, action: 'meeting.setAttendance', entity: 'session', entityId: sessionId, changes: { memberId, status: { from: before, to: status } } });
      }
      return { quorum: quorumOf(listAttendance(db, sessionId, session.heldOn)) };
    });
  },

  'meeting.start': (ctx, { sessionId, version }) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    return writeTransaction(db, () => {
      const session = sessionOrFail(db, sessionId);
      requireOpen(session);
      if (session.status === 'in_progress') throw new AppError('BAD_INPUT', `La séance n° ${session.number} est déjà ouverte.`);
      if (!setSessionInProgress(db, sessionId, version)) throw conflict('Cette séance');
      appendAudit(db, { actor, action: 'meeting.start', entity: 'session', entityId: sessionId, changes: { status: { from: session.status, to: 'in_progress' } } });
      return { version: version + 1 };
    });
  },

  'meeting.recordOpinion': (ctx, input) => {
    const { opinionId, version, replaced } = record(ctx, input, 'meeting.recordOpinion');
    return { opinionId, version, replaced };
  },

  'meeting.adjourn': (ctx, { itemId, version, outcome, reason, recusedMemberIds }) => {
    if (reason.trim() === '') {
      throw new AppError('BAD_INPUT', 'Indiquez pourquoi le point est ajourné (le complément attendu ou l’audition prévue).', [{ path: 'reason', message: 'Le motif de l’ajournement est obligatoire.' }]);
    }
    const done = record(ctx, { itemId, version, outcome, conditions: '', motivation: reason, consensus: true, votes: null, recusedMemberIds }, 'meeting.adjourn');
    if (!done.next) throw new Error('adjourned without a next session');
    return { opinionId: done.opinionId, version: done.version, nextSession: done.next };
  },
};
