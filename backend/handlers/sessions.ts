/**
 * The session calendar (issue 5): the list of sessions, and the secretariat's planning — a preview
 * of a year of biweekly dates that writes nothing, the confirmation of a chosen subset, moving and
 * cancelling a session. Every write is refused in a member's workspace (FORBIDDEN), re-checks the
 * calendar (no school holiday, no public holiday, one session a day), runs in one transaction with
 * its audit entry, and is refused (CONFLICT) when based on a stale version.
 *
 * The school holidays come from `resources/calendar/fwb-school-holidays.json` (published periods
 * with their source), and from the rules for the school years it does not cover.
 */
import { appendAudit } from '../../db/audit';
import type { Db } from '../../db/open';
import { setDossierStatus } from '../../db/queries/agenda';
import { diffFields } from '../../db/queries/entry';
import {
  activeSessionOn,
  cancelSession,
  getSession,
  highestSessionNumber,
  insertPlannedSession,
  listPastSessions,
  listSessionsBetween,
  listUpcomingSessions,
  moveSession,
  releaseAgenda,
  type SessionRecord,
} from '../../db/queries/sessions';
import { addDays, schoolHolidaysBetween, type SchoolHolidayPeriod } from '../../shared/calendar';
import { blockedDayMessage, blockReasonFr, computedCalendarNote, explainBiweeklyPlan, schoolYearOrigins, shownDate } from '../../shared/sessionPlan';
import { refreshOperatorCompliance } from '../compliance';
import type { BackendContext } from '../context';
import { AppError, notFound } from '../errors';
import type { DomainHandlers } from '../rpc/registry';
import { defaultSchoolCalendar } from '../schoolCalendar';
import { conflict, requireSecretariat, writeTransaction } from './entry';


/** The school holiday periods around [from, to]: the shipped calendar first, the rules elsewhere. */
export function holidayPeriods(from: string, to: string): SchoolHolidayPeriod[] {
  return schoolHolidaysBetween(addDays(from, -7), addDays(to, 7), defaultSchoolCalendar());
}

function sessionOrFail(db: Db, id: number): SessionRecord {
  const session = getSession(db, id);
  if (!session) throw notFound('Séance');
  return session;
}

/** A day a session may be held on, or a French BAD_INPUT / CONFLICT naming why not. */
function checkSessionDay(db: Db, date: string, today: string, exceptId = 0, path = 'heldOn'): void {
  if (date < today) {
    throw new AppError('BAD_INPUT', `Le ${shownDate(date)} est passé : une séance se planifie à partir d’aujourd’hui.`, [
      { path, message: 'Choisissez une date à venir.' },
    ]);
  }
  const blocked = blockedDayMessage(date, holidayPeriods(date, date));
  if (blocked) throw new AppError('BAD_INPUT', blocked, [{ path, message: blocked }]);
  const other = activeSessionOn(db, date, exceptId);
  if (other) {
    const message = `Une séance a déjà lieu le ${shownDate(date)} (séance n° ${other.number}) : une seule séance par jour.`;
    throw new AppError('CONFLICT', message, [{ path, message }]);
  }
}

export const sessionHandlers: DomainHandlers<BackendContext> = {
  'sessions.list': (ctx) => {
    const db = ctx.workspace.requireDb();
    const today = ctx.today();
    const status = ctx.workspace.status();
    return {
      today,
      upcoming: listUpcomingSessions(db, today),
      past: listPastSessions(db, today),
      canEdit: status.state === 'ready' && status.profile === 'secretariat',
    };
  },

  'sessions.plan': (ctx, input) => {
    const db = requireSecretariat(ctx);
    const today = ctx.today();
    const periods = holidayPeriods(input.from, input.to);
    const { dates, skipped } = explainBiweeklyPlan({ from: input.from, until: input.to, weekday: input.weekday, periods });
    const inPeriod = listSessionsBetween(db, input.from, input.to);
    const activeByDay = new Map(inPeriod.filter((s) => s.status !== 'cancelled').map((s) => [s.heldOn, s]));
    const proposedDays = new Set(dates);
    const schoolYears = schoolYearOrigins(input.from, input.to, periods);
    return {
      proposed: dates.map((date) => {
        const existing = activeByDay.get(date);
        return { date, existing: existing ? { id: existing.id, number: existing.number, status: existing.status } : null, past: date < today };
      }),
      skipped: skipped.map((s) => ({ ...s, label: blockReasonFr(s.reason) })),
      existing: inPeriod.filter((s) => !(proposedDays.has(s.heldOn) && s.status !== 'cancelled')),
      schoolYears,
      notes: schoolYears.filter((y) => y.origin === 'computed').map((y) => computedCalendarNote(y.schoolYear)),
      nextNumber: highestSessionNumber(db) + 1,
    };
  },

  'sessions.createPlanned': (ctx, input) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    const today = ctx.today();
    const dates = [...input.dates].sort();
    const twice = dates.find((date, i) => i > 0 && dates[i - 1] === date);
    if (twice) throw new AppError('BAD_INPUT', `Le ${shownDate(twice)} est demandé deux fois : une seule séance par jour.`, [{ path: 'dates', message: 'Date en double.' }]);
    return writeTransaction(db, () => {
      let number = highestSessionNumber(db);
      const created = dates.map((heldOn) => {
        checkSessionDay(db, heldOn, today, 0, 'dates');
        number += 1;
        const write = { number, heldOn, startsAt: input.startsAt, place: input.place };
        const id = insertPlannedSession(db, write);
        appendAudit(db, { actor, action: 'session.create', entity: 'session', entityId: id, changes: { ...diffFields({}, write), status: { from: null, to: 'planned' } } });
        return { id, number, heldOn };
      });
      return { created };
    });
  },

  'sessions.move': (ctx, input) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    const before = sessionOrFail(db, input.id);
    if (before.status === 'closed' || before.status === 'cancelled' || before.status === 'in_progress') {
      const why = before.status === 'closed' ? 'est clôturée' : before.status === 'cancelled' ? 'est annulée' : 'est en cours';
      throw new AppError('BAD_INPUT', `La séance n° ${before.number} ${why} : elle ne peut plus être déplacée.`);
    }
    if (before.version !== input.version) throw conflict('Cette séance');
    const write = { heldOn: input.heldOn, startsAt: input.startsAt, place: input.place };
    if (write.heldOn !== before.heldOn) checkSessionDay(db, write.heldOn, ctx.today(), before.id);
    return writeTransaction(db, () => {
      if (!moveSession(db, before.id, input.version, write)) throw conflict('Cette séance');
      appendAudit(db, { actor, action: 'session.move', entity: 'session', entityId: before.id, changes: diffFields(before, write) });
      return { id: before.id, version: input.version + 1 };
    });
  },

  'sessions.cancel': (ctx, input) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    const before = sessionOrFail(db, input.id);
    if (before.status === 'closed') throw new AppError('BAD_INPUT', `La séance n° ${before.number} est clôturée : elle ne peut plus être annulée.`);
    if (before.status === 'cancelled') throw new AppError('BAD_INPUT', `La séance n° ${before.number} est déjà annulée.`);
    if (before.opinions > 0) {
      throw new AppError(
        'BAD_INPUT',
        `La séance n° ${before.number} a déjà rendu ${before.opinions === 1 ? 'un avis' : `${before.opinions} avis`} : elle ne peut pas être annulée.`,
      );
    }
    if (before.version !== input.version) throw conflict('Cette séance');
    return writeTransaction(db, () => {
      if (!cancelSession(db, before.id, input.version, input.reason)) throw conflict('Cette séance');
      appendAudit(db, {
        actor,
        action: 'session.cancel',
        entity: 'session',
        entityId: before.id,
        changes: diffFields(before, { status: 'cancelled', cancelReason: input.reason }),
      });
      // Its dossiers are free again for another session's agenda.
      const released = releaseAgenda(db, before.id);
      const at = new Date().toISOString();
      for (const dossier of released) {
        setDossierStatus(db, dossier.dossierId, 'ready', at);
        appendAudit(db, {
          actor,
          action: 'agenda.remove',
          entity: 'dossier',
          entityId: dossier.dossierId,
          changes: { sessionId: { from: before.id, to: null }, status: { from: 'scheduled', to: 'ready' }, reason: 'Séance annulée' },
          at,
        });
      }
      for (const operatorId of new Set(released.map((d) => d.operatorId))) refreshOperatorCompliance(ctx, db, operatorId);
      return { id: before.id, version: input.version + 1 };
    });
  },
};
