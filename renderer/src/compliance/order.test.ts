import { describe, expect, it } from 'vitest';
import { countParts, groupByStatus, worstOf } from './order';

describe('the order of the compliance checklist', () => {
  it('puts breaches first, then missing data, then warnings, conforming and not applicable rules, keeping the catalogue order inside a group', () => {
    const items = [
      { id: 'a', status: 'ok' as const },
      { id: 'b', status: 'breach' as const },
      { id: 'c', status: 'na' as const },
      { id: 'd', status: 'warning' as const },
      { id: 'e', status: 'breach' as const },
      { id: 'f', status: 'missing' as const },
    ];
    expect(groupByStatus(items).map((g) => [g.status, g.items.map((i) => i.id)])).toEqual([
      ['breach', ['b', 'e']],
      ['missing', ['f']],
      ['warning', ['d']],
      ['ok', ['a']],
      ['na', ['c']],
    ]);
  });

  it('leaves out the statuses no rule concluded', () => {
    expect(groupByStatus([{ status: 'ok' as const }]).map((g) => g.status)).toEqual(['ok']);
    expect(groupByStatus([])).toEqual([]);
  });
});

describe('the summary line of compliance counts', () => {
  it('says breaches, then warnings, then missing data, only those that occur', () => {
    expect(countParts({ breaches: 2, warnings: 1, missing: 1 })).toEqual([
      { status: 'breach', count: 2 },
      { status: 'warning', count: 1 },
      { status: 'missing', count: 1 },
    ]);
    expect(countParts({ breaches: 0, warnings: 0, missing: 3 })).toEqual([{ status: 'missing', count: 3 }]);
    expect(countParts({ breaches: 0, warnings: 0, missing: 0 })).toEqual([]);
  });

  it('shows the worst status present: a breach before missing data before a warning, else conforme', () => {
    expect(worstOf({ breaches: 1, warnings: 5, missing: 5 })).toBe('breach');
    expect(worstOf({ breaches: 0, warnings: 5, missing: 1 })).toBe('missing');
    expect(worstOf({ breaches: 0, warnings: 1, missing: 0 })).toBe('warning');
    expect(worstOf({ breaches: 0, warnings: 0, missing: 0 })).toBe('ok');
  });
});
