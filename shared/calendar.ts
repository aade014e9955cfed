/**
 * Session calendar rules (DESIGN §2): ISO date arithmetic, Easter, Belgian public holidays, the
 * school holidays of the Fédération Wallonie-Bruxelles (published data first, the 2022 reform's
 * rules as fallback), and the planning of biweekly sessions that skips both.
 *
 * Pure functions over ISO `YYYY-MM-DD` strings, computed in UTC so that no time zone or daylight
 * saving change can move a day.
 */
import { z } from 'zod';
import { IsoDate } from './domain';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date; throws on anything that is not a real calendar date. */
export function toDayNumber(iso: string): number {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new Error(`Date ISO invalide : ${iso}`);
  const [, y, m, d] = match;
  const time = Date.UTC(Number(y), Number(m) - 1, Number(d));
  if (fromDayNumber(time / DAY_MS) !== iso) throw new Error(`Date ISO invalide : ${iso}`);
  return time / DAY_MS;
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isoDate(year: number, month: number, day: number): string {
  return fromDayNumber(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}

/** `to − from` in days. */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Same day `months` later; the 31st becomes the month's last day (31/01 + 1 month = 28/02). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return isoDate(year, month, Math.min(d, last));
}

export function addYears(iso: string, years: number): string {
  return addMonths(iso, years * 12);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: string): number {
  const js = new Date(toDayNumber(iso) * DAY_MS).getUTCDay();
  return js === 0 ? 7 : js;
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** The Monday of the (Monday-to-Sunday) week holding `iso`. */
export function mondayOfWeek(iso: string): string {
  return addDays(iso, 1 - isoWeekday(iso));
}

/** First date on or after `iso` falling on the ISO weekday `weekday`. */
export function nextWeekday(iso: string, weekday: number): string {
  return addDays(iso, (weekday - isoWeekday(iso) + 7) % 7);
}

/** Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

export interface PublicHoliday {
  date: string;
  name: string;
}

/** The ten Belgian legal public holidays of `year`. */
export function belgianPublicHolidays(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  return [
    { date: isoDate(year, 1, 1), name: 'Jour de l’An' },
    { date: addDays(easter, 1), name: 'Lundi de Pâques' },
    { date: isoDate(year, 5, 1), name: 'Fête du Travail' },
    { date: addDays(easter, 39), name: 'Ascension' },
    { date: addDays(easter, 50), name: 'Lundi de Pentecôte' },
    { date: isoDate(year, 7, 21), name: 'Fête nationale' },
    { date: isoDate(year, 8, 15), name: 'Assomption' },
    { date: isoDate(year, 11, 1), name: 'Toussaint' },
    { date: isoDate(year, 11, 11), name: 'Armistice' },
    { date: isoDate(year, 12, 25), name: 'Noël' },
  ];
}

const publicHolidayCache = new Map<number, ReadonlyMap<string, string>>();

/** The name of the Belgian public holiday falling on `iso`, or null. */
export function belgianPublicHoliday(iso: string): string | null {
  const year = yearOf(iso);
  let byDate = publicHolidayCache.get(year);
  if (!byDate) {
    byDate = new Map(belgianPublicHolidays(year).map((h) => [h.date, h.name]));
    publicHolidayCache.set(year, byDate);
  }
  return byDate.get(iso) ?? null;
}

export function isBelgianPublicHoliday(iso: string): boolean {
  return belgianPublicHoliday(iso) !== null;
}

// ---------------------------------------------------------------------------------------------
// School holidays of the Fédération Wallonie-Bruxelles

export const SCHOOL_HOLIDAY_KINDS = ['autumn', 'winter', 'carnival', 'spring', 'summer'] as const;
export const SchoolHolidayKind = z.enum(SCHOOL_HOLIDAY_KINDS);
export type SchoolHolidayKind = z.infer<typeof SchoolHolidayKind>;

export const SCHOOL_HOLIDAY_LABELS_FR: Record<SchoolHolidayKind, string> = {
  autumn: 'Congé d’automne (Toussaint)',
  winter: 'Vacances d’hiver',
  carnival: 'Congé de détente (carnaval)',
  spring: 'Congé de printemps',
  summer: 'Vacances d’été',
};

/** `published`: taken from the calendar adopted by the FWB; `computed`: derived from its rules. */
export const HolidayOrigin = z.enum(['published', 'computed']);
export type HolidayOrigin = z.infer<typeof HolidayOrigin>;

export const SchoolHolidayPeriod = z
  .object({
    schoolYear: z.string().regex(/^\d{4}-\d{4}$/, 'Année scolaire attendue sous la forme 2025-2026.'),
    kind: SchoolHolidayKind,
    /** First day off (a Monday, or the Saturday that opens the summer). */
    start: IsoDate,
    /** Last day off, inclusive (the Sunday before classes resume). */
    end: IsoDate,
    origin: HolidayOrigin,
  })
  .refine((p) => p.end >= p.start, { message: 'La fin d’une période de congé précède son début.', path: ['end'] })
  .refine((p) => Number(p.schoolYear.slice(5)) === Number(p.schoolYear.slice(0, 4)) + 1, {
    message: 'Une année scolaire couvre deux années civiles consécutives.',
    path: ['schoolYear'],
  });
export type SchoolHolidayPeriod = z.infer<typeof SchoolHolidayPeriod>;

/** The school calendar as the secretariat keeps it: periods with the source they come from. */
export const SchoolCalendar = z.object({
  source: z.string().trim().min(1),
  updatedOn: IsoDate,
  rules: z.string().default(''),
  periods: z.array(SchoolHolidayPeriod).min(1),
});
export type SchoolCalendar = z.infer<typeof SchoolCalendar>;

/** Validates calendar data (the bundled JSON or an update from the secretariat). */
export function parseSchoolCalendar(data: unknown): SchoolCalendar {
  return SchoolCalendar.parse(data);
}

export function isSchoolHoliday(iso: string, periods: readonly Pick<SchoolHolidayPeriod, 'start' | 'end'>[]): boolean {
  return periods.some((p) => iso >= p.start && iso <= p.end);
}

/** Last Monday of August: the day school starts (rule of the 2022 reform). */
export function schoolStart(year: number): string {
  return addDays(isoDate(year, 8, 31), -((isoWeekday(isoDate(year, 8, 31)) + 6) % 7));
}

/** Carnival start when no published date exists: see `computeSchoolYearHolidays`. */
function computedCarnivalStart(classesResume: string, springStart: string, year: number): string {
  const weeks = daysBetween(classesResume, springStart) / 7;
  const shroveTuesday = addDays(easterSunday(year), -47);
  const candidates = [mondayOfWeek(shroveTuesday), addDays(mondayOfWeek(shroveTuesday), -7)]
    .map((start) => {
      const before = daysBetween(classesResume, start) / 7;
      return { start, before, after: weeks - 2 - before };
    })
    .filter((c) => c.before >= 6 && c.after >= 6)
    .sort((a, b) => Math.abs(a.before - a.after) - Math.abs(b.before - b.after) || a.before - b.before);
  const best = candidates[0];
  if (best) return best.start;
  return addDays(classesResume, 7 * Math.floor((weeks - 2) / 2));
}

/**
 * The five holiday periods of school year `startYear`–`startYear + 1` from the rules of the 2022
 * reform (DESIGN §2): autumn 2 weeks, the second being the week of 1 November; winter 2 weeks from
 * the Monday of the week of 25 December (the next Monday when it falls on a weekend); carnival
 * 2 weeks (no fixed rule: the two weeks holding Shrove Tuesday when that leaves at least six weeks
 * of class on each side, the most even split otherwise — this reproduces the published dates of
 * 2023 to 2026); spring 2 weeks from the Monday of the week of 1 May; summer from the Saturday
 * after the first Friday of July to the day before the last Monday of August.
 */
export function computeSchoolYearHolidays(startYear: number): SchoolHolidayPeriod[] {
  const schoolYear = `${startYear}-${startYear + 1}`;
  const next = startYear + 1;
  const autumnStart = addDays(mondayOfWeek(isoDate(startYear, 11, 1)), -7);
  const christmas = isoDate(startYear, 12, 25);
  const winterStart = isoWeekday(christmas) >= 6 ? nextWeekday(christmas, 1) : mondayOfWeek(christmas);
  const springStart = mondayOfWeek(isoDate(next, 5, 1));
  const carnivalStart = computedCarnivalStart(addDays(winterStart, 14), springStart, next);
  const firstFridayOfJuly = nextWeekday(isoDate(next, 7, 1), 5);
  const twoWeeks = (start: string) => ({ start, end: addDays(start, 13) });
  const period = (kind: SchoolHolidayKind, range: { start: string; end: string }): SchoolHolidayPeriod => ({
    schoolYear,
    kind,
    ...range,
    origin: 'computed',
  });
  return [
    period('autumn', twoWeeks(autumnStart)),
    period('winter', twoWeeks(winterStart)),
    period('carnival', twoWeeks(carnivalStart)),
    period('spring', twoWeeks(springStart)),
    period('summer', { start: addDays(firstFridayOfJuly, 1), end: addDays(schoolStart(next), -1) }),
  ];
}

/**
 * The holiday periods touching [from, to]: the calendar's periods for the school years it covers,
 * the rules for the others (a demo built in 2031 still skips holidays).
 */
export function schoolHolidaysBetween(from: string, to: string, calendar?: SchoolCalendar): SchoolHolidayPeriod[] {
  const covered = new Set((calendar?.periods ?? []).map((p) => p.schoolYear));
  const periods: SchoolHolidayPeriod[] = [...(calendar?.periods ?? [])];
  for (let year = yearOf(from) - 1; year <= yearOf(to); year++) {
    if (!covered.has(`${year}-${year + 1}`)) periods.push(...computeSchoolYearHolidays(year));
  }
  return periods.filter((p) => p.end >= from && p.start <= to).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Session planning

export type BlockReason = { kind: 'public_holiday'; name: string } | { kind: 'school_holiday'; period: SchoolHolidayKind };

/** Why no session may be held on `iso`, or null when the day is free. */
export function sessionBlock(iso: string, periods: readonly SchoolHolidayPeriod[]): BlockReason | null {
  const holiday = belgianPublicHoliday(iso);
  if (holiday) return { kind: 'public_holiday', name: holiday };
  const period = periods.find((p) => iso >= p.start && iso <= p.end);
  return period ? { kind: 'school_holiday', period: period.kind } : null;
}

export interface SessionPlanOptions {
  /** First candidate day: the first `weekday` on or after it. */
  from: string;
  /** ISO weekday of the sessions (1 = Monday … 4 = Thursday … 7 = Sunday). */
  weekday: number;
  /** Stop after this many sessions… */
  count?: number;
  /** …or at the last session on or before this date (whichever comes first). */
  until?: string;
  /** School holiday periods to skip (Belgian public holidays are always skipped). */
  periods: readonly SchoolHolidayPeriod[];
}

/**
 * Sessions every two weeks on a fixed weekday. A date that falls in a school holiday or on a public
 * holiday moves to the next allowed same weekday, and the fortnightly rhythm continues from there.
 */
export function planBiweeklySessions(options: SessionPlanOptions): string[] {
  const { weekday, periods } = options;
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) throw new Error(`Jour de la semaine invalide : ${weekday}`);
  if (options.count === undefined && options.until === undefined) throw new Error('Indiquez un nombre de séances ou une date de fin.');
  const dates: string[] = [];
  let candidate = nextWeekday(options.from, weekday);
  while (options.count === undefined || dates.length < options.count) {
    while (sessionBlock(candidate, periods)) candidate = addDays(candidate, 7);
    if (options.until !== undefined && candidate > options.until) break;
    dates.push(candidate);
    candidate = addDays(candidate, 14);
  }
  return dates;
}
