/**
 * Belgian enterprise number (numéro d'entreprise BCE/KBO).
 * Ten digits, the first 0 or 1; the last two equal 97 − (first eight mod 97).
 * Shown as `0464.281.392`.
 */

/** Keeps the digits only: accepts `0464.281.392`, `BE 0464 281 392`, `0464281392`. */
export function normalizeBce(input: string): string {
  return input.replace(/^\s*BE/i, '').replace(/[\s.\-/]/g, '');
}

export type BceCheck =
  | { valid: true; digits: string }
  | { valid: false; reason: 'format' | 'first_digit' | 'checksum' };

export function checkBce(input: string): BceCheck {
  const digits = normalizeBce(input);
  if (!/^\d{10}$/.test(digits)) return { valid: false, reason: 'format' };
  if (digits[0] !== '0' && digits[0] !== '1') return { valid: false, reason: 'first_digit' };
  const base = Number(digits.slice(0, 8));
  const check = Number(digits.slice(8));
  if (97 - (base % 97) !== check) return { valid: false, reason: 'checksum' };
  return { valid: true, digits };
}

export function isValidBce(input: string): boolean {
  return checkBce(input).valid;
}

/** `0464281392` → `0464.281.392`; anything else is returned unchanged. */
export function formatBce(input: string): string {
  const digits = normalizeBce(input);
  if (!/^\d{10}$/.test(digits)) return input;
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}

/** Completes eight leading digits (first 0 or 1) into a valid ten-digit number. */
export function bceFromBase(base8: string): string {
  if (!/^[01]\d{7}$/.test(base8)) throw new Error(`BCE base must be 8 digits starting with 0 or 1: ${base8}`);
  const check = 97 - (Number(base8) % 97);
  return base8 + String(check).padStart(2, '0');
}

export const BCE_MESSAGES_FR: Record<Exclude<BceCheck, { valid: true }>['reason'], string> = {
  format: 'Le numéro d’entreprise doit compter 10 chiffres (par exemple 0464.281.392).',
  first_digit: 'Le numéro d’entreprise doit commencer par 0 ou 1.',
  checksum: 'Le numéro d’entreprise est invalide : les deux derniers chiffres ne correspondent pas au contrôle modulo 97.',
};
