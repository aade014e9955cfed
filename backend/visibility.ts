/**
 * Who is looking, and what they may not see (DESIGN §1, §3): in a member's workspace, the
 * dossiers, documents, notes and page of an operator with which that member declared a conflict
 * of interest. Lists leave them out through `db/queries/visibility.ts`; a direct access by id is
 * refused here with HIDDEN and a French message saying why.
 */
import type { Db } from '../db/open';
import { getMeta } from '../db/queries/meta';
import { isOperatorHidden, operatorOf, type VisibleThing, type Viewer } from '../db/queries/visibility';
import type { BackendContext } from './context';
import { AppError } from './errors';

/** The member this workspace belongs to (meta 'member_id'), or null for the secretariat. */
export function workspaceMemberId(db: Db): Viewer {
  const value = getMeta(db, 'member_id');
  const id = value ? Number(value) : NaN;
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** The viewer of the open workspace: its member, or null (the secretariat sees everything). */
export const viewerOf = (ctx: BackendContext): Viewer => workspaceMemberId(ctx.workspace.requireDb());

export const DOSSIER_HIDDEN_MESSAGE = 'Ce dossier ne vous est pas communiqué : vous avez déclaré un conflit d’intérêts avec cet opérateur.';
export const OPERATOR_HIDDEN_MESSAGE = 'Cet opérateur ne vous est pas communiqué : vous avez déclaré un conflit d’intérêts avec lui.';

/** Refuses (HIDDEN) the page of an operator hidden from this workspace's member. */
export function requireVisibleOperator(db: Db, operatorId: number): void {
  if (isOperatorHidden(db, workspaceMemberId(db), operatorId)) throw new AppError('HIDDEN', OPERATOR_HIDDEN_MESSAGE);
}

/**
 * Refuses (HIDDEN) a dossier, or a dossier's document or note, whose operator is hidden from this
 * workspace's member. A missing row passes: the caller answers NOT_FOUND as before.
 */
export function requireVisible(db: Db, thing: VisibleThing, id: number): void {
  const viewer = workspaceMemberId(db);
  if (viewer === null) return;
  const operatorId = operatorOf(db, thing, id);
  if (operatorId !== undefined && isOperatorHidden(db, viewer, operatorId)) throw new AppError('HIDDEN', DOSSIER_HIDDEN_MESSAGE);
}
