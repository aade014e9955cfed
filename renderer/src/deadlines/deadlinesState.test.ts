import { describe, expect, it } from 'vitest';
import { deadlinesHash, hasFilters, parseDeadlinesState, toFilters } from './deadlinesState';

describe('the Échéances filters in the address', () => {
  it('reads nothing as every deadline, overdue or within 180 days', () => {
    const state = parseDeadlinesState('');
    expect(state).toEqual({ schemes: [], kinds: [], state: 'all', horizon: 180 });
    expect(hasFilters(state)).toBe(false);
    expect(deadlinesHash(state)).toBe('#/deadlines');
    expect(toFilters(state)).toEqual({ state: 'all', horizonDays: 180 });
  });

  it('round-trips schemes, kinds, state and horizon, in catalogue order', () => {
    const state = parseDeadlinesState('scheme=IES,EI&kind=opinion_due,report_due&state=overdue&horizon=90');
    expect(state).toEqual({ schemes: ['IES', 'EI'], kinds: ['report_due', 'opinion_due'], state: 'overdue', horizon: 90 });
    expect(deadlinesHash(state)).toBe('#/deadlines?scheme=IES,EI&kind=report_due,opinion_due&state=overdue&horizon=90');
    expect(parseDeadlinesState(deadlinesHash(state).split('?')[1] ?? '')).toEqual(state);
    expect(toFilters(state)).toEqual({ schemes: ['IES', 'EI'], kinds: ['report_due', 'opinion_due'], state: 'overdue', horizonDays: 90 });
  });

  it('ignores what it does not know instead of failing', () => {
    expect(parseDeadlinesState('scheme=ETA,XX&kind=nothing&state=late&horizon=12')).toEqual({ schemes: [], kinds: [], state: 'all', horizon: 180 });
  });
});
