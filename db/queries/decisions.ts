/**
 * Ministerial decisions on a dossier: the dossier and its latest opinion (as amended), its
 * decisions, and the writes — recording one (the dossier becomes decided, with timeline events)
 * and adding the notification date later, guarded by `version`.
 */
import type { DecisionKind, OpinionOutcome, Term } from '../../shared/domain';
import type { Db } from '../open';
import { statementCache } from './statements';

const cached = statementCache();

export interface DecisionDossierRecord {
  id: number;
  version: number;
  reference: string;
  status: string;
  operatorId: number;
  operatorName: string;
}

export function getDecisionDossier(db: Db, id: number): DecisionDossierRecord | undefined {
  return cached(
    db,
    'dossier',
    () => `SELECT d.id, d.version, d.reference, d.status, d.operator_id AS operatorId, o.name AS operatorName
       FROM dossiers d JOIN operators o ON o.id = d.operator_id WHERE d.id = ?`,
  ).get(id) as DecisionDossierRecord | undefined;
}

export interface LatestOpinionRecord {
  outcome: OpinionOutcome;
  givenOn: string;
  sessionNumber: number;
}

/** The dossier's latest opinion, with the outcome of its latest amendment when it was rectified. */
export function latestOpinionOf(db: Db, dossierId: number): LatestOpinionRecord | undefined {
  return cached(
    db,
    'opinion',
    () => `SELECT coalesce((SELECT am.outcome FROM opinion_amendments am WHERE am.opinion_id = op.id ORDER BY am.amended_on DESC, am.id DESC LIMIT 1), op.outcome) AS outcome,
              op.given_on AS givenOn, s.number AS sessionNumber
       FROM opinions op
       JOIN agenda_items ai ON ai.id = op.agenda_item_id
       JOIN sessions s ON s.id = ai.session_id
       WHERE op.dossier_id = ?
       ORDER BY op.given_on DESC, op.id DESC LIMIT 1`,
  ).get(dossierId) as LatestOpinionRecord | undefined;
}

export interface OpinionStandingRecord extends LatestOpinionRecord {
  sessionStatus: string;
}

/**
 * The dossier's latest opinion with its effective outcome (after amendments) and the status of the
 * session that gave it: a decision may follow it only once that session is closed.
 */
export function latestOpinionStandingOf(db: Db, dossierId: number): OpinionStandingRecord | undefined {
  return cached(
    db,
    'opinion-standing',
    () => `SELECT coalesce((SELECT am.outcome FROM opinion_amendments am WHERE am.opinion_id = op.id ORDER BY am.amended_on DESC, am.id DESC LIMIT 1), op.outcome) AS outcome,
              op.given_on AS givenOn, s.number AS sessionNumber, s.status AS sessionStatus
       FROM opinions op
       JOIN agenda_items ai ON ai.id = op.agenda_item_id
       JOIN sessions s ON s.id = ai.session_id
       WHERE op.dossier_id = ?
       ORDER BY op.given_on DESC, op.id DESC LIMIT 1`,
  ).get(dossierId) as OpinionStandingRecord | undefined;
}

export interface DecisionRecord {
  id: number;
  version: number;
  dossierId: number;
  kind: DecisionKind;
  term: Term | null;
  decidedOn: string;
  notifiedOn: string | null;
  reference: string;
  note: string;
}

const DECISION_SELECT = `SELECT id, version, dossier_id AS dossierId, kind, term, decided_on AS decidedOn, notified_on AS notifiedOn, reference, note FROM decisions`;

export function listDossierDecisions(db: Db, dossierId: number): DecisionRecord[] {
  return cached(db, 'list', () => `${DECISION_SELECT} WHERE dossier_id = ? ORDER BY decided_on, id`).all(dossierId) as DecisionRecord[];
}

export function getDecision(db: Db, id: number): DecisionRecord | undefined {
  return cached(db, 'get', () => `${DECISION_SELECT} WHERE id = ?`).get(id) as DecisionRecord | undefined;
}

export type DecisionWrite = Omit<DecisionRecord, 'id' | 'version'>;

export function insertDecision(db: Db, d: DecisionWrite): number {
  return Number(
    cached(
      db,
      'insert',
      () => `INSERT INTO decisions (dossier_id, kind, term, decided_on, notified_on, reference, note)
         VALUES (@dossierId, @kind, @term, @decidedOn, @notifiedOn, @reference, @note)`,
    ).run(d).lastInsertRowid,
  );
}

export interface DecisionUpdate {
  notifiedOn: string | null;
  reference: string;
  note: string;
}

/** Updates the decision if still at `version`; false otherwise. */
export function updateDecision(db: Db, id: number, version: number, u: DecisionUpdate): boolean {
  return (
    cached(
      db,
      'update',
      () => `UPDATE decisions SET notified_on = @notifiedOn, reference = @reference, note = @note, version = version + 1
         WHERE id = @id AND version = @version`,
    ).run({ ...u, id, version }).changes === 1
  );
}

/** The dossier becomes decided, if still at `version`; false otherwise. */
export function setDossierDecided(db: Db, id: number, version: number, now: string): boolean {
  return (
    cached(db, 'decided', () => `UPDATE dossiers SET status = 'decided', version = version + 1, updated_at = ? WHERE id = ? AND version = ?`).run(now, id, version)
      .changes === 1
  );
}

/** A line of the dossier's timeline (decision, notification). */
export function insertDossierEvent(db: Db, dossierId: number, occurredOn: string, kind: 'decision' | 'notification', title: string, detail = ''): void {
  cached(db, 'event', () => `INSERT INTO dossier_events (dossier_id, occurred_on, kind, title, detail) VALUES (?, ?, ?, ?, ?)`).run(
    dossierId,
    occurredOn,
    kind,
    title,
    detail,
  );
}
