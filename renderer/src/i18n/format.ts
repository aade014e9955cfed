/**
 * Belgian formatting: dates `dd/mm/yyyy` read straight from ISO strings (no Date, so no timezone
 * shift), numbers and amounts in the locale's Intl conventions (fr-BE: `1 234,5`, `€ 18 000,00`).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-03-05` → `05/03/2026`. Also accepts a timestamp `2026-03-05T…` (its date part). */
export function formatDate(iso: string | null | undefined, empty = '—'): string {
  if (!iso) return empty;
  const match = ISO_DATE.exec(iso.slice(0, 10));
  if (!match) return iso;
  const [, year, month, day] = match;
  return `${day}/${month}/${year}`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** `1234` → `1 234` (fr-BE, narrow no-break space), `1,234` (en-GB). */
export function formatNumber(value: number, locale: string, options?: Intl.NumberFormatOptions): string {
  return numberFormat(locale, options).format(value);
}

/** Integer cents → `€ 18 000,00` (the euro sign first, as in Belgian administrative texts). */
export function formatEuros(cents: number, locale: string): string {
  const amount = numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Math.abs(cents) / 100);
  return `${cents < 0 ? '−' : ''}€\u00a0${amount}`;
}

/** An integer as plain digits (session numbers, years): no group separator. */
export function formatInteger(value: number): string {
  return String(Math.trunc(value));
}

const BRUSSELS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** A timestamp `2026-11-22T14:05:00Z` as Belgian date and time: `22/11/2026` and `15:05`. */
export function formatTimestamp(iso: string): { date: string; time: string } {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return { date: iso, time: '' };
  const parts = BRUSSELS.formatToParts(when);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('day')}/${get('month')}/${get('year')}`, time: `${get('hour')}:${get('minute')}` };
}

/** Today's date in Belgium, ISO `YYYY-MM-DD` (not the UTC date, which lags after midnight). */
export function belgianToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(now);
}
