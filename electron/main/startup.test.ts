import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILENAME } from '../../backend/workspace';
import { openWorkspace, resolveWorkspaceDir, StartupError, workspaceDirFromArgv } from './startup';

describe('workspaceDirFromArgv', () => {
  const cwd = resolve('/home/secretariat');

  it('reads --workspace DIR and --workspace=DIR, resolved against the working directory', () => {
    expect(workspaceDirFromArgv(['electron', 'out/main/index.js', '--workspace', '/data/comes'], cwd)).toBe(resolve('/data/comes'));
    expect(workspaceDirFromArgv(['Dossiers COMES.exe', '--workspace=seances'], cwd)).toBe(resolve(cwd, 'seances'));
    expect(workspaceDirFromArgv(['app', '--workspace', 'Mes dossiers'], cwd)).toBe(resolve(cwd, 'Mes dossiers'));
  });

  it('takes the last occurrence and ignores other switches', () => {
    expect(workspaceDirFromArgv(['app', '--workspace', 'a', '--inspect=0', '--workspace=b'], cwd)).toBe(resolve(cwd, 'b'));
    expect(workspaceDirFromArgv(['app', '--workspaces', 'x', '--no-sandbox'], cwd)).toBeUndefined();
  });

  it('is undefined without the flag', () => {
    expect(workspaceDirFromArgv(['electron', 'out/main/index.js'], cwd)).toBeUndefined();
  });

  it('refuses a flag without folder instead of opening another workspace', () => {
    for (const argv of [['app', '--workspace'], ['app', '--workspace='], ['app', '--workspace', '--no-sandbox'], ['app', '--workspace', '  ']]) {
      expect(() => workspaceDirFromArgv(argv, cwd)).toThrow(StartupError);
    }
    expect(() => workspaceDirFromArgv(['app', '--workspace'], cwd)).toThrow(/doit être suivie du dossier/);
  });
});

describe('resolveWorkspaceDir', () => {
  it('prefers --workspace, else the default folder (COMES_WORKSPACE or the per-user one)', () => {
    const cwd = resolve('/tmp');
    expect(resolveWorkspaceDir(['app', '--workspace', '/w'], { COMES_WORKSPACE: '/env' }, cwd)).toBe(resolve('/w'));
    expect(resolveWorkspaceDir(['app'], { COMES_WORKSPACE: '/env' }, cwd)).toBe('/env');
    expect(resolveWorkspaceDir(['app'], {}, cwd)).toMatch(/dossiers-comes|Dossiers COMES/);
  });
});

describe('openWorkspace', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'comes-startup-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

  it('opens an empty folder, and a folder that does not exist yet, without creating anything', () => {
    const empty = openWorkspace(dir);
    expect(empty.status()).toEqual({ state: 'empty', path: resolve(dir) });
    empty.close();
    const missing = join(dir, 'pas-encore');
    const later = openWorkspace(missing);
    expect(later.status().state).toBe('empty');
    expect(later.hasDatabase()).toBe(false);
    later.close();
  });

  it('refuses a file that is not a SQLite database, in French, and leaves it untouched', () => {
    const file = join(dir, DB_FILENAME);
    writeFileSync(file, 'Ceci est un tableur, pas une base de données.\n');
    const before = digest(file);
    const error = captureStartupError(() => openWorkspace(dir));
    expect(error.title).toBe('Espace de travail impossible à ouvrir');
    expect(error.message).toMatch(/n’est pas une base de données Dossiers COMES/);
    expect(error.message).toMatch(/va se fermer/);
    expect(digest(file)).toBe(before);
  });

  it('refuses a foreign SQLite database and leaves it untouched', () => {
    const file = join(dir, DB_FILENAME);
    const foreign = new Database(file);
    foreign.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (\'x\');');
    foreign.close();
    const before = digest(file);
    const error = captureStartupError(() => openWorkspace(dir));
    expect(error.message).toMatch(/n’appartient pas à Dossiers COMES/);
    expect(digest(file)).toBe(before);
  });

  it('refuses a path that is a file instead of a folder', () => {
    const file = join(dir, 'fichier');
    writeFileSync(file, 'x');
    expect(captureStartupError(() => openWorkspace(file)).message).toMatch(/est un fichier, pas un dossier/);
  });

  it('explains other failures in French too', () => {
    const parent = join(dir, 'parent');
    mkdirSync(join(parent, DB_FILENAME), { recursive: true });
    const error = captureStartupError(() => openWorkspace(parent));
    expect(error.title).toBe('Espace de travail impossible à ouvrir');
    expect(error.message).toMatch(/va se fermer/);
  });
});

function captureStartupError(fn: () => unknown): StartupError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StartupError);
    return error as StartupError;
  }
  throw new Error('expected a StartupError');
}
