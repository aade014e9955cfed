import { describe, expect, it } from 'vitest';
import { belgianToday, formatDate, formatTimestamp } from './format';

describe('Belgian dates', () => {
  it('shows an ISO date as dd/mm/yyyy without any time-zone shift', () => {
    expect(formatDate('2026-03-01')).toBe('01/03/2026');
    expect(formatDate(null)).toBe('—');
  });

  it('shows a timestamp in Brussels time, also across midnight and daylight saving', () => {
    expect(formatTimestamp('2026-11-22T23:30:00.000Z')).toEqual({ date: '23/11/2026', time: '00:30' });
    expect(formatTimestamp('2026-07-14T22:15:00.000Z')).toEqual({ date: '15/07/2026', time: '00:15' });
    expect(formatTimestamp('pas une date')).toEqual({ date: 'pas une date', time: '' });
  });

  it('gives today’s Belgian date, not the UTC one, just after midnight', () => {
    expect(belgianToday(new Date('2026-11-22T23:30:00.000Z'))).toBe('2026-11-23');
    expect(belgianToday(new Date('2026-11-22T12:00:00.000Z'))).toBe('2026-11-22');
  });
});
