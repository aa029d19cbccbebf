// The staff session, as the gateway's /auth routes tell it: the token stays in an HttpOnly cookie, never in JavaScript.
import type { StaffRole } from '../graphql/types';

export interface SessionUser {
  email: string;
  displayName: string;
  role: StaffRole;
  /** INSEE codes of the départements the person works for. */
  authorities: string[];
}

export type SignedOutReason = 'expired' | 'signedOut' | 'unavailable';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut'; oidc: boolean; reason?: SignedOutReason }
  | { status: 'signedIn'; user: SessionUser; expiresAt: string };

export type SignInError = 'INVALID_CREDENTIALS' | 'RATE_LIMITED' | 'UNAVAILABLE';

export type SignInResult = { ok: true; user: SessionUser; expiresAt: string } | { ok: false; error: SignInError };

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

/** Asks the gateway who is signed in; a 401 also says whether an identity provider (OIDC) is configured. */
export async function fetchSession(): Promise<SessionState> {
  try {
    const response = await fetch('/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    const body = (await response.json().catch(() => null)) as { user?: SessionUser; expiresAt?: string; signIn?: { oidc?: boolean } } | null;
    if (response.ok && body?.user && body.expiresAt) return { status: 'signedIn', user: body.user, expiresAt: body.expiresAt };
    if (response.status === 401) return { status: 'signedOut', oidc: body?.signIn?.oidc === true };
    return { status: 'signedOut', oidc: false, reason: 'unavailable' };
  } catch {
    return { status: 'signedOut', oidc: false, reason: 'unavailable' };
  }
}

export async function signIn(email: string, password: string): Promise<SignInResult> {
  try {
    const response = await fetch('/auth/sign-in', {
      method: 'POST',
      credentials: 'same-origin',
      headers: JSON_HEADERS,
      body: JSON.stringify({ email, password }),
    });
    if (response.ok) {
      const body = (await response.json()) as { user: SessionUser; expiresAt: string };
      return { ok: true, user: body.user, expiresAt: body.expiresAt };
    }
    if (response.status === 401 || response.status === 400) return { ok: false, error: 'INVALID_CREDENTIALS' };
    if (response.status === 429) return { ok: false, error: 'RATE_LIMITED' };
    return { ok: false, error: 'UNAVAILABLE' };
  } catch {
    return { ok: false, error: 'UNAVAILABLE' };
  }
}

/** Ends the session on the gateway (which clears the cookie); a failure leaves nothing to do in the browser. */
export async function signOut(): Promise<void> {
  try {
    const response = await fetch('/auth/sign-out', { method: 'POST', credentials: 'same-origin', headers: JSON_HEADERS, body: '{}' });
    // Read to the end, so that a reload right after does not abort the answer.
    await response.arrayBuffer();
  } catch {
    // Nothing to do: the next request will tell whether the session still exists.
  }
}
