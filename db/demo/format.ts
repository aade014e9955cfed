/**
 * Belgian French formatting for the demo's texts (DESIGN §1): dates `dd/mm/yyyy`, decimal comma,
 * `€ 18 000,00` (non-breaking spaces keep an amount on one line).
 */
import { formatBce } from '../../shared/bce';

const NBSP = '\u00a0';

export function dateFr(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** « 12 mars 2025 », « 1er juillet 2025 ». */
export function longDateFr(iso: string): string {
  const day = Number(iso.slice(8, 10));
  return `${day === 1 ? '1er' : day} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? ''} ${iso.slice(0, 4)}`;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/** 1234.5 → « 1 234,5 » with the given number of decimals. */
export function numberFr(value: number, decimals = 1): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = '0', fraction] = fixed.split('.');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${groupThousands(whole)}${fraction ? `,${fraction}` : ''}`;
}

/** Integer cents → « € 18 000,00 ». */
export function euro(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}€${NBSP}${groupThousands(String(Math.floor(abs / 100)))},${String(abs % 100).padStart(2, '0')}`;
}

/** 0.4567 → « 45,7 % ». */
export function percentFr(ratio: number): string {
  return `${numberFr(ratio * 100, 1)}${NBSP}%`;
}

export function bceFr(digits: string): string {
  return formatBce(digits);
}

/** « de Charleroi », « d’Ath », « du Rœulx », « de La Louvière », « des Bons Villers ». */
export function deCommune(name: string): string {
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `des ${name.slice(4)}`;
  if (/^[AEIOUYÉÈÊŒaeiouyéèêœ]/.test(name)) return `d’${name}`;
  return `de ${name}`;
}

/** « de » before an organisation's name: du Bistrot…, des Jardins…, du CPAS…, d’Aide & Ménage…, de La Navette… */
export function deName(name: string): string {
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `des ${name.slice(4)}`;
  if (name.startsWith('CPAS ')) return `du ${name}`;
  if (/^[AEIOUYÉÈÊŒaeiouyéèêœ]/.test(name)) return `d’${name}`;
  return `de ${name}`;
}

/** « a, b et c ». */
export function listFr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1] ?? ''}`;
}

/** « 3e », « 1re ». */
export function ordinalFr(n: number): string {
  return n === 1 ? '1re' : `${n}e`;
}
