/**
 * pdfmake, configured once for every PDF export: the Roboto TrueType fonts shipped with pdfmake
 * (Regular, Medium for bold, Italic, MediumItalic), embedded and subsetted by pdfkit, which cover
 * the French characters the documents print (é è ç œ « » € ’ ·). No network access and no file
 * read other than these four fonts.
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

export const FONT_FAMILY = 'Roboto';

let configured = false;

/** The folder of pdfmake's Roboto fonts, wherever node_modules is. */
export function robotoFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
}

function configure(): void {
  if (configured) return;
  const folder = robotoFolder();
  pdfmake.setFonts({
    [FONT_FAMILY]: {
      normal: join(folder, 'Roboto-Regular.ttf'),
      bold: join(folder, 'Roboto-Medium.ttf'),
      italics: join(folder, 'Roboto-Italic.ttf'),
      bolditalics: join(folder, 'Roboto-MediumItalic.ttf'),
    },
  });
  const allowed = resolve(folder) + sep;
  pdfmake.setLocalAccessPolicy((path: string) => resolve(path).startsWith(allowed));
  pdfmake.setUrlAccessPolicy(() => false);
  configured = true;
}

/**
 * Characters the documents may hold that Roboto has no glyph for, and what prints instead:
 * `formatNumber` groups thousands with U+202F (narrow no-break space), which would print as an
 * empty box.
 */
const SUBSTITUTES: Record<string, string> = {
  '\u202f': '\u00a0',
  '\u2009': ' ',
  '\u2007': '\u00a0',
  '\u2011': '-',
  '\u2713': '\u2022',
};
const UNPRINTABLE = new RegExp(`[${Object.keys(SUBSTITUTES).join('')}]`, 'g');

/** `text` with the characters Roboto lacks replaced by printable ones. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => SUBSTITUTES[c] ?? c);
}

function sanitize<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (typeof value === 'function') {
    const fn = value as unknown as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => sanitize(fn(...args))) as T;
  }
  if (Array.isArray(value)) return value.map((v) => sanitize(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = sanitize(v);
    return out as T;
  }
  return value;
}

/** Lays out and renders `doc`; the creation date is the generation's, so the bytes do not depend on the clock. */
export async function renderPdf(doc: TDocumentDefinitions, generatedAt: string): Promise<Uint8Array> {
  configure();
  const at = new Date(generatedAt);
  const { info, ...rest } = doc;
  const definition: TDocumentDefinitions = {
    ...sanitize(rest),
    info: {
      ...sanitize(info ?? {}),
      creator: 'Dossiers COMES',
      producer: 'Dossiers COMES (pdfmake)',
      ...(Number.isNaN(at.getTime()) ? {} : { creationDate: at, modDate: at }),
    },
  };
  const buffer = await pdfmake.createPdf(definition).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
