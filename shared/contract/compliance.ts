/**
 * Compliance checks (issue 4): the catalogue of rules, a dossier's checklist with each rule's
 * history over the operator's report years, and an operator's trend. The rules themselves are
 * pure and live in `shared/compliance/`; their thresholds in `resources/rules/thresholds.json`.
 */
import { z } from 'zod';
import { IsoDate, Scheme } from '../domain';
import { ComplianceStatus, ComplianceSummary, LegalBasis, RuleId, RuleInfo, RuleResult } from '../compliance/model';
import { Id } from './common';

/** One regime of the thresholds file, as the catalogue cites it. */
export const RegimeSource = z.object({
  id: z.string(),
  scheme: Scheme,
  from: IsoDate,
  to: IsoDate.nullable(),
  source: z.string(),
  url: z.string().nullable(),
});
export type RegimeSource = z.infer<typeof RegimeSource>;

export const ComplianceRulesOutput = z.object({
  /** The `version` of the thresholds file in use. */
  version: z.string(),
  rules: z.array(RuleInfo),
  regimes: z.array(RegimeSource),
});
export type ComplianceRulesOutput = z.infer<typeof ComplianceRulesOutput>;

/** A rule's result as the checklist shows it: with the rule's title and legal basis. */
export const ChecklistItem = RuleResult.extend({ title: z.string(), legalBasis: LegalBasis, yearly: z.boolean() });
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ComplianceHistory = z.object({
  years: z.array(z.number().int()),
  rows: z.array(
    z.object({
      ruleId: RuleId,
      byYear: z.array(z.object({ year: z.number().int(), status: ComplianceStatus, explanation: z.string() })),
    }),
  ),
});
export type ComplianceHistory = z.infer<typeof ComplianceHistory>;

export const DossierComplianceOutput = z.object({
  /** The date the dossier was judged at (today for an open dossier). */
  asOf: IsoDate,
  rulesVersion: z.string(),
  summary: ComplianceSummary,
  /** One item per rule of the dossier's scheme, in catalogue order. */
  items: z.array(ChecklistItem),
  history: ComplianceHistory,
});
export type DossierComplianceOutput = z.infer<typeof DossierComplianceOutput>;

/** An operator's compliance over its report years, per scheme (the trend on the operator page). */
export const OperatorComplianceOutput = z.object({
  rulesVersion: z.string(),
  schemes: z.array(
    z.object({
      scheme: Scheme,
      years: z.array(
        z.object({
          year: z.number().int(),
          breaches: z.number().int().min(0),
          warnings: z.number().int().min(0),
          missing: z.number().int().min(0),
          ok: z.number().int().min(0),
          /** The rules that did not conclude `ok` or `na` that year, worst first. */
          flags: z.array(z.object({ ruleId: RuleId, status: ComplianceStatus })),
        }),
      ),
    }),
  ),
});
export type OperatorComplianceOutput = z.infer<typeof OperatorComplianceOutput>;

export const complianceContract = {
  'compliance.rules': { input: z.object({}).default({}), output: ComplianceRulesOutput },
  'compliance.dossier': { input: z.object({ id: Id }), output: DossierComplianceOutput },
  'compliance.operator': { input: z.object({ id: Id }), output: OperatorComplianceOutput },
} as const;
