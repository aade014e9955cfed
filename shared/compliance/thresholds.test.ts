/* eslint-disable @typescript-eslint/no-explicit-any -- malformed copies of the file are built by assigning values of the wrong type on purpose */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RuleBookError, parseRuleBook, regimeFor, reportDueOn } from './thresholds';

const SHIPPED = JSON.parse(readFileSync(new URL('../../resources/rules/thresholds.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** A deep copy of the shipped file with one change. */
function variant(change: (json: any) => void): unknown {
  const copy = structuredClone(SHIPPED);
  change(copy);
  return copy;
}

function refusal(json: unknown): RuleBookError {
  try {
    parseRuleBook(json);
  } catch (error) {
    if (error instanceof RuleBookError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('the shipped thresholds file', () => {
  const book = parseRuleBook(SHIPPED);

  it('parses, with a version, the 60-day appeal and at least one regime per scheme', () => {
    expect(book.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(book.appeal.days).toBe(60);
    expect(book.appeal.source.text).toContain('Conseil d’État');
    for (const scheme of ['IES', 'EI', 'IDESS', 'AC'] as const) expect(regimeFor(book, scheme, '2025-12-31')).not.toBeNull();
  });

  it('holds the values of DESIGN §2: terms, report due date, renewal window, EI and IDESS thresholds', () => {
    const ies = regimeFor(book, 'IES', '2025-06-01')!;
    const ei = regimeFor(book, 'EI', '2025-06-01')!;
    const idess = regimeFor(book, 'IDESS', '2025-06-01')!;
    expect(ies.terms).toEqual(['2y', '4y', 'indefinite']);
    expect(ei.terms).toEqual(['2y', '4y', 'indefinite']);
    expect(idess.terms).toEqual(['2y', '4y']);
    for (const regime of [ies, ei, idess]) expect(regime.report.dueMonthDay).toBe('07-15');
    expect(ies.renewalWindow).toMatchObject({ openDaysBeforeExpiry: 240, closeDaysBeforeExpiry: 180 });
    expect(ei.renewalWindow).toMatchObject({ openDaysBeforeExpiry: 240, closeDaysBeforeExpiry: 180 });
    expect(idess.renewalWindow).toBeNull();
    expect(ei.ei).toMatchObject({
      targetShare: { min: 0.5, fromAgrementYear: 4 },
      cdi: { withinMonths: 6 },
      halfTime: { minFraction: 0.5 },
      paySpread: { max: 4 },
      subsidy: { td: { amountCents: 1_800_000, months: 12 }, tgd: { amountCents: 3_600_000, months: 24 } },
      subsidyWageShare: { max: 0.5 },
    });
    expect(ei.legalForms).toEqual([{ form: 'SC', socialEnterpriseRequired: true }]);
    expect(idess.idess?.targetFte.min).toBe(2);
    expect(idess.idess?.activities.allowed.filter((a) => a.precariousOnly).map((a) => a.code)).toEqual(['social_transport', 'social_laundry', 'social_shop']);
  });

  it('says which values are the commission’s practice rather than the law', () => {
    const ei = regimeFor(book, 'EI', '2025-06-01')!;
    expect(ei.ei?.accompaniment.source.text).toContain('pratique de la Commission');
    expect(ei.ei?.paySpreadWarning.source.text).toContain('pratique de la Commission');
    expect(ei.expiryWarningSource.text).toContain('pratique de la Commission');
    expect(regimeFor(book, 'AC', '2025-06-01')!.ac?.subsidyElements.source.text).toContain('pratique de la Commission');
    expect(regimeFor(book, 'AC', '2025-06-01')!.termsSource.text).toContain('pratique de la Commission');
  });

  it('picks the regime in force on the day: AC under the 2004 decree until 12/12/2023, the 2023 decree from the 13th', () => {
    expect(regimeFor(book, 'AC', '2023-12-12')?.id).toBe('AC-2004');
    expect(regimeFor(book, 'AC', '2023-12-13')?.id).toBe('AC-2023');
    expect(regimeFor(book, 'EI', '2010-01-01')).toBeNull();
  });

  it('gives the due date of a year’s report: 15 July of the following year', () => {
    expect(reportDueOn(book, 'EI', 2024)).toBe('2025-07-15');
    expect(reportDueOn(book, 'EI', 2000)).toBeNull();
  });
});

describe('a malformed thresholds file is refused with a French message naming the field', () => {
  it.each([
    ['a number given as text', (j: any) => (j.regimes[1].ei.paySpread.max = 'quatre'), 'regimes[1].ei.paySpread.max', 'nombre attendu, reçu texte'],
    ['an unknown key', (j: any) => (j.regimes[1].ei.payRatioMax = 4), 'regimes[1].ei.payRatioMax', 'champ inconnu'],
    ['an unknown top-level key', (j: any) => (j.seuils = {}), 'seuils', 'champ inconnu'],
    ['a missing field', (j: any) => delete j.regimes[0].report.dueMonthDay, 'regimes[0].report.dueMonthDay', 'champ manquant'],
    ['a month-day that does not exist', (j: any) => (j.regimes[0].report.dueMonthDay = '02-30'), 'regimes[0].report.dueMonthDay', 'MM-JJ attendu'],
    ['29 February as a yearly due date', (j: any) => (j.regimes[2].report.dueMonthDay = '02-29'), 'regimes[2].report.dueMonthDay', '29 février'],
    ['a month-day in another format', (j: any) => (j.regimes[0].report.dueMonthDay = '15/07'), 'regimes[0].report.dueMonthDay', 'MM-JJ attendu'],
    ['a share above 1', (j: any) => (j.regimes[1].ei.targetShare.min = 50), 'regimes[1].ei.targetShare.min', 'proportion entre 0 et 1'],
    ['a negative number of days', (j: any) => (j.regimes[0].expiryWarningDays = -1), 'regimes[0].expiryWarningDays', 'positif'],
    ['a decimal number of days', (j: any) => (j.appeal.days = 60.5), 'appeal.days', 'entier'],
    ['an invalid date', (j: any) => (j.regimes[0].from = '2008-13-01'), 'regimes[0].from', 'AAAA-MM-JJ'],
    ['an unknown scheme', (j: any) => (j.regimes[0].scheme = 'ETA'), 'regimes[0].scheme', 'valeur inattendue « ETA »'],
    ['an unknown term', (j: any) => (j.regimes[0].terms = ['2y', '3y']), 'regimes[0].terms[1]', 'valeur inattendue « 3y »'],
    ['a window that closes before it opens', (j: any) => (j.regimes[0].renewalWindow.openDaysBeforeExpiry = 120), 'regimes[0].renewalWindow.openDaysBeforeExpiry', 's’ouvrir avant de se fermer'],
    ['overlapping regimes of one scheme', (j: any) => (j.regimes[3].to = null), 'regimes[4].from', 'chevauche le régime « AC-2004 »'],
    ['a scheme without any regime', (j: any) => j.regimes.splice(2, 1), 'regimes', 'aucun régime pour l’agrément IDESS'],
    ['EI thresholds missing from an EI regime', (j: any) => delete j.regimes[1].ei, 'regimes[1].ei', 'seuils EI manquants'],
    ['a regime ending before it starts', (j: any) => (j.regimes[3].to = '2000-01-01'), 'regimes[3].to', 'précède son début'],
    ['a mistyped AC figure key', (j: any) => (j.regimes[4].ac.subsidyElements.figures[1] = 'wageCostCent'), 'regimes[4].ac.subsidyElements.figures[1]', 'chiffre « wageCostCent » inconnu du rapport AC'],
    ['an EI figure asked of an AC report', (j: any) => (j.regimes[3].ac.subsidyElements.figures[0] = 'targetFteTd'), 'regimes[3].ac.subsidyElements.figures[0]', 'chiffre « targetFteTd » inconnu du rapport AC'],
    ['a source without text', (j: any) => (j.regimes[0].source.text = ' '), 'regimes[0].source.text', 'texte non vide'],
  ])('%s', (_name, change, field, detail) => {
    const error = refusal(variant(change));
    expect(error.field).toBe(field);
    expect(error.message).toContain(`Fichier des seuils invalide : ${field} — `);
    expect(error.message).toContain(detail);
  });

  it('accepts every AC report figure, the AC-specific ones included', () => {
    const keys = ['fteTotal', 'wageCostCents', 'acProjectsSupported', 'acEnterprisesCreated', 'acJobsCreatedFte'];
    const book = parseRuleBook(variant((j: any) => (j.regimes[4].ac.subsidyElements.figures = keys)));
    expect(book.regimes[4]!.ac!.subsidyElements.figures).toEqual(keys);
  });

  it('refuses what is not an object at all', () => {
    expect(refusal('seuils').message).toMatch(/^Fichier des seuils invalide : \(racine\) — objet attendu, reçu texte$/);
  });
});
