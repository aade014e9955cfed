/**
 * Planning a run of biweekly sessions with its explanation: the dates `planBiweeklySessions`
 * proposes, each fortnight it had to skip (the date and why: a public holiday named, or a school
 * holiday period), and, per school year touched, whether its calendar is the published one or
 * computed from the rules. Pure: the backend previews with it, the tests prove the calendar with it.
 */
import {
  addDays,
  nextWeekday,
  planBiweeklySessions,
  schoolStart,
  SCHOOL_HOLIDAY_LABELS_FR,
  sessionBlock,
  yearOf,
  type BlockReason,
  type HolidayOrigin,
  type SchoolHolidayPeriod,
} from './calendar';

export interface SkippedDate {
  /** The fortnight's date that could not be used. */
  date: string;
  reason: BlockReason;
}

export interface SessionPlanExplained {
  dates: string[];
  skipped: SkippedDate[];
}

/**
 * The sessions every two weeks on `weekday` from `from` to `until` (inclusive), as
 * `planBiweeklySessions` plans them, with the dates it stepped over and why.
 */
export function explainBiweeklyPlan(options: { from: string; until: string; weekday: number; periods: readonly SchoolHolidayPeriod[] }): SessionPlanExplained {
  const dates = planBiweeklySessions(options);
  const skipped: SkippedDate[] = [];
  // Re-walk the same rhythm: between two planned dates (and before the first), every week stepped over was blocked.
  let expected = nextWeekday(options.from, options.weekday);
  for (const date of [...dates, null]) {
    const stop = date ?? addDays(options.until, 1);
    for (let day = expected; day < stop; day = addDays(day, 7)) {
      const reason = sessionBlock(day, options.periods);
      if (reason) skipped.push({ date: day, reason });
    }
    if (date === null) break;
    expected = addDays(date, 14);
  }
  return { dates, skipped };
}

/** The reason in French: « Lundi de Pâques (jour férié) », « Congé de détente (carnaval) ». */
export function blockReasonFr(reason: BlockReason): string {
  return reason.kind === 'public_holiday' ? `${reason.name} (jour férié)` : SCHOOL_HOLIDAY_LABELS_FR[reason.period];
}

/** `2026-04-06` → `06/04/2026`. */
export const shownDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * Why a session cannot be held on `date`, as a French sentence naming the holiday, or null when the
 * day is free: « Le 06/04/2026 est un jour férié (Lundi de Pâques) : pas de séance ce jour-là. »
 */
export function blockedDayMessage(date: string, periods: readonly SchoolHolidayPeriod[]): string | null {
  const reason = sessionBlock(date, periods);
  if (!reason) return null;
  return reason.kind === 'public_holiday'
    ? `Le ${shownDate(date)} est un jour férié (${reason.name}) : pas de séance ce jour-là.`
    : `Le ${shownDate(date)} tombe pendant les congés scolaires (${lowerFirst(SCHOOL_HOLIDAY_LABELS_FR[reason.period])}) : pas de séance ce jour-là.`;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

export interface SchoolYearOrigin {
  schoolYear: string;
  origin: HolidayOrigin;
}

/** The school years whose holidays touch [from, to], and whether each comes from the published calendar. */
export function schoolYearOrigins(from: string, to: string, periods: readonly SchoolHolidayPeriod[]): SchoolYearOrigin[] {
  const byYear = new Map<string, HolidayOrigin>();
  for (let year = yearOf(from) - 1; year <= yearOf(to); year++) {
    const schoolYear = `${year}-${year + 1}`;
    // A school year runs from the last Monday of August to the day before the next one.
    if (addDays(schoolStart(year + 1), -1) < from || schoolStart(year) > to) continue;
    const own = periods.filter((p) => p.schoolYear === schoolYear);
    byYear.set(schoolYear, own.length > 0 && own.every((p) => p.origin === 'published') ? 'published' : 'computed');
  }
  return [...byYear].map(([schoolYear, origin]) => ({ schoolYear, origin }));
}

/** « calendrier scolaire 2027-2028 non publié : dates calculées selon les règles ». */
export function computedCalendarNote(schoolYear: string): string {
  return `calendrier scolaire ${schoolYear} non publié : dates calculées selon les règles`;
}
