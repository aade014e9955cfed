/**
 * The pure parts of « Planifier une année »: the periods offered, the suggested first date (the
 * rhythm continues after the sessions already planned), and the preview's lines — skipped weeks
 * in a row for the same reason (a whole break) folded into one.
 */
import { addDays, isoWeekday, nextWeekday, schoolStart } from '../../../shared/calendar';
import type { SessionListOutput, SessionPlanOutput } from '../../../shared/contract';

export interface PlanPeriod {
  key: string;
  kind: 'school' | 'civil';
  year: number;
  start: string;
  end: string;
}

/** The periods offered: the current and next school years, the current (if not over) and next calendar years. */
export function planPeriods(today: string): PlanPeriod[] {
  const year = Number(today.slice(0, 4));
  const currentSchool = today >= schoolStart(year) ? year : year - 1;
  const school = (y: number): PlanPeriod => ({ key: `school-${y}`, kind: 'school', year: y, start: schoolStart(y), end: addDays(schoolStart(y + 1), -1) });
  const civil = (y: number): PlanPeriod => ({ key: `civil-${y}`, kind: 'civil', year: y, start: `${y}-01-01`, end: `${y}-12-31` });
  return [school(currentSchool), school(currentSchool + 1), ...(today < `${year}-12-01` ? [civil(year)] : []), civil(year + 1)];
}

/**
 * The suggested first date: the weekday on or after the period's start and today, and two weeks
 * after the last session already planned, so that the rhythm continues.
 */
export function suggestedFirstDate(period: PlanPeriod, weekday: number, today: string, list: Pick<SessionListOutput, 'upcoming'>): string {
  let from = period.start > today ? period.start : today;
  const last = list.upcoming.filter((s) => s.status !== 'cancelled').at(-1);
  if (last && addDays(last.heldOn, 14) > from && addDays(last.heldOn, 14) <= period.end) from = addDays(last.heldOn, isoWeekday(last.heldOn) === weekday ? 14 : 1);
  return nextWeekday(from, weekday);
}

export type Line =
  | { kind: 'proposed'; date: string; existing: SessionPlanOutput['proposed'][number]['existing']; past: boolean }
  /** Consecutive weeks skipped for the same reason (a whole break), shown as one line. */
  | { kind: 'skipped'; date: string; last: string; weeks: number; label: string }
  | { kind: 'existing'; date: string; number: number; status: string };

/** The preview in date order: proposed dates, skipped runs and the other sessions of the period. */
export function previewLines(plan: SessionPlanOutput): Line[] {
  const lines: Line[] = [
    ...plan.proposed.map((p): Line => ({ kind: 'proposed', date: p.date, existing: p.existing, past: p.past })),
    ...skippedRuns(plan.skipped),
    ...plan.existing.map((s): Line => ({ kind: 'existing', date: s.heldOn, number: s.number, status: s.status })),
  ];
  return lines.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Skipped weeks in a row (7 days apart) with the same reason become one run. */
export function skippedRuns(skipped: readonly { date: string; label: string }[]): Extract<Line, { kind: 'skipped' }>[] {
  const runs: Extract<Line, { kind: 'skipped' }>[] = [];
  for (const s of skipped) {
    const run = runs.at(-1);
    if (run && run.label === s.label && addDays(run.last, 7) === s.date) {
      run.last = s.date;
      run.weeks += 1;
    } else {
      runs.push({ kind: 'skipped', date: s.date, last: s.date, weeks: 1, label: s.label });
    }
  }
  return runs;
}
