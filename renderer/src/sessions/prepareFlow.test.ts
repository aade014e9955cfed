import { describe, expect, it } from 'vitest';
import { nextUnprepared, startIndex, stepVisible, type FlowItem } from './prepareFlow';

const v = (prepared = false): FlowItem => ({ hidden: false, prepared });
const h: FlowItem = { hidden: true, prepared: false };

describe('the preparation keyboard flow', () => {
  it('steps over hidden items and stops at the ends', () => {
    const items = [v(), h, v(), h];
    expect(stepVisible(items, 0, 1)).toBe(2);
    expect(stepVisible(items, 2, 1)).toBe(2);
    expect(stepVisible(items, 2, -1)).toBe(0);
    expect(stepVisible(items, 0, -1)).toBe(0);
  });

  it('jumps to the next unprepared visible item, wrapping around, never to a hidden one', () => {
    const items = [v(), v(true), h, v(true), v()];
    expect(nextUnprepared(items, 0)).toBe(4);
    expect(nextUnprepared(items, 4)).toBe(0);
    expect(nextUnprepared([v(true), h], 0)).toBe(-1);
  });

  it('opens on the first unprepared item, else the first visible one', () => {
    expect(startIndex([h, v(true), v()])).toBe(2);
    expect(startIndex([h, v(true)])).toBe(1);
    expect(startIndex([h])).toBe(-1);
    expect(startIndex([])).toBe(-1);
  });
});
