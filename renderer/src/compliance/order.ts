/**
 * Pure helpers of the compliance screens: the order a commission member reads the checklist in
 * (problems first), and the counts worth saying in a summary line.
 */
import type { ComplianceStatus } from '../../../shared/compliance/model';

/** The checklist's groups, problems first: what breaks, what cannot be judged, what to watch. */
export const CHECKLIST_ORDER: readonly ComplianceStatus[] = ['breach', 'missing', 'warning', 'ok', 'na'];

/** Items grouped by status in CHECKLIST_ORDER (empty groups left out), catalogue order kept inside a group. */
export function groupByStatus<T extends { status: ComplianceStatus }>(items: readonly T[]): { status: ComplianceStatus; items: T[] }[] {
  return CHECKLIST_ORDER.map((status) => ({ status, items: items.filter((item) => item.status === status) })).filter(
    (group) => group.items.length > 0,
  );
}

export interface Counts {
  breaches: number;
  warnings: number;
  missing: number;
}

/** The non-zero counts in the order of the summary line: « 2 non conformes, 1 à surveiller, 1 donnée manquante ». */
export function countParts(counts: Counts): { status: 'breach' | 'warning' | 'missing'; count: number }[] {
  const parts: { status: 'breach' | 'warning' | 'missing'; count: number }[] = [
    { status: 'breach', count: counts.breaches },
    { status: 'warning', count: counts.warnings },
    { status: 'missing', count: counts.missing },
  ];
  return parts.filter((part) => part.count > 0);
}

/** The status a set of counts is shown with: the worst one present, else `ok`. */
export function worstOf(counts: Counts): 'breach' | 'missing' | 'warning' | 'ok' {
  if (counts.breaches > 0) return 'breach';
  if (counts.missing > 0) return 'missing';
  if (counts.warnings > 0) return 'warning';
  return 'ok';
}
