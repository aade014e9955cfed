/**
 * The workspace's documents/ folder: each file stored once under its SHA-256,
 * `documents/<first 2 hex>/<sha256>.pdf`. A file is written to a temporary name in its final folder,
 * then renamed into place, so that a crash never leaves a half-written file under a valid name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Where the file of this hash lives. */
export function documentFilePath(documentsDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
  return join(documentsDir, sha256.slice(0, 2), `${sha256}.pdf`);
}

/**
 * Stores the bytes under their hash unless already there. Returns the hash, the path and whether
 * this call created the file (so that a failed database write can remove it again).
 */
export function storeDocumentFile(documentsDir: string, bytes: Uint8Array): { sha256: string; path: string; created: boolean } {
  const sha256 = sha256Hex(bytes);
  const path = documentFilePath(documentsDir, sha256);
  if (existsSync(path)) return { sha256, path, created: false };
  mkdirSync(join(documentsDir, sha256.slice(0, 2)), { recursive: true });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, bytes, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return { sha256, path, created: true };
}

export function readDocumentFile(documentsDir: string, sha256: string): Buffer | null {
  const path = documentFilePath(documentsDir, sha256);
  return existsSync(path) ? readFileSync(path) : null;
}

export function removeDocumentFile(documentsDir: string, sha256: string): void {
  rmSync(documentFilePath(documentsDir, sha256), { force: true });
}
