/**
 * The school calendar of the Fédération Wallonie-Bruxelles (`resources/calendar/fwb-school-holidays.json`):
 * the published holiday periods with their source, which the secretariat updates when a new school
 * year is published. Read at start-up, not bundled, so that an edited file takes effect on the next
 * start; a malformed one stops the app with a French message naming the field.
 *
 * Where: `COMES_CALENDAR_FILE` when set, else `resources/calendar/fwb-school-holidays.json` as found
 * by `resourceFile` (backend/resources.ts).
 */
import { readFileSync } from 'node:fs';
import { parseSchoolCalendar, SchoolCalendar } from '../shared/calendar';
import { describeIssue, fieldPath } from '../shared/compliance';
import { resourceFile } from './resources';

export class CalendarFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarFileError';
  }
}

export function calendarFilePath(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const { path, searched } = resourceFile(['calendar', 'fwb-school-holidays.json'], { override: env.COMES_CALENDAR_FILE, env, cwd });
  if (!path) throw new CalendarFileError(`Calendrier scolaire introuvable : ${searched}.`);
  return path;
}

/** Reads and validates the calendar; throws CalendarFileError (French, naming the field) when it cannot be used. */
export function loadSchoolCalendar(file: string = calendarFilePath()): SchoolCalendar {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CalendarFileError(`Calendrier scolaire introuvable : ${file}.`);
    throw new CalendarFileError(`Calendrier scolaire illisible : ${file} (${(error as Error).message}).`);
  }
  const parsed = SchoolCalendar.safeParse(json);
  if (!parsed.success) {
    const { path, detail } = describeIssue(parsed.error.issues[0]!, json);
    throw new CalendarFileError(`Calendrier scolaire invalide : ${fieldPath(path) || '(racine)'} — ${detail} (${file})`);
  }
  return parseSchoolCalendar(parsed.data);
}

let loaded: SchoolCalendar | null = null;

/** The calendar, read once (the start-up paths call it first, so that a bad file stops them). */
export function defaultSchoolCalendar(): SchoolCalendar {
  if (!loaded) loaded = loadSchoolCalendar();
  return loaded;
}
