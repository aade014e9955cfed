/**
 * Grouped rows of the Dossiers table: the server sends rows ordered by group and the groups'
 * counts; the table shows a header row before each group, and a collapsed group keeps only its
 * header. This maps display positions (what the virtualizer counts) to rows of the server's list.
 */
import type { DossierGroup } from '../../../shared/contract';

export type DisplayItem = { type: 'group'; group: number } | { type: 'row'; index: number; group: number };

export interface GroupLayout {
  /** Number of display positions (headers and visible rows). */
  count: number;
  itemAt(position: number): DisplayItem | undefined;
  /** Display position of a row of the server's list (undefined when its group is collapsed). */
  positionOfRow(index: number): number | undefined;
  groups: readonly { group: DossierGroup; id: string; position: number; firstRow: number; collapsed: boolean }[];
}

/** A stable id for a group (null key = dossiers without a session). */
export const groupId = (group: DossierGroup) => group.key ?? '∅';

export function layoutGroups(groups: readonly DossierGroup[] | null, total: number, collapsed: ReadonlySet<string>): GroupLayout {
  if (!groups) {
    return {
      count: total,
      itemAt: (position) => (position >= 0 && position < total ? { type: 'row', index: position, group: -1 } : undefined),
      positionOfRow: (index) => index,
      groups: [],
    };
  }
  const laid: { group: DossierGroup; id: string; position: number; firstRow: number; collapsed: boolean }[] = [];
  let position = 0;
  let firstRow = 0;
  for (const group of groups) {
    const id = groupId(group);
    const isCollapsed = collapsed.has(id);
    laid.push({ group, id, position, firstRow, collapsed: isCollapsed });
    position += 1 + (isCollapsed ? 0 : group.count);
    firstRow += group.count;
  }
  // The last group whose start is at or before a position (binary search).
  const find = <K extends 'position' | 'firstRow'>(value: number, key: K) => {
    let low = 0;
    let high = laid.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((laid[middle]?.[key] ?? 0) <= value) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  return {
    count: position,
    groups: laid,
    itemAt(at) {
      if (at < 0 || at >= position || laid.length === 0) return undefined;
      const g = find(at, 'position');
      const entry = laid[g]!;
      if (at === entry.position) return { type: 'group', group: g };
      return { type: 'row', index: entry.firstRow + (at - entry.position - 1), group: g };
    },
    positionOfRow(index) {
      if (laid.length === 0) return undefined;
      const g = find(index, 'firstRow');
      const entry = laid[g]!;
      if (entry.collapsed || index - entry.firstRow >= entry.group.count) return undefined;
      return entry.position + 1 + (index - entry.firstRow);
    },
  };
}
