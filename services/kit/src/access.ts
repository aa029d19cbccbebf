// Who may write which records, for every subgraph: one table of rules, each checked over a batch of records at once.
import type { RequestContext } from './context';
import { ForbiddenError } from './errors';
import { canWrite, type Identity } from './identity';

/** The authority (or authorities: any of them will do) a record belongs to; null for shared records of no authority. */
export type Ownership = string | readonly string[] | null;

export enum Permission {
  /** Change a record: staff editors and admins of its authority (of any of its authorities); shared records, admins. */
  Write = 'write',
  /** Change data every authority shares (reference tables, the registry's feed): admins of any authority. */
  Administer = 'administer',
}

const isAdmin = (identity: Identity) => identity.kind === 'system' || (identity.kind === 'staff' && identity.role === 'admin');
const codes = (owner: Ownership): readonly string[] => (owner === null ? [] : typeof owner === 'string' ? [owner] : owner);

interface Rule {
  allows(identity: Identity, owner: Ownership): boolean;
  refusal(owner: Ownership): string;
}

const RULES: Record<Permission, Rule> = {
  [Permission.Write]: {
    allows: (identity, owner) => (owner === null ? isAdmin(identity) : codes(owner).some((code) => canWrite(identity, code))),
    refusal: (owner) =>
      owner === null ? 'Only admins can change records of no authority' : `You cannot change records of authority ${codes(owner).join(' / ') || '(none)'}`,
  },
  [Permission.Administer]: {
    allows: (identity) => isAdmin(identity),
    refusal: () => 'Only admins can change this shared data',
  },
};

/** Which of the owners the caller may act on: the batched form (one pass over a list, no statement per record). */
export function allowedOwners<O extends Ownership>(identity: Identity, permission: Permission, owners: readonly O[]): O[] {
  const rule = RULES[permission];
  return owners.filter((owner) => rule.allows(identity, owner));
}

/** FORBIDDEN unless the caller may act on every one of the records' owners (the first refused one is named). */
export function assertAllowed(context: Pick<RequestContext, 'identity'>, permission: Permission, owners: readonly Ownership[], message?: string): void {
  const rule = RULES[permission];
  const refused = owners.find((owner) => !rule.allows(context.identity, owner));
  if (refused !== undefined) throw new ForbiddenError(message ?? rule.refusal(refused));
}

/** FORBIDDEN unless the caller may change records of this authority (or of any of these authorities). */
export function assertCanWrite(context: Pick<RequestContext, 'identity'>, owner: Ownership, message?: string): void {
  assertAllowed(context, Permission.Write, [owner], message);
}

/** FORBIDDEN unless the caller is an admin (or the platform itself): for data shared by all authorities. */
export function assertAdmin(context: Pick<RequestContext, 'identity'>): void {
  assertAllowed(context, Permission.Administer, [null]);
}
