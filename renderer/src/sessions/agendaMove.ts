/**
 * Where a move of an agenda item lands: Alt+↑ / Alt+↓ moves it one place within its section; a
 * drop before another item puts it at that item's place (in that item's section). The result is
 * what `agenda.move` takes: the target section and the 1-based place within it.
 */
import type { AgendaSection } from '../../../shared/domain';

export interface MovableSection {
  section: AgendaSection;
  items: readonly { id: number }[];
}

export interface MoveTarget {
  section: AgendaSection;
  index: number;
}

function locate(sections: readonly MovableSection[], itemId: number): { section: AgendaSection; at: number; size: number } | null {
  for (const s of sections) {
    const at = s.items.findIndex((item) => item.id === itemId);
    if (at >= 0) return { section: s.section, at, size: s.items.length };
  }
  return null;
}

/** One place up (-1) or down (+1) within the section; null at its edge or for an unknown item. */
export function keyboardMove(sections: readonly MovableSection[], itemId: number, step: -1 | 1): MoveTarget | null {
  const found = locate(sections, itemId);
  if (!found) return null;
  const next = found.at + step;
  if (next < 0 || next >= found.size) return null;
  return { section: found.section, index: next + 1 };
}

/**
 * Dropping `itemId` before `beforeId` (or at the end of `section` when `beforeId` is null).
 * Null when nothing would change.
 */
export function dropMove(sections: readonly MovableSection[], itemId: number, section: AgendaSection, beforeId: number | null): MoveTarget | null {
  const from = locate(sections, itemId);
  const target = sections.find((s) => s.section === section);
  if (!from || !target || beforeId === itemId) return null;
  const others = target.items.filter((item) => item.id !== itemId);
  const at = beforeId === null ? others.length : others.findIndex((item) => item.id === beforeId);
  if (at < 0) return null;
  if (from.section === section && at === from.at) return null;
  return { section, index: at + 1 };
}
