/**
 * Moving the selection in a virtualised list with the keyboard: ↓ / J next, ↑ / K previous,
 * Page down / up by a screenful, Home / End to the ends. With no row selected yet, ↓ selects the
 * first row on screen and ↑ the first one fully visible.
 */
export interface ListPosition {
  /** The selected row, or -1. */
  selected: number;
  /** The first row fully visible below the sticky header. */
  firstVisible: number;
  /** Rows in a screenful. */
  pageRows: number;
  count: number;
}

/** The row `key` moves the selection to (not clamped), or undefined when the key is not a move. */
export function listMoveTarget(key: string, { selected, firstVisible, pageRows, count }: ListPosition): number | undefined {
  const from = selected >= 0 ? selected : firstVisible - 1;
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return from + 1;
    case 'ArrowUp':
    case 'k':
      return selected >= 0 ? from - 1 : firstVisible;
    case 'PageDown':
      return from + pageRows;
    case 'PageUp':
      return from - pageRows;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
