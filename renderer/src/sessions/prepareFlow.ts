/**
 * The keyboard flow of the preparation view: moving between the items the member may see (hidden
 * items are skipped) and jumping to the next one not yet prepared. Indices are into the full list
 * of items, hidden ones included; -1 when there is nowhere to go.
 */
export interface FlowItem {
  hidden: boolean;
  prepared: boolean;
}

/** The next (step 1) or previous (step -1) visible item after `from`, or `from` at the ends. */
export function stepVisible(items: readonly FlowItem[], from: number, step: 1 | -1): number {
  for (let i = from + step; i >= 0 && i < items.length; i += step) if (!items[i]?.hidden) return i;
  return from;
}

/** The first visible unprepared item after `from`, wrapping around; -1 when all are prepared. */
export function nextUnprepared(items: readonly FlowItem[], from: number): number {
  for (let k = 1; k <= items.length; k += 1) {
    const i = (((from + k) % items.length) + items.length) % items.length;
    const item = items[i];
    if (item && !item.hidden && !item.prepared) return i;
  }
  return -1;
}

/** Where the view opens: the first visible unprepared item, else the first visible one, else -1. */
export function startIndex(items: readonly FlowItem[]): number {
  const unprepared = nextUnprepared(items, -1);
  return unprepared >= 0 ? unprepared : items.findIndex((i) => !i.hidden);
}
