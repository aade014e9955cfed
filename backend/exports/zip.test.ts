import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { uniqueNames, zipFiles } from './zip';

const bytes = (text: string) => new TextEncoder().encode(text);
const mtime = new Date('2026-11-18T14:05:00Z');

describe('zipFiles', () => {
  it('makes an archive that opens with the names and bytes given, accents included', () => {
    const files = [
      { name: 'Lettre — Cœur de Forêt SC.pdf', bytes: bytes('%PDF-1.7 première lettre « € »') },
      { name: 'lettres/IDESS-2026-0031 Les Jardins d’Élise.docx', bytes: new Uint8Array([0, 1, 2, 255, 254]) },
      { name: 'vide.txt', bytes: new Uint8Array() },
    ];
    const opened = unzipSync(zipFiles(files, { mtime }));
    expect(Object.keys(opened)).toEqual(files.map((f) => f.name));
    for (const file of files) expect(opened[file.name]).toEqual(file.bytes);
  });

  it('flags the names as UTF-8, so that Windows and macOS show the accents', () => {
    const zip = zipFiles([{ name: 'Cœur.pdf', bytes: bytes('x') }], { mtime });
    // Local file header: signature PK\3\4, then version (2 bytes), then the general-purpose flags.
    expect([...zip.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const flags = (zip[6] as number) | ((zip[7] as number) << 8);
    expect(flags & 0x0800).toBe(0x0800);
  });

  it('numbers duplicate names (« -2 », « -3 ») instead of dropping a file, ignoring case', () => {
    const files = [
      { name: 'lettre.pdf', bytes: bytes('1') },
      { name: 'lettre.pdf', bytes: bytes('2') },
      { name: 'LETTRE.pdf', bytes: bytes('3') },
      { name: 'lettre-2.pdf', bytes: bytes('4') },
      { name: 'sans-extension', bytes: bytes('5') },
      { name: 'sans-extension', bytes: bytes('6') },
    ];
    const opened = unzipSync(zipFiles(files, { mtime }));
    const text = Object.fromEntries(Object.entries(opened).map(([name, b]) => [name, new TextDecoder().decode(b)]));
    expect(text).toEqual({
      'lettre.pdf': '1',
      'lettre-2.pdf': '2',
      'LETTRE-3.pdf': '3',
      'lettre-2-2.pdf': '4',
      'sans-extension': '5',
      'sans-extension-2': '6',
    });
  });

  it('gives the same bytes twice for the same files and date', () => {
    const files = [{ name: 'a.pdf', bytes: bytes('a') }];
    expect(zipFiles(files, { mtime })).toEqual(zipFiles(files, { mtime }));
  });

  it('makes a valid empty archive from no file', () => {
    expect(unzipSync(zipFiles([], { mtime }))).toEqual({});
  });

  it('refuses names that would not extract safely', () => {
    for (const name of ['', '/etc/passwd', '../lettre.pdf', 'a/../../b.pdf', 'a\\b.pdf', 'lettre?.pdf', 'a//b.pdf', ' lettre.pdf', 'a\u0007.pdf']) {
      expect(() => uniqueNames([name]), name).toThrow(/^Nom de fichier invalide dans l’archive ZIP/);
    }
  });
});
