/**
 * Writes an export where the user asked, whole or not at all: the bytes go to a temporary file
 * beside the target, which is renamed over it once complete. On any failure the temporary file is
 * removed and the target is left as it was; the error names the path in French.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export class OutputFileError extends Error {}

function explain(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  const dir = dirname(path);
  switch (code) {
    case 'ENOENT':
      return `Impossible d’écrire « ${path} » : le dossier « ${dir} » n’existe pas.`;
    case 'ENOTDIR':
      return `Impossible d’écrire « ${path} » : « ${dir} » n’est pas un dossier.`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `Impossible d’écrire « ${path} » : accès refusé (droits insuffisants ou support en lecture seule).`;
    case 'EISDIR':
      return `Impossible d’écrire « ${path} » : c’est un dossier. Indiquez un nom de fichier.`;
    case 'EBUSY':
    case 'ETXTBSY':
    case 'EEXIST':
      return `Impossible d’écrire « ${path} » : le fichier est ouvert dans une autre application. Fermez-le, puis recommencez.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `Impossible d’écrire « ${path} » : le disque est plein.`;
    default:
      return `Impossible d’écrire « ${path} » : ${(error as Error).message}`;
  }
}

export function writeFileAtomic(target: string, bytes: Uint8Array): void {
  const path = resolve(target);
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (error) {
    throw new OutputFileError(explain(error, path));
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.part`);
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx', 0o644);
    let offset = 0;
    while (offset < bytes.byteLength) offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // already failing: the original error is the one to report
      }
    }
    rmSync(temp, { force: true });
    throw new OutputFileError(explain(error, path));
  }
}
