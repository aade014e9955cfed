import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRuleBook } from '../../shared/compliance';
import { appendAudit } from '../audit';
import { openDatabase, type Db } from '../open';
import { deadlineRulesOf } from './deadlines';
import { seedReviewFixture, type ReviewFixture } from './review.fixture';
import {
  DOSSIER_AUDIT_SQL,
  REPORTS_SQL,
  getVisit,
  listChangesSince,
  listDossierAudit,
  listOpenDeadlines,
  listOperatorAgrements,
  listOperatorDossiers,
  listOperatorFindings,
  listOperatorOpinions,
  listOperatorReports,
  recordVisit,
} from './review';

let dir: string;
let db: Db;
let f: ReviewFixture;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-review-'));
  db = openDatabase(join(dir, 'comes.sqlite'), { create: true });
  f = seedReviewFixture(db);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the operator timeline', () => {
  it('reads only this operator’s dossiers, oldest first', () => {
    expect(listOperatorDossiers(db, f.operatorId).map((d) => d.reference)).toEqual([
      'EI-2022-0003',
      'EI-2024-0001',
      'EI-2025-0001',
      'EI-2026-0001',
      'EI-2026-0002',
    ]);
  });

  it('gives one row per agrément period, in order', () => {
    expect(listOperatorAgrements(db, f.operatorId).map((a) => [a.number, a.startOn, a.term])).toEqual([
      ['EI-017', '2021-03-01', '2y'],
      ['EI-017', '2023-03-01', '4y'],
    ]);
  });

  it('reads opinions with the session they were given in', () => {
    expect(listOperatorOpinions(db, f.operatorId)).toEqual([
      expect.objectContaining({ dossierId: f.renewalDossierId, outcome: 'favourable_conditions', sessionNumber: 140, votesFor: 6 }),
    ]);
    expect(listOperatorOpinions(db, f.otherOperatorId)).toEqual([]);
  });

  it('orders findings by severity within an inspection', () => {
    expect(listOperatorFindings(db, f.operatorId).map((x) => x.severity)).toEqual(['critical', 'major', 'minor']);
  });
});

describe('deadlines', () => {
  it('derives the dossier’s open deadlines, then the operator’s own, never closed ones nor other dossiers’', () => {
    const rules = deadlineRulesOf(parseRuleBook(JSON.parse(readFileSync(join(__dirname, '../../resources/rules/thresholds.json'), 'utf8'))), '2026-11-22');
    expect(listOpenDeadlines(db, f.inspectionDossierId, f.operatorId, '2026-11-22', rules).map((d) => [d.kind, d.dueOn, d.dossierId, d.detail])).toEqual([
      // The findings of this inspection still to follow up (the resolved one is gone).
      ['condition_follow_up', '2026-10-01', f.inspectionDossierId, 'Subventions TD indûment perçues.'],
      ['condition_follow_up', '2026-12-31', f.inspectionDossierId, 'Registre du personnel incomplet.'],
      // The agrément's current period (to 28/02/2027): window closed on 01/09/2026 without a request, expiry; the 2026 report.
      ['renewal_window_closes', '2026-09-01', null, ''],
      ['agrement_expires', '2027-02-28', null, ''],
      ['report_due', '2027-07-15', null, ''],
    ]);
  });
});

describe('figures', () => {
  it('reads every year of the operator for one scheme, oldest first', () => {
    const reports = listOperatorReports(db, f.operatorId, 'EI');
    expect(reports.map((r) => r.year)).toEqual([2023, 2024, 2025]);
    expect(reports[2]).toMatchObject({ fteTotal: 12.5, targetFteTd: 5, highestFtePayCents: 11_000_000, dossierId: f.reportDossiers[2025] });
    expect(listOperatorReports(db, f.operatorId, 'IDESS')).toEqual([]);
  });
});

describe('audit entries of a dossier', () => {
  it('gathers the dossier’s own entries and those of its findings, newest first, but not other dossiers’', () => {
    appendAudit(db, { actor: 'Secrétariat', action: 'dossier.update', entity: 'dossier', entityId: f.inspectionDossierId, changes: { status: { from: 'received', to: 'ready' } } });
    appendAudit(db, { actor: 'Secrétariat', action: 'finding.update', entity: 'finding', entityId: f.findingIds.minor, changes: {} });
    appendAudit(db, { actor: 'Secrétariat', action: 'dossier.update', entity: 'dossier', entityId: f.otherDossierId, changes: {} });
    expect(listDossierAudit(db, f.inspectionDossierId, null).map((a) => a.action)).toEqual(['finding.update', 'dossier.update']);
  });
});

describe('visits and changes', () => {
  it('has no visit before the first one, and a visit never moves back in time', () => {
    expect(getVisit(db, f.inspectionDossierId)).toBeNull();
    expect(recordVisit(db, f.inspectionDossierId, '2026-11-02T10:00:00.000Z')).toBe('2026-11-02T10:00:00.000Z');
    expect(recordVisit(db, f.inspectionDossierId, '2026-11-01T10:00:00.000Z')).toBe('2026-11-02T10:00:00.000Z');
    expect(recordVisit(db, f.inspectionDossierId, '2026-11-03T10:00:00.000Z')).toBe('2026-11-03T10:00:00.000Z');
  });

  it('lists notes added or edited and events dated after the visit', () => {
    const note = db.prepare(`INSERT INTO notes (dossier_id, visibility, body, created_at, updated_at) VALUES (?, 'shared', ?, ?, ?)`);
    note.run(f.inspectionDossierId, 'Ancienne note', '2026-10-01T08:00:00.000Z', '2026-10-01T08:00:00.000Z');
    note.run(f.inspectionDossierId, 'Nouvelle note', '2026-11-05T08:00:00.000Z', '2026-11-05T08:00:00.000Z');
    note.run(f.inspectionDossierId, 'Note corrigée', '2026-10-01T08:00:00.000Z', '2026-11-06T08:00:00.000Z');
    db.prepare(`INSERT INTO dossier_events (dossier_id, occurred_on, kind, title) VALUES (?, '2026-11-07', 'hearing', 'Audition')`).run(f.inspectionDossierId);
    const changes = listChangesSince(db, f.inspectionDossierId, '2026-11-04T12:00:00.000Z', null);
    expect(changes.notes.map((n) => n.body)).toEqual(['Note corrigée', 'Nouvelle note']);
    expect(changes.events.map((e) => e.title)).toEqual(['Audition']);
    expect(changes.documents).toEqual([]);
  });
});

describe('query plans of the hot queries', () => {
  const plan = (sql: string, params: Record<string, unknown>) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n');

  it('reads an operator’s reports by its (operator, scheme, year) index, already in year order', () => {
    const detail = plan(REPORTS_SQL, { operatorId: 1, scheme: 'EI' });
    expect(detail).toMatch(/USING INDEX sqlite_autoindex_activity_reports_\d/);
    expect(detail).not.toContain('TEMP B-TREE');
    expect(detail).not.toMatch(/^SCAN /m);
  });

  it('reads the operator timeline by operator_id through indexes, never scanning a table', () => {
    const timeline = [
      `SELECT id FROM dossiers WHERE operator_id = @id ORDER BY received_on, id`,
      `SELECT op.id FROM dossiers d JOIN opinions op ON op.dossier_id = d.id JOIN agenda_items ai ON ai.id = op.agenda_item_id
         JOIN sessions s ON s.id = ai.session_id WHERE d.operator_id = @id`,
      `SELECT de.id FROM dossiers d JOIN decisions de ON de.dossier_id = d.id WHERE d.operator_id = @id`,
      `SELECT a.id FROM agrements a LEFT JOIN agrement_periods p ON p.agrement_id = a.id WHERE a.operator_id = @id`,
      `SELECT f.id FROM inspections i JOIN findings f ON f.inspection_id = i.id WHERE i.operator_id = @id`,
    ];
    for (const sql of timeline) {
      const detail = plan(sql, { id: 1 });
      expect(detail, sql).not.toMatch(/^SCAN /m);
      expect(detail, sql).toMatch(/dossiers_operator|agrements_operator|inspections_operator/);
    }
  });

  it('reaches the audit entries of a dossier through the (entity, entity_id) index', () => {
    const detail = plan(DOSSIER_AUDIT_SQL, { id: 1, memberId: null });
    expect(detail).toContain('audit_log_entity');
    expect(detail).not.toMatch(/^SCAN audit_log/m);
  });
});
