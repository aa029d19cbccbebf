// Stable ids for demo records, so every subgraph's demo data can reference the same actors, plans and calls.
import { createHash } from 'node:crypto';
import { withLuhnDigit } from './identifiers';

/** A UUID (version 5 layout) derived from a readable key, e.g. demoId('actor:scic-gard-autonomie'). */
export function demoId(key: string): string {
  const hex = createHash('sha1').update(`ess-platform-demo:${key}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A Luhn-valid SIRET for demo data (fictitious establishment numbers, stable for a given seed). */
export function demoSiret(seed: number): string {
  const sirenBase = String(800_000_00 + ((seed * 7919) % 9_999_999)).padStart(8, '0');
  return withLuhnDigit(`${withLuhnDigit(sirenBase)}0001`);
}
