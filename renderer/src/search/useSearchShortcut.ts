/**
 * The global shortcut to the Recherche screen: Ctrl+K (⌘K on macOS) from anywhere, and `/` when
 * the user is not typing in a field. On the Recherche screen itself it focuses the field.
 */
import { useEffect } from 'react';
import { navigate, parseRoute } from '../app/router';
import { FOCUS_SEARCH_EVENT, lastSearchHash } from './searchState';

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'number', 'password', 'tel', 'url', 'date', 'month', 'week', 'time', 'datetime-local']);

/** True when the key goes to a field the user types into. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}

export function openSearch(): void {
  if (parseRoute(window.location.hash).name === 'search') window.dispatchEvent(new Event(FOCUS_SEARCH_EVENT));
  else navigate(lastSearchHash());
}

export function useSearchShortcut(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.altKey) return;
      const modifier = event.ctrlKey || event.metaKey;
      const commandK = modifier && !event.shiftKey && event.key.toLowerCase() === 'k';
      // `/` needs Shift on Belgian and French keyboards: the character counts, not the keys.
      const slash = !modifier && event.key === '/' && !isTyping(event.target);
      if (!commandK && !slash) return;
      event.preventDefault();
      openSearch();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** macOS shows ⌘K rather than Ctrl+K. */
export function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}
