import type { Workspace } from './workspace';

/** What every handler receives: the open workspace and the clock (tests set it). */
export interface BackendContext {
  workspace: Workspace;
  /** Today's date, ISO `YYYY-MM-DD`, in Belgian time. */
  today(): string;
}

export function belgianToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(now);
}
