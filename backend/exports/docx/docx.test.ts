import { mkdirSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionSummaryFixture, letterValuesFixture } from '../fixtures';
import type { DecisionSummary, LetterDocument } from '../model';
import { officeToPdf, pdfFirstPagePng, pdfPageCount, pdfText } from '../readers.testkit';
import { fillLetter, loadLetterTemplate } from '../template';
import { frenchSpaces } from './common';
import { decisionsDocx } from './decisions';
import { letterDocx } from './letter';

const SHOTS = '/tmp/issue6-shots';
/** No-break spaces read as spaces; lines joined. */
const normalize = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const flat = (text: string) => normalize(text).replace(/\s+/g, ' ');

function part(docx: Uint8Array, name: string): string {
  const file = unzipSync(docx)[name];
  if (!file) throw new Error(`${name} absent du DOCX`);
  return strFromU8(file);
}
const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
const unescapeXml = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (e) => XML_ENTITIES[e] as string);
/** The paragraphs' text of document.xml, with their style. */
function paragraphs(xml: string): { style: string | null; text: string }[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    text: normalize(unescapeXml([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))),
  }));
}
const items = decisionSummaryFixture.sections.flatMap((s) => s.items);

describe('frenchSpaces', () => {
  it('puts no-break spaces inside guillemets, before : ; % and inside amounts', () => {
    expect(frenchSpaces('« renforcer » : € 18 000,00 ; 52,3 %')).toBe('«\u00a0renforcer\u00a0»\u00a0: €\u00a018\u00a0000,00\u00a0; 52,3\u00a0%');
    expect(frenchSpaces('séance n° 412 du 17/11/2026')).toBe('séance n° 412 du 17/11/2026');
  });
});

describe('decisionsDocx', () => {
  let docx: Uint8Array;
  let xml: string;
  let pdf: Uint8Array;
  let text: string;

  beforeAll(async () => {
    docx = await decisionsDocx(decisionSummaryFixture);
    xml = part(docx, 'word/document.xml');
    pdf = officeToPdf(docx, 'docx');
    text = normalize(pdfText(pdf));
    mkdirSync(SHOTS, { recursive: true });
    pdfFirstPagePng(pdf, `${SHOTS}/docx-decisions.png`);
  }, 120_000);

  it('uses real styles: a Title, a Heading 1 per agenda section, a Heading 2 per item, then a table', () => {
    const styled = paragraphs(xml).filter((p) => p.style);
    expect(styled.filter((p) => p.style === 'Title').map((p) => p.text)).toEqual(['Relevé des avis — séance n° 412 du 17/11/2026']);
    expect(styled.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual(['Présences et quorum', 'Demandes d’agrément', 'Renouvellements']);
    expect(styled.filter((p) => p.style === 'Heading2').map((p) => p.text)).toEqual([
      '1. EI-2026-0142 — Cœur de Forêt SC',
      '2. IDESS-2026-0031 — Les Jardins d’Élise ASBL',
      '3. IES-2026-0088 — Économie & Solidarité Hainaut SC',
      '4. EI-2025-0977 — Recyclœrie du Condroz SC',
    ]);
    // Attendance table + one table per item.
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1 + items.length);
    expect(part(docx, 'word/styles.xml')).toMatch(/<w:style [^>]*w:styleId="Heading1"/);
  });

  it('is A4, in French (Belgium), with « page x / y » fields in the footer', () => {
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(part(docx, 'word/styles.xml')).toMatch(/<w:lang w:val="fr-BE"/);
    const footers = Object.keys(unzipSync(docx)).filter((n) => /^word\/footer\d*\.xml$/.test(n));
    const footer = footers.map((n) => part(docx, n)).join('');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
  });

  it('converts with LibreOffice; the text has every item’s reference, operator, opinion, with accents intact', () => {
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(2);
    const all = flat(text);
    expect(all).toContain('Commission consultative et d’agrément des entreprises d’économie sociale');
    expect(all).toContain('Relevé des avis — séance n° 412 du 17/11/2026');
    expect(all).toContain('Namur, place de la Wallonie 1, salle « Émile Vandervelde »');
    expect(all).toContain('Quorum atteint : 3 membres votants présents sur 4 (majorité : 3)');
    expect(all).toContain('Françoise Lœwenthal (ConcertES, Président·e)');
    expect(all).toContain('Noël Dubœuf (CSC, Membre effectif)');
    for (const item of items) {
      expect(all).toContain(`${item.number}. ${item.reference} — ${item.operatorName}`);
      expect(all).toContain(item.bceLabel);
      expect(all).toContain(item.outcomeInForceLabel);
      if (item.opinion) expect(all).toContain(item.opinion.vote.text);
    }
    expect(all).toContain('Favorable sous conditions');
    expect(all).toContain('Défavorable');
    expect(all).toContain('Reporté sans avis');
    expect(all).toContain('Transmettre le plan de formation 2027 avant le 31/03/2027 ; budget € 18 000,00.');
    expect(all).toContain('l’accompagnement reste à « renforcer ».');
    expect(all).toContain('Rectification du 20/11/2026');
    expect(all).toContain('Motif : Le plan de formation a été reçu : la condition est levée.');
    expect(all).toContain('Nouvel avis : Favorable');
    expect(all).toContain('Noël Dubœuf (mandat d’administrateur)');
  });

  it('prints « page x / y » and the generation date at the foot of every page', () => {
    const pages = text.split('\f').filter((p) => p.trim());
    pages.forEach((page, i) => {
      expect(flat(page)).toContain(`page ${i + 1} / ${pages.length}`);
      expect(flat(page)).toContain('Généré le 18/11/2026 à 15:05');
    });
  });

  it('gives an adjourned item no vote and no opinion date', () => {
    const adjourned = xml.slice(xml.indexOf('4. EI-2025-0977'));
    const cells = paragraphs(adjourned).map((p) => p.text);
    expect(cells).toContain('Reporté sans avis');
    expect(cells).not.toContain('Vote');
    expect(cells).not.toContain('Date de l’avis');
  });

  it('says « Relevé provisoire » for a session not yet closed', async () => {
    const provisional: DecisionSummary = { ...decisionSummaryFixture, session: { ...decisionSummaryFixture.session, provisional: true, statusLabel: 'en cours (relevé provisoire)' } };
    const texts = paragraphs(part(await decisionsDocx(provisional), 'word/document.xml')).map((p) => p.text);
    expect(texts.some((t) => t.startsWith('Relevé provisoire : la séance n’est pas clôturée'))).toBe(true);
    expect(paragraphs(xml).some((p) => p.text.startsWith('Relevé provisoire'))).toBe(false);
  });
});

describe('letterDocx', () => {
  let letter: LetterDocument;
  let docx: Uint8Array;
  let xml: string;
  let text: string;

  beforeAll(async () => {
    letter = fillLetter(loadLetterTemplate(), letterValuesFixture, decisionSummaryFixture.generated, 'Avis de la commission — EI-2026-0142');
    docx = await letterDocx(letter);
    xml = part(docx, 'word/document.xml');
    const pdf = officeToPdf(docx, 'docx');
    text = normalize(pdfText(pdf));
    mkdirSync(SHOTS, { recursive: true });
    pdfFirstPagePng(pdf, `${SHOTS}/docx-letter.png`);
  }, 120_000);

  it('lays out headings as Heading 1/2, paragraphs justified, address lines right-aligned, line breaks as breaks', async () => {
    const doc: LetterDocument = {
      title: 'Essai',
      generated: letter.generated,
      blocks: [
        { type: 'heading', level: 1, runs: [{ text: 'Avis de la commission' }] },
        { type: 'heading', level: 2, runs: [{ text: 'Détail' }] },
        { type: 'lines', align: 'right', lines: [[{ text: 'Cœur de Forêt SC' }], [{ text: '5000 Namur' }]] },
        { type: 'paragraph', align: 'justify', runs: [{ text: 'Un avis ' }, { text: 'favorable', bold: true }, { text: '\nà la ligne', italic: true }] },
      ],
    };
    const x = part(await letterDocx(doc), 'word/document.xml');
    const ps = paragraphs(x);
    expect(ps.find((p) => p.style === 'Heading1')?.text).toBe('Avis de la commission');
    expect(ps.find((p) => p.style === 'Heading2')?.text).toBe('Détail');
    expect(x.match(/<w:jc w:val="right"\/>/g)).toHaveLength(2);
    expect(x).toMatch(/<w:jc w:val="both"\/>/);
    expect(x).toMatch(/<w:b\/>[\s\S]*favorable/);
    expect(x).toMatch(/<w:i\/>[\s\S]*<w:br\/>[\s\S]*à la ligne/);
    expect(part(await letterDocx(doc), 'docProps/core.xml')).toContain('<dc:title>Essai</dc:title>');
  });

  it('keeps Word from stretching justified lines that end with a line break', () => {
    expect(part(docx, 'word/settings.xml')).toContain('doNotExpandShiftReturn');
    expect(xml).toMatch(/<w:jc w:val="both"\/>/);
    expect(xml).toMatch(/<w:br\/>/);
  });

  it('converts with LibreOffice: the filled template reads as the letter, accents intact', () => {
    const all = flat(text);
    for (const expected of [
      'Service public de Wallonie — Économie, Emploi, Recherche',
      'Cœur de Forêt SC',
      'Rue du Bœuf 12',
      '5000 Namur',
      'Namur, le 18/11/2026',
      'Objet : avis de la commission sur votre dossier EI-2026-0142 (demande d’agrément)',
      'Madame, Monsieur,',
      'séance n° 412 du 17/11/2026',
      'un avis favorable sous conditions',
      'budget € 18 000,00.',
      'Ministre',
      'Françoise Lœwenthal',
      'Noémie Brûlé',
      'page 1 / 1',
    ]) {
      expect(all).toContain(expected);
    }
    expect(all).not.toContain('{{');
    expect(all).not.toContain('**');
  });
});
