/**
 * Closing a session: its items with their opinion (or why none), the amendments of its opinions,
 * the closing write guarded by `version`, and the amendments kept beside a locked opinion.
 */
import { AGENDA_SECTIONS, type AgendaSection, type OpinionOutcome } from '../../shared/domain';
import type { Db } from '../open';
import { statementCache } from './statements';

const cached = statementCache();

const SECTION_ORDER = `CASE ai.section ${AGENDA_SECTIONS.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END`;

export interface ClosingItemRecord {
  itemId: number;
  number: number;
  section: AgendaSection;
  dossierId: number;
  dossierStatus: string;
  dossierVersion: number;
  reference: string;
  operatorId: number;
  operatorName: string;
  subject: string;
  opinionId: number | null;
  outcome: OpinionOutcome | null;
  conditions: string | null;
  motivation: string | null;
  consensus: number | null;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  givenOn: string | null;
  /** The dossier is on the agenda of a later session (carried there). */
  carried: number;
}

/** The session's items in agenda order, each with its opinion when one was given. */
export function listClosingItems(db: Db, sessionId: number): ClosingItemRecord[] {
  return cached(
    db,
    'items',
    () => `SELECT ai.id AS itemId, ai.position AS number, ai.section, d.id AS dossierId, d.status AS dossierStatus, d.version AS dossierVersion,
              d.reference, d.operator_id AS operatorId, o.name AS operatorName, d.subject,
              op.id AS opinionId, op.outcome, op.conditions, op.motivation, op.consensus, op.votes_for AS votesFor,
              op.votes_against AS votesAgainst, op.votes_abstain AS votesAbstain, op.given_on AS givenOn,
              EXISTS (SELECT 1 FROM agenda_items later JOIN sessions ls ON ls.id = later.session_id
                      WHERE later.dossier_id = ai.dossier_id AND later.id <> ai.id AND ls.status <> 'cancelled' AND ls.held_on > s.held_on) AS carried
       FROM agenda_items ai
       JOIN sessions s ON s.id = ai.session_id
       JOIN dossiers d ON d.id = ai.dossier_id
       JOIN operators o ON o.id = d.operator_id
       LEFT JOIN opinions op ON op.agenda_item_id = ai.id
       WHERE ai.session_id = ?
       ORDER BY ${SECTION_ORDER}, ai.position, ai.id`,
  ).all(sessionId) as ClosingItemRecord[];
}

export interface AmendmentRecord {
  id: number;
  opinionId: number;
  amendedOn: string;
  reason: string;
  outcome: OpinionOutcome;
  conditions: string;
  motivation: string;
}

/** The amendments of the session's opinions, oldest first. */
export function listSessionAmendments(db: Db, sessionId: number): AmendmentRecord[] {
  return cached(
    db,
    'amendments',
    () => `SELECT am.id, am.opinion_id AS opinionId, am.amended_on AS amendedOn, am.reason, am.outcome, am.conditions, am.motivation
       FROM opinion_amendments am
       JOIN opinions op ON op.id = am.opinion_id
       JOIN agenda_items ai ON ai.id = op.agenda_item_id
       WHERE ai.session_id = ?
       ORDER BY am.amended_on, am.id`,
  ).all(sessionId) as AmendmentRecord[];
}

export interface ClosingSessionRecord {
  id: number;
  version: number;
  number: number;
  heldOn: string;
  status: 'planned' | 'agenda_frozen' | 'in_progress' | 'closed' | 'cancelled';
  closedAt: string | null;
}

export function getClosingSession(db: Db, id: number): ClosingSessionRecord | undefined {
  return cached(db, 'session', () => `SELECT id, version, number, held_on AS heldOn, status, closed_at AS closedAt FROM sessions WHERE id = ?`).get(id) as
    | ClosingSessionRecord
    | undefined;
}

/** Closes the session if still at `version` and open; false otherwise. */
export function closeSession(db: Db, id: number, version: number, closedAt: string): boolean {
  return (
    cached(
      db,
      'close',
      () => `UPDATE sessions SET status = 'closed', closed_at = ?, version = version + 1
         WHERE id = ? AND version = ? AND status IN ('agenda_frozen', 'in_progress')`,
    ).run(closedAt, id, version).changes === 1
  );
}

/** Marks an item's dossier adjourned (an item left without opinion at closing). */
export function adjournDossier(db: Db, dossierId: number, now: string): void {
  cached(db, 'adjourn', () => `UPDATE dossiers SET status = 'adjourned', version = version + 1, updated_at = ? WHERE id = ?`).run(now, dossierId);
}

export interface LockedOpinionRecord {
  id: number;
  agendaItemId: number;
  dossierId: number;
  operatorId: number;
  reference: string;
  outcome: OpinionOutcome;
  conditions: string;
  motivation: string;
  givenOn: string;
  sessionId: number;
  sessionNumber: number;
  sessionHeldOn: string;
  sessionStatus: string;
}

export function getOpinionWithSession(db: Db, opinionId: number): LockedOpinionRecord | undefined {
  return cached(
    db,
    'opinion',
    () => `SELECT op.id, op.agenda_item_id AS agendaItemId, op.dossier_id AS dossierId, d.operator_id AS operatorId, d.reference,
              op.outcome, op.conditions, op.motivation, op.given_on AS givenOn,
              s.id AS sessionId, s.number AS sessionNumber, s.held_on AS sessionHeldOn, s.status AS sessionStatus
       FROM opinions op
       JOIN agenda_items ai ON ai.id = op.agenda_item_id
       JOIN sessions s ON s.id = ai.session_id
       JOIN dossiers d ON d.id = op.dossier_id
       WHERE op.id = ?`,
  ).get(opinionId) as LockedOpinionRecord | undefined;
}

export interface AmendmentWrite {
  opinionId: number;
  amendedOn: string;
  reason: string;
  outcome: OpinionOutcome;
  conditions: string;
  motivation: string;
}

export function insertAmendment(db: Db, a: AmendmentWrite): number {
  return Number(
    cached(
      db,
      'amend',
      () => `INSERT INTO opinion_amendments (opinion_id, amended_on, reason, outcome, conditions, motivation)
         VALUES (@opinionId, @amendedOn, @reason, @outcome, @conditions, @motivation)`,
    ).run(a).lastInsertRowid,
  );
}
