/**
 * Test kit: opens exported files with real readers, as the secretariat's offices would.
 * - `pdfText`: the text of a PDF, by poppler's `pdftotext` (Debian package poppler-utils);
 * - `pdfFonts`: the fonts a PDF uses and whether they are embedded (`pdffonts`);
 * - `officeToPdf`: a DOCX or XLSX converted by LibreOffice (`libreoffice --headless --convert-to pdf`).
 * `npm test` installs these tools (scripts/ensure-tools.mjs); a missing one fails with its name.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function requireTool(command: string, debianPackage: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(`${command} est introuvable : installez le paquet Debian ${debianPackage} (node scripts/ensure-tools.mjs le fait en root).`);
  }
}

function withTempDir<T>(run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'comes-readers-'));
  try {
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text; pages separated by form feeds (`\f`). `layout` keeps the columns. */
export function pdfText(bytes: Uint8Array, options: { layout?: boolean; firstPage?: number; lastPage?: number } = {}): string {
  requireTool('pdftotext', 'poppler-utils');
  return withTempDir((dir) => {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, bytes);
    const args = [...(options.layout ? ['-layout'] : []), '-enc', 'UTF-8'];
    if (options.firstPage) args.push('-f', String(options.firstPage));
    if (options.lastPage) args.push('-l', String(options.lastPage));
    execFileSync('pdftotext', [...args, file, join(dir, 'out.txt')], { stdio: 'pipe' });
    return readFileSync(join(dir, 'out.txt'), 'utf8');
  });
}

/** The number of pages, by `pdfinfo`. */
export function pdfPageCount(bytes: Uint8Array): number {
  requireTool('pdfinfo', 'poppler-utils');
  return withTempDir((dir) => {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, bytes);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const match = /^Pages:\s+(\d+)/m.exec(info);
    if (!match) throw new Error(`pdfinfo sans nombre de pages :\n${info}`);
    return Number(match[1]);
  });
}

/** The fonts of the PDF (`pdffonts`): name and whether embedded. */
export function pdfFonts(bytes: Uint8Array): { name: string; embedded: boolean }[] {
  requireTool('pdffonts', 'poppler-utils');
  return withTempDir((dir) => {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, bytes);
    const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    // name type encoding emb sub uni object ID — emb is the 4th column from the end but names have no spaces.
    return lines.map((line) => {
      const cols = line.trim().split(/\s+/);
      const emb = cols[cols.length - 5];
      return { name: cols[0] ?? '', embedded: emb === 'yes' };
    });
  });
}

/** Renders the PDF's first page to PNG at `path` (`pdftoppm`), for looking at it. */
export function pdfFirstPagePng(bytes: Uint8Array, path: string, dpi = 80): void {
  requireTool('pdftoppm', 'poppler-utils');
  withTempDir((dir) => {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, bytes);
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', file, path.replace(/\.png$/, '')], { stdio: 'pipe' });
  });
}

/**
 * Converts a DOCX or XLSX to PDF with LibreOffice (each call with its own profile, so parallel
 * test files do not share one) and returns the PDF's bytes. Throws when LibreOffice cannot open
 * the file.
 */
export function officeToPdf(bytes: Uint8Array, extension: 'docx' | 'xlsx'): Uint8Array {
  requireTool('libreoffice', 'libreoffice-writer-nogui et libreoffice-calc-nogui');
  return withTempDir((dir) => {
    const file = join(dir, `in.${extension}`);
    writeFileSync(file, bytes);
    const profile = pathToFileURL(join(dir, 'profile')).href;
    const result = spawnSync('libreoffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    try {
      return new Uint8Array(readFileSync(join(dir, 'in.pdf')));
    } catch {
      throw new Error(`LibreOffice n’a pas converti le fichier ${extension} :\n${result.stdout}\n${result.stderr}`);
    }
  });
}
