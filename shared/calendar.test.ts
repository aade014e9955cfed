import { describe, expect, it } from 'vitest';
import calendarData from '../resources/calendar/fwb-school-holidays.json';
import {
  addDays,
  addMonths,
  belgianPublicHoliday,
  belgianPublicHolidays,
  computeSchoolYearHolidays,
  daysBetween,
  easterSunday,
  isBelgianPublicHoliday,
  isoWeekday,
  isSchoolHoliday,
  parseSchoolCalendar,
  planBiweeklySessions,
  schoolHolidaysBetween,
  schoolStart,
  sessionBlock,
  toDayNumber,
} from './calendar';

const calendar = parseSchoolCalendar(calendarData);
const periods = schoolHolidaysBetween('2022-08-01', '2028-12-31', calendar);

describe('date arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(daysBetween('2026-02-16', '2026-03-02')).toBe(14);
  });

  it('keeps month ends when adding months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-11-22', -36)).toBe('2023-11-22');
  });

  it('knows the weekday', () => {
    expect(isoWeekday('2026-11-22')).toBe(7);
    expect(isoWeekday('2026-11-26')).toBe(4);
  });

  it('refuses dates that do not exist', () => {
    expect(() => toDayNumber('2026-02-30')).toThrow();
    expect(() => toDayNumber('26-02-01')).toThrow();
  });
});

describe('Easter and Belgian public holidays', () => {
  it.each([
    [1818, '1818-03-22'],
    [1943, '1943-04-25'],
    [2000, '2000-04-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('Easter %i falls on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('lists the ten legal holidays of 2026', () => {
    expect(belgianPublicHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-07-21',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
    expect(belgianPublicHoliday('2026-04-06')).toBe('Lundi de Pâques');
    expect(isBelgianPublicHoliday('2026-04-07')).toBe(false);
  });
});

describe('FWB school holidays', () => {
  it('ships a valid calendar with its source, published and computed periods', () => {
    expect(calendar.source).toMatch(/Fédération Wallonie-Bruxelles/);
    expect(calendar.periods).toHaveLength(25);
    expect(new Set(calendar.periods.map((p) => p.schoolYear))).toEqual(
      new Set(['2022-2023', '2023-2024', '2024-2025', '2025-2026', '2026-2027']),
    );
    expect(calendar.periods.some((p) => p.origin === 'published')).toBe(true);
    expect(calendar.periods.filter((p) => p.schoolYear === '2026-2027').every((p) => p.origin === 'computed')).toBe(true);
  });

  it('carries the published carnival dates', () => {
    const carnivals = calendar.periods.filter((p) => p.kind === 'carnival' && p.origin === 'published').map((p) => p.start);
    expect(carnivals).toEqual(['2023-02-20', '2024-02-26', '2025-02-24', '2026-02-16']);
  });

  it('reproduces every published period from the rules', () => {
    for (const published of calendar.periods.filter((p) => p.origin === 'published')) {
      const computed = computeSchoolYearHolidays(Number(published.schoolYear.slice(0, 4))).find((p) => p.kind === published.kind);
      expect({ start: computed?.start, end: computed?.end }).toEqual({ start: published.start, end: published.end });
    }
  });

  it('starts school on the last Monday of August', () => {
    expect(schoolStart(2025)).toBe('2025-08-25');
    expect(schoolStart(2026)).toBe('2026-08-31');
    expect(schoolStart(2027)).toBe('2027-08-30');
  });

  it('tells holiday days from school days, weekends of a break included', () => {
    expect(isSchoolHoliday('2026-02-16', calendar.periods)).toBe(true);
    expect(isSchoolHoliday('2026-03-01', calendar.periods)).toBe(true);
    expect(isSchoolHoliday('2026-03-02', calendar.periods)).toBe(false);
    expect(isSchoolHoliday('2026-08-15', calendar.periods)).toBe(true);
    expect(isSchoolHoliday('2026-04-06', calendar.periods)).toBe(false);
  });

  it('falls back on the rules for school years the data does not cover', () => {
    const later = schoolHolidaysBetween('2030-01-01', '2030-12-31', calendar);
    expect(later.every((p) => p.origin === 'computed')).toBe(true);
    expect(later.map((p) => p.kind)).toEqual(['winter', 'carnival', 'spring', 'summer', 'autumn', 'winter']);
  });

  it('rejects a calendar whose period ends before it starts, or without a source', () => {
    const bad = { ...calendarData, periods: [{ schoolYear: '2026-2027', kind: 'autumn', start: '2026-10-30', end: '2026-10-19', origin: 'computed' }] };
    expect(() => parseSchoolCalendar(bad)).toThrow();
    expect(() => parseSchoolCalendar({ ...calendarData, source: ' ' })).toThrow();
    expect(() => parseSchoolCalendar({ ...calendarData, periods: [{ ...calendarData.periods[0], kind: 'easter' }] })).toThrow();
  });
});

describe('biweekly session planning', () => {
  const thursdays = planBiweeklySessions({ from: '2025-08-01', until: '2027-12-31', weekday: 4, periods });

  it('plans on the chosen weekday only', () => {
    expect(thursdays.length).toBeGreaterThan(40);
    expect(thursdays.every((d) => isoWeekday(d) === 4)).toBe(true);
  });

  it('holds no session during carnival 2026', () => {
    expect(thursdays.filter((d) => d >= '2026-02-16' && d <= '2026-03-01')).toEqual([]);
  });

  it('holds no session during the summer break', () => {
    expect(thursdays.filter((d) => d >= '2026-07-04' && d <= '2026-08-30')).toEqual([]);
    expect(thursdays.filter((d) => d >= '2027-07-03' && d <= '2027-08-29')).toEqual([]);
  });

  it('holds no session on a public holiday or in any school holiday', () => {
    for (const date of thursdays) expect(sessionBlock(date, periods)).toBeNull();
    expect(thursdays).not.toContain('2027-11-11');
    expect(thursdays).not.toContain('2026-05-14');
  });

  it('keeps two weeks between sessions, except where a holiday pushed one back', () => {
    for (let i = 1; i < thursdays.length; i++) {
      const previous = thursdays[i - 1] as string;
      const gap = daysBetween(previous, thursdays[i] as string);
      if (gap === 14) continue;
      expect(gap).toBeGreaterThan(14);
      expect(gap % 7).toBe(0);
      for (let skipped = addDays(previous, 14); skipped < (thursdays[i] as string); skipped = addDays(skipped, 7)) {
        expect(sessionBlock(skipped, periods)).not.toBeNull();
      }
    }
  });

  it('moves a date that falls on 11 November to the next allowed week, then continues every two weeks', () => {
    expect(planBiweeklySessions({ from: '2027-11-11', weekday: 4, count: 3, periods })).toEqual(['2027-11-18', '2027-12-02', '2027-12-16']);
  });

  it('skips Easter Monday, the spring break and Whit Monday for Monday sessions', () => {
    const mondays = planBiweeklySessions({ from: '2026-03-23', weekday: 1, count: 4, periods });
    expect(mondays).toEqual(['2026-03-23', '2026-04-13', '2026-05-11', '2026-06-01']);
    expect(mondays).not.toContain('2026-04-06');
  });

  it('starts on the first chosen weekday on or after the start date', () => {
    expect(planBiweeklySessions({ from: '2026-09-01', weekday: 4, count: 1, periods })).toEqual(['2026-09-03']);
  });

  it('refuses an invalid weekday or an open-ended plan', () => {
    expect(() => planBiweeklySessions({ from: '2026-09-01', weekday: 0, count: 1, periods })).toThrow();
    expect(() => planBiweeklySessions({ from: '2026-09-01', weekday: 4, periods })).toThrow();
  });
});
