import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSchoolHoliday } from '../shared/calendar';
import { calendarFilePath, CalendarFileError, loadSchoolCalendar } from './schoolCalendar';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-calendar-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const shipped = () => JSON.parse(readFileSync(calendarFilePath(), 'utf8')) as { periods: Record<string, unknown>[] };

describe('the school calendar file', () => {
  it('is read from resources/ with its source: carnival 2026 is a school holiday', () => {
    const calendar = loadSchoolCalendar();
    expect(calendar.source).not.toBe('');
    expect(isSchoolHoliday('2026-02-20', calendar.periods)).toBe(true);
    expect(isSchoolHoliday('2026-03-05', calendar.periods)).toBe(false);
  });

  it('takes the secretariat’s edit as it is on disk: a period added to the file is a holiday', () => {
    const data = shipped();
    data.periods.push({ schoolYear: '2025-2026', kind: 'spring', start: '2026-03-02', end: '2026-03-06', origin: 'published' });
    const file = join(dir, 'calendrier.json');
    writeFileSync(file, JSON.stringify(data));
    expect(isSchoolHoliday('2026-03-05', loadSchoolCalendar(file).periods)).toBe(true);
  });

  it('refuses a malformed file in French, naming the field', () => {
    const data = shipped();
    data.periods[0]!.start = 'lundi';
    const file = join(dir, 'casse.json');
    writeFileSync(file, JSON.stringify(data));
    expect(() => loadSchoolCalendar(file)).toThrow(CalendarFileError);
    expect(() => loadSchoolCalendar(file)).toThrow(/^Calendrier scolaire invalide : periods\[0\]\.start — /);
  });

  it('says when the file is missing or not JSON', () => {
    expect(() => loadSchoolCalendar(join(dir, 'absent.json'))).toThrow(/Calendrier scolaire introuvable/);
    const file = join(dir, 'pas-du-json.json');
    writeFileSync(file, '{ "periods": ');
    expect(() => loadSchoolCalendar(file)).toThrow(/Calendrier scolaire illisible/);
  });
});
