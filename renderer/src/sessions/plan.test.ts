import { describe, expect, it } from 'vitest';
import type { SessionListRow } from '../../../shared/contract';
import { planPeriods, previewLines, skippedRuns, suggestedFirstDate } from './plan';

const session = (number: number, heldOn: string, status: SessionListRow['status'] = 'planned'): SessionListRow => ({
  id: number,
  number,
  heldOn,
  startsAt: '09:30',
  place: 'Liège',
  status,
  cancelReason: '',
  agendaItems: 0,
  opinions: 0,
  version: 1,
});

describe('planning a year: periods and first date', () => {
  it('offers the current and next school years, then the calendar years', () => {
    expect(planPeriods('2026-11-22').map((p) => [p.key, p.start, p.end])).toEqual([
      ['school-2026', '2026-08-31', '2027-08-29'],
      ['school-2027', '2027-08-30', '2028-08-27'],
      ['civil-2026', '2026-01-01', '2026-12-31'],
      ['civil-2027', '2027-01-01', '2027-12-31'],
    ]);
    expect(planPeriods('2026-12-15').map((p) => p.key)).toEqual(['school-2026', 'school-2027', 'civil-2027']);
    expect(planPeriods('2027-06-01')[0]?.key).toBe('school-2026');
  });

  it('continues the rhythm two weeks after the last planned session, cancelled ones aside', () => {
    const [current, next] = planPeriods('2026-11-22');
    const upcoming = [session(181, '2026-12-03'), session(182, '2026-12-17'), session(183, '2026-12-31', 'cancelled')];
    expect(suggestedFirstDate(current!, 4, '2026-11-22', { upcoming })).toBe('2026-12-31');
    expect(suggestedFirstDate(current!, 4, '2026-11-22', { upcoming: [] })).toBe('2026-11-26');
    expect(suggestedFirstDate(next!, 4, '2026-11-22', { upcoming })).toBe('2027-09-02');
  });
});

describe('the preview lines', () => {
  it('folds weeks in a row skipped for the same reason into one line, in date order with the proposed dates', () => {
    const runs = skippedRuns([
      { date: '2027-10-28', label: 'Congé d’automne (Toussaint)' },
      { date: '2027-11-04', label: 'Congé d’automne (Toussaint)' },
      { date: '2027-11-11', label: 'Armistice (jour férié)' },
    ]);
    expect(runs.map((r) => [r.date, r.last, r.weeks])).toEqual([
      ['2027-10-28', '2027-11-04', 2],
      ['2027-11-11', '2027-11-11', 1],
    ]);
    const lines = previewLines({
      proposed: [{ date: '2027-11-18', existing: null, past: false }, { date: '2027-10-14', existing: null, past: false }],
      skipped: [{ date: '2027-11-11', reason: { kind: 'public_holiday', name: 'Armistice' }, label: 'Armistice (jour férié)' }],
      existing: [],
      schoolYears: [],
      notes: [],
      nextNumber: 1,
    });
    expect(lines.map((l) => [l.kind, l.date])).toEqual([
      ['proposed', '2027-10-14'],
      ['skipped', '2027-11-11'],
      ['proposed', '2027-11-18'],
    ]);
  });
});
