import { describe, expect, it } from 'vitest';
import { formatDate, formatEuros, formatFte, formatNumber, formatPercent, ordinalFr, plural, wholeYears } from './format';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('Belgian formatting of the explanations', () => {
  it.each([
    [formatPercent(0.432), '43,2 %'],
    [formatPercent(0.5), '50 %'],
    [formatPercent(0.18754), '18,8 %'],
    [formatEuros(1_800_000), '€ 18 000,00'],
    [formatEuros(-125_000), '−€ 1 250,00'],
    [formatEuros(5), '€ 0,05'],
    [formatNumber(1234567.891, 2), '1 234 567,89'],
    [formatNumber(2), '2'],
    [formatNumber(-0.04), '0'],
    [formatFte(12.5), '12,5 ETP'],
    [formatDate('2026-03-05'), '05/03/2026'],
    [plural(0, 'jour'), '0 jour'],
    [plural(1, 'jour'), '1 jour'],
    [plural(36, 'jour'), '36 jours'],
  ])('%s', (actual, expected) => {
    expect(plain(actual)).toBe(expected);
  });

  it('separates thousands with a narrow no-break space and keeps the euro sign with its amount', () => {
    expect(formatEuros(1_800_000)).toBe('€\u00a018\u202f000,00');
  });

  it('writes feminine ordinals', () => {
    expect([1, 2, 4].map(ordinalFr)).toEqual(['1re', '2e', '4e']);
  });
});

describe('wholeYears', () => {
  it('counts anniversaries passed, a 29 February grant included', () => {
    expect(wholeYears('2020-03-01', '2022-12-31')).toBe(2);
    expect(wholeYears('2020-02-29', '2023-12-31')).toBe(3);
    expect(wholeYears('2020-12-31', '2020-12-31')).toBe(0);
    expect(wholeYears('2020-06-15', '2021-06-14')).toBe(0);
  });
});
