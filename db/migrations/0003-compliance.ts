/**
 * Migration 3: what the compliance checks (issue 4) read and store.
 * - `dossier_compliance`: each dossier's result in a line (worst status, counts, flags), as the
 *   Dossiers table shows and filters it; recomputed by the backend, never edited by hand. Partial
 *   indexes list the dossiers with at least one breach, missing figure or warning: the table's
 *   « non conformes » filter reads them instead of the whole table;
 * - IDESS activities reserved to *précarisés*: whether the agrément records them as such
 *   (NULL: not recorded, which the rules report as missing data);
 * - three figures of the agences-conseil's yearly report (projects supported, enterprises
 *   created, jobs created in FTE), which the commission needs for the complementary subsidy.
 */
import type { Migration } from './types';

export const migration0003: Migration = {
  version: 3,
  name: 'compliance checks',
  up: `
CREATE TABLE dossier_compliance (
  dossier_id     INTEGER PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
  -- The date the dossier was judged at, and the thresholds file (version + content hash) used.
  as_of          TEXT NOT NULL CHECK (date(as_of) IS as_of),
  rules_version  TEXT NOT NULL CHECK (length(rules_version) > 0),
  worst          TEXT NOT NULL CHECK (worst IN ('ok', 'warning', 'breach', 'missing', 'na')),
  breaches       INTEGER NOT NULL CHECK (breaches >= 0),
  warnings       INTEGER NOT NULL CHECK (warnings >= 0),
  missing        INTEGER NOT NULL CHECK (missing >= 0),
  -- [{"ruleId": "ei.target_share", "status": "breach"}, …]: the rules not ok nor na, worst first.
  flags          TEXT NOT NULL CHECK (json_valid(flags) AND json_type(flags) = 'array')
) STRICT;
CREATE INDEX dossier_compliance_breaches ON dossier_compliance (dossier_id) WHERE breaches > 0;
CREATE INDEX dossier_compliance_missing ON dossier_compliance (dossier_id) WHERE missing > 0;
CREATE INDEX dossier_compliance_warnings ON dossier_compliance (dossier_id) WHERE warnings > 0;

ALTER TABLE agrement_activities ADD COLUMN precarious_only INTEGER CHECK (precarious_only IN (0, 1));

ALTER TABLE activity_reports ADD COLUMN ac_projects_supported INTEGER CHECK (ac_projects_supported >= 0);
ALTER TABLE activity_reports ADD COLUMN ac_enterprises_created INTEGER CHECK (ac_enterprises_created >= 0);
ALTER TABLE activity_reports ADD COLUMN ac_jobs_created_fte REAL CHECK (ac_jobs_created_fte >= 0);
`,
};
