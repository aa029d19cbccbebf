// Endpoints only the gateway calls (signed as the system): sign-in, sign-out, and resolving a session or an API key.
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
      return signedIn ? { status: 200, body: signedIn } : { status: 401, body: { code: 'INVALID_CREDENTIALS', message: 'Wrong email or password' } };
    },
    'sign-out': async (body, { requestId }) => {
      const token = text((body as Record<string, unknown>).sessionToken, 100);
      if (token) await sessions.signOut(token, requestId);
      return { status: 200, body: {} };
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
