/** Session dates as the secretariat writes them: « jeudi 3 décembre 2026 ». */

const formats = new Map<string, Intl.DateTimeFormat>();

function format(iso: string, intl: string, withYear: boolean): string {
  const key = `${intl}|${withYear}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intl, { weekday: 'long', day: 'numeric', month: 'long', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' });
    formats.set(key, f);
  }
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return f.format(new Date(Date.UTC(y, m - 1, d))).replace(/,/g, '');
}

/** `2026-12-03` → « jeudi 3 décembre 2026 » (fr-BE), « Thursday 3 December 2026 » (en-GB). Read in UTC: no day shift. */
export function longDate(iso: string, intl: string): string {
  return format(iso, intl, true);
}

/** « jeudi 28 octobre → jeudi 4 novembre 2027 »: the year once when both days share it. */
export function longDateRange(first: string, last: string, intl: string): string {
  return `${format(first, intl, first.slice(0, 4) !== last.slice(0, 4))} → ${format(last, intl, true)}`;
}
