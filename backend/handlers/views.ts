import { ViewState, type SavedView } from '../../shared/contract';
import { deleteView, getView, insertView, listViews, updateView, viewNameTaken, type SavedViewRow } from '../../db/queries/views';
import type { BackendContext } from '../context';
import { AppError, notFound } from '../errors';
import type { DomainHandlers } from '../rpc/registry';

/** A stored state that no longer fits the contract (an older app) falls back to the table's defaults. */
function toView(row: SavedViewRow): SavedView {
  const parsed = ViewState.safeParse(JSON.parse(row.state));
  return {
    id: row.id,
    name: row.name,
    updatedAt: row.updatedAt,
    state: parsed.success
      ? parsed.data
      : {
          columns: { order: [], hidden: [], widths: {} },
          filters: { text: '', schemes: [], kinds: [], statuses: [] },
          sort: { column: 'receivedOn', direction: 'desc' },
          groupBy: null,
        },
  };
}

function duplicate(name: string): AppError {
  return new AppError('CONFLICT', `Une vue nommée « ${name.trim()} » existe déjà. Choisissez un autre nom.`, [
    { path: 'name', message: 'Ce nom est déjà pris par une autre vue.' },
  ]);
}

export const viewHandlers: DomainHandlers<BackendContext> = {
  'views.list': (ctx) => ({ views: listViews(ctx.workspace.requireDb()).map(toView) }),

  'views.create': (ctx, { name, state }) => {
    const db = ctx.workspace.requireDb();
    if (viewNameTaken(db, name)) throw duplicate(name);
    return toView(insertView(db, { name, state, actor: ctx.workspace.actor(), at: new Date().toISOString() }));
  },

  'views.update': (ctx, { id, name, state }) => {
    const db = ctx.workspace.requireDb();
    if (!getView(db, id)) throw notFound('Vue');
    if (name !== undefined && viewNameTaken(db, name, id)) throw duplicate(name);
    const row = updateView(db, id, { name, state, actor: ctx.workspace.actor(), at: new Date().toISOString() });
    if (!row) throw notFound('Vue');
    return toView(row);
  },

  'views.delete': (ctx, { id }) => {
    if (!deleteView(ctx.workspace.requireDb(), id, { actor: ctx.workspace.actor(), at: new Date().toISOString() })) throw notFound('Vue');
    return { deleted: true as const };
  },
};
