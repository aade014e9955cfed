/** Dossiers: the table of all dossiers and a dossier's header facts. */
import { z } from 'zod';
import { AgrementScheme, DossierKind, DossierStatus, IsoDate, LegalForm, Province, Scheme, SessionStatus, Term } from '../domain';
import { ComplianceSummary } from '../compliance/model';
import { Id } from './common';

export const DOSSIER_SORT_COLUMNS = ['reference', 'operator', 'scheme', 'kind', 'status', 'receivedOn', 'session'] as const;
export const DossierSortColumn = z.enum(DOSSIER_SORT_COLUMNS);
export type DossierSortColumn = z.infer<typeof DossierSortColumn>;

/** Groupings of the table: rows come ordered by the group first, then by the chosen sort. */
export const DOSSIER_GROUPINGS = ['scheme', 'status', 'session'] as const;
export const DossierGrouping = z.enum(DOSSIER_GROUPINGS);
export type DossierGrouping = z.infer<typeof DossierGrouping>;

/** The Dossiers table's compliance filter: « Non conformes », « Données manquantes », « À surveiller ». */
export const COMPLIANCE_FILTERS = ['breach', 'missing', 'warning'] as const;
export const ComplianceFilter = z.enum(COMPLIANCE_FILTERS);
export type ComplianceFilter = z.infer<typeof ComplianceFilter>;

export const DossierListInput = z.object({
  sort: z
    .object({ column: DossierSortColumn, direction: z.enum(['asc', 'desc']) })
    .default({ column: 'receivedOn', direction: 'desc' }),
  filters: z
    .object({
      text: z.string().trim().max(200).optional(),
      schemes: z.array(Scheme).max(10).optional(),
      kinds: z.array(DossierKind).max(20).optional(),
      statuses: z.array(DossierStatus).max(20).optional(),
      /** Dossiers with at least one rule concluding one of these (e.g. ['breach']: « non conformes »). */
      compliance: z.array(ComplianceFilter).max(3).optional(),
    })
    .default({}),
  groupBy: DossierGrouping.nullable().default(null),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type DossierListInput = z.input<typeof DossierListInput>;

export const DossierRow = z.object({
  id: Id,
  reference: z.string(),
  operatorId: Id,
  operatorName: z.string(),
  scheme: Scheme,
  kind: DossierKind,
  status: DossierStatus,
  receivedOn: IsoDate,
  sessionNumber: z.number().int().nullable(),
  sessionDate: IsoDate.nullable(),
  /** The stored result of the compliance checks; null while not evaluated. */
  compliance: ComplianceSummary.nullable(),
});
export type DossierRow = z.infer<typeof DossierRow>;

/** One group of the table, in display order: its key (null = no session) and its row count. */
export const DossierGroup = z.object({
  key: z.string().nullable(),
  count: z.number().int().min(0),
  /** For a session group: the session's number and date. */
  sessionNumber: z.number().int().nullable(),
  sessionDate: IsoDate.nullable(),
});
export type DossierGroup = z.infer<typeof DossierGroup>;

/**
 * One page of the list. Counting is done for the first page only (offset 0): later pages carry
 * `total: null` and `groups: null`, and the client keeps the counts of the first page.
 */
export const DossierListOutput = z.object({
  rows: z.array(DossierRow),
  total: z.number().int().min(0).nullable(),
  /** The groups with their counts, in the order of the rows: when grouped, on the first page only. */
  groups: z.array(DossierGroup).nullable().optional(),
});
export type DossierListOutput = z.infer<typeof DossierListOutput>;

/** An operator as a dossier shows it. */
export const OperatorSummary = z.object({
  id: Id,
  name: z.string(),
  /** Formatted `0464.281.392`. */
  bce: z.string(),
  legalForm: LegalForm,
  socialEnterprise: z.boolean(),
  postcode: z.string(),
  commune: z.string(),
  province: Province,
  sector: z.string(),
});
export type OperatorSummary = z.infer<typeof OperatorSummary>;

/** The agrément a dossier is about, with its latest period. */
export const AgrementSummary = z.object({
  id: Id,
  scheme: AgrementScheme,
  number: z.string(),
  status: z.string(),
  currentPeriod: z.object({ startOn: IsoDate, endOn: IsoDate.nullable(), term: Term }).nullable(),
});
export type AgrementSummary = z.infer<typeof AgrementSummary>;

export const DossierHeader = z.object({
  id: Id,
  reference: z.string(),
  scheme: Scheme,
  kind: DossierKind,
  status: DossierStatus,
  subject: z.string(),
  receivedOn: IsoDate,
  completeOn: IsoDate.nullable(),
  opinionDueOn: IsoDate.nullable(),
  reportYear: z.number().int().nullable(),
  operator: OperatorSummary,
  agrement: AgrementSummary.nullable(),
  sessions: z.array(
    z.object({ id: Id, number: z.number().int(), heldOn: IsoDate, status: SessionStatus }),
  ),
});
export type DossierHeader = z.infer<typeof DossierHeader>;

export const dossiersContract = {
  'dossiers.list': { input: DossierListInput, output: DossierListOutput },
  'dossiers.get': { input: z.object({ id: Id }), output: DossierHeader },
} as const;
