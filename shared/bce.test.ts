import { describe, expect, it } from 'vitest';
import { bceFromBase, checkBce, formatBce, isValidBce, normalizeBce } from './bce';

describe('BCE enterprise number', () => {
  it.each(['0464.281.392', '0464281392', 'BE 0464 281 392', 'be0464.281.392'])('accepts the valid number written as %s', (input) => {
    expect(checkBce(input)).toEqual({ valid: true, digits: '0464281392' });
  });

  it('accepts a number whose check digits are 97 (base divisible by 97)', () => {
    const base = String(97 * 10_000).padStart(8, '0');
    expect(bceFromBase(base)).toBe(`${base}97`);
    expect(isValidBce(`${base}97`)).toBe(true);
  });

  it('accepts numbers starting with 1 (attributed since 2023)', () => {
    const number = bceFromBase('10012345');
    expect(number.startsWith('1')).toBe(true);
    expect(isValidBce(number)).toBe(true);
  });

  it('refuses a number whose last two digits do not match the modulo-97 check', () => {
    expect(checkBce('0464.281.393')).toEqual({ valid: false, reason: 'checksum' });
  });

  it('refuses a number starting with a digit other than 0 or 1', () => {
    const digits = `2${'0464281392'.slice(1)}`;
    expect(checkBce(digits)).toEqual({ valid: false, reason: 'first_digit' });
  });

  it.each(['', '046428139', '04642813921', '0464.281.39A', 'abc'])('refuses %j as badly formed', (input) => {
    expect(checkBce(input)).toEqual({ valid: false, reason: 'format' });
  });

  it('formats ten digits as 0464.281.392 and leaves anything else as typed', () => {
    expect(formatBce('0464281392')).toBe('0464.281.392');
    expect(formatBce('12')).toBe('12');
    expect(normalizeBce(' BE 0464-281-392 ')).toBe('0464281392');
  });

  it('refuses to complete a base that is not eight digits starting with 0 or 1', () => {
    expect(() => bceFromBase('2001234')).toThrow();
    expect(() => bceFromBase('20012345')).toThrow();
  });
});
