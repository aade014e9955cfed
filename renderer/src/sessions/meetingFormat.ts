/** « 3 décembre 2026 »: a session's date in meeting mode's top bar and notes (read in UTC: no day shift). */
export function dayMonthYear(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}
