import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionSummaryFixture } from '../fixtures';
import type { DecisionItem, DecisionSummary } from '../model';
import { pdfFirstPagePng, pdfFonts, pdfPageCount, pdfText } from '../readers.testkit';
import { decisionsPdf } from './decisions';

const SHOTS = '/tmp/issue6-shots';

/** pdftotext's text with every run of white space (line breaks, no-break spaces) as one space. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const pages = (text: string) => text.split('\f').slice(0, -1).map(flat);

/** The fixture's items repeated into `count` items over two sections, numbered and referenced anew. */
function summaryWith(count: number): DecisionSummary {
  const source = decisionSummaryFixture.sections.flatMap((s) => s.items);
  const items: DecisionItem[] = Array.from({ length: count }, (_, i) => {
    const model = source[i % source.length]!;
    return { ...model, itemId: 1000 + i, number: i + 1, reference: `EI-2026-${String(1000 + i)}` };
  });
  const half = Math.ceil(count / 2);
  return {
    ...decisionSummaryFixture,
    sections: [
      { section: 'agrements', title: 'Demandes d’agrément', items: items.slice(0, half) },
      { section: 'renewals', title: 'Renouvellements', items: items.slice(half) },
    ],
    counts: {
      opinions: items.filter((i) => i.opinion).length,
      adjourned: items.filter((i) => i.adjourned).length,
      items: items.length,
    },
  };
}

describe('decisionsPdf — the session’s decision summary', () => {
  let bytes: Uint8Array;
  let text: string;
  beforeAll(async () => {
    bytes = await decisionsPdf(decisionSummaryFixture);
    text = flat(pdfText(bytes));
    mkdirSync(SHOTS, { recursive: true });
    pdfFirstPagePng(bytes, `${SHOTS}/pdf-decisions.png`);
  });

  it('is a PDF titled after the session', () => {
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    expect(text).toContain('Relevé des avis — séance n° 412 du 17/11/2026');
    expect(text).toContain('Commission consultative et d’agrément des entreprises d’économie sociale');
    expect(text).toContain('17/11/2026 à 09:30');
    expect(text).toContain('Namur, place de la Wallonie 1, salle « Émile Vandervelde »');
    expect(text).toContain('clôturée le 17/11/2026');
    expect(text).not.toContain('PROVISOIRE');
  });

  it('prints every item with its number, reference, operator, BCE number and opinion, accents intact', () => {
    for (const item of decisionSummaryFixture.sections.flatMap((s) => s.items)) {
      expect(text).toContain(`${item.number}. ${item.reference} — ${item.operatorName} (BCE ${item.bceLabel})`);
      expect(text).toContain(item.opinion ? item.opinion.outcomeLabel : 'Reporté sans avis');
      expect(text).toContain(item.proposal.outcomeLabel);
    }
    expect(text).toContain('Cœur de Forêt SC');
    expect(text).toContain('Recyclœrie du Condroz SC');
    expect(text).toContain('budget € 18 000,00');
    expect(text).toContain('l’accompagnement reste à « renforcer »');
    expect(text).toContain('Les Jardins d’Élise ASBL');
  });

  it('groups the items under their agenda section, in agenda order', () => {
    const order = ['Demandes d’agrément', 'EI-2026-0142', 'IDESS-2026-0031', 'Renouvellements', 'IES-2026-0088', 'EI-2025-0977'].map((s) => text.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('prints conditions, motivation and the vote of each opinion', () => {
    expect(text).toContain('Transmettre le plan de formation 2027 avant le 31/03/2027');
    expect(text).toContain('Pour : 2 · Contre : 0 · Abstention : 1');
    expect(text).toContain('Consensus');
    expect(text).toContain('Moins de 2 ETP du public cible');
  });

  it('prints the recused member, the amendment after the original opinion, and the adjourned item', () => {
    expect(text).toContain('Membre récusé Noël Dubœuf (mandat d’administrateur)');
    const original = text.indexOf('Favorable sous conditions (avis du 17/11/2026)');
    const amendment = text.indexOf('Rectification du 20/11/2026');
    expect(original).toBeGreaterThan(0);
    expect(amendment).toBeGreaterThan(original);
    expect(text.slice(amendment)).toMatch(/^Rectification du 20\/11\/2026 Motif Le plan de formation a été reçu : la condition est levée\. Avis rectifié Favorable Motivation Condition remplie\. Avis en vigueur : Favorable/);
    expect(text).toContain('4. EI-2025-0977');
    expect(text).toMatch(/4\. EI-2025-0977 .*Avis de la commission Reporté sans avis/);
  });

  it('prints attendance by presence with organisation and role, then the quorum', () => {
    // Layout mode keeps the table's rows on their lines.
    const lines = pdfText(bytes, { layout: true }).split('\n').map((l) => l.trim().replace(/\s{2,}/g, ' | ')).filter(Boolean);
    const at = (line: string) => lines.indexOf(line);
    expect(at('Nom | Organisation | Qualité')).toBeGreaterThan(0);
    expect(at('Présents (3)')).toBeGreaterThan(at('Nom | Organisation | Qualité'));
    expect(at('Françoise Lœwenthal | ConcertES | Président·e')).toBe(at('Présents (3)') + 1);
    expect(at('Anaïs Çelik | UCM | Membre effectif')).toBe(at('Présents (3)') + 3);
    expect(at('Noël Dubœuf | CSC | Membre effectif')).toBe(at('Excusés (1)') + 1);
    expect(at('Absents : aucun')).toBe(at('Excusés (1)') + 2);
    expect(text).toContain('Quorum atteint : 3 membres votants présents sur 4 (majorité : 3)');
  });

  it('counts opinions, adjourned items and items', () => {
    expect(text).toContain('4 points examinés · 3 avis rendus · 1 point reporté sans avis');
  });

  it('prints the generation date and « page x / y » on every page', () => {
    const all = pages(pdfText(bytes));
    expect(all.length).toBe(pdfPageCount(bytes));
    all.forEach((page, i) => {
      expect(page).toContain('Généré le 18/11/2026 à 15:05');
      expect(page).toContain(`page ${i + 1} / ${all.length}`);
    });
  });

  it('embeds every font it uses (Roboto subsets)', () => {
    const fonts = pdfFonts(bytes);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    expect(fonts.every((f) => f.name.includes('Roboto'))).toBe(true);
  });

  it('does not depend on the clock: the same summary gives the same bytes', async () => {
    const again = await decisionsPdf(decisionSummaryFixture);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('decisionsPdf — edge cases', () => {
  it('marks a session not yet closed as provisional on every page', async () => {
    const provisional = await decisionsPdf({
      ...decisionSummaryFixture,
      session: { ...decisionSummaryFixture.session, status: 'in_progress', statusLabel: 'en cours (relevé provisoire)', provisional: true },
    });
    const all = pages(pdfText(provisional));
    expect(all[0]).toContain('PROVISOIRE — séance non clôturée');
    expect(all[0]).toContain('en cours (relevé provisoire)');
    all.slice(1).forEach((page) => expect(page).toContain('PROVISOIRE — séance non clôturée'));
  });

  it('says when the place was not recorded and when a quorum was not reached', async () => {
    const pdf = await decisionsPdf({
      ...decisionSummaryFixture,
      session: { ...decisionSummaryFixture.session, place: '' },
      quorum: { ...decisionSummaryFixture.quorum, reached: false, text: 'Quorum non atteint : 2 membres votants présents sur 4 (majorité : 3)' },
    });
    const text = flat(pdfText(pdf));
    expect(text).toContain('Lieu Non renseigné');
    expect(text).toContain('Quorum non atteint : 2 membres votants présents sur 4 (majorité : 3)');
  });

  it('paginates a summary of 60 items with « page x / y » on each page and no item split from its opinion', async () => {
    const summary = summaryWith(60);
    const pdf = await decisionsPdf(summary);
    const count = pdfPageCount(pdf);
    const all = pages(pdfText(pdf));
    expect(count).toBeGreaterThan(8);
    expect(all).toHaveLength(count);
    all.forEach((page, i) => expect(page).toContain(`page ${i + 1} / ${count}`));
    for (const item of summary.sections.flatMap((s) => s.items)) {
      const title = `${item.number}. ${item.reference} —`;
      const page = all.find((p) => p.includes(title));
      expect(page, title).toBeDefined();
      // A short item is kept on one page: its opinion is on the page of its title.
      const after = page!.slice(page!.indexOf(title));
      expect(after).toContain(`Avis de la commission ${item.opinion ? item.opinion.outcomeLabel : 'Reporté sans avis'}`);
    }
    expect(all.join(' ')).toContain('60 points examinés · 45 avis rendus · 15 points reportés sans avis');
  });

  it('lets a very long item break across pages without losing any of its text', async () => {
    const [first] = decisionSummaryFixture.sections;
    const model = first!.items[0]!;
    const motivation = Array.from({ length: 120 }, (_, i) => `Considérant n° ${i + 1} : l’opérateur a fourni les pièces demandées.`).join(' ');
    const pdf = await decisionsPdf({
      ...decisionSummaryFixture,
      sections: [{ ...first!, items: [{ ...model, opinion: { ...model.opinion!, motivation } }] }],
    });
    const text = flat(pdfText(pdf));
    expect(pdfPageCount(pdf)).toBeGreaterThan(1);
    expect(text).toContain('Considérant n° 1 :');
    expect(text).toContain('Considérant n° 120 : l’opérateur a fourni les pièces demandées.');
    expect(text).toContain('Rectification du 20/11/2026');
  });

  it('says so when the agenda has no item', async () => {
    const pdf = await decisionsPdf({ ...decisionSummaryFixture, sections: [], counts: { opinions: 0, adjourned: 0, items: 0 } });
    expect(flat(pdfText(pdf))).toContain('Aucun point à l’ordre du jour.');
  });
});
