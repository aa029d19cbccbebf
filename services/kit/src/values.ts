// Value rules every subgraph shares: numbers from PostgreSQL numerics, real dates, trimmed text, the amount ceiling.
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

/** Today as YYYY-MM-DD (UTC). */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Trims text; an empty string means "no value". */
export function cleanText(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Ceiling of every amount (contracts excl. tax, subsidies, budgets, calls), one value so that an amount accepted in one
 * subgraph is accepted in the others. A département's whole yearly budget is 1 to 4 billion euros and its largest
 * contracts (multi-year framework maxima, partnership contracts) stay in the hundreds of millions; the junk found in
 * real DECP files (1e15, 1e17, 999 999 999 999) lies far above. Anything from 1 billion up is refused as a placeholder
 * or a unit error rather than allowed to swamp every total and share it enters.
 */
export const MAX_AMOUNT = 1_000_000_000;

/** "1 000 000 000 €": euros with thin grouping, for messages. */
export function formatEuros(amount: number): string {
  if (Math.abs(amount) >= 1e13) return `${amount.toExponential()} €`;
  return `${Math.round(amount).toLocaleString('en-US').replace(/,/g, ' ')} €`;
}

export function amountCeilingProblem(amount: number): string | null {
  if (amount < MAX_AMOUNT) return null;
  return `is ${formatEuros(amount)}: at or above the ${formatEuros(MAX_AMOUNT)} ceiling (a placeholder or a unit error)`;
}
