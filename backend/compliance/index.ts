/**
 * Keeping the stored compliance results (`dossier_compliance`, read by the Dossiers table) in step
 * with the facts, the day and the thresholds file:
 * - `refreshCompliance` recomputes a scope (every dossier, an operator's, some dossiers) with the
 *   rules of shared/compliance, inside the caller's transaction;
 * - `refreshOperatorCompliance` is what every data-entry write calls, inside the write's
 *   transaction, for the operator it touched;
 * - `ensureComplianceFresh` brings them up to today and the current rules: everything when the
 *   rules version changed, only the dossiers whose stored date is not the one they are judged at
 *   (open dossiers, judged « today ») when only the day changed, nothing otherwise (one read of
 *   `meta`). The Dossiers list, the compliance methods, workspace creation and opening, and the
 *   demo call it.
 */
import { evaluateDossier, rulesFor, summarize, type RuleBook } from '../../shared/compliance';
import type { ComplianceFacts, ComplianceSummary } from '../../shared/compliance/model';
import type { Db } from '../../db/open';
import {
  getComplianceStamp,
  loadFactsOfDossiers,
  loadFactsOfOperators,
  OPERATOR_BATCH,
  operatorBatches,
  setComplianceStamp,
  staleDossiers,
  storeCompliance,
} from '../../db/queries/compliance';
import type { BackendContext } from '../context';
import { ruleBookOf, rulesVersionOf } from '../rules';

/**
 * What to recompute: every dossier; those whose stored result no longer holds today (stored at
 * another date than the one they are judged at, with other rules, or never); an operator's; some dossiers.
 */
export type RefreshScope = { all: true } | { stale: true } | { operatorId: number } | { dossierIds: readonly number[] };

/** Where an engine failure on one dossier is reported (the refresh goes on with the others). */
export type RefreshLog = (message: string, error: unknown) => void;

const logToConsole: RefreshLog = (message, error) => console.error(message, error);

/**
 * What is stored for a dossier the engine failed on: no rule concluded, so every rule of its
 * scheme is « données manquantes » — never « conforme » — until the next refresh.
 */
export function failedSummary(facts: ComplianceFacts): ComplianceSummary {
  const flags = rulesFor(facts.dossier.scheme).map((rule) => ({ ruleId: rule.id, status: 'missing' as const }));
  return { worst: 'missing', breaches: 0, warnings: 0, missing: flags.length, flags };
}

function evaluateAndStore(db: Db, book: RuleBook, facts: readonly ComplianceFacts[], log: RefreshLog): number {
  const rulesVersion = rulesVersionOf(book);
  storeCompliance(
    db,
    facts.map((f) => {
      let summary: ComplianceSummary;
      try {
        summary = summarize(evaluateDossier(f, book));
      } catch (error) {
        // One faulty dossier must not block the table (nor the start-up): it shows « données manquantes ».
        log(`Contrôles de conformité : échec de l’évaluation du dossier ${f.dossier.id}.`, error);
        summary = failedSummary(f);
      }
      return { dossierId: f.dossier.id, asOf: f.asOf, rulesVersion, summary };
    }),
  );
  return facts.length;
}

/** The stale dossiers' operators in batches, with the dossiers to evaluate. */
function staleBatches(db: Db, book: RuleBook, today: string): { operators: number[]; dossiers: Set<number> }[] {
  const stale = staleDossiers(db, { today, rulesVersion: rulesVersionOf(book) });
  const batches: { operators: number[]; dossiers: Set<number> }[] = [];
  let current: { operators: number[]; dossiers: Set<number> } | undefined;
  for (const { id, operatorId } of stale) {
    if (!current || (current.operators.at(-1) !== operatorId && current.operators.length >= OPERATOR_BATCH)) batches.push((current = { operators: [], dossiers: new Set() }));
    if (current.operators.at(-1) !== operatorId) current.operators.push(operatorId);
    current.dossiers.add(id);
  }
  return batches;
}

/**
 * Recomputes and stores the results of a scope; returns the number of dossiers evaluated. Writes:
 * call it inside a transaction (a full or daily refresh also stamps `meta` with the day and rules version).
 */
export function refreshCompliance(db: Db, book: RuleBook, today: string, scope: RefreshScope, log: RefreshLog = logToConsole): number {
  if ('operatorId' in scope) return evaluateAndStore(db, book, loadFactsOfOperators(db, [scope.operatorId], today), log);
  if ('dossierIds' in scope) return evaluateAndStore(db, book, loadFactsOfDossiers(db, scope.dossierIds, today), log);
  let count = 0;
  if ('stale' in scope) {
    for (const batch of staleBatches(db, book, today)) {
      count += evaluateAndStore(db, book, loadFactsOfOperators(db, batch.operators, today, batch.dossiers), log);
    }
  } else {
    for (const batch of operatorBatches(db)) count += evaluateAndStore(db, book, loadFactsOfOperators(db, batch, today), log);
  }
  setComplianceStamp(db, { asOf: today, rulesVersion: rulesVersionOf(book) });
  return count;
}

/** After a data-entry write touching `operatorId`: its dossiers' results, in the write's transaction. */
export function refreshOperatorCompliance(ctx: BackendContext, db: Db, operatorId: number): void {
  refreshCompliance(db, ruleBookOf(ctx), ctx.today(), { operatorId });
}

/**
 * Brings the stored results up to today and the current rules (one transaction): every dossier
 * when the rules changed (or never computed), only those not stored at the date they are judged
 * at when only the day changed; otherwise costs one read of `meta`. Returns whether it recomputed.
 */
export function ensureComplianceFresh(ctx: BackendContext, db: Db = ctx.workspace.requireDb()): boolean {
  const book = ruleBookOf(ctx);
  const today = ctx.today();
  const stamp = getComplianceStamp(db);
  if (stamp.asOf === today && stamp.rulesVersion === rulesVersionOf(book)) return false;
  const scope: RefreshScope = stamp.asOf !== null && stamp.rulesVersion === rulesVersionOf(book) ? { stale: true } : { all: true };
  db.transaction(() => refreshCompliance(db, book, today, scope))();
  return true;
}

/** At workspace open: refreshes an initialised workspace, leaves an empty folder alone. */
export function freshenOpenWorkspace(ctx: BackendContext): void {
  const db = ctx.workspace.db;
  if (db && ctx.workspace.status().state === 'ready') ensureComplianceFresh(ctx, db);
}
