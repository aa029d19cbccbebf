// Who may change the registry: editors and admins, and only the actors of their own départements (the server says
// the same; hiding the buttons spares a refusal).
import { useSession } from '../auth/SessionProvider';
import type { SessionUser } from '../auth/session';

export function useSessionUser(): SessionUser | null {
  const { state } = useSession();
  return state.status === 'signedIn' ? state.user : null;
}

export function canEditRegistry(user: SessionUser | null): boolean {
  return !!user && (user.role === 'EDITOR' || user.role === 'ADMIN');
}

export function canEditActor(user: SessionUser | null, authorityCode: string): boolean {
  return canEditRegistry(user) && user!.authorities.includes(authorityCode);
}

/** A message to show on the next page (after a creation, an archive…), read once. */
let flash: string | null = null;
export function setFlash(message: string): void {
  flash = message;
}
export function takeFlash(): string | null {
  const message = flash;
  flash = null;
  return message;
}
