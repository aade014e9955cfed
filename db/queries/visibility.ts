/**
 * What a viewer may see: the one rule behind every list and page. In a member's workspace, the
 * dossiers (and the page) of an operator with which that member declared a conflict of interest
 * are never shown (DESIGN §1, §3). The viewer is the workspace's member id, or null for the
 * secretariat, who sees everything.
 *
 * `VISIBLE_TO_VIEWER(column)` is the SQL form, bound with `@viewer`: a lookup in the unique index
 * conflicts (member_id, operator_id), so a list keeps the plan of its own indexes.
 */
import type { Db } from '../open';
import { statementCache } from './statements';

/** The member whose workspace this is, or null (the secretariat: sees everything). */
export type Viewer = number | null;

/** True when the operator in `operatorColumn` (a fixed column name, never user text) is not hidden from `@viewer` (non null). */
export const VISIBLE_TO_VIEWER = (operatorColumn: string) =>
  `NOT EXISTS (SELECT 1 FROM conflicts hc WHERE hc.member_id = @viewer AND hc.operator_id = ${operatorColumn})`;

/** The same, for a statement shared by both profiles: `@viewer` null lets every row through. */
export const VISIBLE_TO_VIEWER_OR_ALL = (operatorColumn: string) => `(@viewer IS NULL OR ${VISIBLE_TO_VIEWER(operatorColumn)})`;

const cached = statementCache();

/** Whether `operatorId` is hidden from `viewer` (a declared conflict of interest). */
export function isOperatorHidden(db: Db, viewer: Viewer, operatorId: number): boolean {
  if (viewer === null) return false;
  return cached(db, 'hidden-operator', () => 'SELECT 1 FROM conflicts WHERE member_id = ? AND operator_id = ?').get(viewer, operatorId) !== undefined;
}

/** The operators hidden from `viewer` (empty for the secretariat). */
export function hiddenOperatorsOf(db: Db, viewer: Viewer): Set<number> {
  if (viewer === null) return new Set();
  const rows = cached(db, 'hidden-operators', () => 'SELECT operator_id AS id FROM conflicts WHERE member_id = ?').all(viewer) as { id: number }[];
  return new Set(rows.map((r) => r.id));
}

/** What a direct access names by its id, and how to find its operator. */
export type VisibleThing = 'dossier' | 'document' | 'note';

const OPERATOR_OF: Record<VisibleThing, string> = {
  dossier: 'SELECT operator_id AS operatorId FROM dossiers WHERE id = ?',
  document: 'SELECT d.operator_id AS operatorId FROM documents doc JOIN dossiers d ON d.id = doc.dossier_id WHERE doc.id = ?',
  note: 'SELECT d.operator_id AS operatorId FROM notes n JOIN dossiers d ON d.id = n.dossier_id WHERE n.id = ?',
};

/** The operator a dossier, document or note belongs to; undefined when there is no such row. */
export function operatorOf(db: Db, thing: VisibleThing, id: number): number | undefined {
  const row = cached(db, `operator-of:${thing}`, () => OPERATOR_OF[thing]).get(id) as { operatorId: number } | undefined;
  return row?.operatorId;
}
