/**
 * A member never sees the dossiers of an operator with which they declared a conflict of interest
 * (DESIGN §1, §3): lists leave them out (and count without them), a direct access is refused with
 * HIDDEN in French, the secretariat still sees everything. Built from the demo, seen from one
 * member's workspace (`makeMemberDemo`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeMemberDemo } from '../db/demo/member';
import type { Db } from '../db/open';
import type { BackendContext } from './context';
import { createBackend } from './handlers';
import { loadRuleBook, rulesFilePath } from './rules';
import type { Dispatcher } from './rpc/registry';
import { accepted, refusal } from './rpc/testing';
import { DOSSIER_HIDDEN_MESSAGE, OPERATOR_HIDDEN_MESSAGE } from './visibility';
import { Workspace } from './workspace';

/** The demo workspace, its database and the whole backend over it, fresh for each test. */
let workspace: Workspace;
let db: Db;
let backend: Dispatcher;
let dir: string;

const ok = <T>(method: string, input: unknown) => accepted<T>(backend, method, input);
const refused = (method: string, input: unknown) => refusal(backend, method, input);

const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;
const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];

interface Target {
  memberId: number;
  operatorId: number;
  operatorName: string;
  references: string[];
  dossierId: number;
  documentId: number;
  documentDossierId: number;
  noteId: number;
  /** A dossier of another operator, which the member does see. */
  otherDossierId: number;
  otherOperatorId: number;
}

/** The demo's conflict whose operator has the most documents, and what the member may not see. */
function target(): Target {
  const pair = one<{ memberId: number; operatorId: number; operatorName: string }>(
    `SELECT c.member_id AS memberId, c.operator_id AS operatorId, o.name AS operatorName
     FROM conflicts c JOIN operators o ON o.id = c.operator_id JOIN members m ON m.id = c.member_id
     WHERE m.role <> 'secretariat'
     ORDER BY (SELECT count(*) FROM documents doc JOIN dossiers d ON d.id = doc.dossier_id WHERE d.operator_id = c.operator_id) DESC,
              (SELECT count(*) FROM notes n JOIN dossiers d ON d.id = n.dossier_id WHERE d.operator_id = c.operator_id AND n.visibility = 'shared') DESC, c.id
     LIMIT 1`,
  );
  const references = all<{ reference: string }>('SELECT reference FROM dossiers WHERE operator_id = ?', pair.operatorId).map((r) => r.reference);
  const note = one<{ id: number; dossierId: number }>(
    `SELECT n.id, n.dossier_id AS dossierId FROM notes n JOIN dossiers d ON d.id = n.dossier_id WHERE d.operator_id = ? AND n.visibility = 'shared' ORDER BY n.id LIMIT 1`,
    pair.operatorId,
  );
  const document = one<{ id: number; dossierId: number }>(
    'SELECT doc.id, doc.dossier_id AS dossierId FROM documents doc JOIN dossiers d ON d.id = doc.dossier_id WHERE d.operator_id = ? ORDER BY doc.id LIMIT 1',
    pair.operatorId,
  );
  const other = one<{ id: number; operatorId: number }>(
    `SELECT d.id, d.operator_id AS operatorId FROM dossiers d
     WHERE NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.member_id = ? AND c.operator_id = d.operator_id) ORDER BY d.id LIMIT 1`,
    pair.memberId,
  );
  return { ...pair, references, dossierId: note.dossierId, documentId: document.id, documentDossierId: document.dossierId, noteId: note.id, otherDossierId: other.id, otherOperatorId: other.operatorId };
}

const LIST = { limit: 1000 };
const DEADLINES = { filters: { horizonDays: 3660 }, limit: 1000 };

/** What the lists show, serialised, with their counts. */
async function lists() {
  const dossiers = await ok<{ total: number; rows: unknown[] }>('dossiers.list', LIST);
  const grouped = await ok<{ total: number; rows: unknown[]; groups: { count: number }[] }>('dossiers.list', { ...LIST, groupBy: 'status' });
  const operators = await ok<{ total: number; rows: unknown[] }>('operators.list', { limit: 500 });
  const deadlines = await ok<{ total: number; rows: unknown[] }>('deadlines.list', DEADLINES);
  const csv = await ok<{ content: string; rows: number }>('deadlines.exportCsv', { filters: DEADLINES.filters });
  return { dossiers, grouped, operators, deadlines, csv };
}

let t: Target;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'comes-visibility-'));
  workspace = new Workspace(dir);
  const ctx: BackendContext = { workspace, today: () => '2026-11-22', rules: loadRuleBook(rulesFilePath()) };
  backend = createBackend(ctx, { log: () => undefined });
  await ok('workspace.loadDemo', {});
  db = workspace.requireDb();
  t = target();
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the secretariat', () => {
  it('sees the operator’s dossiers, page, deadlines and documents', async () => {
    const seen = await lists();
    expect(JSON.stringify(seen.dossiers)).toContain(t.operatorName);
    for (const reference of t.references) expect(JSON.stringify(seen.dossiers)).toContain(reference);
    expect(JSON.stringify(seen.operators)).toContain(t.operatorName);
    expect(JSON.stringify(seen.deadlines)).toContain(t.operatorName);
    expect(seen.csv.content).toContain(t.operatorName);
    await ok('dossiers.review', { id: t.dossierId });
    await ok('operators.get', { id: t.operatorId });
    await ok('compliance.dossier', { id: t.dossierId });
    expect(await ok<unknown[]>('documents.list', { dossierId: t.documentDossierId })).not.toHaveLength(0);
    expect((await ok<unknown[]>('notes.list', { dossierId: t.dossierId })).length).toBeGreaterThan(0);
  });
});

describe('a member with a declared conflict of interest', () => {
  it('does not find the operator’s dossiers in the Dossiers list, and the counts agree without them', async () => {
    const before = await lists();
    makeMemberDemo(db, t.memberId);
    const seen = await lists();
    const serialised = JSON.stringify(seen.dossiers);
    expect(serialised).not.toContain(t.operatorName);
    for (const reference of t.references) expect(serialised).not.toContain(reference);
    expect(seen.dossiers.total).toBe(before.dossiers.total - t.references.length);
    expect(seen.dossiers.rows).toHaveLength(seen.dossiers.total);
    // Grouped: the groups count the same dossiers as the rows.
    expect(JSON.stringify(seen.grouped)).not.toContain(t.operatorName);
    expect(seen.grouped.total).toBe(seen.dossiers.total);
    expect(seen.grouped.groups.reduce((sum, g) => sum + g.count, 0)).toBe(seen.grouped.rows.length);
    // Searching the table for the operator’s name finds nothing.
    expect((await ok<{ total: number }>('dossiers.list', { filters: { text: t.operatorName } })).total).toBe(0);
  });

  it('does not find the operator in the operators list, nor its deadlines in the Échéances or their CSV', async () => {
    const before = await lists();
    makeMemberDemo(db, t.memberId);
    const seen = await lists();
    expect(JSON.stringify(seen.operators)).not.toContain(t.operatorName);
    expect(seen.operators.total).toBe(before.operators.total - 1);
    expect(JSON.stringify(seen.deadlines)).not.toContain(t.operatorName);
    expect(seen.deadlines.total).toBeLessThan(before.deadlines.total);
    expect(seen.deadlines.rows).toHaveLength(seen.deadlines.total);
    expect(seen.csv.content).not.toContain(t.operatorName);
    expect(seen.csv.rows).toBe(seen.deadlines.total);
  });

  it('is refused each of the operator’s dossiers by its id, in French, whatever the method', async () => {
    makeMemberDemo(db, t.memberId);
    const calls: [string, unknown][] = [
      ['dossiers.get', { id: t.dossierId }],
      ['dossiers.review', { id: t.dossierId }],
      ['dossiers.markVisited', { id: t.dossierId }],
      ['dossiers.getForEdit', { id: t.dossierId }],
      ['reports.get', { dossierId: t.dossierId }],
      ['inspections.get', { dossierId: t.dossierId }],
      ['compliance.dossier', { id: t.dossierId }],
      ['documents.list', { dossierId: t.dossierId }],
      ['documents.list', { dossierId: t.documentDossierId }],
      ['documents.content', { id: t.documentId }],
      ['notes.list', { dossierId: t.dossierId }],
      ['entry.history', { entity: 'dossier', entityId: t.dossierId }],
    ];
    for (const [method, input] of calls) {
      const error = await refused(method, input);
      expect({ method, code: error.code, message: error.message }).toEqual({ method, code: 'HIDDEN', message: DOSSIER_HIDDEN_MESSAGE });
      expect(error.message).toBe('Ce dossier ne vous est pas communiqué : vous avez déclaré un conflit d’intérêts avec cet opérateur.');
    }
  });

  it('is refused the operator’s page, its compliance trend and its history', async () => {
    makeMemberDemo(db, t.memberId);
    for (const [method, input] of [
      ['operators.get', { id: t.operatorId }],
      ['compliance.operator', { id: t.operatorId }],
      ['entry.history', { entity: 'operator', entityId: t.operatorId }],
    ] as const) {
      const error = await refused(method, input);
      expect({ method, code: error.code, message: error.message }).toEqual({ method, code: 'HIDDEN', message: OPERATOR_HIDDEN_MESSAGE });
    }
    expect(OPERATOR_HIDDEN_MESSAGE).toMatch(/^Cet opérateur ne vous est pas communiqué : vous avez déclaré un conflit d’intérêts/);
  });

  it('cannot write or change a note on the operator’s dossiers: refused, nothing written', async () => {
    makeMemberDemo(db, t.memberId);
    const notes = () => all('SELECT * FROM notes ORDER BY id');
    const before = notes();
    const note = one<{ version: number }>('SELECT version FROM notes WHERE id = ?', t.noteId);
    for (const [method, input] of [
      ['notes.create', { dossierId: t.dossierId, visibility: 'private', body: 'Mon avis' }],
      ['notes.update', { id: t.noteId, version: note.version, body: 'Modifié', visibility: 'shared' }],
      ['notes.delete', { id: t.noteId, version: note.version }],
    ] as const) {
      expect((await refused(method, input)).code).toBe('HIDDEN');
    }
    expect(notes()).toEqual(before);
  });

  it('still sees every other operator’s dossiers, and unknown ids still answer NOT_FOUND', async () => {
    makeMemberDemo(db, t.memberId);
    await ok('dossiers.get', { id: t.otherDossierId });
    await ok('dossiers.review', { id: t.otherDossierId });
    await ok('compliance.dossier', { id: t.otherDossierId });
    await ok('documents.list', { dossierId: t.otherDossierId });
    await ok('notes.list', { dossierId: t.otherDossierId });
    await ok('operators.get', { id: t.otherOperatorId });
    await ok('compliance.operator', { id: t.otherOperatorId });
    expect((await refused('dossiers.review', { id: 999_999 })).code).toBe('NOT_FOUND');
    expect((await refused('operators.get', { id: 999_999 })).code).toBe('NOT_FOUND');
  });

  it('does not hide the operator from another member, who declared no conflict with it', async () => {
    const other = one<{ id: number }>(
      `SELECT id FROM members m WHERE role IN ('member', 'president') AND NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.member_id = m.id AND c.operator_id = ?) ORDER BY id LIMIT 1`,
      t.operatorId,
    );
    makeMemberDemo(db, other.id);
    expect(JSON.stringify(await ok('dossiers.list', LIST))).toContain(t.operatorName);
    await ok('dossiers.review', { id: t.dossierId });
    await ok('operators.get', { id: t.operatorId });
  });
});
