/**
 * Deadlines (*échéances*, issue 4): every upcoming and overdue deadline across all operators,
 * derived from the recorded facts (reports, agrément periods, renewal requests, decisions,
 * findings, opinions due) plus the follow-ups the secretariat records; and their CSV export.
 */
import { z } from 'zod';
import { AgrementScheme, DeadlineKind, IsoDate, Scheme } from '../domain';
import { Id } from './common';

export const DEADLINE_STATES = ['all', 'overdue', 'upcoming'] as const;
export const DeadlineState = z.enum(DEADLINE_STATES);
export type DeadlineState = z.infer<typeof DeadlineState>;

export const DeadlineFilters = z
  .object({
    schemes: z.array(Scheme).max(10).optional(),
    kinds: z.array(DeadlineKind).max(20).optional(),
    state: DeadlineState.default('all'),
    /** Upcoming deadlines are listed up to this many days ahead; overdue ones are always listed. */
    horizonDays: z.number().int().min(1).max(3660).default(180),
  })
  .default({ state: 'all', horizonDays: 180 });
export type DeadlineFilters = z.input<typeof DeadlineFilters>;

export const DeadlineListInput = z.object({
  filters: DeadlineFilters,
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type DeadlineListInput = z.input<typeof DeadlineListInput>;

export const DeadlineRow = z.object({
  /** Stable and unique within a list, e.g. `report:12:2024`, `period:45:closes`, `stored:7`. */
  key: z.string(),
  kind: DeadlineKind,
  dueOn: IsoDate,
  /** Days from today to `dueOn`: negative when overdue. */
  daysLeft: z.number().int(),
  overdue: z.boolean(),
  operatorId: Id,
  operatorName: z.string(),
  scheme: AgrementScheme.nullable(),
  agrementNumber: z.string().nullable(),
  dossierId: Id.nullable(),
  dossierReference: z.string().nullable(),
  /** The report year for `report_due`. */
  reportYear: z.number().int().nullable(),
  /** French detail when the deadline carries its own text (a follow-up); otherwise empty. */
  detail: z.string(),
});
export type DeadlineRow = z.infer<typeof DeadlineRow>;

export const DeadlineListOutput = z.object({
  today: IsoDate,
  rows: z.array(DeadlineRow),
  /** Counted on the first page only (offset 0), null on later pages. */
  total: z.number().int().min(0).nullable(),
  /** Of `total`, how many are overdue (first page only). */
  overdue: z.number().int().min(0).nullable(),
});
export type DeadlineListOutput = z.infer<typeof DeadlineListOutput>;

export const DeadlineCsvOutput = z.object({
  filename: z.string(),
  /** UTF-8 text with BOM, `;` separated, dates dd/mm/yyyy: what Belgian Excel opens as is. */
  content: z.string(),
  rows: z.number().int().min(0),
});
export type DeadlineCsvOutput = z.infer<typeof DeadlineCsvOutput>;

/** The kinds in French, as the screen and the CSV export name them (one wording everywhere). */
export const DEADLINE_KIND_FR: Record<DeadlineKind, string> = {
  report_due: 'Rapport d’activités',
  renewal_window_opens: 'Ouverture du renouvellement',
  renewal_window_closes: 'Clôture du renouvellement',
  agrement_expires: 'Fin de l’agrément',
  condition_follow_up: 'Suivi des conditions',
  appeal_window: 'Fin du délai de recours',
  opinion_due: 'Avis attendu',
};

export const deadlinesContract = {
  'deadlines.list': { input: DeadlineListInput, output: DeadlineListOutput },
  'deadlines.exportCsv': { input: z.object({ filters: DeadlineFilters }), output: DeadlineCsvOutput },
} as const;
