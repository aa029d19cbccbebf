// Column value helpers of the plans that the kit does not have; numbers, dates, text and identifiers are the kit's.

export function yearOf(date: string | null): number | null {
  return date ? Number(date.slice(0, 4)) : null;
}
