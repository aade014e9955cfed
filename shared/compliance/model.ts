/**
 * The vocabulary of the compliance checks (DESIGN §2–3, issue 4): what a rule says of a dossier,
 * the facts it reads, and what the backend stores for the Dossiers table. Pure types and zod
 * schemas; the rules live in `rules.ts`, their thresholds in `resources/rules/thresholds.json`.
 */
import { z } from 'zod';
import type { AgrementScheme, DossierKind, IsoDate, LegalForm, Scheme, Term } from '../domain';

/**
 * What a rule concludes. On screen: conforme, à surveiller, non conforme, données manquantes,
 * sans objet. Missing figures never count as compliant: they give `missing`.
 */
export const COMPLIANCE_STATUSES = ['ok', 'warning', 'breach', 'missing', 'na'] as const;
export const ComplianceStatus = z.enum(COMPLIANCE_STATUSES);
export type ComplianceStatus = z.infer<typeof ComplianceStatus>;

/** French labels of the statuses (the engine writes French; the UI has its own messages too). */
export const COMPLIANCE_STATUS_FR: Record<ComplianceStatus, string> = {
  ok: 'Conforme',
  warning: 'À surveiller',
  breach: 'Non conforme',
  missing: 'Données manquantes',
  na: 'Sans objet',
};

/** Every rule, by identifier. Stable: stored in the workspace (dossier_compliance.flags). */
export const RULE_IDS = [
  'bce.checksum',
  'legal_form.allowed',
  'ei.holds_ies',
  'ei.not_eta',
  'report.on_time',
  'renewal.window',
  'agrement.expiry',
  'agrement.next_term',
  'ei.target_share',
  'ei.cdi_6_months',
  'ei.half_time',
  'ei.pay_spread',
  'ei.accompaniment',
  'ei.training_plan',
  'ei.yearly_evaluations',
  'ei.subsidy_cap',
  'ei.subsidy_wage_share',
  'idess.target_fte',
  'idess.activities_allowed',
  'idess.precarious_only',
  'ac.report_present',
  'ac.subsidy_elements',
] as const;
export const RuleId = z.enum(RULE_IDS);
export type RuleId = z.infer<typeof RuleId>;

/** The legal basis of a rule: the text and its article, or the source of a practice. */
export const LegalBasis = z.object({
  /** « Décret du 20 octobre 2016 relatif à l'agrément et au subventionnement des entreprises d'insertion » */
  text: z.string(),
  /** « art. 6, §1er, 3° », or null when the whole text is meant. */
  article: z.string().nullable(),
  url: z.string().nullable(),
});
export type LegalBasis = z.infer<typeof LegalBasis>;

/** A rule as the catalogue shows it. */
export const RuleInfo = z.object({
  id: RuleId,
  /** The schemes the rule applies to (dossiers of other schemes do not list it). */
  schemes: z.array(z.enum(['IES', 'EI', 'IDESS', 'AC'])),
  /** French title, e.g. « Part du public cible ». */
  title: z.string(),
  legalBasis: LegalBasis,
  /** True when the rule reads a yearly report's figures (it then has a history over the years). */
  yearly: z.boolean(),
});
export type RuleInfo = z.infer<typeof RuleInfo>;

/** What one rule concludes for one dossier. */
export const RuleResult = z.object({
  ruleId: RuleId,
  status: ComplianceStatus,
  /**
   * French, quoting the figures used: « Part du public cible : 43,2 % des ETP (seuil 50 % à partir
   * de la 4e année d'agrément). »
   */
  explanation: z.string(),
  /** French names of the missing figures or facts (non-empty exactly when status is `missing`). */
  missing: z.array(z.string()),
  /** The report year the rule read, when it read one. */
  year: z.number().int().nullable(),
  /**
   * The id of the regime (thresholds file) whose values the rule applied: for a yearly rule, the one
   * in force on 31/12 of the report year; else the one in force at asOf. Null when none applied.
   * The checklist cites that regime's legal basis (`legalBasisForResult`).
   */
  regimeId: z.string().nullable(),
});
export type RuleResult = z.infer<typeof RuleResult>;

/** The worst status first: breach > missing > warning > ok > na. */
export const STATUS_SEVERITY: Record<ComplianceStatus, number> = { breach: 4, missing: 3, warning: 2, ok: 1, na: 0 };

/** A dossier's results in a line: what the Dossiers table shows and filters on. */
export const ComplianceSummary = z.object({
  worst: ComplianceStatus,
  breaches: z.number().int().min(0),
  warnings: z.number().int().min(0),
  missing: z.number().int().min(0),
  /** The rules that did not conclude `ok` or `na`, worst first. */
  flags: z.array(z.object({ ruleId: RuleId, status: ComplianceStatus })),
});
export type ComplianceSummary = z.infer<typeof ComplianceSummary>;

// ---------------------------------------------------------------------------------------------
// Facts: what the backend loads from the workspace for one dossier. JSON-safe, dates ISO.

/** One yearly report's figures, keyed as `REPORT_FIELDS` (shared/contract/entry.ts); null = not provided. */
export type ReportFigures = Record<string, number | null>;

export interface ReportFacts {
  year: number;
  dueOn: IsoDate;
  receivedOn: IsoDate | null;
  figures: ReportFigures;
}

export interface AgrementFacts {
  id: number;
  scheme: AgrementScheme;
  number: string;
  /** requested, active, suspended, expired, withdrawn, renounced, refused */
  status: string;
  firstGrantedOn: IsoDate | null;
  /** Ordered by start date. */
  periods: { startOn: IsoDate; endOn: IsoDate | null; term: Term }[];
  /** IDESS activities; `precariousOnly` null when not recorded. */
  activities: { activity: string; precariousOnly: boolean | null }[];
}

export interface ComplianceFacts {
  /** The date the dossier is judged at: today for an open dossier, the opinion's date for a closed one. */
  asOf: IsoDate;
  operator: { bce: string; legalForm: LegalForm; socialEnterprise: boolean };
  /** Every agrément of the operator, ETA included. */
  agrements: AgrementFacts[];
  dossier: {
    id: number;
    scheme: Scheme;
    kind: DossierKind;
    agrementId: number | null;
    receivedOn: IsoDate;
    reportYear: number | null;
  };
  /** The operator's renewal requests (dossiers of kind renewal) in every scheme. */
  renewalRequests: { agrementId: number | null; scheme: Scheme; receivedOn: IsoDate }[];
  /** The operator's yearly reports in the dossier's scheme, every year, oldest first. */
  reports: ReportFacts[];
}

/** The rule's results over the operator's report years (the checklist's history). */
export interface RuleHistory {
  years: number[];
  rows: { ruleId: RuleId; byYear: { year: number; status: ComplianceStatus; explanation: string }[] }[];
}
