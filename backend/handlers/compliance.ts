/**
 * Compliance checks (issue 4): the catalogue of rules with the regimes of the thresholds file, a
 * dossier's checklist evaluated live (with each rule's history over the operator's report years)
 * and an operator's trend per scheme and report year.
 */
import { evaluateDossier, evaluateHistory, legalBasisForResult, ruleInfo, RULES, summarize } from '../../shared/compliance';
import { STATUS_SEVERITY, type ComplianceStatus, type RuleHistory, type RuleId } from '../../shared/compliance/model';
import type { ChecklistItem, OperatorComplianceOutput } from '../../shared/contract';
import { SCHEMES } from '../../shared/domain';
import { loadFactsOfDossiers, loadFactsOfOperators } from '../../db/queries/compliance';
import { getOperator } from '../../db/queries/operators';
import type { BackendContext } from '../context';
import { ensureComplianceFresh } from '../compliance';
import { notFound } from '../errors';
import { ruleBookOf, rulesVersionOf } from '../rules';
import type { DomainHandlers } from '../rpc/registry';
import { requireVisible, requireVisibleOperator } from '../visibility';

const CATALOGUE_ORDER: ReadonlyMap<RuleId, number> = new Map(RULES.map((rule, index) => [rule.id, index]));

/** The rules that did not conclude ok or na, worst first, then in catalogue order. */
function flagsOf(results: readonly { ruleId: RuleId; status: ComplianceStatus }[]): { ruleId: RuleId; status: ComplianceStatus }[] {
  return results
    .filter((r) => r.status !== 'ok' && r.status !== 'na')
    .map((r) => ({ ruleId: r.ruleId, status: r.status }))
    .sort((a, b) => STATUS_SEVERITY[b.status] - STATUS_SEVERITY[a.status] || (CATALOGUE_ORDER.get(a.ruleId) ?? 0) - (CATALOGUE_ORDER.get(b.ruleId) ?? 0));
}

/** Per report year of a history: how many rules concluded each status, and the flags. */
function yearsOf(history: RuleHistory): OperatorComplianceOutput['schemes'][number]['years'] {
  return history.years.map((year) => {
    const results = history.rows.flatMap((row) => row.byYear.filter((cell) => cell.year === year).map((cell) => ({ ruleId: row.ruleId, status: cell.status })));
    const count = (status: ComplianceStatus) => results.filter((r) => r.status === status).length;
    return { year, breaches: count('breach'), warnings: count('warning'), missing: count('missing'), ok: count('ok'), flags: flagsOf(results) };
  });
}

const sourceText = (source: { text: string; article: string | null }) => (source.article ? `${source.text}, ${source.article}` : source.text);

export const complianceHandlers: DomainHandlers<BackendContext> = {
  'compliance.rules': (ctx) => {
    const book = ruleBookOf(ctx);
    return {
      version: book.version,
      rules: [...RULES],
      regimes: book.regimes.map((r) => ({ id: r.id, scheme: r.scheme, from: r.from, to: r.to, source: sourceText(r.source), url: r.source.url })),
    };
  },

  'compliance.dossier': (ctx, { id }) => {
    const db = ctx.workspace.requireDb();
    requireVisible(db, 'dossier', id);
    ensureComplianceFresh(ctx, db);
    const book = ruleBookOf(ctx);
    const facts = loadFactsOfDossiers(db, [id], ctx.today())[0];
    if (!facts) throw notFound('Dossier');
    const results = evaluateDossier(facts, book);
    // Each rule cites the source of the regime whose values it applied (for a yearly rule, the one in
    // force at the end of the report year), else the catalogue's.
    const items: ChecklistItem[] = results.map((result) => {
      const info = ruleInfo(result.ruleId);
      return { ...result, title: info.title, legalBasis: legalBasisForResult(book, result), yearly: info.yearly };
    });
    return { asOf: facts.asOf, rulesVersion: rulesVersionOf(book), summary: summarize(results), items, history: evaluateHistory(facts, book) };
  },

  'compliance.operator': (ctx, { id }) => {
    const db = ctx.workspace.requireDb();
    if (!getOperator(db, id)) throw notFound('Opérateur');
    requireVisibleOperator(db, id);
    ensureComplianceFresh(ctx, db);
    const book = ruleBookOf(ctx);
    // Per scheme, the history seen from the operator's latest dossier of that scheme (facts come
    // oldest first), judged today: the operator page shows where the operator stands now.
    const today = ctx.today();
    const latest = new Map(loadFactsOfOperators(db, [id], today).map((facts) => [facts.dossier.scheme, { ...facts, asOf: today }]));
    return {
      rulesVersion: rulesVersionOf(book),
      schemes: SCHEMES.flatMap((scheme) => {
        const facts = latest.get(scheme);
        return facts ? [{ scheme, years: yearsOf(evaluateHistory(facts, book)) }] : [];
      }),
    };
  },
};
