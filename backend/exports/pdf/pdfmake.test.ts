import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../../shared/compliance/format';
import { pdfFonts, pdfText } from '../readers.testkit';
import { printable, renderPdf, robotoFolder } from './pdfmake';

describe('pdfmake setup', () => {
  it('finds pdfmake’s Roboto fonts', () => {
    for (const face of ['Regular', 'Medium', 'Italic', 'MediumItalic']) {
      expect(existsSync(join(robotoFolder(), `Roboto-${face}.ttf`))).toBe(true);
    }
  });

  it('replaces the narrow no-break space of grouped thousands, which Roboto lacks, by a no-break space', () => {
    expect(formatNumber(18000, 0)).toBe('18\u202f000');
    expect(printable(formatNumber(18000, 0))).toBe('18\u00a0000');
    expect(printable('« Cœur » € ’')).toBe('« Cœur » € ’');
  });

  it('renders French text in embedded Roboto, bold as Medium, with the document’s metadata date', async () => {
    const bytes = await renderPdf(
      {
        content: [{ text: [{ text: 'Recyclœrie ', bold: true }, { text: `« ça coûte € ${formatNumber(18000, 0)},00 »`, italics: true }] }],
        defaultStyle: { font: 'Roboto' },
        info: { title: 'Essai' },
      },
      '2026-11-18T14:05:00.000Z',
    );
    expect(pdfText(bytes).trim()).toMatch(/^Recyclœrie « ça coûte € 18\s000,00 »$/);
    const fonts = pdfFonts(bytes);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]+\+/, '')).sort()).toEqual(['Roboto-Italic', 'Roboto-Medium']);
    expect(fonts.every((f) => f.embedded)).toBe(true);
  });
});
