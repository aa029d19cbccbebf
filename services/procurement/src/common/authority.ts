// Writes belong to the staff of the record's authority (admins and editors); the platform itself may always write.
import { canWrite, ForbiddenError, type RequestContext } from '@ess/kit';

export function assertCanWrite(context: Pick<RequestContext, 'identity'>, authority: string): void {
  if (!canWrite(context.identity, authority)) throw new ForbiddenError(`You cannot change records of authority ${authority}`);
}

/** Admins of any authority, or the platform: for data shared by all authorities (reference tables, the registry sync). */
export function assertAdmin(context: Pick<RequestContext, 'identity'>): void {
  const identity = context.identity;
  if (identity.kind === 'system' || (identity.kind === 'staff' && identity.role === 'admin')) return;
  throw new ForbiddenError('Only admins can change this shared data');
}

/** Every authority code a list filter names, trimmed and upper-cased (2a -> 2A). */
export function authorityCodes(codes: string[] | null | undefined): string[] {
  return (codes ?? []).map((code) => code.trim().toUpperCase());
}
