/** Dossiers: the table of all dossiers and a dossier's header facts. */
import { z } from 'zod';
import { AgrementScheme, DossierKind, DossierStatus, IsoDate, LegalForm, Province, Scheme, SessionStatus, Term } from '../domain';
import { Id } from './common';

export const DOSSIER_SORT_COLUMNS = ['reference', 'operator', 'scheme', 'kind', 'status', 'receivedOn', 'session'] as const;
export const DossierSortColumn = z.enum(DOSSIER_SORT_COLUMNS);
export type DossierSortColumn = z.infer<typeof DossierSortColumn>;

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
    })
    .default({}),
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
});
export type DossierRow = z.infer<typeof DossierRow>;

export const DossierListOutput = z.object({
  rows: z.array(DossierRow),
  total: z.number().int().min(0),
});
export type DossierListOutput = z.infer<typeof DossierListOutput>;

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
  operator: z.object({
    id: Id,
    name: z.string(),
    bce: z.string(),
    legalForm: LegalForm,
    socialEnterprise: z.boolean(),
    postcode: z.string(),
    commune: z.string(),
    province: Province,
    sector: z.string(),
  }),
  agrement: z
    .object({
      id: Id,
      scheme: AgrementScheme,
      number: z.string(),
      status: z.string(),
      currentPeriod: z
        .object({ startOn: IsoDate, endOn: IsoDate.nullable(), term: Term })
        .nullable(),
    })
    .nullable(),
  sessions: z.array(
    z.object({ id: Id, number: z.number().int(), heldOn: IsoDate, status: SessionStatus }),
  ),
});
export type DossierHeader = z.infer<typeof DossierHeader>;

export const dossiersContract = {
  'dossiers.list': { input: DossierListInput, output: DossierListOutput },
  'dossiers.get': { input: z.object({ id: Id }), output: DossierHeader },
} as const;
