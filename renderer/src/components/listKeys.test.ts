import { describe, expect, it } from 'vitest';
import { listMoveTarget } from './listKeys';

const at = (selected: number) => ({ selected, firstVisible: 10, pageRows: 15, count: 100 });

describe('moving in a list with the keyboard', () => {
  it('moves one row with the arrows or J / K, a screenful with Page up / down, to the ends with Home / End', () => {
    expect(['ArrowDown', 'j', 'ArrowUp', 'k', 'PageDown', 'PageUp', 'Home', 'End'].map((key) => listMoveTarget(key, at(40)))).toEqual([41, 41, 39, 39, 55, 25, 0, 99]);
  });

  it('starts from the first row on screen when nothing is selected yet', () => {
    expect(listMoveTarget('ArrowDown', at(-1))).toBe(10);
    expect(listMoveTarget('ArrowUp', at(-1))).toBe(10);
  });

  it('leaves other keys alone', () => {
    expect(listMoveTarget('Enter', at(3))).toBeUndefined();
    expect(listMoveTarget('a', at(3))).toBeUndefined();
  });
});
