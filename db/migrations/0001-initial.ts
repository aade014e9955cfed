/**
 * Migration 1: the domain model of DESIGN §2–3.
 *
 * Conventions: STRICT tables; dates are ISO `YYYY-MM-DD` text checked with `date(x) IS x`;
 * timestamps are ISO-8601 UTC text; money is integer cents; FTE are REAL; booleans are
 * INTEGER 0/1. Enumerations repeat the lists of `shared/domain.ts` (a test keeps them in step).
 */
import type { Migration } from './types';

const isDate = (col: string) => `(${col} IS NULL OR date(${col}) IS ${col})`;
const bool = (col: string) => `${col} INTEGER NOT NULL DEFAULT 0 CHECK (${col} IN (0, 1))`;

export const migration0001: Migration = {
  version: 1,
  name: 'initial domain model',
  up: `
-- Workspace facts: profile, display name, demo flag, owner member.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE members (
  id                INTEGER PRIMARY KEY,
  full_name         TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
  organisation      TEXT NOT NULL,
  organisation_kind TEXT NOT NULL CHECK (organisation_kind IN ('federation', 'union', 'employers', 'administration', 'cabinet', 'other')),
  role              TEXT NOT NULL CHECK (role IN ('president', 'member', 'substitute', 'secretariat', 'observer')),
  ${bool('voting')},
  email             TEXT,
  active_from       TEXT NOT NULL CHECK (${isDate('active_from')}),
  active_to         TEXT CHECK (${isDate('active_to')}),
  CHECK (active_to IS NULL OR active_to >= active_from)
) STRICT;

CREATE TABLE operators (
  id                INTEGER PRIMARY KEY,
  bce               TEXT NOT NULL UNIQUE CHECK (length(bce) = 10 AND bce NOT GLOB '*[^0-9]*' AND substr(bce, 1, 1) IN ('0', '1')),
  name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
  legal_form        TEXT NOT NULL CHECK (legal_form IN ('SC', 'ASBL', 'CPAS', 'SRL', 'SA', 'FONDATION')),
  ${bool('social_enterprise')},
  street            TEXT NOT NULL DEFAULT '',
  postcode          TEXT NOT NULL CHECK (length(postcode) = 4 AND postcode NOT GLOB '*[^0-9]*'),
  commune           TEXT NOT NULL,
  province          TEXT NOT NULL CHECK (province IN ('BW', 'HT', 'LG', 'LX', 'NA')),
  sector            TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX operators_name ON operators (name COLLATE NOCASE);

CREATE TABLE agrements (
  id                INTEGER PRIMARY KEY,
  operator_id       INTEGER NOT NULL REFERENCES operators (id) ON DELETE RESTRICT,
  scheme            TEXT NOT NULL CHECK (scheme IN ('IES', 'EI', 'IDESS', 'AC', 'ETA')),
  number            TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('requested', 'active', 'suspended', 'expired', 'withdrawn', 'renounced', 'refused')),
  first_granted_on  TEXT CHECK (${isDate('first_granted_on')}),
  UNIQUE (scheme, number)
) STRICT;
CREATE INDEX agrements_operator ON agrements (operator_id, scheme);

-- One row per period of validity (2 years, then 4, then indefinite).
CREATE TABLE agrement_periods (
  id                INTEGER PRIMARY KEY,
  agrement_id       INTEGER NOT NULL REFERENCES agrements (id) ON DELETE CASCADE,
  start_on          TEXT NOT NULL CHECK (${isDate('start_on')}),
  end_on            TEXT CHECK (${isDate('end_on')}),
  term              TEXT NOT NULL CHECK (term IN ('2y', '4y', 'indefinite')),
  CHECK ((term = 'indefinite') = (end_on IS NULL)),
  CHECK (end_on IS NULL OR end_on > start_on)
) STRICT;
CREATE INDEX agrement_periods_agrement ON agrement_periods (agrement_id, start_on);

-- IDESS activities covered by an agrément (an extension adds one).
CREATE TABLE agrement_activities (
  agrement_id       INTEGER NOT NULL REFERENCES agrements (id) ON DELETE CASCADE,
  activity          TEXT NOT NULL CHECK (activity IN ('home_repairs', 'green_spaces', 'social_transport', 'social_laundry', 'social_shop', 'cleaning_small_asbl')),
  since_on          TEXT NOT NULL CHECK (${isDate('since_on')}),
  PRIMARY KEY (agrement_id, activity)
) STRICT;

CREATE TABLE sessions (
  id                INTEGER PRIMARY KEY,
  number            INTEGER NOT NULL UNIQUE CHECK (number > 0),
  held_on           TEXT NOT NULL CHECK (${isDate('held_on')}),
  starts_at         TEXT NOT NULL DEFAULT '09:30' CHECK (starts_at GLOB '[0-2][0-9]:[0-5][0-9]'),
  place             TEXT NOT NULL DEFAULT '',
  status            TEXT NOT NULL CHECK (status IN ('planned', 'agenda_frozen', 'in_progress', 'closed', 'cancelled')),
  closed_at         TEXT
) STRICT;
CREATE INDEX sessions_held_on ON sessions (held_on);

CREATE TABLE dossiers (
  id                INTEGER PRIMARY KEY,
  reference         TEXT NOT NULL UNIQUE,
  operator_id       INTEGER NOT NULL REFERENCES operators (id) ON DELETE RESTRICT,
  agrement_id       INTEGER REFERENCES agrements (id) ON DELETE SET NULL,
  scheme            TEXT NOT NULL CHECK (scheme IN ('IES', 'EI', 'IDESS', 'AC')),
  kind              TEXT NOT NULL CHECK (kind IN ('agrement', 'renewal', 'extension', 'derogation', 'activity_report', 'inspection', 'suspension', 'withdrawal', 'renunciation')),
  status            TEXT NOT NULL CHECK (status IN ('received', 'incomplete', 'ready', 'scheduled', 'adjourned', 'opinion_given', 'decided', 'closed')),
  subject           TEXT NOT NULL,
  received_on       TEXT NOT NULL CHECK (${isDate('received_on')}),
  complete_on       TEXT CHECK (${isDate('complete_on')}),
  opinion_due_on    TEXT CHECK (${isDate('opinion_due_on')}),
  report_year       INTEGER CHECK (report_year IS NULL OR report_year BETWEEN 1990 AND 2200),
  proposal_outcome  TEXT CHECK (proposal_outcome IS NULL OR proposal_outcome IN ('favourable', 'favourable_conditions', 'unfavourable', 'adjourned_information', 'adjourned_hearing', 'noted')),
  proposal_text     TEXT,
  -- The latest session whose agenda carries the dossier; kept by the agenda_items triggers below.
  last_session_id   INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  CHECK (complete_on IS NULL OR complete_on >= received_on)
) STRICT;
CREATE INDEX dossiers_received ON dossiers (received_on, id);
CREATE INDEX dossiers_operator ON dossiers (operator_id, received_on);
CREATE INDEX dossiers_scheme ON dossiers (scheme, received_on);
CREATE INDEX dossiers_kind ON dossiers (kind, received_on);
CREATE INDEX dossiers_status ON dossiers (status, received_on);
CREATE INDEX dossiers_session ON dossiers (last_session_id);
CREATE INDEX dossiers_agrement ON dossiers (agrement_id);

-- The dossier's timeline: reception, completion, hearings (auditions), status changes…
CREATE TABLE dossier_events (
  id                INTEGER PRIMARY KEY,
  dossier_id        INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  occurred_on       TEXT NOT NULL CHECK (${isDate('occurred_on')}),
  kind              TEXT NOT NULL CHECK (kind IN ('received', 'completed', 'information_requested', 'scheduled', 'hearing', 'opinion', 'decision', 'notification', 'status')),
  title             TEXT NOT NULL,
  detail            TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX dossier_events_dossier ON dossier_events (dossier_id, occurred_on);

-- Yearly activity-report figures. Counts are INTEGER, FTE REAL, money integer cents.
-- NULL means "not provided" (never zero): the compliance rules report missing data.
CREATE TABLE activity_reports (
  id                        INTEGER PRIMARY KEY,
  operator_id               INTEGER NOT NULL REFERENCES operators (id) ON DELETE RESTRICT,
  dossier_id                INTEGER UNIQUE REFERENCES dossiers (id) ON DELETE SET NULL,
  scheme                    TEXT NOT NULL CHECK (scheme IN ('IES', 'EI', 'IDESS', 'AC')),
  year                      INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2200),
  due_on                    TEXT NOT NULL CHECK (${isDate('due_on')}),
  received_on               TEXT CHECK (${isDate('received_on')}),
  headcount                 INTEGER CHECK (headcount >= 0),
  fte_total                 REAL CHECK (fte_total >= 0),
  target_fte_td             REAL CHECK (target_fte_td >= 0),
  target_fte_tgd            REAL CHECK (target_fte_tgd >= 0),
  target_fte_sine           REAL CHECK (target_fte_sine >= 0),
  target_fte_art60          REAL CHECK (target_fte_art60 >= 0),
  target_fte_art61          REAL CHECK (target_fte_art61 >= 0),
  target_headcount          INTEGER CHECK (target_headcount >= 0),
  target_hires              INTEGER CHECK (target_hires >= 0),
  cdi_within_6_months       INTEGER CHECK (cdi_within_6_months >= 0),
  part_time_below_half      INTEGER CHECK (part_time_below_half >= 0),
  lowest_fte_pay_cents      INTEGER CHECK (lowest_fte_pay_cents >= 0),
  highest_fte_pay_cents     INTEGER CHECK (highest_fte_pay_cents >= 0),
  accompaniment_fte         REAL CHECK (accompaniment_fte >= 0),
  training_plan             INTEGER CHECK (training_plan IN (0, 1)),
  training_hours            REAL CHECK (training_hours >= 0),
  yearly_evaluations        INTEGER CHECK (yearly_evaluations IN (0, 1)),
  worker_participation      INTEGER CHECK (worker_participation IN (0, 1)),
  wage_cost_cents           INTEGER CHECK (wage_cost_cents >= 0),
  subsidy_td_cents          INTEGER CHECK (subsidy_td_cents >= 0),
  subsidy_tgd_cents         INTEGER CHECK (subsidy_tgd_cents >= 0),
  other_subsidies_cents     INTEGER CHECK (other_subsidies_cents >= 0),
  turnover_cents            INTEGER CHECK (turnover_cents >= 0),
  operating_result_cents    INTEGER,
  UNIQUE (operator_id, scheme, year),
  CHECK (received_on IS NULL OR received_on > printf('%04d-12-31', year - 1))
) STRICT;

CREATE TABLE inspections (
  id                INTEGER PRIMARY KEY,
  operator_id       INTEGER NOT NULL REFERENCES operators (id) ON DELETE RESTRICT,
  dossier_id        INTEGER REFERENCES dossiers (id) ON DELETE SET NULL,
  inspected_on      TEXT NOT NULL CHECK (${isDate('inspected_on')}),
  inspector         TEXT NOT NULL,
  scope             TEXT NOT NULL,
  conclusion        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX inspections_operator ON inspections (operator_id, inspected_on);
CREATE INDEX inspections_dossier ON inspections (dossier_id);

CREATE TABLE findings (
  id                INTEGER PRIMARY KEY,
  inspection_id     INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
  severity          TEXT NOT NULL CHECK (severity IN ('info', 'minor', 'major', 'critical')),
  description       TEXT NOT NULL CHECK (length(trim(description)) > 0),
  follow_up_due_on  TEXT CHECK (${isDate('follow_up_due_on')}),
  resolved_on       TEXT CHECK (${isDate('resolved_on')})
) STRICT;
CREATE INDEX findings_inspection ON findings (inspection_id);

-- Attached files, stored once in documents/ under their SHA-256.
CREATE TABLE documents (
  id                INTEGER PRIMARY KEY,
  dossier_id        INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  sha256            TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  title             TEXT NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('request', 'activity_report', 'inspection_report', 'proposal', 'correspondence', 'annex')),
  document_date     TEXT CHECK (${isDate('document_date')}),
  filename          TEXT NOT NULL,
  media_type        TEXT NOT NULL,
  size_bytes        INTEGER NOT NULL CHECK (size_bytes >= 0),
  text_content      TEXT NOT NULL DEFAULT '',
  added_at          TEXT NOT NULL,
  UNIQUE (dossier_id, sha256)
) STRICT;
CREATE INDEX documents_sha ON documents (sha256);

CREATE TABLE agenda_items (
  id                   INTEGER PRIMARY KEY,
  session_id           INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  dossier_id           INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE RESTRICT,
  section              TEXT NOT NULL CHECK (section IN ('agrements', 'renewals', 'extensions', 'derogations', 'reports', 'inspections', 'sanctions', 'misc')),
  position             INTEGER NOT NULL CHECK (position > 0),
  rapporteur_member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
  hearing_at           TEXT CHECK (hearing_at IS NULL OR hearing_at GLOB '[0-2][0-9]:[0-5][0-9]'),
  UNIQUE (session_id, dossier_id)
) STRICT;
CREATE INDEX agenda_items_session ON agenda_items (session_id, section, position);
CREATE INDEX agenda_items_dossier ON agenda_items (dossier_id);

CREATE TRIGGER agenda_items_last_session_insert AFTER INSERT ON agenda_items BEGIN
  UPDATE dossiers SET last_session_id = (
    SELECT s.id FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id
    WHERE ai.dossier_id = NEW.dossier_id ORDER BY s.held_on DESC, s.id DESC LIMIT 1)
  WHERE id = NEW.dossier_id;
END;
CREATE TRIGGER agenda_items_last_session_delete AFTER DELETE ON agenda_items BEGIN
  UPDATE dossiers SET last_session_id = (
    SELECT s.id FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id
    WHERE ai.dossier_id = OLD.dossier_id ORDER BY s.held_on DESC, s.id DESC LIMIT 1)
  WHERE id = OLD.dossier_id;
END;

CREATE TABLE attendance (
  session_id        INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  member_id         INTEGER NOT NULL REFERENCES members (id) ON DELETE RESTRICT,
  status            TEXT NOT NULL CHECK (status IN ('present', 'excused', 'absent')),
  PRIMARY KEY (session_id, member_id)
) STRICT;

-- Declared conflicts of interest: the member never sees the operator's agenda items.
CREATE TABLE conflicts (
  id                INTEGER PRIMARY KEY,
  member_id         INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  operator_id       INTEGER NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
  kind              TEXT NOT NULL CHECK (kind IN ('employment', 'board', 'family', 'financial', 'federation', 'other')),
  declared_on       TEXT NOT NULL CHECK (${isDate('declared_on')}),
  note              TEXT NOT NULL DEFAULT '',
  UNIQUE (member_id, operator_id)
) STRICT;
CREATE INDEX conflicts_operator ON conflicts (operator_id);

CREATE TABLE recusals (
  agenda_item_id    INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
  member_id         INTEGER NOT NULL REFERENCES members (id) ON DELETE RESTRICT,
  reason            TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (agenda_item_id, member_id)
) STRICT;

CREATE TABLE notes (
  id                INTEGER PRIMARY KEY,
  dossier_id        INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  author_member_id  INTEGER REFERENCES members (id) ON DELETE SET NULL,
  visibility        TEXT NOT NULL CHECK (visibility IN ('private', 'shared')),
  body              TEXT NOT NULL CHECK (length(trim(body)) > 0),
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX notes_dossier ON notes (dossier_id, created_at);

-- A member's preparation of an agenda item.
CREATE TABLE preparations (
  member_id         INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  agenda_item_id    INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
  status            TEXT NOT NULL CHECK (status IN ('unread', 'read', 'prepared')),
  draft_outcome     TEXT CHECK (draft_outcome IS NULL OR draft_outcome IN ('favourable', 'favourable_conditions', 'unfavourable', 'adjourned_information', 'adjourned_hearing', 'noted')),
  updated_at        TEXT NOT NULL,
  PRIMARY KEY (member_id, agenda_item_id)
) STRICT;

CREATE TABLE opinions (
  id                INTEGER PRIMARY KEY,
  agenda_item_id    INTEGER NOT NULL UNIQUE REFERENCES agenda_items (id) ON DELETE RESTRICT,
  dossier_id        INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE RESTRICT,
  outcome           TEXT NOT NULL CHECK (outcome IN ('favourable', 'favourable_conditions', 'unfavourable', 'adjourned_information', 'adjourned_hearing', 'noted')),
  conditions        TEXT NOT NULL DEFAULT '',
  motivation        TEXT NOT NULL DEFAULT '',
  consensus         INTEGER NOT NULL DEFAULT 0 CHECK (consensus IN (0, 1)),
  votes_for         INTEGER CHECK (votes_for >= 0),
  votes_against     INTEGER CHECK (votes_against >= 0),
  votes_abstain     INTEGER CHECK (votes_abstain >= 0),
  given_on          TEXT NOT NULL CHECK (${isDate('given_on')}),
  CHECK (outcome NOT IN ('unfavourable', 'favourable_conditions') OR length(trim(motivation)) > 0),
  CHECK (outcome <> 'favourable_conditions' OR length(trim(conditions)) > 0)
) STRICT;
CREATE INDEX opinions_dossier ON opinions (dossier_id);

-- Corrections made after the session was closed; the original opinion row is kept as it was.
CREATE TABLE opinion_amendments (
  id                INTEGER PRIMARY KEY,
  opinion_id        INTEGER NOT NULL REFERENCES opinions (id) ON DELETE RESTRICT,
  amended_on        TEXT NOT NULL CHECK (${isDate('amended_on')}),
  reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  outcome           TEXT NOT NULL CHECK (outcome IN ('favourable', 'favourable_conditions', 'unfavourable', 'adjourned_information', 'adjourned_hearing', 'noted')),
  conditions        TEXT NOT NULL DEFAULT '',
  motivation        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX opinion_amendments_opinion ON opinion_amendments (opinion_id);

CREATE TABLE decisions (
  id                INTEGER PRIMARY KEY,
  dossier_id        INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE RESTRICT,
  kind              TEXT NOT NULL CHECK (kind IN ('grant', 'refuse', 'renew', 'extend', 'derogation_granted', 'derogation_refused', 'suspension_total', 'suspension_partial', 'suspension_lifted', 'withdrawal')),
  term              TEXT CHECK (term IS NULL OR term IN ('2y', '4y', 'indefinite')),
  decided_on        TEXT NOT NULL CHECK (${isDate('decided_on')}),
  notified_on       TEXT CHECK (${isDate('notified_on')}),
  reference         TEXT NOT NULL DEFAULT '',
  note              TEXT NOT NULL DEFAULT '',
  CHECK (notified_on IS NULL OR notified_on >= decided_on)
) STRICT;
CREATE INDEX decisions_dossier ON decisions (dossier_id);

CREATE TABLE deadlines (
  id                INTEGER PRIMARY KEY,
  operator_id       INTEGER NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
  dossier_id        INTEGER REFERENCES dossiers (id) ON DELETE CASCADE,
  kind              TEXT NOT NULL CHECK (kind IN ('report_due', 'renewal_window_opens', 'renewal_window_closes', 'agrement_expires', 'condition_follow_up', 'appeal_window', 'opinion_due')),
  due_on            TEXT NOT NULL CHECK (${isDate('due_on')}),
  description       TEXT NOT NULL,
  done_on           TEXT CHECK (${isDate('done_on')})
) STRICT;
CREATE INDEX deadlines_due ON deadlines (due_on) WHERE done_on IS NULL;
CREATE INDEX deadlines_operator ON deadlines (operator_id, due_on);
CREATE INDEX deadlines_dossier ON deadlines (dossier_id);

-- Append-only, hash-chained audit log: hash = sha256(prev_hash | at | actor | action | entity | entity_id | changes).
CREATE TABLE audit_log (
  id                INTEGER PRIMARY KEY,
  at                TEXT NOT NULL,
  actor             TEXT NOT NULL,
  action            TEXT NOT NULL,
  entity            TEXT NOT NULL,
  entity_id         INTEGER,
  changes           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(changes)),
  prev_hash         TEXT NOT NULL,
  hash              TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- French full-text index: case and diacritics folded (remove_diacritics 2), prefix queries served.
-- One row per searchable text, rowid = source id * 8 + source code (dossier 1, note 2, finding 3,
-- document 4) so that the triggers below reach their row directly.
CREATE VIRTUAL TABLE search_index USING fts5 (
  source UNINDEXED,
  source_id UNINDEXED,
  dossier_id UNINDEXED,
  title,
  body,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

CREATE TRIGGER dossiers_fts_insert AFTER INSERT ON dossiers BEGIN
  INSERT INTO search_index (rowid, source, source_id, dossier_id, title, body)
  VALUES (NEW.id * 8 + 1, 'dossier', NEW.id, NEW.id, NEW.reference || ' ' || NEW.subject, coalesce(NEW.proposal_text, ''));
END;
CREATE TRIGGER dossiers_fts_update AFTER UPDATE OF reference, subject, proposal_text ON dossiers BEGIN
  UPDATE search_index SET title = NEW.reference || ' ' || NEW.subject, body = coalesce(NEW.proposal_text, '')
  WHERE rowid = NEW.id * 8 + 1;
END;
CREATE TRIGGER dossiers_fts_delete AFTER DELETE ON dossiers BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
END;

CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
  INSERT INTO search_index (rowid, source, source_id, dossier_id, title, body) VALUES (NEW.id * 8 + 2, 'note', NEW.id, NEW.dossier_id, '', NEW.body);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF body ON notes BEGIN
  UPDATE search_index SET body = NEW.body WHERE rowid = NEW.id * 8 + 2;
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 8 + 2;
END;

CREATE TRIGGER findings_fts_insert AFTER INSERT ON findings BEGIN
  INSERT INTO search_index (rowid, source, source_id, dossier_id, title, body)
  VALUES (NEW.id * 8 + 3, 'finding', NEW.id, (SELECT dossier_id FROM inspections WHERE id = NEW.inspection_id), '', NEW.description);
END;
CREATE TRIGGER findings_fts_update AFTER UPDATE OF description ON findings BEGIN
  UPDATE search_index SET body = NEW.description WHERE rowid = NEW.id * 8 + 3;
END;
CREATE TRIGGER findings_fts_delete AFTER DELETE ON findings BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 8 + 3;
END;

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO search_index (rowid, source, source_id, dossier_id, title, body) VALUES (NEW.id * 8 + 4, 'document', NEW.id, NEW.dossier_id, NEW.title, NEW.text_content);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text_content ON documents BEGIN
  UPDATE search_index SET title = NEW.title, body = NEW.text_content WHERE rowid = NEW.id * 8 + 4;
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 8 + 4;
END;
`,
};
