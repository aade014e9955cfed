import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionSummaryFixture, memberPackFixture } from '../fixtures';
import type { MemberPack, PackItem } from '../model';
import { pdfFirstPagePng, pdfFonts, pdfPageCount, pdfText } from '../readers.testkit';
import { memberPackPdf } from './memberPack';

const SHOTS = '/tmp/issue6-shots';
const flat = (text: string) => text.replace(/\s+/g, ' ');
const pages = (text: string) => text.split('\f').slice(0, -1).map(flat);

/** The dossier the member is conflicted on (agenda line 2 of the fixture). */
const conflicted = decisionSummaryFixture.sections[0]!.items[1]!;

/** A pack of three items where the member is conflicted on the second. */
function packWithConflict(): MemberPack {
  const [first] = memberPackFixture.items;
  const third: PackItem = {
    ...first!,
    number: 3,
    sectionTitle: 'Renouvellements',
    reference: 'IES-2026-0088',
    operatorName: 'Économie & Solidarité Hainaut SC',
    subject: 'Renouvellement pour 4 ans',
    figures: null,
    checks: [],
    history: [],
    findings: [],
    hearingAt: null,
    rapporteur: null,
  };
  return {
    ...memberPackFixture,
    agenda: [
      ...memberPackFixture.agenda,
      { number: 3, sectionTitle: 'Renouvellements', hidden: false, reference: third.reference, operatorName: third.operatorName, subject: third.subject, hiddenReason: null, hearingAt: null },
    ],
    items: [first!, third],
  };
}

describe('memberPackPdf — a member’s preparation pack', () => {
  let bytes: Uint8Array;
  let text: string;
  beforeAll(async () => {
    bytes = await memberPackPdf(packWithConflict());
    text = flat(pdfText(bytes));
    mkdirSync(SHOTS, { recursive: true });
    pdfFirstPagePng(bytes, `${SHOTS}/pdf-pack.png`);
    // Page 2 (the first item), for looking at it.
    const file = `${SHOTS}/pack.tmp.pdf`;
    writeFileSync(file, bytes);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '2', '-l', '2', '-singlefile', file, `${SHOTS}/pdf-pack-item`]);
    execFileSync('rm', ['-f', file]);
  });

  it('opens with the session, the member’s name and the personal-document notice', () => {
    const [cover] = pages(pdfText(bytes));
    expect(cover).toContain('Dossier de préparation');
    expect(cover).toContain('Séance n° 412 du 17/11/2026');
    expect(cover).toContain('Préparé pour Jérôme Bæcke');
    expect(cover).toContain('Document personnel — ne pas diffuser');
    expect(cover).toContain('Points communiqués 2 sur 3');
  });

  it('lists the agenda, a hidden line showing only its number and the reason', () => {
    const lines = pdfText(bytes, { layout: true, firstPage: 1, lastPage: 1 })
      .split('\n')
      .map((l) => l.trim().replace(/\s{2,}/g, ' | '))
      .filter(Boolean);
    expect(lines).toContain('1 | EI-2026-0142 — Cœur de Forêt SC | 10:15');
    expect(lines).toContain('2 | Point non communiqué : conflit d’intérêts déclaré (lien d’emploi).');
    expect(lines).toContain('3 | IES-2026-0088 — Économie & Solidarité Hainaut SC | —');
  });

  it('prints nothing of the dossier the member is conflicted on', () => {
    for (const secret of [conflicted.reference, conflicted.operatorName, conflicted.bceLabel, conflicted.subject, 'IDESS']) {
      expect(text).not.toContain(secret);
    }
  });

  it('never prints an item whose agenda line is hidden, even if the model held it by mistake', async () => {
    const leaked: PackItem = { ...memberPackFixture.items[0]!, number: 2, reference: conflicted.reference, operatorName: conflicted.operatorName };
    const pack = packWithConflict();
    const pdf = await memberPackPdf({ ...pack, items: [pack.items[0]!, leaked, pack.items[1]!] });
    const all = flat(pdfText(pdf));
    expect(all).not.toContain(conflicted.reference);
    expect(all).not.toContain(conflicted.operatorName);
    expect(pdfPageCount(pdf)).toBe(3);
  });

  it('starts each readable item on a new page, after the cover', () => {
    const all = pages(pdfText(bytes));
    expect(all).toHaveLength(3);
    expect(all[1]).toMatch(/^.*?Point 1 — Demandes d’agrément EI-2026-0142 — Cœur de Forêt SC/);
    expect(all[2]).toContain('Point 3 — Renouvellements IES-2026-0088 — Économie & Solidarité Hainaut SC');
    expect(all[1]).not.toContain('IES-2026-0088 —');
  });

  it('prints the synthesis, the proposal, the figures by year and the history and findings of an item', () => {
    const item = pages(pdfText(bytes))[1]!;
    expect(item).toContain('BCE 0456.789.012 · Entreprise d’insertion · Demande d’agrément');
    expect(item).toContain('Rapporteur Anaïs Çelik');
    expect(item).toContain('Audition audition de l’opérateur à 10:15');
    expect(item).toContain('Adresse Rue du Bœuf 12, 5000 Namur');
    expect(item).toContain('Proposition de l’administration Favorable sous conditions Avis favorable sous réserve d’un plan de formation.');
    expect(item).toContain('Chiffres — Rapports d’activités');
    const figures = pdfText(bytes, { layout: true, firstPage: 2, lastPage: 2 }).split('\n').map((l) => l.trim().replace(/\s{2,}/g, ' | '));
    expect(figures).toContain('2024 | 2025');
    expect(figures).toContain('Part du public cible | 48,2 % | 52,3 %');
    expect(figures).toContain('Coût salarial | € 612 000,00 | € 655 400,00');
    expect(item).toContain('17/03/2025 — séance n° 380 : avis favorable (IES, renouvellement)');
    expect(item).toContain('12/09/2026 — majeure : registre du personnel incomplet');
  });

  it('prints each compliance check with its status as words, its explanation and its legal basis', () => {
    const lines = pdfText(bytes, { layout: true, firstPage: 2, lastPage: 2 }).split('\n').map((l) => l.trim().replace(/\s{2,}/g, ' | '));
    expect(lines.find((l) => l.startsWith('Tension salariale'))).toMatch(/^Tension salariale \| Non conforme \| Écart de 4,3/);
    expect(lines.find((l) => l.startsWith('Numéro BCE'))).toBe('Numéro BCE | Conforme | Numéro valide.');
    const item = pages(pdfText(bytes))[1]!;
    expect(item).toContain('Base légale : Décret du 20 octobre 2016, art. 2');
  });

  it('says when an item has no figures, checks, history nor findings', () => {
    const item = pages(pdfText(bytes))[2]!;
    expect(item).not.toContain('Chiffres —');
    expect(item).toContain('Aucun contrôle applicable.');
    expect(item).toContain('Aucun avis ni aucune décision antérieurs.');
    expect(item).toContain('Aucun constat ouvert.');
    expect(item).toContain('Audition aucune');
  });

  it('carries the personal notice, the generation date and « page x / y » on every page', () => {
    const all = pages(pdfText(bytes));
    all.forEach((page, i) => {
      expect(page).toContain('Document personnel — ne pas diffuser');
      expect(page).toContain('Généré le 18/11/2026 à 15:05');
      expect(page).toContain(`page ${i + 1} / ${all.length}`);
    });
  });

  it('embeds its fonts', () => {
    expect(pdfFonts(bytes).every((f) => f.embedded)).toBe(true);
  });

  it('never leaves a heading or a table’s header row alone at the foot of a page', async () => {
    const alone = ['Synthèse', 'Proposition de l’administration', 'Chiffres — Rapports d’activités', 'Contrôles de conformité', 'Historique de l’opérateur', 'Constats d’inspection ouverts', 'Explication', '2025'];
    const [first] = memberPackFixture.items;
    // A longer and longer proposal pushes what follows it to every height of the page.
    for (let lines = 6; lines <= 29; lines++) {
      const text = Array.from({ length: lines }, (_, i) => `Considérant ${i + 1}.`).join('\n');
      const pdf = await memberPackPdf({ ...memberPackFixture, items: [{ ...first!, proposal: { ...first!.proposal, text } }] });
      for (const page of pdfText(pdf).split('\f').slice(0, -1)) {
        const body = page.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('Généré le') && !/^page \d+ \/ \d+$/.test(l));
        expect(alone, `${lines} lines`).not.toContain(body.at(-1));
      }
    }
  });
});
