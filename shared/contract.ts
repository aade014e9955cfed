/**
 * The contract between the UI and the backend: every method, keyed `'domain.verb'`,
 * with the zod schema of its input and of its output. Both transports (Electron IPC,
 * HTTP on 127.0.0.1) and the CLI carry exactly these payloads: JSON-safe values only.
 */
import { z } from 'zod';
import {
  AgrementScheme,
  DossierKind,
  DossierStatus,
  IsoDate,
  LegalForm,
  Profile,
  Province,
  Scheme,
  SessionStatus,
  Term,
} from './domain';

const Id = z.number().int().positive();

export const WorkspaceStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('empty'), path: z.string() }),
  z.object({
    state: z.literal('ready'),
    path: z.string(),
    profile: Profile,
    name: z.string(),
    isDemo: z.boolean(),
    schemaVersion: z.number().int(),
  }),
]);
export type WorkspaceStatus = z.infer<typeof WorkspaceStatus>;

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

/** Every method: its input and output schemas. */
export const contract = {
  'workspace.status': { input: z.object({}), output: WorkspaceStatus },
  'workspace.create': {
    input: z.object({
      profile: Profile,
      name: z
        .string()
        .trim()
        .min(1, 'Indiquez un nom pour l’espace de travail.')
        .max(120, 'Le nom ne peut dépasser 120 caractères.'),
    }),
    output: WorkspaceStatus,
  },
  'workspace.loadDemo': {
    input: z.object({
      seed: z.number().int().min(0).max(2 ** 31).optional(),
      /** Volume multiplier, for benchmarks (the CLI's `demo --scale`). */
      scale: z.number().int().min(1).max(500).optional(),
    }),
    output: WorkspaceStatus,
  },
  'dossiers.list': { input: DossierListInput, output: DossierListOutput },
  'dossiers.get': { input: z.object({ id: Id }), output: DossierHeader },
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends Method> = z.output<Contract[M]['output']>;

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
