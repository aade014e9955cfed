/**
 * Migration 5: sessions as the secretariat plans and runs them (issue 5).
 *
 * - a `version` on sessions, agenda items, members and conflicts, so that an edit based on a
 *   stale copy is refused (as for the rows of migration 2);
 * - why a session was cancelled, and when its agenda was frozen;
 * - at most one session a day, cancelled ones aside.
 */
import type { Migration } from './types';

const VERSIONED = ['sessions', 'agenda_items', 'members', 'conflicts'];

export const migration0005: Migration = {
  version: 5,
  name: 'sessions planning',
  up: `
${VERSIONED.map((table) => `ALTER TABLE ${table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);`).join('\n')}
ALTER TABLE sessions ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN agenda_frozen_at TEXT;
CREATE UNIQUE INDEX sessions_one_a_day ON sessions (held_on) WHERE status <> 'cancelled';
CREATE INDEX sessions_status ON sessions (status, held_on);
CREATE INDEX conflicts_member ON conflicts (member_id);
`,
};
