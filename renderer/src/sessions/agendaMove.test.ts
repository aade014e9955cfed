import { describe, expect, it } from 'vitest';
import { dropMove, keyboardMove, type MovableSection } from './agendaMove';

const SECTIONS: MovableSection[] = [
  { section: 'agrements', items: [{ id: 1 }] },
  { section: 'reports', items: [{ id: 2 }, { id: 3 }, { id: 4 }] },
  { section: 'misc', items: [] },
];

describe('moving an agenda item by keyboard', () => {
  it('moves one place up or down within its section', () => {
    expect(keyboardMove(SECTIONS, 3, -1)).toEqual({ section: 'reports', index: 1 });
    expect(keyboardMove(SECTIONS, 3, 1)).toEqual({ section: 'reports', index: 3 });
  });

  it('stays put at the edge of its section (no jump into another section)', () => {
    expect(keyboardMove(SECTIONS, 2, -1)).toBeNull();
    expect(keyboardMove(SECTIONS, 4, 1)).toBeNull();
    expect(keyboardMove(SECTIONS, 1, 1)).toBeNull();
    expect(keyboardMove(SECTIONS, 99, 1)).toBeNull();
  });
});

describe('moving an agenda item by drag and drop', () => {
  it('lands at the place of the item it is dropped on, in that section', () => {
    expect(dropMove(SECTIONS, 4, 'reports', 2)).toEqual({ section: 'reports', index: 1 });
    expect(dropMove(SECTIONS, 2, 'reports', 4)).toEqual({ section: 'reports', index: 2 });
    expect(dropMove(SECTIONS, 1, 'reports', 3)).toEqual({ section: 'reports', index: 2 });
  });

  it('goes to the end of a section dropped on as a whole, even an empty one', () => {
    expect(dropMove(SECTIONS, 2, 'misc', null)).toEqual({ section: 'misc', index: 1 });
    expect(dropMove(SECTIONS, 2, 'reports', null)).toEqual({ section: 'reports', index: 3 });
  });

  it('does nothing when dropped on itself or back at its place', () => {
    expect(dropMove(SECTIONS, 3, 'reports', 3)).toBeNull();
    expect(dropMove(SECTIONS, 3, 'reports', 4)).toBeNull();
    expect(dropMove(SECTIONS, 4, 'reports', null)).toBeNull();
  });
});
