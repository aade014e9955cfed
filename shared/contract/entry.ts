/**
 * Data entry by the secretariat: agréments and their periods, dossiers, activity-report figures,
 * inspection findings, and the history of changes of what these forms edit. Every write carries
 * the `version` it was based on (null when creating): a record changed meanwhile is refused.
 */
import { z } from 'zod';
import { AgrementScheme, DossierKind, DossierStatus, FindingSeverity, IsoDate, OpinionOutcome, Scheme, Term } from '../domain';
import { AgrementStatusValue, AuditEntryView } from './operators';
import { Id } from './common';

const Version = z.number().int().positive();

/** How a figure is typed and stored. */
export type FigureKind = 'count' | 'fte' | 'hours' | 'money' | 'signedMoney' | 'flag';

export interface FigureField {
  key: string;
  /** The column of activity_reports. */
  column: string;
  kind: FigureKind;
  /** Its French name, used in validation messages. */
  label: string;
  schemes: readonly Scheme[];
}

const ALL: readonly Scheme[] = ['IES', 'EI', 'IDESS', 'AC'];

/** Every figure of a yearly activity report, in display order, with the schemes that report it. */
export const REPORT_FIELDS = [
  { key: 'headcount', column: 'headcount', kind: 'count', label: 'Travailleurs (personnes)', schemes: ALL },
  { key: 'fteTotal', column: 'fte_total', kind: 'fte', label: 'ETP total', schemes: ALL },
  { key: 'targetFteTd', column: 'target_fte_td', kind: 'fte', label: 'ETP travailleurs défavorisés (TD)', schemes: ['EI'] },
  { key: 'targetFteTgd', column: 'target_fte_tgd', kind: 'fte', label: 'ETP travailleurs gravement défavorisés (TGD)', schemes: ['EI'] },
  { key: 'targetFteSine', column: 'target_fte_sine', kind: 'fte', label: 'ETP SINE', schemes: ['IDESS'] },
  { key: 'targetFteArt60', column: 'target_fte_art60', kind: 'fte', label: 'ETP article 60', schemes: ['IDESS'] },
  { key: 'targetFteArt61', column: 'target_fte_art61', kind: 'fte', label: 'ETP article 61', schemes: ['IDESS'] },
  { key: 'targetHeadcount', column: 'target_headcount', kind: 'count', label: 'Travailleurs du public cible (personnes)', schemes: ['EI', 'IDESS'] },
  { key: 'targetHires', column: 'target_hires', kind: 'count', label: 'Engagements du public cible', schemes: ['EI'] },
  { key: 'cdiWithin6Months', column: 'cdi_within_6_months', kind: 'count', label: 'CDI dans les 6 mois', schemes: ['EI'] },
  { key: 'partTimeBelowHalf', column: 'part_time_below_half', kind: 'count', label: 'Contrats inférieurs au mi-temps', schemes: ['EI'] },
  { key: 'lowestFtePayCents', column: 'lowest_fte_pay_cents', kind: 'money', label: 'Rémunération ETP la plus basse', schemes: ['EI'] },
  { key: 'highestFtePayCents', column: 'highest_fte_pay_cents', kind: 'money', label: 'Rémunération ETP la plus haute', schemes: ['EI'] },
  { key: 'accompanimentFte', column: 'accompaniment_fte', kind: 'fte', label: 'ETP d’accompagnement social', schemes: ['EI'] },
  { key: 'trainingPlan', column: 'training_plan', kind: 'flag', label: 'Plan de formation', schemes: ALL },
  { key: 'trainingHours', column: 'training_hours', kind: 'hours', label: 'Heures de formation', schemes: ALL },
  { key: 'yearlyEvaluations', column: 'yearly_evaluations', kind: 'flag', label: 'Évaluations annuelles', schemes: ['EI'] },
  { key: 'workerParticipation', column: 'worker_participation', kind: 'flag', label: 'Participation des travailleurs', schemes: ['IES', 'EI', 'AC'] },
  { key: 'wageCostCents', column: 'wage_cost_cents', kind: 'money', label: 'Coût salarial', schemes: ALL },
  { key: 'subsidyTdCents', column: 'subsidy_td_cents', kind: 'money', label: 'Subvention TD', schemes: ['EI'] },
  { key: 'subsidyTgdCents', column: 'subsidy_tgd_cents', kind: 'money', label: 'Subvention TGD', schemes: ['EI'] },
  { key: 'otherSubsidiesCents', column: 'other_subsidies_cents', kind: 'money', label: 'Autres subventions', schemes: ALL },
  { key: 'turnoverCents', column: 'turnover_cents', kind: 'money', label: 'Chiffre d’affaires', schemes: ALL },
  { key: 'operatingResultCents', column: 'operating_result_cents', kind: 'signedMoney', label: 'Résultat d’exploitation', schemes: ALL },
  { key: 'acProjectsSupported', column: 'ac_projects_supported', kind: 'count', label: 'Projets d’entreprise accompagnés', schemes: ['AC'] },
  { key: 'acEnterprisesCreated', column: 'ac_enterprises_created', kind: 'count', label: 'Entreprises d’économie sociale créées', schemes: ['AC'] },
  { key: 'acJobsCreatedFte', column: 'ac_jobs_created_fte', kind: 'fte', label: 'Emplois créés (ETP)', schemes: ['AC'] },
] as const satisfies readonly FigureField[];

export type ReportFieldKey = (typeof REPORT_FIELDS)[number]['key'];

export function reportFieldsOf(scheme: Scheme): FigureField[] {
  return REPORT_FIELDS.filter((field) => (field.schemes as readonly Scheme[]).includes(scheme));
}

const MAX_FIGURE = 1e12;

/** The schema of one figure: a number of the right kind, or null (not provided, distinct from 0). */
function figureSchema(field: FigureField): z.ZodType<number | null> {
  const name = `« ${field.label} »`;
  const nan = { error: `${name} doit être un nombre.` };
  switch (field.kind) {
    case 'count':
      return z
        .number({ error: `${name} doit être un nombre entier.` })
        .int(`${name} doit être un nombre entier.`)
        .min(0, `${name} ne peut pas être négatif.`)
        .max(MAX_FIGURE, `${name} est trop grand.`)
        .nullable();
    case 'fte':
    case 'hours':
      return z.number(nan).min(0, `${name} ne peut pas être négatif.`).max(1e7, `${name} est trop grand.`).nullable();
    case 'money':
      return z
        .number({ error: `${name} doit être un montant en euros (par exemple 18 000,00).` })
        .int(`${name} doit être un montant en euros avec au plus deux décimales.`)
        .min(0, `${name} ne peut pas être négatif.`)
        .max(MAX_FIGURE, `${name} est trop grand.`)
        .nullable();
    case 'signedMoney':
      return z
        .number({ error: `${name} doit être un montant en euros (par exemple −1 250,00).` })
        .int(`${name} doit être un montant en euros avec au plus deux décimales.`)
        .min(-MAX_FIGURE, `${name} est trop petit.`)
        .max(MAX_FIGURE, `${name} est trop grand.`)
        .nullable();
    case 'flag':
      return z.union([z.literal(0), z.literal(1)], { error: `${name} : choisissez oui, non ou non communiqué.` }).nullable();
  }
}

/** All figures, each optional (absent: unchanged) or null (not provided). Money in integer cents. */
export const ReportFigures = z.object(
  Object.fromEntries(REPORT_FIELDS.map((field) => [field.key, figureSchema(field).optional()])) as Record<
    ReportFieldKey,
    z.ZodOptional<z.ZodType<number | null>>
  >,
);
export type ReportFigures = z.infer<typeof ReportFigures>;

export const ReportView = z.object({
  dossier: z.object({
    id: Id,
    reference: z.string(),
    scheme: Scheme,
    kind: DossierKind,
    reportYear: z.number().int().nullable(),
    operatorId: Id,
    operatorName: z.string(),
  }),
  /** Null when the dossier has no report figures yet. */
  report: z
    .object({
      id: Id,
      year: z.number().int(),
      receivedOn: IsoDate.nullable(),
      version: Version,
      figures: z.record(z.string(), z.number().nullable()),
    })
    .nullable(),
});
export type ReportView = z.infer<typeof ReportView>;

/** A date typed in a form (sent as ISO); a malformed one gets a message the user can act on. */
const EntryDate = z.iso.date({ error: 'Date invalide : indiquez-la au format jj/mm/aaaa.' });
const optionalDate = EntryDate.nullable();

export const AgrementSaveInput = z.object({
  operatorId: Id,
  /** Absent: a new agrément. */
  id: Id.optional(),
  version: Version.optional(),
  scheme: AgrementScheme,
  number: z.string().trim().min(1, 'Indiquez le numéro d’agrément.').max(60, 'Le numéro ne peut dépasser 60 caractères.'),
  status: AgrementStatusValue,
  firstGrantedOn: optionalDate,
});

export const PeriodSaveInput = z
  .object({
    agrementId: Id,
    id: Id.optional(),
    version: Version.optional(),
    startOn: EntryDate,
    endOn: optionalDate,
    term: Term,
  })
  .superRefine((p, ctx) => {
    if (p.term === 'indefinite' && p.endOn !== null)
      ctx.addIssue({ code: 'custom', path: ['endOn'], message: 'Une période à durée indéterminée n’a pas de date de fin.' });
    if (p.term !== 'indefinite' && p.endOn === null)
      ctx.addIssue({ code: 'custom', path: ['endOn'], message: 'Indiquez la date de fin de la période (ou choisissez « durée indéterminée »).' });
    if (p.endOn !== null && p.endOn <= p.startOn)
      ctx.addIssue({ code: 'custom', path: ['endOn'], message: 'La fin de la période doit suivre son début.' });
  });

export const DossierFields = z
  .object({
    agrementId: Id.nullable(),
    scheme: Scheme,
    kind: DossierKind,
    status: DossierStatus,
    subject: z.string().trim().min(1, 'Indiquez l’objet du dossier.').max(500, 'L’objet ne peut dépasser 500 caractères.'),
    receivedOn: EntryDate,
    completeOn: optionalDate,
    opinionDueOn: optionalDate,
    reportYear: z.number({ error: 'L’année du rapport doit être un nombre.' }).int('L’année du rapport doit être un nombre entier.').min(1990, 'Année du rapport invalide.').max(2200, 'Année du rapport invalide.').nullable(),
    proposalOutcome: OpinionOutcome.nullable(),
    proposalText: z.string().trim().max(20_000, 'La proposition ne peut dépasser 20 000 caractères.').nullable(),
  })
  .superRefine((d, ctx) => {
    if (d.completeOn !== null && d.completeOn < d.receivedOn)
      ctx.addIssue({ code: 'custom', path: ['completeOn'], message: 'Un dossier ne peut être complet avant d’avoir été reçu.' });
    if (d.kind === 'activity_report' && d.reportYear === null)
      ctx.addIssue({ code: 'custom', path: ['reportYear'], message: 'Indiquez l’année du rapport d’activités.' });
  });
export type DossierFields = z.input<typeof DossierFields>;

export const DossierEditView = z.object({
  id: Id,
  reference: z.string(),
  operatorId: Id,
  operatorName: z.string(),
  agrementId: Id.nullable(),
  scheme: Scheme,
  kind: DossierKind,
  status: DossierStatus,
  subject: z.string(),
  receivedOn: IsoDate,
  completeOn: IsoDate.nullable(),
  opinionDueOn: IsoDate.nullable(),
  reportYear: z.number().int().nullable(),
  proposalOutcome: OpinionOutcome.nullable(),
  proposalText: z.string().nullable(),
  version: Version,
});
export type DossierEditView = z.infer<typeof DossierEditView>;

export const FindingView = z.object({
  id: Id,
  severity: FindingSeverity,
  description: z.string(),
  followUpDueOn: IsoDate.nullable(),
  resolvedOn: IsoDate.nullable(),
  version: Version,
});
export type FindingView = z.infer<typeof FindingView>;

export const InspectionView = z.object({
  dossier: z.object({ id: Id, reference: z.string(), operatorId: Id, operatorName: z.string() }),
  inspection: z
    .object({
      id: Id,
      inspectedOn: EntryDate,
      inspector: z.string(),
      scope: z.string(),
      conclusion: z.string(),
      version: Version,
      findings: z.array(FindingView),
    })
    .nullable(),
});
export type InspectionView = z.infer<typeof InspectionView>;

export const entryContract = {
  'agrements.save': { input: AgrementSaveInput, output: z.object({ id: Id, version: Version }) },
  'agrements.savePeriod': { input: PeriodSaveInput, output: z.object({ id: Id, version: Version }) },
  'dossiers.create': {
    input: z.object({ operatorId: Id, fields: DossierFields }),
    output: z.object({ id: Id, reference: z.string() }),
  },
  'dossiers.getForEdit': { input: z.object({ id: Id }), output: DossierEditView },
  'dossiers.update': {
    input: z.object({ id: Id, version: Version, fields: DossierFields }),
    output: z.object({ id: Id, version: Version }),
  },
  'reports.get': { input: z.object({ dossierId: Id }), output: ReportView },
  'reports.save': {
    input: z.object({
      dossierId: Id,
      /** The version the edit was based on; absent when the dossier had no figures yet. */
      version: Version.optional(),
      receivedOn: optionalDate.optional(),
      figures: ReportFigures,
    }),
    output: z.object({ id: Id, version: Version }),
  },
  'inspections.get': { input: z.object({ dossierId: Id }), output: InspectionView },
  'inspections.save': {
    input: z.object({
      dossierId: Id,
      version: Version.optional(),
      inspectedOn: EntryDate,
      inspector: z.string().trim().min(1, 'Indiquez l’inspecteur ou l’inspectrice.').max(200, 'Ce champ ne peut dépasser 200 caractères.'),
      scope: z.string().trim().min(1, 'Indiquez l’objet de l’inspection.').max(500, 'Ce champ ne peut dépasser 500 caractères.'),
      conclusion: z.string().trim().max(5000, 'La conclusion ne peut dépasser 5 000 caractères.'),
    }),
    output: z.object({ id: Id, version: Version }),
  },
  'findings.save': {
    input: z
      .object({
        dossierId: Id,
        id: Id.optional(),
        version: Version.optional(),
        severity: FindingSeverity,
        description: z.string().trim().min(1, 'Décrivez le constat.').max(5000, 'La description ne peut dépasser 5 000 caractères.'),
        followUpDueOn: optionalDate,
        resolvedOn: optionalDate,
      }),
    output: z.object({ id: Id, version: Version }),
  },
  /** The recorded changes of one record (operator, dossier), newest first. */
  'entry.history': {
    input: z.object({ entity: z.enum(['operator', 'dossier']), entityId: Id }),
    output: z.array(AuditEntryView),
  },
} as const;
