import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LetterBlock, LetterDocument } from '../model';
import { pdfFirstPagePng, pdfFonts, pdfPageCount, pdfText } from '../readers.testkit';
import { letterPdf } from './letter';

const SHOTS = '/tmp/issue6-shots';
const flat = (text: string) => text.replace(/\s+/g, ' ');

const generated = { at: '2026-11-18T14:05:00.000Z', label: '18/11/2026 à 15:05' };

/** A letter as the template parser fills it (written by hand here). */
const letter: LetterDocument = {
  title: 'Avis de la commission — EI-2026-0142 — Cœur de Forêt SC',
  generated,
  blocks: [
    {
      type: 'lines',
      align: 'left',
      lines: [
        [{ text: 'Service public de Wallonie — Économie, Emploi, Recherche', bold: true }],
        [{ text: 'Commission consultative et d’agrément des entreprises d’économie sociale' }],
        [{ text: 'Secrétariat de la commission' }],
        [{ text: 'Place de la Wallonie 1, 5100 Jambes' }],
      ],
    },
    { type: 'lines', align: 'right', lines: [[{ text: 'Cœur de Forêt SC' }], [{ text: 'Rue du Bœuf 12' }], [{ text: '5000 Namur' }]] },
    { type: 'paragraph', align: 'right', runs: [{ text: 'Namur, le 18/11/2026' }] },
    {
      type: 'paragraph',
      align: 'left',
      runs: [
        { text: 'Objet :', bold: true },
        { text: ' avis de la commission sur votre dossier EI-2026-0142 (demande d’agrément)\n' },
        { text: 'Nos références :', bold: true },
        { text: ' dossier EI-2026-0142 — séance n° 412 du 17/11/2026' },
      ],
    },
    { type: 'heading', level: 1, runs: [{ text: 'Avis de la commission' }] },
    { type: 'paragraph', align: 'left', runs: [{ text: 'Madame, Monsieur,' }] },
    {
      type: 'paragraph',
      align: 'justify',
      runs: [
        { text: 'Nous avons l’honneur de vous informer qu’après en avoir délibéré, la commission a rendu, par 2 voix pour, 0 contre et 1 abstention, un avis ' },
        { text: 'favorable sous conditions', bold: true },
        { text: ' sur votre dossier en date du 17/11/2026.' },
      ],
    },
    { type: 'heading', level: 2, runs: [{ text: 'Conditions' }] },
    {
      type: 'paragraph',
      align: 'justify',
      runs: [{ text: 'Transmettre le plan de formation 2027 avant le 31/03/2027 ; budget € 18 000,00.\nLa part de travailleurs défavorisés (52,3 %) dépasse le seuil.', italic: true }],
    },
    { type: 'paragraph', align: 'left', runs: [{ text: 'Nous vous prions d’agréer, Madame, Monsieur, l’expression de notre considération distinguée.' }] },
    {
      type: 'lines',
      align: 'right',
      lines: [[{ text: 'Pour la commission,' }], [{ text: 'Françoise Lœwenthal', bold: true }], [{ text: 'Président·e de la commission' }]],
    },
  ],
};

describe('letterPdf — an opinion letter', () => {
  let bytes: Uint8Array;
  let text: string;
  beforeAll(async () => {
    bytes = await letterPdf(letter);
    text = flat(pdfText(bytes));
    mkdirSync(SHOTS, { recursive: true });
    pdfFirstPagePng(bytes, `${SHOTS}/pdf-letter.png`);
  });

  it('prints headings, bold runs, right-aligned lines and paragraphs in their order, accents intact', () => {
    const expected = [
      'Service public de Wallonie — Économie, Emploi, Recherche',
      'Place de la Wallonie 1, 5100 Jambes',
      'Cœur de Forêt SC Rue du Bœuf 12 5000 Namur',
      'Namur, le 18/11/2026',
      'Objet : avis de la commission sur votre dossier EI-2026-0142 (demande d’agrément)',
      'Nos références : dossier EI-2026-0142 — séance n° 412 du 17/11/2026',
      'Avis de la commission',
      'Madame, Monsieur,',
      'un avis favorable sous conditions sur votre dossier en date du 17/11/2026.',
      'Conditions',
      'budget € 18 000,00.',
      'Nous vous prions d’agréer',
      'Pour la commission, Françoise Lœwenthal Président·e de la commission',
    ];
    const positions = expected.map((s) => text.indexOf(s));
    expected.forEach((s, i) => expect(positions[i], s).toBeGreaterThanOrEqual(0));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('sets right-aligned lines against the right margin and the letterhead against the left one', () => {
    const lines = pdfText(bytes, { layout: true }).split('\n');
    const indent = (s: string) => {
      const line = lines.find((l) => l.includes(s));
      expect(line, s).toBeDefined();
      return line!.indexOf(s);
    };
    expect(indent('Service public de Wallonie')).toBeLessThan(5);
    expect(indent('Rue du Bœuf 12')).toBeGreaterThan(40);
    expect(indent('Namur, le 18/11/2026')).toBeGreaterThan(40);
  });

  it('breaks a line where a run holds a line break', () => {
    const lines = pdfText(bytes).split('\n').map((l) => l.trim());
    expect(lines).toContain('Objet : avis de la commission sur votre dossier EI-2026-0142 (demande d’agrément)');
    expect(lines.find((l) => l.startsWith('Nos références'))).toBe('Nos références : dossier EI-2026-0142 — séance n° 412 du 17/11/2026');
  });

  it('uses the bold and italic Roboto faces, all embedded', () => {
    const fonts = pdfFonts(bytes);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    const names = fonts.map((f) => f.name.replace(/^[A-Z]+\+/, '')).sort();
    expect(names).toEqual(['Roboto-Italic', 'Roboto-Medium', 'Roboto-Regular']);
  });

  it('has no page number on a one-page letter', () => {
    expect(pdfPageCount(bytes)).toBe(1);
    expect(text).not.toContain('page 1 / 1');
  });

  it('numbers the pages of a longer letter « page x / y »', async () => {
    const paragraph: LetterBlock = {
      type: 'paragraph',
      align: 'justify',
      runs: [{ text: 'Le secrétariat de la commission reste à votre disposition pour tout renseignement complémentaire relatif à ce dossier. '.repeat(6) }],
    };
    const long = await letterPdf({ ...letter, blocks: [...letter.blocks, ...Array.from({ length: 12 }, () => paragraph)] });
    const count = pdfPageCount(long);
    expect(count).toBeGreaterThan(1);
    const pages = pdfText(long).split('\f').slice(0, -1);
    pages.forEach((page, i) => expect(flat(page)).toContain(`page ${i + 1} / ${count}`));
  });
});
