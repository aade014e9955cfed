import { describe, expect, it } from 'vitest';
import { layoutGroups } from './grouping';

const groups = [
  { key: 'EI', count: 2, sessionNumber: null, sessionDate: null },
  { key: 'IDESS', count: 1, sessionNumber: null, sessionDate: null },
  { key: 'IES', count: 3, sessionNumber: null, sessionDate: null },
];

describe('grouped rows of the Dossiers table', () => {
  it('puts a header before each group and maps positions to rows of the server list', () => {
    const layout = layoutGroups(groups, 6, new Set());
    expect(layout.count).toBe(9);
    expect([0, 1, 2, 3, 4, 5, 8].map((p) => layout.itemAt(p))).toEqual([
      { type: 'group', group: 0 },
      { type: 'row', index: 0, group: 0 },
      { type: 'row', index: 1, group: 0 },
      { type: 'group', group: 1 },
      { type: 'row', index: 2, group: 1 },
      { type: 'group', group: 2 },
      { type: 'row', index: 5, group: 2 },
    ]);
    expect(layout.positionOfRow(5)).toBe(8);
    expect(layout.itemAt(9)).toBeUndefined();
  });

  it('keeps only the header of a collapsed group, the rows after it keeping their server index', () => {
    const layout = layoutGroups(groups, 6, new Set(['EI']));
    expect(layout.count).toBe(7);
    expect(layout.itemAt(1)).toEqual({ type: 'group', group: 1 });
    expect(layout.itemAt(2)).toEqual({ type: 'row', index: 2, group: 1 });
    expect(layout.positionOfRow(0)).toBeUndefined();
  });

  it('is the plain list when not grouped', () => {
    const layout = layoutGroups(null, 3, new Set());
    expect(layout.count).toBe(3);
    expect(layout.itemAt(2)).toEqual({ type: 'row', index: 2, group: -1 });
  });
});
