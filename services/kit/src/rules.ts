// Small helpers for business rules: collect every problem with the field it concerns, then fail once with all of them.
import { BadInputError, type FieldProblem } from './errors';
import { amountCeilingProblem, isRealDate } from './values';

export class Problems {
  readonly list: FieldProblem[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  /** A text that must be there and not blank. */
  required(field: string, value: unknown): void {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) this.add(field, 'is required');
  }

  date(field: string, value: string | null | undefined): void {
    if (value != null && !isRealDate(value)) this.add(field, 'must be a real date like 2024-03-08');
  }

  /** `end` on or after `start`, both YYYY-MM-DD (ISO dates compare as strings). */
  inOrder(startField: string, start: string | null | undefined, endField: string, end: string | null | undefined): void {
    if (start && end && isRealDate(start) && isRealDate(end) && end < start) {
      this.add(endField, `must be on or after ${startField} (${start})`);
    }
  }

  /** Euros: not negative, cents at most, under the platform's ceiling (MAX_AMOUNT). */
  amount(field: string, value: number | null | undefined): void {
    if (value == null) return;
    const ceiling = Number.isFinite(value) ? amountCeilingProblem(value) : null;
    if (!Number.isFinite(value) || value < 0) this.add(field, 'must be a positive amount or zero');
    else if (ceiling) this.add(field, ceiling);
    else if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) this.add(field, 'must have at most 2 decimals (cents)');
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  throwIfAny(): void {
    if (this.list.length) throw new BadInputError(this.list);
  }
}

/** What an update makes of the stored values: an omitted field (undefined) keeps its value, null clears it. */
export function merged<T extends object>(before: T, changes: Partial<Record<keyof T, unknown>>): T {
  const result = { ...before } as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined && key in before) result[key] = value;
  }
  return result as T;
}
