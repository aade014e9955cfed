/**
 * Sessions (*séances*, issue 5): the list of past and upcoming sessions, and the calendar the
 * secretariat keeps — previewing a year of biweekly dates (skipping school and public holidays),
 * confirming a chosen subset, moving or cancelling a session.
 */
import { z } from 'zod';
import { IsoDate, SessionStatus } from '../domain';
import { Id } from './common';

const SessionVersion = z.number().int().positive();

export const SessionStartTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Heure attendue sous la forme 09:30.');
export const SessionPlace = z.string().trim().max(200, 'Le lieu ne peut dépasser 200 caractères.');
/** ISO weekday of the sessions, Monday (1) to Friday (5). */
export const SessionWeekday = z.number().int().min(1, 'Choisissez un jour de semaine.').max(5, 'Choisissez un jour de semaine (lundi à vendredi).');

export const SessionListRow = z.object({
  id: Id,
  number: z.number().int().positive(),
  heldOn: IsoDate,
  startsAt: z.string(),
  place: z.string(),
  status: SessionStatus,
  cancelReason: z.string(),
  agendaItems: z.number().int().min(0),
  opinions: z.number().int().min(0),
  version: SessionVersion,
});
export type SessionListRow = z.infer<typeof SessionListRow>;

export const SessionListOutput = z.object({
  today: IsoDate,
  /** Sessions on or after today, the nearest first. */
  upcoming: z.array(SessionListRow),
  /** Sessions before today, the latest first. */
  past: z.array(SessionListRow),
  /** True in the secretariat's workspace: planning, moving and cancelling are offered. */
  canEdit: z.boolean(),
});
export type SessionListOutput = z.infer<typeof SessionListOutput>;

export const SessionPlanInput = z
  .object({
    from: IsoDate,
    /** Inclusive. */
    to: IsoDate,
    weekday: SessionWeekday,
    startsAt: SessionStartTime,
    place: SessionPlace,
  })
  .refine((p) => p.to >= p.from, { message: 'La fin de la période précède son début.', path: ['to'] })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= 400 * 86_400_000, {
    message: 'Planifiez au plus une année à la fois (400 jours).',
    path: ['to'],
  });
export type SessionPlanInput = z.input<typeof SessionPlanInput>;

export const SessionBlockReason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('public_holiday'), name: z.string() }),
  z.object({ kind: z.literal('school_holiday'), period: z.enum(['autumn', 'winter', 'carnival', 'spring', 'summer']) }),
]);

export const PlannedSessionDate = z.object({
  date: IsoDate,
  /** A session already held or planned that day: shown, never created twice. */
  existing: z.object({ id: Id, number: z.number().int().positive(), status: SessionStatus }).nullable(),
  /** A day before today cannot be planned. */
  past: z.boolean(),
});

export const SessionPlanOutput = z.object({
  proposed: z.array(PlannedSessionDate),
  /** Each fortnight stepped over, with why (in French in `label`). */
  skipped: z.array(z.object({ date: IsoDate, reason: SessionBlockReason, label: z.string() })),
  /** Sessions already in the period on other days than the proposed ones. */
  existing: z.array(SessionListRow),
  /** Per school year touched: published calendar or computed by the rules. */
  schoolYears: z.array(z.object({ schoolYear: z.string(), origin: z.enum(['published', 'computed']) })),
  /** French notes to show: « calendrier scolaire 2027-2028 non publié : dates calculées selon les règles ». */
  notes: z.array(z.string()),
  /** The number the first created session would get. */
  nextNumber: z.number().int().positive(),
});
export type SessionPlanOutput = z.infer<typeof SessionPlanOutput>;

export const SessionCreatePlannedInput = z.object({
  dates: z.array(IsoDate).min(1, 'Cochez au moins une date.').max(60, 'Au plus 60 séances à la fois.'),
  startsAt: SessionStartTime,
  place: SessionPlace,
});

export const SessionMoveInput = z.object({
  id: Id,
  version: SessionVersion,
  heldOn: IsoDate,
  startsAt: SessionStartTime,
  place: SessionPlace,
});

export const SessionCancelInput = z.object({
  id: Id,
  version: SessionVersion,
  reason: z.string().trim().min(3, 'Indiquez le motif de l’annulation.').max(500, 'Le motif ne peut dépasser 500 caractères.'),
});

export const sessionsContract = {
  'sessions.list': { input: z.object({}), output: SessionListOutput },
  'sessions.plan': { input: SessionPlanInput, output: SessionPlanOutput },
  'sessions.createPlanned': {
    input: SessionCreatePlannedInput,
    output: z.object({ created: z.array(z.object({ id: Id, number: z.number().int().positive(), heldOn: IsoDate })) }),
  },
  'sessions.move': { input: SessionMoveInput, output: z.object({ id: Id, version: SessionVersion }) },
  'sessions.cancel': { input: SessionCancelInput, output: z.object({ id: Id, version: SessionVersion }) },
} as const;
