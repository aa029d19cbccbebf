// Endpoints only the platform calls (signed as the system): sign-in (password or OpenID Connect), sign-out, resolving a
// session or an API key (the gateway), and looking up a staff account (other subgraphs).
import type { InternalRoute } from '@ess/kit';
import type { ApiKeyService } from './api-key/api-key.service';
import type { SessionService } from './session/session.service';

function text(value: unknown, max = 500): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

export function internalRoutes(sessions: SessionService, keys: ApiKeyService): Record<string, InternalRoute> {
  return {
    'sign-in': async (body, { requestId }) => {
      const b = body as Record<string, unknown>;
      const email = text(b.email, 254);
      const password = text(b.password, 200);
      if (!email || !password) return { status: 400, body: { code: 'BAD_USER_INPUT', message: 'email and password are required' } };
      const signedIn = await sessions.signIn(email, password, { userAgent: text(b.userAgent, 300), address: text(b.address, 100), requestId });
      if (!('refused' in signedIn)) return { status: 200, body: signedIn };
      if (signedIn.refused === 'THROTTLED') {
        const message = 'Too many failed sign-ins for this account; try again shortly';
        return { status: 429, body: { code: 'RATE_LIMITED', message, retryAfter: signedIn.retryAfterSeconds } };
      }
      return { status: 401, body: { code: 'INVALID_CREDENTIALS', message: 'Wrong email or password' } };
    },
    // The gateway verified the provider's answer (state, PKCE, ID token signature, issuer, audience, nonce, expiry);
    // this maps the person to an existing account, never creates one.
    'oidc-sign-in': async (body, { requestId }) => {
      const b = body as Record<string, unknown>;
      const issuer = text(b.issuer, 500);
      const subject = text(b.subject, 255);
      const email = b.email === undefined || b.email === null ? undefined : text(b.email, 254);
      if (!issuer || !subject || typeof b.emailVerified !== 'boolean' || (b.email != null && !email)) {
        return { status: 400, body: { code: 'BAD_USER_INPUT', message: 'issuer, subject and emailVerified are required; email is optional' } };
      }
      const result = await sessions.signInWithOidc({ issuer, subject, email, emailVerified: b.emailVerified }, { userAgent: text(b.userAgent, 300), address: text(b.address, 100), requestId });
      return 'refused' in result ? { status: 403, body: { code: result.refused } } : { status: 200, body: result };
    },
    'sign-out': async (body, { requestId }) => {
      const token = text((body as Record<string, unknown>).sessionToken, 100);
      if (token) await sessions.signOut(token, requestId);
      return { status: 200, body: {} };
    },
    // For subgraphs that name staff accounts (commons' jurors): does this id name one, with which rights?
    'staff-account': async (body) => {
      const userId = text((body as Record<string, unknown>).userId, 100);
      const account = userId ? await sessions.staffAccount(userId) : null;
      return account ? { status: 200, body: account } : { status: 404, body: { code: 'NOT_FOUND' } };
    },
    resolve: async (body) => {
      const b = body as Record<string, unknown>;
      const apiKey = text(b.apiKey, 200);
      const sessionToken = text(b.sessionToken, 100);
      const resolved = apiKey ? await keys.resolve(apiKey) : sessionToken ? await sessions.resolve(sessionToken) : null;
      return resolved ? { status: 200, body: resolved } : { status: 401, body: { code: 'UNAUTHENTICATED' } };
    },
  };
}
