// Column value helpers shared by the entities and the rules: numbers from PostgreSQL numerics, dates, identifiers.
import type { ValueTransformer } from 'typeorm';

/** PostgreSQL returns numeric columns as strings (to keep every digit); amounts and measures fit a JS number. */
export const numeric: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value == null ? null : Number(value)),
};

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (2024-02-30 is not). */
export function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function yearOf(date: string | null): number | null {
  return date ? Number(date.slice(0, 4)) : null;
}

function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

/** Why a SIRET is not valid, or null: 14 digits passing the Luhn check (La Poste: digit sum a multiple of 5). */
export function siretProblem(siret: string): string | null {
  if (!/^\d{14}$/.test(siret)) return 'must be 14 digits';
  if (siret.startsWith('356000000')) {
    const sum = [...siret].reduce((total, d) => total + Number(d), 0);
    return sum % 5 === 0 ? null : 'is not a valid SIRET (check digit)';
  }
  return luhnSum(siret) % 10 === 0 ? null : 'is not a valid SIRET (check digit)';
}

/** Removes the spaces people type in identifiers ("443 061 841 00047"). */
export function compact(value: string): string {
  return value.replace(/\s/g, '');
}

/** Trims text; an empty string means "no value". */
export function cleanText(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
