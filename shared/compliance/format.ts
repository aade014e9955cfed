/**
 * Belgian French formatting for the explanations the engine writes: decimal comma, thin spaces
 * between thousands (as `Intl` fr-BE: U+202F), a no-break space before `%` and after `€`
 * (« 43,2 % », « € 18 000,00 »), dates dd/mm/yyyy. Pure and deterministic (no Intl, no Date).
 */
import { addDays, daysBetween } from '../calendar';
import type { Term } from '../domain';

const GROUP = '\u202f';
const NBSP = '\u00a0';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP);
}

/** `1234.5` → `1 234,5`; at most `decimals` decimals, trailing zeros dropped (`2` not `2,0`). */
export function formatNumber(value: number, decimals = 1): string {
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  const [whole = '0', fraction = ''] = rounded.toFixed(decimals).split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const sign = value < 0 && rounded !== 0 ? '−' : '';
  return `${sign}${groupThousands(whole)}${trimmed ? `,${trimmed}` : ''}`;
}

/**
 * `value` rounded at `decimals` towards the side where a threshold fails, so that the figure shown
 * never contradicts the verdict: `down` for a minimum (49,96 % → 49,9 %), `up` for a maximum
 * (4,004 → 4,01). A value already at the precision stays as it is (floating noise ignored).
 */
export function roundTowards(value: number, decimals: number, direction: 'down' | 'up'): number {
  const factor = 10 ** decimals;
  const scaled = value * factor;
  return (direction === 'down' ? Math.floor(scaled + 1e-6) : Math.ceil(scaled - 1e-6)) / factor;
}

/** A number with exactly `decimals` decimals: `12` → `12,0`. */
export function formatFixed(value: number, decimals = 1): string {
  return value.toFixed(decimals).replace('-', '−').replace('.', ',');
}

/** A share `0.432` → `43,2 %`. */
export function formatPercent(share: number, decimals = 1): string {
  return `${formatNumber(share * 100, decimals)}${NBSP}%`;
}

/** Integer cents → `€ 18 000,00` (negative: `−€ 1 250,00`). */
export function formatEuros(cents: number): string {
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100);
  const rest = String(abs % 100).padStart(2, '0');
  return `${cents < 0 ? '−' : ''}€${NBSP}${groupThousands(String(whole))},${rest}`;
}

/** FTE `12.5` → `12,5 ETP`. */
export function formatFte(fte: number): string {
  return `${formatNumber(fte, 2)}${NBSP}ETP`;
}

/** `2026-03-05` → `05/03/2026`. */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/** Feminine French ordinal: 1 → `1re`, 4 → `4e`. */
export function ordinalFr(n: number): string {
  return n === 1 ? '1re' : `${n}e`;
}

/** `0 jour`, `1 jour`, `36 jours` (French: singular below 2). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(n, 0)}${NBSP}${Math.abs(n) < 2 ? singular : pluralForm}`;
}

/** How far a day is: `aujourd’hui`, `dans 1 jour`, `dans 14 jours`. */
export function inDays(n: number): string {
  return n === 0 ? 'aujourd’hui' : `dans ${plural(n, 'jour')}`;
}

export const TERM_FR: Record<Term, string> = { '2y': '2 ans', '4y': '4 ans', indefinite: 'durée indéterminée' };

/** After « porter sur » : « 4 ans », « une durée indéterminée ». */
export const TERM_AFTER_SUR_FR: Record<Term, string> = { '2y': '2 ans', '4y': '4 ans', indefinite: 'une durée indéterminée' };

// ---------------------------------------------------------------------------------------------
// Dates (ISO strings, UTC-safe: shared/calendar.ts)

/** `date` plus `days` (negative: minus), ISO in and out. */
export function addDaysIso(date: string, days: number): string {
  return addDays(date, days);
}

/** `to − from` in days. */
export function daysBetweenIso(from: string, to: string): number {
  return daysBetween(from, to);
}

/** Whole years from `from` to `to` (anniversaries passed): 2020-03-01 → 2022-12-31 = 2. */
export function wholeYears(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

/** `MM-DD` of `year`. */
export function onMonthDay(year: number, monthDay: string): string {
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}
