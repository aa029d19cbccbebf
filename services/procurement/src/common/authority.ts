// Authority codes as lists name them. Who may write is the kit's rule (access.ts), re-exported for the DECP import.
export { assertCanWrite } from '@ess/kit';

/** Every authority code a list filter names, trimmed and upper-cased (2a -> 2A). */
export function authorityCodes(codes: string[] | null | undefined): string[] {
  return (codes ?? []).map((code) => code.trim().toUpperCase());
}
