import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { contract, isMethod, mergeContracts } from './index';

describe('the contract', () => {
  it('names every method domain.verb', () => {
    for (const name of Object.keys(contract)) expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
  });

  it('refuses a method declared by two domains', () => {
    const schemas = { input: z.object({}), output: z.null() };
    expect(() => mergeContracts({ 'a.get': schemas }, { 'a.get': schemas })).toThrow(/'a.get' declared twice/);
  });

  it('knows its own methods and nothing inherited from Object', () => {
    expect(isMethod('dossiers.list')).toBe(true);
    expect(isMethod('toString')).toBe(false);
    expect(isMethod('__proto__')).toBe(false);
  });
});
