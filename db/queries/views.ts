/**
 * Saved views of the Dossiers table (table saved_views of migration 2). The state is stored as
 * JSON after validation by the contract; names are unique regardless of case.
 */
import { appendAudit } from '../audit';
import type { Db } from '../open';

export interface SavedViewRow {
  id: number;
  name: string;
  state: string;
  updatedAt: string;
}

export function listViews(db: Db): SavedViewRow[] {
  return db.prepare('SELECT id, name, state, updated_at AS updatedAt FROM saved_views ORDER BY name COLLATE NOCASE, id').all() as SavedViewRow[];
}

export function getView(db: Db, id: number): SavedViewRow | undefined {
  return db.prepare('SELECT id, name, state, updated_at AS updatedAt FROM saved_views WHERE id = ?').get(id) as SavedViewRow | undefined;
}

/**
 * Another view with this name, except `exceptId`. Case is ignored for every letter (SQLite's
 * NOCASE of the UNIQUE constraint only folds ASCII: « À traiter » and « à traiter » are one name).
 */
export function viewNameTaken(db: Db, name: string, exceptId: number | null = null): boolean {
  const wanted = name.trim().toLocaleLowerCase('fr');
  const names = db.prepare('SELECT name FROM saved_views WHERE id IS NOT ?').pluck().all(exceptId) as string[];
  return names.some((other) => other.toLocaleLowerCase('fr') === wanted);
}

export function insertView(db: Db, input: { name: string; state: unknown; actor: string; at: string }): SavedViewRow {
  return db.transaction(() => {
    const id = Number(
      db
        .prepare('INSERT INTO saved_views (name, state, created_at, updated_at) VALUES (?, ?, ?, ?)')
        .run(input.name.trim(), JSON.stringify(input.state), input.at, input.at).lastInsertRowid,
    );
    appendAudit(db, { actor: input.actor, action: 'view.create', entity: 'saved_view', entityId: id, changes: { name: { from: null, to: input.name.trim() } }, at: input.at });
    return getView(db, id)!;
  })();
}

/** Renames and/or replaces the state; undefined when the view does not exist. */
export function updateView(
  db: Db,
  id: number,
  input: { name?: string | undefined; state?: unknown; actor: string; at: string },
): SavedViewRow | undefined {
  return db.transaction(() => {
    const before = getView(db, id);
    if (!before) return undefined;
    const name = input.name === undefined ? before.name : input.name.trim();
    const state = input.state === undefined ? before.state : JSON.stringify(input.state);
    db.prepare('UPDATE saved_views SET name = ?, state = ?, updated_at = ? WHERE id = ?').run(name, state, input.at, id);
    const changes: Record<string, unknown> = {};
    if (name !== before.name) changes.name = { from: before.name, to: name };
    if (state !== before.state) changes.state = { from: JSON.parse(before.state) as unknown, to: JSON.parse(state) as unknown };
    appendAudit(db, { actor: input.actor, action: 'view.update', entity: 'saved_view', entityId: id, changes, at: input.at });
    return getView(db, id)!;
  })();
}

export function deleteView(db: Db, id: number, input: { actor: string; at: string }): boolean {
  return db.transaction(() => {
    const before = getView(db, id);
    if (!before) return false;
    db.prepare('DELETE FROM saved_views WHERE id = ?').run(id);
    appendAudit(db, { actor: input.actor, action: 'view.delete', entity: 'saved_view', entityId: id, changes: { name: { from: before.name, to: null } }, at: input.at });
    return true;
  })();
}
