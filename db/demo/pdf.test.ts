import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderPdf, textWidth, toDrawable, wrapText, type PdfSpec } from './pdf';

const paragraph =
  'Notre projet vise la réinsertion socioprofessionnelle durable de demandeurs d’emploi peu qualifiés, par un contrat à durée indéterminée, un accompagnement social et un plan de formation (€ 18\u00a0000,00 par ETP).';

const spec: PdfSpec = {
  date: '2025-03-12',
  title: 'Demande d’agrément — Les Jardins de Herve SC',
  author: 'Les Jardins de Herve SC',
  subject: 'Demande d’agrément en tant qu’entreprise d’insertion',
  sender: ['Les Jardins de Herve SC', 'Rue de la Station 12', '4650 Herve'],
  recipient: ['Service public de Wallonie', 'Direction de l’Économie sociale', '5100 Jambes'],
  placeAndDate: 'Herve, le 12/03/2025',
  references: [['Objet :', 'Demande d’agrément en tant qu’entreprise d’insertion']],
  blocks: [
    { type: 'paragraph', text: 'Madame, Monsieur,' },
    ...Array.from({ length: 14 }, () => ({ type: 'paragraph' as const, text: paragraph })),
    { type: 'table', rows: [['Équivalents temps plein (ETP)', '23,4']] },
    { type: 'bullets', items: ['statuts coordonnés', 'plan financier à trois ans'] },
    { type: 'signature', lines: ['Françoise Lemaire', 'administratrice déléguée'] },
  ],
  footer: 'Les Jardins de Herve SC — SC — BCE 0456.789.123',
};

describe('synchronous PDF writer', () => {
  it('writes a PDF that pdf-lib opens, with its pages and information', async () => {
    const { bytes } = renderPdf(spec);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(bytes.subarray(-6).toString('latin1')).toBe('%%EOF\n');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(2);
    expect(pdf.getTitle()).toBe(spec.title);
    expect(pdf.getAuthor()).toBe(spec.author);
    expect(pdf.getCreationDate()?.toISOString()).toBe('2025-03-12T09:00:00.000Z');
  });

  it('points its cross-reference table at every object', () => {
    const text = renderPdf(spec).bytes.toString('latin1');
    const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, index) => expect(text.slice(offset, offset + 12)).toMatch(new RegExp(`^${index + 1} 0 obj`)));
  });

  it('gives the same bytes for the same content', () => {
    expect(renderPdf(spec).bytes.equals(renderPdf(spec).bytes)).toBe(true);
  });

  it('returns the text it draws, accents and typographic apostrophes included', () => {
    const { text } = renderPdf(spec);
    expect(text).toContain('réinsertion socioprofessionnelle');
    expect(text).toContain('d’emploi');
    expect(text).toContain('Page 2/2');
  });

  it('keeps the file ASCII by escaping WinAnsi bytes', () => {
    const { bytes } = renderPdf(spec);
    expect([...bytes.subarray(20)].every((b) => b < 128)).toBe(true);
    expect(bytes.toString('latin1')).toContain('r\\351insertion');
  });

  it('replaces characters WinAnsi cannot draw', () => {
    expect(toDrawable('≥ 50 % — é è à ç ô œ € ’ « »')).toBe('>= 50 % — é è à ç ô œ € ’ « »');
    expect(toDrawable('Ωmega')).toBe('?mega');
    expect(toDrawable('ñ\u2011')).toBe('ñ-');
  });

  it('wraps lines within the width', () => {
    const lines = wrapText(paragraph, 'F1', 10, 200);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(textWidth(line, 'F1', 10)).toBeLessThanOrEqual(200);
    expect(lines.join(' ')).toBe(paragraph);
  });
});
