/**
 * Migration 4: the indexes behind the derived deadlines (*échéances*, issue 4).
 *
 * Deadlines are computed from the facts by `db/queries/deadlines.ts`, never stored (the
 * `deadlines` table keeps only the follow-ups the secretariat records). Each branch of that query
 * reads only the open facts, by due date, through a partial index:
 * - yearly reports not received, by due date;
 * - inspection findings not resolved, by follow-up date;
 * - dossiers still waiting for the commission's opinion, by the date it is due;
 * - decisions by notification date (the appeal window runs from it);
 * - agréments in force (active or suspended) by scheme, whose current period gives the renewal
 *   windows and the expiry.
 */
import type { Migration } from './types';

export const migration0004: Migration = {
  version: 4,
  name: 'deadlines',
  up: `
CREATE INDEX activity_reports_open_due ON activity_reports (due_on) WHERE received_on IS NULL;
CREATE INDEX findings_open_follow_up ON findings (follow_up_due_on) WHERE resolved_on IS NULL AND follow_up_due_on IS NOT NULL;
CREATE INDEX dossiers_opinion_due ON dossiers (opinion_due_on)
  WHERE opinion_due_on IS NOT NULL AND status NOT IN ('opinion_given', 'decided', 'closed');
CREATE INDEX decisions_notified ON decisions (notified_on) WHERE notified_on IS NOT NULL;
CREATE INDEX agrements_in_force ON agrements (scheme, operator_id) WHERE status IN ('active', 'suspended');
`,
};
