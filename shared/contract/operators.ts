/** Operators: the list, one operator's page, creating and editing an operator (secretariat). */
import { z } from 'zod';
import { checkBce, BCE_MESSAGES_FR } from '../bce';
import {
  AgrementScheme,
  DossierKind,
  DossierStatus,
  IsoDate,
  LegalForm,
  Province,
  Scheme,
  Term,
} from '../domain';
import { Id } from './common';

export const OPERATOR_SORT_COLUMNS = ['name', 'bce', 'commune', 'province', 'dossiers'] as const;
export const OperatorSortColumn = z.enum(OPERATOR_SORT_COLUMNS);
export type OperatorSortColumn = z.infer<typeof OperatorSortColumn>;

export const AGREMENT_STATUS_VALUES = ['requested', 'active', 'suspended', 'expired', 'withdrawn', 'renounced', 'refused'] as const;
export const AgrementStatusValue = z.enum(AGREMENT_STATUS_VALUES);
export type AgrementStatusValue = z.infer<typeof AgrementStatusValue>;

export const OperatorListInput = z.object({
  text: z.string().trim().max(200).optional(),
  provinces: z.array(Province).max(10).optional(),
  schemes: z.array(AgrementScheme).max(10).optional(),
  sort: z
    .object({ column: OperatorSortColumn, direction: z.enum(['asc', 'desc']) })
    .default({ column: 'name', direction: 'asc' }),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type OperatorListInput = z.input<typeof OperatorListInput>;

export const OperatorListRow = z.object({
  id: Id,
  name: z.string(),
  bce: z.string(),
  legalForm: LegalForm,
  commune: z.string(),
  province: Province,
  /** Schemes of the agréments in force or suspended. */
  schemes: z.array(AgrementScheme),
  dossierCount: z.number().int().min(0),
});
export type OperatorListRow = z.infer<typeof OperatorListRow>;

export const OperatorListOutput = z.object({ rows: z.array(OperatorListRow), total: z.number().int().min(0) });
export type OperatorListOutput = z.infer<typeof OperatorListOutput>;

export const AgrementPeriodView = z.object({
  id: Id,
  startOn: IsoDate,
  endOn: IsoDate.nullable(),
  term: Term,
  version: z.number().int().positive(),
});
export type AgrementPeriodView = z.infer<typeof AgrementPeriodView>;

export const AgrementView = z.object({
  id: Id,
  scheme: AgrementScheme,
  number: z.string(),
  status: AgrementStatusValue,
  firstGrantedOn: IsoDate.nullable(),
  version: z.number().int().positive(),
  periods: z.array(AgrementPeriodView),
});
export type AgrementView = z.infer<typeof AgrementView>;

/** One year's figures of an activity report (NULL: not provided). */
export const ReportFiguresView = z.record(z.string(), z.number().nullable());

export const OperatorReportView = z.object({
  id: Id,
  scheme: Scheme,
  year: z.number().int(),
  dossierId: Id.nullable(),
  receivedOn: IsoDate.nullable(),
  figures: ReportFiguresView,
});
export type OperatorReportView = z.infer<typeof OperatorReportView>;

export const AuditEntryView = z.object({
  id: Id,
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.number().int().nullable(),
  changes: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const OperatorDetail = z.object({
  id: Id,
  name: z.string(),
  bce: z.string(),
  legalForm: LegalForm,
  socialEnterprise: z.boolean(),
  street: z.string(),
  postcode: z.string(),
  commune: z.string(),
  province: Province,
  sector: z.string(),
  version: z.number().int().positive(),
  agrements: z.array(AgrementView),
  dossiers: z.array(
    z.object({
      id: Id,
      reference: z.string(),
      scheme: Scheme,
      kind: DossierKind,
      status: DossierStatus,
      receivedOn: IsoDate,
      sessionNumber: z.number().int().nullable(),
      sessionDate: IsoDate.nullable(),
    }),
  ),
  reports: z.array(OperatorReportView),
  /** The latest changes recorded about the operator and its agréments. */
  history: z.array(AuditEntryView),
});
export type OperatorDetail = z.infer<typeof OperatorDetail>;

const text = (label: string, max: number) =>
  z
    .string({ error: `Indiquez ${label}.` })
    .trim()
    .max(max, `Ce champ ne peut dépasser ${max} caractères.`);

/** The BCE number as typed (dots, spaces, « BE » accepted): checked, then kept as ten digits. */
export const BceInput = z
  .string({ error: 'Indiquez le numéro d’entreprise.' })
  .transform((value, ctx) => {
    const check = checkBce(value);
    if (!check.valid) {
      ctx.addIssue({ code: 'custom', message: BCE_MESSAGES_FR[check.reason] });
      return z.NEVER;
    }
    return check.digits;
  });

export const OperatorFields = z.object({
  name: text('la dénomination', 200).min(1, 'Indiquez la dénomination de l’opérateur.'),
  bce: BceInput,
  legalForm: LegalForm,
  socialEnterprise: z.boolean(),
  street: text('la rue', 200),
  postcode: z
    .string({ error: 'Indiquez le code postal.' })
    .trim()
    .regex(/^\d{4}$/, 'Le code postal doit compter 4 chiffres.'),
  commune: text('la commune', 120).min(1, 'Indiquez la commune.'),
  province: Province,
  sector: text('le secteur', 120).min(1, 'Indiquez le secteur d’activité.'),
});
export type OperatorFields = z.input<typeof OperatorFields>;

export const operatorsContract = {
  'operators.list': { input: OperatorListInput, output: OperatorListOutput },
  'operators.get': { input: z.object({ id: Id }), output: OperatorDetail },
  'operators.create': { input: OperatorFields, output: z.object({ id: Id }) },
  'operators.update': {
    input: OperatorFields.extend({ id: Id, version: z.number().int().positive() }),
    output: z.object({ id: Id, version: z.number().int().positive() }),
  },
} as const;
