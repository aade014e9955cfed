/** Small formatting helpers shared by the dossier page's sections. */

/** A timestamp `2026-11-22T14:05:00Z` as Belgian date and time: `22/11/2026` and `15:05`. */
export function formatTimestamp(iso: string, locale: string): { date: string; time: string } {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return { date: iso, time: '' };
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Brussels',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(when);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const time = locale.startsWith('fr') ? `${get('hour')}:${get('minute')}` : `${get('hour')}:${get('minute')}`;
  return { date: `${get('day')}/${get('month')}/${get('year')}`, time };
}

/** True when an ISO date is strictly before today (ISO strings compare as dates). */
export const isBefore = (isoDate: string, today: string): boolean => isoDate < today;
