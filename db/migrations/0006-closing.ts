/**
 * Migration 6: closing a session locks its opinions (issue 5).
 *
 * - an opinion whose session is closed can be neither changed nor deleted: a later correction is
 *   an amendment (`opinion_amendments`), kept beside the original. The database refuses it even
 *   if a handler forgot to;
 * - a `version` on decisions, so that adding the notification date later from a stale copy is
 *   refused (as for the rows of migrations 2 and 5).
 */
import type { Migration } from './types';

const SESSION_OF = (item: string) => `(SELECT s.status FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id WHERE ai.id = ${item})`;

export const migration0006: Migration = {
  version: 6,
  name: 'closing locks opinions',
  up: `
CREATE TRIGGER opinions_locked_update BEFORE UPDATE ON opinions
WHEN ${SESSION_OF('OLD.agenda_item_id')} = 'closed' OR ${SESSION_OF('NEW.agenda_item_id')} = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'opinion locked: its session is closed, record an amendment');
END;
CREATE TRIGGER opinions_locked_delete BEFORE DELETE ON opinions
WHEN ${SESSION_OF('OLD.agenda_item_id')} = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'opinion locked: its session is closed');
END;
ALTER TABLE decisions ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);
`,
};
