/**
 * Opening a workspace database: refuses anything that is not a COMES workspace (or is newer
 * than this app) before writing a single byte, then sets WAL, foreign keys and a busy timeout
 * and applies the pending migrations, each in its own transaction.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/index';

export type Db = Database.Database;

/** `PRAGMA application_id` of every COMES workspace: 'COME' in ASCII. */
export const APPLICATION_ID = 0x434f4d45;

export type WorkspaceErrorReason = 'missing' | 'not_sqlite' | 'foreign' | 'too_new' | 'corrupt' | 'migration_failed';

export class WorkspaceError extends Error {
  constructor(
    readonly reason: WorkspaceErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

let nativeBinding: string | undefined;

/**
 * Points better-sqlite3 at an addon built for another ABI. The desktop shell uses the copy built
 * for Electron by scripts/fetch-electron.mjs, so that the Node build stays in place for the CLI,
 * the browser shell and the tests.
 */
export function useNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

const driverOptions = () => (nativeBinding ? { nativeBinding } : {});
/** The 100-byte database header plus the 8 first bytes of page 1's b-tree header (sqlite_schema). */
const START_BYTES = 108;

function readStart(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(START_BYTES);
    const read = readSync(fd, buffer, 0, START_BYTES, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

interface Inspection {
  applicationId: number;
  userVersion: number;
  hasObjects: boolean;
}

const corrupt = (file: string, detail: string) =>
  new WorkspaceError('corrupt', `Le fichier ${file} est endommagé ou illisible (${detail}). Il n’a pas été modifié.`);

/**
 * Reads the identity of an existing file without writing anything next to it. The fields live in
 * the file's header (https://sqlite.org/fileformat.html): reading them directly matters because a
 * read-only SQLite connection to a WAL-mode file creates `-wal` and `-shm` files beside it.
 * Only when a non-empty `-wal` already exists (the header may then be stale) is SQLite asked.
 */
function inspect(file: string, start: Buffer): Inspection {
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) return inspectWithSqlite(file);
  if (start.length < START_BYTES) throw corrupt(file, 'fichier tronqué');
  const rawPageSize = start.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) throw corrupt(file, 'en-tête invalide');
  const schemaPageType = start[100];
  if (schemaPageType !== 0x0d && schemaPageType !== 0x05) throw corrupt(file, 'en-tête invalide');
  return {
    userVersion: start.readInt32BE(60),
    applicationId: start.readInt32BE(68),
    // A leaf page 1 lists its objects itself; an interior one means many objects.
    hasObjects: schemaPageType === 0x05 || start.readUInt16BE(103) > 0,
  };
}

function inspectWithSqlite(file: string): Inspection {
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...driverOptions() });
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    const objectCount = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
    return { applicationId, userVersion, hasObjects: objectCount > 0 };
  } catch (error) {
    throw corrupt(file, (error as Error).message);
  } finally {
    db?.close();
  }
}

export interface OpenOptions {
  /** Create and initialise the file when it does not exist (default false). */
  create?: boolean;
  /** Migrations to apply (tests pass a prefix of the list). */
  migrations?: readonly Migration[];
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length;
  const exists = existsSync(file) && statSync(file).size > 0;
  if (!exists && !options.create) {
    throw new WorkspaceError('missing', `Aucune base COMES à l’emplacement ${file}.`);
  }
  if (exists) {
    const start = readStart(file);
    if (start.subarray(0, SQLITE_HEADER.length).toString('latin1') !== SQLITE_HEADER) {
      throw new WorkspaceError(
        'not_sqlite',
        `Le fichier ${file} n’est pas une base de données Dossiers COMES. Il n’a pas été modifié.`,
      );
    }
    const found = inspect(file, start);
    const blank = found.applicationId === 0 && found.userVersion === 0 && !found.hasObjects;
    if (found.applicationId !== APPLICATION_ID && !blank) {
      throw new WorkspaceError(
        'foreign',
        `Le fichier ${file} est une base SQLite qui n’appartient pas à Dossiers COMES. Il n’a pas été modifié.`,
      );
    }
    if (found.userVersion > latest) {
      throw new WorkspaceError(
        'too_new',
        `Cet espace de travail a été créé par une version plus récente de Dossiers COMES (schéma ${found.userVersion}, ` +
          `cette version connaît le schéma ${latest}). Mettez l’application à jour ; le fichier n’a pas été modifié.`,
      );
    }
  }

  const db = new Database(file, driverOptions());
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    registerFunctions(db);
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof WorkspaceError) throw error;
    throw new WorkspaceError('corrupt', `Impossible d’ouvrir ${file} : ${(error as Error).message}`);
  }
}

/** Applies each pending migration in one transaction with its version bump. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    try {
      db.transaction(() => {
        db.exec(migration.up);
        if (migration.version === 1) db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${migration.version}`);
      })();
    } catch (error) {
      throw new WorkspaceError(
        'migration_failed',
        `La mise à jour du schéma vers la version ${migration.version} (${migration.name}) a échoué : ${(error as Error).message}. ` +
          'L’espace de travail est resté dans sa version précédente.',
      );
    }
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/** Lower-case, diacritics removed: `Réinsertion` → `reinsertion`. Used by filters on names. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function registerFunctions(db: Db): void {
  db.function('comes_fold', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? fold(value) : value,
  );
}

export { LATEST_VERSION };
