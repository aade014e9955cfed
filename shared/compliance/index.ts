/**
 * The compliance engine (issue 4): pure, shared by the backend and the UI.
 * `parseRuleBook` reads `resources/rules/thresholds.json`; `evaluateDossier` holds a dossier's facts
 * against the regime of its scheme; `summarize` gives the line the Dossiers table shows.
 */
export * from './model';
export { RuleBookError, parseRuleBook, regimeFor, reportDueOn, fieldPath, describeIssue, RuleBookSchema } from './thresholds';
export type {
  RuleBook,
  Regime,
  Source,
  RenewalWindow,
  LegalFormRule,
  EiThresholds,
  IdessThresholds,
  IdessActivityRule,
  AcThresholds,
  SubsidyCap,
} from './thresholds';
export { RULES, rulesFor, ruleInfo, legalBasisFor, legalBasisForResult } from './rules-catalogue';
export { summarize } from './summary';
export { evaluateDossier, evaluateHistory } from './rules';
export {
  addDaysIso,
  daysBetweenIso,
  wholeYears,
  onMonthDay,
  formatDate,
  formatEuros,
  formatNumber,
  formatPercent,
  formatFte,
  inDays,
  roundTowards,
  TERM_FR,
} from './format';
