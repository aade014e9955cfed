/**
 * Migration 2: what reviewing and editing dossiers needs.
 * - saved views of the Dossiers table (kept in the workspace);
 * - when this workspace's user last opened each dossier ("Ce qui a changé");
 * - a version on every editable row, so that an edit based on a stale copy is refused;
 * - update times on figures and findings;
 * - operators in the full-text index (names, BCE numbers, communes), rowid = id * 8 + 5.
 */
import type { Migration } from './types';

const VERSIONED = ['operators', 'agrements', 'agrement_periods', 'dossiers', 'activity_reports', 'inspections', 'findings', 'notes', 'documents'];

export const migration0002: Migration = {
  version: 2,
  name: 'review and editing',
  up: `
CREATE TABLE saved_views (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
  -- Columns, order, widths, filters, sort and grouping, as validated by the contract.
  state       TEXT NOT NULL CHECK (json_valid(state)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE dossier_visits (
  dossier_id  INTEGER PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
  visited_at  TEXT NOT NULL
) STRICT;

${VERSIONED.map((table) => `ALTER TABLE ${table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);`).join('\n')}

ALTER TABLE activity_reports ADD COLUMN updated_at TEXT;
ALTER TABLE findings ADD COLUMN updated_at TEXT;
ALTER TABLE inspections ADD COLUMN updated_at TEXT;

INSERT INTO search_index (rowid, source, source_id, dossier_id, title, body)
  SELECT id * 8 + 5, 'operator', id, NULL, name, bce || ' ' || postcode || ' ' || commune FROM operators;

CREATE TRIGGER operators_fts_insert AFTER INSERT ON operators BEGIN
  INSERT INTO search_index (rowid, source, source_id, dossier_id, title, body)
  VALUES (NEW.id * 8 + 5, 'operator', NEW.id, NULL, NEW.name, NEW.bce || ' ' || NEW.postcode || ' ' || NEW.commune);
END;
CREATE TRIGGER operators_fts_update AFTER UPDATE OF name, bce, postcode, commune ON operators BEGIN
  UPDATE search_index SET title = NEW.name, body = NEW.bce || ' ' || NEW.postcode || ' ' || NEW.commune
  WHERE rowid = NEW.id * 8 + 5;
END;
CREATE TRIGGER operators_fts_delete AFTER DELETE ON operators BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 8 + 5;
END;
`,
};
