import { describe, expect, it } from 'vitest';
import { hasFilters, listHash, parseListState, toQuery } from './listState';

describe('the compliance filter of the Dossiers table in the address', () => {
  it('reads the known values in the filter menu’s order and drops unknown ones', () => {
    expect(parseListState('compliance=warning,nope,breach').compliance).toEqual(['breach', 'warning']);
    expect(parseListState('').compliance).toEqual([]);
  });

  it('writes the filter back, sends it to the backend and counts as a filter', () => {
    const state = parseListState('compliance=breach');
    expect(listHash(state)).toBe('#/dossiers?compliance=breach');
    expect(toQuery(state).query.filters).toEqual({ compliance: ['breach'] });
    expect(hasFilters(state)).toBe(true);
  });

  it('leaves it out of the plain list', () => {
    const state = parseListState('');
    expect(listHash(state)).toBe('#/dossiers');
    expect(toQuery(state).query.filters).toEqual({});
    expect(hasFilters(state)).toBe(false);
  });
});
