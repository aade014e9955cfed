import type { RuleBook } from '../shared/compliance';
import type { Workspace } from './workspace';

/** What every handler receives: the open workspace, the clock and the rule book (tests set them). */
export interface BackendContext {
  workspace: Workspace;
  /** Today's date, ISO `YYYY-MM-DD`, in Belgian time. */
  today(): string;
  /** The compliance rules' thresholds; absent: the default file (see backend/rules.ts, ruleBookOf). */
  rules?: RuleBook;
}

export function belgianToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(now);
}
