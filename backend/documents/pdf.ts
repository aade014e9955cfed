/**
 * PDF checks and text extraction (pdf.js legacy build, in Node without a worker). The text feeds
 * the full-text index; a PDF whose text cannot be read (scans) is still attached, with no text.
 */
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/** True when the bytes start like a PDF file (`%PDF-`, tolerating up to 1 KiB of leading junk, as readers do). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  return head.indexOf(PDF_MAGIC) !== -1;
}

export class UnreadablePdfError extends Error {}

/** The text of every page, pages separated by blank lines. Throws UnreadablePdfError for a broken file. */
export async function extractPdfText(bytes: Uint8Array): Promise<{ text: string; pageCount: number }> {
  // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const data = new Uint8Array(bytes);
  // Loaded on first use: opening a workspace does not pay for pdf.js.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  } catch (error) {
    throw new UnreadablePdfError(error instanceof Error ? error.message : String(error));
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : ' ');
      }
      pages.push(text.replace(/[ \t]+\n/g, '\n').replace(/[ \t]{2,}/g, ' ').trim());
      page.cleanup();
    }
    return { text: pages.join('\n\n'), pageCount: doc.numPages };
  } finally {
    await doc.destroy();
  }
}
