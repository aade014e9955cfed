import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputFileError, writeFileAtomic } from './files';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writing an export whole or not at all', () => {
  it('writes the bytes and leaves no temporary file', () => {
    const target = join(dir, 'releve.pdf');
    writeFileAtomic(target, new TextEncoder().encode('%PDF-1.7 contenu'));
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 contenu');
    expect(readdirSync(dir)).toEqual(['releve.pdf']);
  });

  it('replaces an existing file entirely', () => {
    const target = join(dir, 'releve.csv');
    writeFileSync(target, 'ancien contenu bien plus long que le nouveau');
    writeFileAtomic(target, new TextEncoder().encode('nouveau'));
    expect(readFileSync(target, 'utf8')).toBe('nouveau');
  });

  it('refuses a folder that does not exist, in French, writing nothing', () => {
    const target = join(dir, 'absent', 'releve.pdf');
    expect(() => writeFileAtomic(target, new Uint8Array([1, 2, 3]))).toThrow(OutputFileError);
    expect(() => writeFileAtomic(target, new Uint8Array([1, 2, 3]))).toThrow(/le dossier « .*absent » n’existe pas/);
    expect(existsSync(join(dir, 'absent'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a target that is a folder and leaves the folder as it was', () => {
    const target = join(dir, 'exports');
    mkdirSync(target);
    writeFileSync(join(target, 'garde.txt'), 'x');
    expect(() => writeFileAtomic(target, new Uint8Array([1]))).toThrow(/c’est un dossier/);
    expect(readdirSync(target)).toEqual(['garde.txt']);
    expect(readdirSync(dir)).toEqual(['exports']);
  });

  it('refuses a path under a file, leaving the file untouched', () => {
    const file = join(dir, 'fichier.txt');
    writeFileSync(file, 'intact');
    expect(() => writeFileAtomic(join(file, 'releve.pdf'), new Uint8Array([1]))).toThrow(/n’est pas un dossier|n’existe pas/);
    expect(readFileSync(file, 'utf8')).toBe('intact');
  });
});
