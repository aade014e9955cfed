import { describe, expect, it } from 'vitest';
import { longDate, longDateRange } from './format';

describe('long session dates', () => {
  it('writes the weekday, the day, the month and the year, in French and in English', () => {
    expect(longDate('2026-12-03', 'fr-BE')).toBe('jeudi 3 décembre 2026');
    expect(longDate('2027-03-29', 'en-GB')).toBe('Monday 29 March 2027');
  });
});

describe('ranges of skipped weeks', () => {
  it('writes the year once when both days share it, twice otherwise', () => {
    expect(longDateRange('2027-10-28', '2027-11-04', 'fr-BE')).toBe('jeudi 28 octobre → jeudi 4 novembre 2027');
    expect(longDateRange('2027-12-30', '2028-01-06', 'fr-BE')).toBe('jeudi 30 décembre 2027 → jeudi 6 janvier 2028');
  });
});
