/**
 * A workspace is a folder holding `comes.sqlite` and `documents/` (attached files stored by
 * content hash). This module opens, creates and describes one; it never imports Electron.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { WorkspaceStatus } from '../shared/contract';
import type { Profile } from '../shared/domain';
import { appendAudit } from '../db/audit';
import { LATEST_VERSION, openDatabase, WorkspaceError, type Db } from '../db/open';
import { getMeta, setMeta } from '../db/queries/meta';
import { AppError } from './errors';

export const DB_FILENAME = 'comes.sqlite';
export const DOCUMENTS_DIRNAME = 'documents';

export class Workspace {
  readonly dir: string;
  private handle: Db | null = null;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  get dbFile(): string {
    return join(this.dir, DB_FILENAME);
  }

  get documentsDir(): string {
    return join(this.dir, DOCUMENTS_DIRNAME);
  }

  /** True when the folder already holds a database (valid or not). */
  hasDatabase(): boolean {
    // An empty file (a crash before the first write) holds nothing to protect: create() reuses it.
    return existsSync(this.dbFile) && statSync(this.dbFile).size > 0;
  }

  /**
   * Opens the database when there is one. Throws WorkspaceError, leaving the file untouched,
   * when it is foreign, corrupt or newer than this app. An empty folder stays empty.
   */
  open(): this {
    if (existsSync(this.dir) && !statSync(this.dir).isDirectory()) {
      throw new WorkspaceError('not_sqlite', `${this.dir} est un fichier, pas un dossier d’espace de travail.`);
    }
    if (!this.handle && this.hasDatabase()) this.handle = openDatabase(this.dbFile);
    return this;
  }

  get db(): Db | null {
    return this.handle;
  }

  /** The open database of an initialised workspace, or a NO_WORKSPACE error for the UI. */
  requireDb(): Db {
    if (!this.handle || !getMeta(this.handle, 'profile')) {
      throw new AppError('NO_WORKSPACE', 'Aucun espace de travail n’est ouvert. Créez-en un ou ouvrez la démonstration.');
    }
    return this.handle;
  }

  status(): WorkspaceStatus {
    const db = this.handle;
    const profile = db ? (getMeta(db, 'profile') as Profile | undefined) : undefined;
    if (!db || !profile) return { state: 'empty', path: this.dir };
    return {
      state: 'ready',
      path: this.dir,
      profile,
      name: getMeta(db, 'name') ?? '',
      isDemo: getMeta(db, 'is_demo') === '1',
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
    };
  }

  /** The label written in the audit log as the author of changes made in this workspace. */
  actor(): string {
    const db = this.handle;
    return (db && getMeta(db, 'name')) || 'inconnu';
  }

  /**
   * Initialises an empty workspace. Refuses (CONFLICT) a folder that already holds one.
   * Its identity and whatever `populate` writes (the demo data) land in one transaction.
   */
  create(
    profile: Profile,
    name: string,
    options: { isDemo?: boolean; now?: string; populate?: (db: Db) => void } = {},
  ): Db {
    this.open();
    if (this.handle && getMeta(this.handle, 'profile')) {
      throw new AppError('CONFLICT', `Un espace de travail existe déjà dans ${this.dir}. Il n’a pas été modifié.`);
    }
    // What this call creates, so that a failure removes it again: no half-made workspace.
    const createdRoot = topmostMissing(this.dir);
    const createdDocuments = !existsSync(this.documentsDir);
    const openedHere = !this.handle;
    let db: Db | null = this.handle;
    try {
      mkdirSync(this.documentsDir, { recursive: true });
      const target = db ?? (db = openDatabase(this.dbFile, { create: true }));
      const now = options.now ?? new Date().toISOString();
      target.transaction(() => {
        setMeta(target, 'profile', profile);
        setMeta(target, 'name', name);
        setMeta(target, 'is_demo', options.isDemo ? '1' : '0');
        setMeta(target, 'created_at', now);
        appendAudit(target, { actor: name, action: 'workspace.create', entity: 'workspace', changes: { profile, name }, at: now });
        options.populate?.(target);
      })();
      this.handle = target;
      return target;
    } catch (error) {
      if (openedHere) {
        db?.close();
        for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(this.dbFile + suffix, { force: true });
      }
      if (createdRoot) rmSync(createdRoot, { recursive: true, force: true });
      else if (createdDocuments) rmSync(this.documentsDir, { recursive: true, force: true });
      throw error;
    }
  }

  close(): void {
    this.handle?.close();
    this.handle = null;
  }
}

/** The highest folder of `dir`'s path that does not exist yet (what `mkdir -p` would create), or null. */
function topmostMissing(dir: string): string | null {
  let missing: string | null = null;
  for (let current = dir; !existsSync(current); current = dirname(current)) {
    missing = current;
    if (dirname(current) === current) break;
  }
  return missing;
}

export { LATEST_VERSION, WorkspaceError };
