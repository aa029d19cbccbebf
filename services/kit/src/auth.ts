// Who may call a field: every root field declares it with @Authorized(...); this checker enforces it.
import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from './context';
import { ForbiddenError, UnauthenticatedError } from './errors';
import type { Identity, Scope } from './identity';

/**
 * The roles a field may name in @Authorized:
 * - `PUBLIC`: anyone, anonymous included (public registry data, dashboards);
 * - `STAFF`: any staff member (viewers included);
 * - `EDITOR`: staff admins and editors (the service then checks the record's authority);
 * - `ADMIN`: staff admins;
 * - `SYSTEM`: the platform itself only (feeds between subgraphs, signed with the shared secret): never a person or a key;
 * - `read:<scope>`: partners whose key has that scope (staff too).
 */
export const Role = {
  System: 'SYSTEM',
  Public: 'PUBLIC',
  Staff: 'STAFF',
  Editor: 'EDITOR',
  Admin: 'ADMIN',
} as const;

export type RoleName = (typeof Role)[keyof typeof Role] | Scope;

function allows(identity: Identity, role: string): boolean {
  if (role === Role.Public) return true;
  if (identity.kind === 'system') return true;
  switch (role) {
    case Role.System:
      return false;
    case Role.Staff:
      return identity.kind === 'staff';
    case Role.Editor:
      return identity.kind === 'staff' && (identity.role === 'admin' || identity.role === 'editor');
    case Role.Admin:
      return identity.kind === 'staff' && identity.role === 'admin';
    default:
      return identity.kind === 'staff' || (identity.kind === 'partner' && (identity.scopes as string[]).includes(role));
  }
}

export const authChecker: AuthChecker<RequestContext> = ({ context }, roles) => {
  if (roles.length === 0) throw new Error('@Authorized() must name its roles');
  if (roles.some((role) => allows(context.identity, role))) return true;
  if (context.identity.kind === 'anonymous') throw new UnauthenticatedError();
  throw new ForbiddenError();
};

/** For services: what only the platform itself may do (the check @Authorized(Role.System) makes, again where the work is). */
export function assertSystem(identity: Identity, what: string): void {
  if (identity.kind === 'system') return;
  if (identity.kind === 'anonymous') throw new UnauthenticatedError();
  throw new ForbiddenError(`Only the platform itself ${what}`);
}
