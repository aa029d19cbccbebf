// /auth/*: staff sign in with a password and get an HttpOnly session cookie; JavaScript never sees the token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessClient } from './callers';
import { credentialsOf, SESSION_COOKIE } from './callers';
import type { GatewayConfig } from './config';
import { BodyTooLarge, clientAddress, readBody, sameOrigin, sendError, sendJson } from './http';
import type { RateLimiter } from './rate-limit';

/** The staff session cookie, the same whichever way the person signed in (password or OpenID Connect). */
export function sessionCookie(config: GatewayConfig, value: string, maxAgeSeconds: number): string {
  return [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(config.secureCookies ? ['Secure'] : [])].join('; ');
}

export async function handleAuth(req: IncomingMessage, res: ServerResponse, pathname: string, config: GatewayConfig, access: AccessClient, limiter: RateLimiter): Promise<void> {
  if (!access.available) return sendError(res, 503, 'SERVICE_UNAVAILABLE', 'Sign-in is not available on this gateway');
  if (pathname === '/auth/session' && req.method === 'GET') {
    const credentials = credentialsOf(req.headers);
    const resolved = credentials && 'sessionToken' in credentials ? await access.resolve(credentials) : null;
    // The sign-in page offers the identity provider only when there is one.
    if (!resolved?.user) return sendJson(res, 401, { errors: [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }], signIn: { password: true, oidc: config.oidc !== null } });
    return sendJson(res, 200, { user: resolved.user, expiresAt: resolved.expiresAt });
  }
  if (req.method !== 'POST') return sendError(res, 405, 'BAD_REQUEST', 'Use POST', { allow: 'POST' });
  // Cross-site forms cannot send JSON without a preflight, which this gateway never grants.
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return sendError(res, 415, 'BAD_REQUEST', 'Send JSON');
  if (!sameOrigin(req)) return sendError(res, 403, 'FORBIDDEN', 'Cross-site request refused');

  if (pathname === '/auth/sign-in') {
    const wait = await limiter.take(`sign-in:${clientAddress(req, config.trustProxy)}`, config.rateLimits.signIn);
    if (wait) return sendError(res, 429, 'RATE_LIMITED', 'Too many sign-in attempts; try again later', { 'retry-after': String(wait) });
    let body: { email?: unknown; password?: unknown };
    try {
      body = JSON.parse((await readBody(req, 10_000)).toString('utf8'));
    } catch (error) {
      return error instanceof BodyTooLarge ? sendError(res, 413, 'BAD_REQUEST', 'Request too large') : sendError(res, 400, 'BAD_REQUEST', 'Body is not JSON');
    }
    if (typeof body.email !== 'string' || typeof body.password !== 'string') {
      return sendJson(res, 400, { errors: [{ message: 'email and password are required', extensions: { code: 'BAD_USER_INPUT', field: typeof body.email !== 'string' ? 'email' : 'password' } }] });
    }
    const result = await access.call('sign-in', {
      email: body.email,
      password: body.password,
      userAgent: req.headers['user-agent'],
      address: clientAddress(req, config.trustProxy),
    });
    if (result.status === 429) {
      // The access subgraph's per-account limit (shared by every gateway replica, as it lives in the database).
      const retryAfter = String(Math.max(1, Number(result.body.retryAfter) || 1));
      return sendError(res, 429, 'RATE_LIMITED', 'Too many failed sign-ins for this account; try again shortly', { 'retry-after': retryAfter });
    }
    if (result.status !== 200) return sendError(res, 401, 'INVALID_CREDENTIALS', 'Wrong email or password');
    const maxAge = Math.max(0, Math.floor((new Date(result.body.expiresAt).getTime() - Date.now()) / 1000));
    return sendJson(res, 200, { user: result.body.user, expiresAt: result.body.expiresAt }, { 'set-cookie': sessionCookie(config, result.body.token, maxAge) });
  }
  if (pathname === '/auth/sign-out') {
    const credentials = credentialsOf(req.headers);
    if (credentials && 'sessionToken' in credentials) {
      await access.call('sign-out', credentials);
      access.forget(credentials);
    }
    return sendJson(res, 200, { signedOut: true }, { 'set-cookie': sessionCookie(config, '', 0) });
  }
  return sendError(res, 404, 'NOT_FOUND', 'Not found');
}
