import { describe, expect, it } from 'vitest';
import calendarData from '../resources/calendar/fwb-school-holidays.json';
import { addDays, daysBetween, isoWeekday, parseSchoolCalendar, planBiweeklySessions, schoolHolidaysBetween, sessionBlock } from './calendar';
import { blockedDayMessage, blockReasonFr, computedCalendarNote, explainBiweeklyPlan, schoolYearOrigins } from './sessionPlan';

const calendar = parseSchoolCalendar(calendarData);
const periods = schoolHolidaysBetween('2024-08-01', '2029-08-31', calendar);

/** A whole school year of sessions on `weekday`, from the first day of school to the summer break. */
const schoolYear = (start: number, weekday: number) =>
  explainBiweeklyPlan({ from: `${start}-08-25`, until: `${start + 1}-08-31`, weekday, periods });

const WEEKDAYS = [1, 2, 3, 4, 5];
const YEARS = [2025, 2026, 2027];

describe('the calendar of a generated school year (every weekday, 2025-2026 to 2027-2028)', () => {
  it.each(YEARS.flatMap((year) => WEEKDAYS.map((weekday) => [year, weekday])))('%i, weekday %i: only allowed days', (year, weekday) => {
    const { dates } = schoolYear(year, weekday);
    expect(dates.length).toBeGreaterThan(12);
    for (const date of dates) {
      expect(isoWeekday(date)).toBe(weekday);
      expect(sessionBlock(date, periods)).toBeNull();
    }
  });

  it('holds no session during carnival 2026 (16 February to 1 March 2026), whatever the weekday', () => {
    for (const weekday of WEEKDAYS) {
      expect(schoolYear(2025, weekday).dates.filter((d) => d >= '2026-02-16' && d <= '2026-03-01')).toEqual([]);
    }
  });

  it('holds no session on Easter Monday nor on 11 November', () => {
    const all = YEARS.flatMap((year) => WEEKDAYS.flatMap((weekday) => schoolYear(year, weekday).dates));
    for (const forbidden of ['2026-04-06', '2027-03-29', '2028-04-17', '2025-11-11', '2026-11-11', '2027-11-11']) expect(all).not.toContain(forbidden);
  });

  it('holds no session during the summer break', () => {
    for (const year of YEARS) {
      for (const weekday of WEEKDAYS) {
        const summer = periods.find((p) => p.kind === 'summer' && p.schoolYear === `${year}-${year + 1}`)!;
        expect(schoolYear(year, weekday).dates.filter((d) => d >= summer.start && d <= summer.end)).toEqual([]);
      }
    }
  });

  it('keeps exactly two weeks between sessions unless a holiday lies between, and then names it', () => {
    for (const year of YEARS) {
      for (const weekday of WEEKDAYS) {
        const { dates, skipped } = schoolYear(year, weekday);
        for (let i = 1; i < dates.length; i++) {
          const [previous, next] = [dates[i - 1]!, dates[i]!];
          const between = skipped.filter((s) => s.date > previous && s.date < next);
          if (between.length === 0) {
            expect(daysBetween(previous, next)).toBe(14);
          } else {
            // The fortnight fell on a holiday: it moved week by week to the first free day.
            expect(between.map((s) => s.date)).toEqual(
              Array.from({ length: daysBetween(previous, next) / 7 - 2 }, (_, k) => addDays(previous, 14 + 7 * k)),
            );
          }
        }
      }
    }
  });

  it('proposes the same dates as planBiweeklySessions', () => {
    for (const weekday of WEEKDAYS) {
      expect(schoolYear(2026, weekday).dates).toEqual(planBiweeklySessions({ from: '2026-08-25', until: '2027-08-31', weekday, periods }));
    }
  });
});

describe('explaining the skipped fortnights', () => {
  it('names Easter Monday for Monday sessions in spring 2026', () => {
    const { dates, skipped } = explainBiweeklyPlan({ from: '2026-03-23', until: '2026-04-30', weekday: 1, periods });
    expect(dates).toEqual(['2026-03-23', '2026-04-13']);
    expect(skipped.map((s) => [s.date, blockReasonFr(s.reason)])).toEqual([
      ['2026-04-06', 'Lundi de Pâques (jour férié)'],
      ['2026-04-27', 'Congé de printemps'],
    ]);
  });

  it('names 11 November and carnival', () => {
    expect(explainBiweeklyPlan({ from: '2026-11-11', until: '2026-11-30', weekday: 3, periods }).skipped.map((s) => blockReasonFr(s.reason))).toEqual([
      'Armistice (jour férié)',
    ]);
    const carnival = explainBiweeklyPlan({ from: '2026-02-12', until: '2026-03-10', weekday: 4, periods });
    expect(carnival.dates).toEqual(['2026-02-12', '2026-03-05']);
    expect(carnival.skipped.map((s) => [s.date, blockReasonFr(s.reason)])).toEqual([['2026-02-26', 'Congé de détente (carnaval)']]);
  });

  it('tells in French why a day is refused', () => {
    expect(blockedDayMessage('2026-04-06', periods)).toBe('Le 06/04/2026 est un jour férié (Lundi de Pâques) : pas de séance ce jour-là.');
    expect(blockedDayMessage('2026-02-19', periods)).toBe(
      'Le 19/02/2026 tombe pendant les congés scolaires (congé de détente (carnaval)) : pas de séance ce jour-là.',
    );
    expect(blockedDayMessage('2026-03-05', periods)).toBeNull();
  });
});

describe('published or computed school calendars', () => {
  it('says which school years of a period come from the published calendar', () => {
    expect(schoolYearOrigins('2025-09-01', '2026-06-30', periods)).toEqual([{ schoolYear: '2025-2026', origin: 'published' }]);
    expect(schoolYearOrigins('2027-08-30', '2028-07-01', periods)).toEqual([{ schoolYear: '2027-2028', origin: 'computed' }]);
    expect(computedCalendarNote('2027-2028')).toBe('calendrier scolaire 2027-2028 non publié : dates calculées selon les règles');
  });
});
