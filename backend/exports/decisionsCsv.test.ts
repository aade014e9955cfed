import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { DECISION_COLUMNS, decisionsCsv } from './decisionsCsv';
import { decisionSummaryFixture } from './fixtures';
import type { DecisionSummary } from './model';

const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

/** The fixture with a motivation that a naive CSV writer would break. */
function trickySummary(): DecisionSummary {
  const s = structuredClone(decisionSummaryFixture);
  const item = s.sections[0]!.items[1]!;
  item.opinion!.motivation = 'Ligne 1 ; « citation » avec "guillemets"\nLigne 2 : coût € 1 234,50 — œuvre, ça, été';
  item.operatorName = '=HYPERLINK("http://x") ASBL';
  return s;
}

describe('decisionsCsv', () => {
  it('starts with a UTF-8 byte-order mark and ends every record with CRLF', () => {
    const bytes = decisionsCsv(decisionSummaryFixture);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = decode(bytes);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false); // no multi-line cell in the fixture
  });

  it('writes a header row and one row per item, adjourned items included, with the XLSX columns', () => {
    const records = parseCsv(decode(decisionsCsv(decisionSummaryFixture)));
    expect(records[0]).toEqual(DECISION_COLUMNS.map((c) => c.header));
    expect(records[0]).toEqual(expect.arrayContaining(['N°', 'BCE', 'Date de réception', 'Avis', 'Avis initial', 'Consensus', 'Pour', 'Contre', 'Abstention', 'Date de l’avis', 'Récusations', 'Rectifications']));
    expect(records).toHaveLength(1 + 4);
    expect(records.slice(1).map((r) => r[2])).toEqual(['EI-2026-0142', 'IDESS-2026-0031', 'IES-2026-0088', 'EI-2025-0977']);
  });

  it('round-trips every field: dates dd/mm/yyyy, BCE with its leading zero, votes, Oui/Non, accents', () => {
    const records = parseCsv(decode(decisionsCsv(decisionSummaryFixture)));
    const header = records[0]!;
    const row = (n: number) => Object.fromEntries(header.map((h, i) => [h, records[n]![i]]));
    expect(row(1)).toEqual({
      'N°': '1',
      Section: 'Demandes d’agrément',
      Référence: 'EI-2026-0142',
      Opérateur: 'Cœur de Forêt SC',
      BCE: '0456.789.012',
      Régime: 'Entreprise d’insertion',
      Nature: 'Demande d’agrément',
      Objet: 'Agrément comme entreprise d’insertion — menuiserie et élagage',
      'Date de réception': '02/06/2026',
      Proposition: 'Favorable sous conditions',
      'Texte de la proposition': 'Avis favorable sous réserve d’un plan de formation.',
      Avis: 'Favorable',
      // The opinion in force (the amendment lifted the condition)…
      Conditions: '',
      Motivation: 'Condition remplie.',
      // …and the one given in session.
      'Avis initial': 'Favorable sous conditions',
      'Conditions initiales': 'Transmettre le plan de formation 2027 avant le 31/03/2027 ; budget € 18 000,00.',
      'Motivation initiale': 'La part de travailleurs défavorisés (52,3 %) dépasse le seuil ; l’accompagnement reste à « renforcer ».',
      Consensus: 'Non',
      Pour: '2',
      Contre: '0',
      Abstention: '1',
      'Date de l’avis': '17/11/2026',
      Récusations: 'Noël Dubœuf (mandat d’administrateur)',
      Rectifications: '20/11/2026 — nouvel avis : Favorable. Motif : Le plan de formation a été reçu : la condition est levée. Motivation : Condition remplie.',
    });
    // Consensus: Oui and empty vote counts.
    expect(row(3)).toMatchObject({ Consensus: 'Oui', Pour: '', Contre: '', Abstention: '', Avis: 'Favorable' });
    // Adjourned: « Reporté sans avis », no opinion, no vote, no date.
    expect(row(4)).toMatchObject({
      Avis: 'Reporté sans avis',
      'Avis initial': '',
      Consensus: '',
      Pour: '',
      'Date de l’avis': '',
      'Date de réception': '01/12/2025',
      Opérateur: 'Recyclœrie du Condroz SC',
    });
  });

  it('keeps semicolons, quotes, guillemets and line breaks of a motivation intact, and defuses formulas', () => {
    const text = decode(decisionsCsv(trickySummary()));
    const records = parseCsv(text);
    const header = records[0]!;
    expect(records).toHaveLength(5);
    expect(records[2]![header.indexOf('Motivation')]).toBe('Ligne 1 ; « citation » avec "guillemets"\nLigne 2 : coût € 1 234,50 — œuvre, ça, été');
    expect(records[2]![header.indexOf('Opérateur')]).toBe('\'=HYPERLINK("http://x") ASBL');
    expect(records.every((r) => r.length === header.length)).toBe(true);
  });

  it('puts each recusal and each amendment on its own line of the cell', () => {
    const s = structuredClone(decisionSummaryFixture);
    const item = s.sections[0]!.items[0]!;
    item.recused.push('Anaïs Çelik (lien familial)');
    item.amendments.push({ amendedOn: '2026-12-01', reason: 'Erreur matérielle', outcome: 'unfavourable', outcomeLabel: 'Défavorable', conditions: '', motivation: '' });
    const records = parseCsv(decode(decisionsCsv(s)));
    const header = records[0]!;
    expect(records[1]![header.indexOf('Récusations')]!.split('\n')).toEqual(['Noël Dubœuf (mandat d’administrateur)', 'Anaïs Çelik (lien familial)']);
    expect(records[1]![header.indexOf('Rectifications')]!.split('\n')[1]).toBe('01/12/2026 — nouvel avis : Défavorable. Motif : Erreur matérielle');
  });
});
