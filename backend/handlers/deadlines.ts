/**
 * The Échéances screen (issue 4): every upcoming and overdue deadline across all operators,
 * derived from the facts at each call (db/queries/deadlines.ts) with the thresholds of the rule
 * book, paged for the virtualised list, and its CSV export for Belgian Excel.
 */
import { DEADLINE_KIND_FR, type DeadlineCsvOutput, type DeadlineListOutput, type DeadlineRow, type MethodParsedInput } from '../../shared/contract';
import type { DeadlineKind } from '../../shared/domain';
import { deadlineRulesOf, listDeadlines, pageOfDeadlines, type DeadlineListRow, type DeadlineQuery } from '../../db/queries/deadlines';
import type { BackendContext } from '../context';
import { toCsv, type CsvColumn } from '../exports/csv';
import { ruleBookOf } from '../rules';
import type { DomainHandlers } from '../rpc/registry';
import { viewerOf } from '../visibility';

/** « Rapport d’activités 2025 », « Fin de l’agrément »… */
export function deadlineTitleFr(row: Pick<DeadlineRow, 'kind' | 'reportYear'>): string {
  const label = DEADLINE_KIND_FR[row.kind];
  return row.kind === 'report_due' && row.reportYear !== null ? `${label} ${row.reportYear}` : label;
}

const OF_AGREMENT: Partial<Record<DeadlineKind, string>> = {
  renewal_window_opens: 'Ouverture du renouvellement de l’agrément',
  renewal_window_closes: 'Clôture du renouvellement de l’agrément',
  agrement_expires: 'Fin de l’agrément',
};

/**
 * A deadline in a line of French, for the dossier page's open deadlines: a follow-up's own text;
 * a report with its year and scheme (an operator may hold IES and EI); a renewal window or an
 * expiry with the agrément's number; the others are told by their kind (empty).
 */
export function deadlineDescriptionFr(row: DeadlineRow): string {
  if (row.detail !== '') return row.detail;
  if (row.kind === 'report_due') return row.scheme ? `${deadlineTitleFr(row)} (${row.scheme})` : deadlineTitleFr(row);
  const ofAgrement = OF_AGREMENT[row.kind];
  return ofAgrement && row.agrementNumber ? `${ofAgrement} ${row.agrementNumber}` : '';
}

type Filters = MethodParsedInput<'deadlines.list'>['filters'];

function queryOf(ctx: BackendContext, filters: Filters): DeadlineQuery {
  return { today: ctx.today(), schemes: filters.schemes, kinds: filters.kinds, state: filters.state, horizonDays: filters.horizonDays, viewer: viewerOf(ctx) };
}

const toRow = (row: DeadlineListRow): DeadlineRow => row as DeadlineRow;

const CSV_COLUMNS: CsvColumn<DeadlineRow>[] = [
  { header: 'Échéance', type: 'date', value: (r) => r.dueOn },
  { header: 'Type', value: deadlineTitleFr },
  { header: 'Opérateur', value: (r) => r.operatorName },
  { header: 'Agrément', value: (r) => r.scheme },
  { header: 'N° d’agrément', value: (r) => r.agrementNumber },
  { header: 'Dossier', value: (r) => r.dossierReference },
  { header: 'Détail', value: (r) => r.detail },
  { header: 'Jours restants', type: 'integer', value: (r) => r.daysLeft },
  { header: 'En retard', type: 'boolean', value: (r) => r.overdue },
];

export const deadlineHandlers: DomainHandlers<BackendContext> = {
  'deadlines.list': (ctx, { filters, offset, limit }): DeadlineListOutput => {
    const db = ctx.workspace.requireDb();
    const query = queryOf(ctx, filters);
    const page = pageOfDeadlines(db, query, deadlineRulesOf(ruleBookOf(ctx), query.today), { offset, limit });
    // Counted on the first page only (the contract's promise; later pages need not carry it).
    const first = offset === 0;
    return { today: query.today, rows: page.rows.map(toRow), total: first ? page.total : null, overdue: first ? page.overdue : null };
  },

  'deadlines.exportCsv': (ctx, { filters }): DeadlineCsvOutput => {
    const db = ctx.workspace.requireDb();
    const query = queryOf(ctx, filters);
    const rows = listDeadlines(db, query, deadlineRulesOf(ruleBookOf(ctx), query.today)).map(toRow);
    return { filename: `echeances-${query.today}.csv`, content: toCsv(CSV_COLUMNS, rows), rows: rows.length };
  },
};
