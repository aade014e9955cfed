/**
 * Opening a workspace database: migration 1, refusals that leave the file untouched, a failing
 * migration rolled back whole, the append-only audit log, and the enumerations of shared/domain.ts
 * kept in step with the CHECK constraints of the migration.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AGENDA_SECTIONS,
  AGREMENT_SCHEMES,
  DEADLINE_KINDS,
  DECISION_KINDS,
  DOCUMENT_KINDS,
  DOSSIER_KINDS,
  DOSSIER_STATUSES,
  FINDING_SEVERITIES,
  LEGAL_FORMS,
  MEMBER_ROLES,
  OPINION_OUTCOMES,
  PROVINCES,
  SCHEMES,
  SESSION_STATUSES,
  TERMS,
} from '../shared/domain';
import { appendAudit, verifyAuditChain } from './audit';
import { MIGRATIONS, type Migration } from './migrations/index';
import { APPLICATION_ID, fold, LATEST_VERSION, migrate, openDatabase, WorkspaceError, type Db } from './open';

let dir: string;
let file: string;
const opened: Db[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-db-'));
  file = join(dir, 'comes.sqlite');
});

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(path = file, options: Parameters<typeof openDatabase>[1] = { create: true }): Db {
  const db = openDatabase(path, options);
  opened.push(db);
  return db;
}

/** Name, size, mtime and hash of every file in the folder: what "untouched" is compared on. */
function folderState(): Record<string, { size: number; mtimeMs: number; sha256: string }> {
  const state: Record<string, { size: number; mtimeMs: number; sha256: string }> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    state[name] = { size: stat.size, mtimeMs: stat.mtimeMs, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
  }
  return state;
}

function refusal(action: () => unknown): WorkspaceError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkspaceError);
    return error as WorkspaceError;
  }
  throw new Error('expected a WorkspaceError');
}

/** A database made by some other program, with better-sqlite3 directly. */
function makeForeign(setup: (db: Db) => void, options: { wal?: boolean } = {}): void {
  const db = new Database(file);
  if (options.wal) db.pragma('journal_mode = WAL');
  setup(db);
  db.close();
}

const NOW = '2026-03-02T09:00:00.000Z';

function insertOperator(db: Db, id = 1): void {
  db.prepare(
    `INSERT INTO operators (id, bce, name, legal_form, postcode, commune, province, sector, created_at, updated_at)
     VALUES (?, ?, 'Les Ateliers du Nord', 'ASBL', '5000', 'Namur', 'NA', 'Recyclage', ?, ?)`,
  ).run(id, `04${String(id).padStart(8, '0')}`, NOW, NOW);
}

function insertDossier(db: Db, id: number, subject: string, operatorId = 1): void {
  db.prepare(
    `INSERT INTO dossiers (id, reference, operator_id, scheme, kind, status, subject, received_on, created_at, updated_at)
     VALUES (?, ?, ?, 'IES', 'agrement', 'received', ?, '2026-01-15', ?, ?)`,
  ).run(id, `D-2026-${String(id).padStart(3, '0')}`, operatorId, subject, NOW, NOW);
}

describe('the migrations on a new file', () => {
  it('sets user_version and the COMES application_id, WAL and foreign keys', () => {
    const db = open();
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(APPLICATION_ID).toBe(0x434f4d45);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('makes every table STRICT (FTS5 shadow tables aside)', () => {
    const db = open();
    const objects = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
    const virtual = objects.filter((o) => /^CREATE VIRTUAL TABLE/i.test(o.sql)).map((o) => o.name);
    expect(virtual).toEqual(['search_index']);
    const shadow = (name: string) => virtual.some((v) => name.startsWith(`${v}_`));
    const tables = objects.filter((o) => !virtual.includes(o.name) && !shadow(o.name));
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['meta', 'operators', 'dossiers', 'audit_log', 'documents']));
    for (const table of tables) expect(table.sql, table.name).toMatch(/\)\s*STRICT\s*$/);
  });

  it('indexes dossier subjects for accent- and case-blind full-text search', () => {
    const db = open();
    insertOperator(db);
    insertDossier(db, 1, 'Agrément IES — projet de réinsertion socioprofessionnelle');
    insertDossier(db, 2, 'Renouvellement EI — économie circulaire');
    const search = (query: string) =>
      (db.prepare('SELECT dossier_id AS id FROM search_index WHERE search_index MATCH ? ORDER BY rank').all(query) as { id: number }[]).map((r) => r.id);
    expect(search('reinsertion')).toEqual([1]);
    expect(search('RÉINSERTION')).toEqual([1]);
    expect(search('reins*')).toEqual([1]);
    expect(search('economie')).toEqual([2]);
    // The triggers keep the index in step with edits and deletions.
    db.prepare("UPDATE dossiers SET subject = 'Dérogation — insertion' WHERE id = 1").run();
    expect(search('reinsertion')).toEqual([]);
    db.prepare('DELETE FROM dossiers WHERE id = 2').run();
    expect(search('economie')).toEqual([]);
  });

  it('registers comes_fold for diacritics-blind filters', () => {
    const db = open();
    expect(db.prepare("SELECT comes_fold('Réinsertion ÉCONOMIE') AS f").get()).toEqual({ f: 'reinsertion economie' });
    expect(fold('Coopérative Œuvre')).toBe('cooperative œuvre');
  });

  it('treats an empty (0-byte) file as a new database', () => {
    writeFileSync(file, '');
    const db = open();
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  });

  it('adopts a blank SQLite file (header only, no objects)', () => {
    makeForeign(() => {}, { wal: true });
    expect(statSync(file).size).toBeGreaterThan(0);
    const db = open();
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  });

  it('without create, refuses a missing file and creates nothing', () => {
    const error = refusal(() => openDatabase(file));
    expect(error.reason).toBe('missing');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('opening an existing, up-to-date database', () => {
  it('is idempotent: same schema, same data, no migration re-run, file bytes unchanged', () => {
    const first = open();
    insertOperator(first);
    insertDossier(first, 1, 'Projet de réinsertion');
    appendAudit(first, { actor: 'Secrétariat', action: 'test', entity: 'dossier', entityId: 1, at: NOW });
    const schema = () => first.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
    const schemaBefore = schema();
    first.close();
    const stateBefore = folderState();

    for (let i = 0; i < 2; i += 1) {
      const again = openDatabase(file);
      expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(migrate(again)).toBe(LATEST_VERSION);
      expect(again.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all()).toEqual(schemaBefore);
      expect(again.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 1 });
      expect(verifyAuditChain(again)).toBeNull();
      again.close();
    }
    expect(folderState()).toEqual(stateBefore);
  });
});

describe('refusals leave the file as it was (bytes, mtime, no -wal/-shm)', () => {
  for (const wal of [false, true]) {
    const mode = wal ? 'WAL' : 'rollback-journal';

    it(`refuses a COMES database of schema 99 as too_new (${mode})`, () => {
      makeForeign(
        (db) => {
          db.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT');
          db.pragma(`application_id = ${APPLICATION_ID}`);
          db.pragma('user_version = 99');
        },
        { wal },
      );
      const before = folderState();
      const error = refusal(() => openDatabase(file, { create: true }));
      expect(error.reason).toBe('too_new');
      expect(error.message).toMatch(/version plus récente/);
      expect(error.message).toMatch(/schéma 99/);
      expect(folderState()).toEqual(before);
      expect(readdirSync(dir)).toEqual(['comes.sqlite']);
    });

    it(`refuses a foreign SQLite database (${mode})`, () => {
      makeForeign((db) => db.exec("CREATE TABLE foo (bar TEXT); INSERT INTO foo VALUES ('baz')"), { wal });
      const before = folderState();
      const error = refusal(() => openDatabase(file, { create: true }));
      expect(error.reason).toBe('foreign');
      expect(error.message).toMatch(/n’appartient pas à Dossiers COMES/);
      expect(folderState()).toEqual(before);
      expect(readdirSync(dir)).toEqual(['comes.sqlite']);
    });
  }

  it('refuses a database of another application even when empty of tables', () => {
    makeForeign((db) => db.pragma('application_id = 1234'));
    const before = folderState();
    expect(refusal(() => openDatabase(file)).reason).toBe('foreign');
    expect(folderState()).toEqual(before);
  });

  it('refuses a text file as not_sqlite', () => {
    writeFileSync(file, 'Ceci est une note, pas une base de données.\n');
    const before = folderState();
    const error = refusal(() => openDatabase(file, { create: true }));
    expect(error.reason).toBe('not_sqlite');
    expect(error.message).toMatch(/n’est pas une base de données Dossiers COMES/);
    expect(folderState()).toEqual(before);
  });

  it('refuses a file with a SQLite signature and a garbled header as corrupt', () => {
    writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(4080, 0xff)]));
    const before = folderState();
    const error = refusal(() => openDatabase(file, { create: true }));
    expect(error.reason).toBe('corrupt');
    expect(error.message).toMatch(/endommagé/);
    expect(folderState()).toEqual(before);
  });

  it('refuses a truncated header as corrupt', () => {
    writeFileSync(file, Buffer.from('SQLite format 3\u0000\u0010\u0000', 'latin1'));
    const before = folderState();
    expect(refusal(() => openDatabase(file)).reason).toBe('corrupt');
    expect(folderState()).toEqual(before);
  });
});

describe('a failing migration', () => {
  const broken: Migration = {
    version: MIGRATIONS.length + 1,
    name: 'broken on purpose',
    up: 'CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT; CREATE TABLE oops (id INTEGER PRIMARY KEY,,) STRICT;',
  };

  const facts = () => {
    const db = new Database(file, { readonly: true });
    try {
      return {
        version: db.pragma('user_version', { simple: true }),
        halfDone: db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get(),
        meta: db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'meta'").get(),
      };
    } finally {
      db.close();
    }
  };

  it('on a new file: the known migrations stay applied, nothing of the broken one remains', () => {
    const error = refusal(() => openDatabase(file, { create: true, migrations: [...MIGRATIONS, broken] }));
    expect(error.reason).toBe('migration_failed');
    expect(error.message).toContain(`mise à jour du schéma vers la version ${MIGRATIONS.length + 1} (broken on purpose) a échoué`);
    expect(facts()).toEqual({ version: MIGRATIONS.length, halfDone: { n: 0 }, meta: { n: 1 } });
    // The app (which knows migration 1 only) opens it normally afterwards.
    expect(open(file, {}).pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });

  it('on an existing database: user_version stays at the last good version and its data is intact', () => {
    const db = open();
    insertOperator(db);
    db.close();
    refusal(() => openDatabase(file, { migrations: [...MIGRATIONS, broken] }));
    expect(facts()).toEqual({ version: MIGRATIONS.length, halfDone: { n: 0 }, meta: { n: 1 } });
    expect(open(file, {}).prepare('SELECT count(*) AS n FROM operators').get()).toEqual({ n: 1 });
  });
});

describe('the audit log', () => {
  function withEntries(): Db {
    const db = open();
    for (const action of ['workspace.create', 'dossier.create', 'dossier.update']) {
      appendAudit(db, { actor: 'Secrétariat', action, entity: 'dossier', entityId: 1, changes: { champ: 'réinsertion' }, at: NOW });
    }
    return db;
  }

  it('chains its entries: an intact log verifies', () => {
    const db = withEntries();
    expect(verifyAuditChain(db)).toBeNull();
    const rows = db.prepare('SELECT prev_hash AS prevHash, hash FROM audit_log ORDER BY id').all() as { prevHash: string; hash: string }[];
    expect(rows[0]?.prevHash).toBe('0'.repeat(64));
    expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
    expect(rows[2]?.prevHash).toBe(rows[1]?.hash);
  });

  it('refuses UPDATE and DELETE', () => {
    const db = withEntries();
    const before = db.prepare('SELECT * FROM audit_log ORDER BY id').all();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'Faussaire' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 3').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT * FROM audit_log ORDER BY id').all()).toEqual(before);
  });

  it('detects a forged row inserted with a wrong hash', () => {
    const db = withEntries();
    const last = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string };
    const forged = db
      .prepare(
        `INSERT INTO audit_log (at, actor, action, entity, entity_id, changes, prev_hash, hash)
         VALUES (?, 'Faussaire', 'dossier.delete', 'dossier', 1, '{}', ?, ?)`,
      )
      .run(NOW, last.hash, 'f'.repeat(64));
    expect(verifyAuditChain(db)).toBe(Number(forged.lastInsertRowid));
  });

  it('detects an entry edited behind the triggers’ back', () => {
    const db = withEntries();
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'Faussaire' WHERE id = 2").run();
    expect(verifyAuditChain(db)).toBe(2);
  });

  it('detects a deleted entry', () => {
    const db = withEntries();
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE id = 2').run();
    expect(verifyAuditChain(db)).toBe(3);
  });
});

describe('shared/domain.ts enumerations and the CHECK constraints of migration 1', () => {
  /** One row in every table holding an enumerated column, all valid. */
  function fixtures(db: Db): void {
    insertOperator(db);
    insertDossier(db, 1, 'Projet de réinsertion');
    db.exec(`
      INSERT INTO members (id, full_name, organisation, organisation_kind, role, voting, active_from)
        VALUES (1, 'Marie Dupont', 'ConcertES', 'federation', 'member', 1, '2024-01-01');
      INSERT INTO agrements (id, operator_id, scheme, number, status) VALUES (1, 1, 'IES', 'IES-001', 'active');
      INSERT INTO agrement_periods (id, agrement_id, start_on, end_on, term) VALUES (1, 1, '2024-01-01', '2026-01-01', '2y');
      INSERT INTO sessions (id, number, held_on, status) VALUES (1, 1, '2026-02-10', 'planned');
      INSERT INTO agenda_items (id, session_id, dossier_id, section, position) VALUES (1, 1, 1, 'agrements', 1);
      INSERT INTO inspections (id, operator_id, dossier_id, inspected_on, inspector, scope) VALUES (1, 1, 1, '2025-11-05', 'Inspection sociale', 'Agrément IES');
      INSERT INTO findings (id, inspection_id, severity, description) VALUES (1, 1, 'minor', 'Plan de formation absent');
      INSERT INTO documents (id, dossier_id, sha256, title, kind, filename, media_type, size_bytes, added_at)
        VALUES (1, 1, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'Demande', 'request', 'demande.pdf', 'application/pdf', 10, '2026-01-15T10:00:00Z');
      INSERT INTO opinions (id, agenda_item_id, dossier_id, outcome, conditions, motivation, given_on)
        VALUES (1, 1, 1, 'favourable', 'Transmettre le plan de formation', 'Motivation détaillée', '2026-02-10');
      INSERT INTO opinion_amendments (id, opinion_id, amended_on, reason, outcome) VALUES (1, 1, '2026-02-20', 'Erreur matérielle', 'favourable');
      INSERT INTO decisions (id, dossier_id, kind, term, decided_on) VALUES (1, 1, 'grant', '2y', '2026-03-01');
      INSERT INTO deadlines (id, operator_id, dossier_id, kind, due_on, description) VALUES (1, 1, 1, 'report_due', '2026-06-30', 'Rapport annuel');
      INSERT INTO activity_reports (id, operator_id, scheme, year, due_on) VALUES (1, 1, 'IES', 2025, '2026-06-30');
      INSERT INTO preparations (member_id, agenda_item_id, status, updated_at) VALUES (1, 1, 'unread', '2026-02-01T08:00:00Z');
    `);
  }

  const CASES: { table: string; column: string; values: readonly string[]; sql: string }[] = [
    { table: 'dossiers', column: 'scheme', values: SCHEMES, sql: 'UPDATE dossiers SET scheme = @v WHERE id = 1' },
    { table: 'activity_reports', column: 'scheme', values: SCHEMES, sql: 'UPDATE activity_reports SET scheme = @v WHERE id = 1' },
    { table: 'agrements', column: 'scheme', values: AGREMENT_SCHEMES, sql: 'UPDATE agrements SET scheme = @v WHERE id = 1' },
    { table: 'dossiers', column: 'kind', values: DOSSIER_KINDS, sql: 'UPDATE dossiers SET kind = @v WHERE id = 1' },
    { table: 'dossiers', column: 'status', values: DOSSIER_STATUSES, sql: 'UPDATE dossiers SET status = @v WHERE id = 1' },
    { table: 'dossiers', column: 'proposal_outcome', values: OPINION_OUTCOMES, sql: 'UPDATE dossiers SET proposal_outcome = @v WHERE id = 1' },
    { table: 'operators', column: 'legal_form', values: LEGAL_FORMS, sql: 'UPDATE operators SET legal_form = @v WHERE id = 1' },
    { table: 'operators', column: 'province', values: PROVINCES, sql: 'UPDATE operators SET province = @v WHERE id = 1' },
    { table: 'opinions', column: 'outcome', values: OPINION_OUTCOMES, sql: 'UPDATE opinions SET outcome = @v WHERE id = 1' },
    { table: 'opinion_amendments', column: 'outcome', values: OPINION_OUTCOMES, sql: 'UPDATE opinion_amendments SET outcome = @v WHERE id = 1' },
    { table: 'preparations', column: 'draft_outcome', values: OPINION_OUTCOMES, sql: 'UPDATE preparations SET draft_outcome = @v WHERE member_id = 1' },
    { table: 'decisions', column: 'kind', values: DECISION_KINDS, sql: 'UPDATE decisions SET kind = @v WHERE id = 1' },
    { table: 'decisions', column: 'term', values: TERMS, sql: 'UPDATE decisions SET term = @v WHERE id = 1' },
    {
      table: 'agrement_periods',
      column: 'term',
      values: TERMS,
      sql: "UPDATE agrement_periods SET term = @v, end_on = CASE WHEN @v = 'indefinite' THEN NULL ELSE '2030-01-01' END WHERE id = 1",
    },
    { table: 'members', column: 'role', values: MEMBER_ROLES, sql: 'UPDATE members SET role = @v WHERE id = 1' },
    { table: 'sessions', column: 'status', values: SESSION_STATUSES, sql: 'UPDATE sessions SET status = @v WHERE id = 1' },
    { table: 'agenda_items', column: 'section', values: AGENDA_SECTIONS, sql: 'UPDATE agenda_items SET section = @v WHERE id = 1' },
    { table: 'documents', column: 'kind', values: DOCUMENT_KINDS, sql: 'UPDATE documents SET kind = @v WHERE id = 1' },
    { table: 'findings', column: 'severity', values: FINDING_SEVERITIES, sql: 'UPDATE findings SET severity = @v WHERE id = 1' },
    { table: 'deadlines', column: 'kind', values: DEADLINE_KINDS, sql: 'UPDATE deadlines SET kind = @v WHERE id = 1' },
  ];

  it('the CHECK lists of the schema are exactly the domain lists', () => {
    const db = open();
    for (const { table, column, values } of CASES) {
      const sql = (db.prepare('SELECT sql FROM sqlite_schema WHERE type = ? AND name = ?').get('table', table) as { sql: string }).sql;
      const list = new RegExp(`\\b${column}\\s+IN\\s*\\(([^)]*)\\)`).exec(sql)?.[1];
      expect(list, `${table}.${column}`).toBeDefined();
      const allowed = [...(list ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1]);
      expect(allowed.sort(), `${table}.${column}`).toEqual([...values].sort());
    }
  });

  it('every domain value is accepted and an unknown value is refused', () => {
    const db = open();
    fixtures(db);
    for (const { table, column, values, sql } of CASES) {
      const statement = db.prepare(sql);
      for (const value of values) expect(() => statement.run({ v: value }), `${table}.${column} = ${value}`).not.toThrow();
      expect(() => statement.run({ v: 'inconnu' }), `${table}.${column} = inconnu`).toThrow(/CHECK constraint failed/);
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
