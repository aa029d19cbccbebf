// /auth/oidc/*: staff sign in at their identity provider (ProConnect, Keycloak…); the callback opens the same session
// and sets the same cookie as a password sign-in. Every refusal ends without a session, as a page or as JSON.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sessionCookie } from './auth-routes';
import { readCookie, type AccessClient } from './callers';
import type { GatewayConfig } from './config';
import { clientAddress, sendError } from './http';
import { OIDC_TRANSACTION_COOKIE, OIDC_TRANSACTION_TTL_SECONDS, OidcFailure, type OidcFlow } from './oidc';
import type { RateLimiter } from './rate-limit';

type Log = Pick<Console, 'info' | 'warn' | 'error'>;

/** Lax, not Strict: the callback arrives as a top-level navigation from the provider's site. Scoped to /auth/oidc. */
function transactionCookie(config: GatewayConfig, value: string, maxAgeSeconds: number): string {
  return [`${OIDC_TRANSACTION_COOKIE}=${value}`, 'Path=/auth/oidc', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`, ...(config.secureCookies ? ['Secure'] : [])].join('; ');
}

/** What a person reads in the browser, by refusal code (the JSON answer carries the English message and the code). */
const PAGES: Record<string, string> = {
  OIDC_STATE_MISMATCH: 'Cette connexion a expiré ou n’a pas été commencée dans ce navigateur. Recommencez depuis la page de connexion.',
  OIDC_DENIED: 'Votre fournisseur d’identité n’a pas validé la connexion.',
  OIDC_CODE_REJECTED: 'Votre fournisseur d’identité a refusé cette connexion (expirée ou déjà utilisée). Recommencez depuis la page de connexion.',
  OIDC_INVALID_RESPONSE: 'La réponse de votre fournisseur d’identité n’a pas pu être vérifiée. Recommencez depuis la page de connexion.',
  OIDC_PROVIDER_UNAVAILABLE: 'Votre fournisseur d’identité ne répond pas. Réessayez dans un moment.',
  NO_ACCOUNT:
    'Aucun compte actif de la plateforme ne correspond à cette identité. Les comptes sont ouverts par un administrateur de votre département : demandez-lui d’en créer un à l’adresse que vous utilisez chez votre fournisseur d’identité.',
  EMAIL_NOT_VERIFIED: 'Votre fournisseur d’identité n’a pas confirmé votre adresse électronique : elle ne peut pas servir à retrouver votre compte.',
  OIDC_IDENTITY_MISMATCH: 'Le compte à cette adresse est déjà lié à une autre identité chez votre fournisseur. Un administrateur de la plateforme doit le délier.',
  SERVICE_UNAVAILABLE: 'La connexion est momentanément indisponible. Réessayez dans un moment.',
  RATE_LIMITED: 'Trop de tentatives de connexion. Réessayez dans une minute.',
};

/** Answers of the access subgraph's oidc-sign-in route, for the JSON answer. */
const ACCOUNT_REFUSALS: Record<string, string> = {
  NO_ACCOUNT: 'No active account of the platform matches this identity; an administrator of your authority creates accounts',
  EMAIL_NOT_VERIFIED: 'Your identity provider did not confirm your email address, so it cannot identify your account',
  OIDC_IDENTITY_MISMATCH: 'The account with this email is linked to another identity at the provider; an administrator must unlink it',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function wantsHtml(req: IncomingMessage): boolean {
  return /\btext\/html\b/.test(String(req.headers.accept ?? ''));
}

function refuse(req: IncomingMessage, res: ServerResponse, config: GatewayConfig, failure: OidcFailure, headers: Record<string, string> = {}): void {
  const clear = { 'set-cookie': transactionCookie(config, '', 0), 'referrer-policy': 'no-referrer', ...headers };
  if (!wantsHtml(req)) return sendError(res, failure.status, failure.code, failure.message, clear);
  const text = PAGES[failure.code] ?? PAGES.OIDC_INVALID_RESPONSE;
  res.writeHead(failure.status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'",
    'x-content-type-options': 'nosniff',
    ...clear,
  });
  res.end(
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Connexion impossible</title></head>` +
      `<body><h1>Connexion impossible</h1><p>${escapeHtml(text)}</p><p><small>Code : ${escapeHtml(failure.code)}</small></p><p><a href="/">Revenir à l’accueil</a></p></body></html>`,
  );
}

export async function handleOidc(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  config: GatewayConfig,
  access: AccessClient,
  limiter: RateLimiter,
  oidc: OidcFlow | null,
  log: Log,
): Promise<void> {
  if (!oidc || (pathname !== '/auth/oidc/start' && pathname !== '/auth/oidc/callback')) return sendError(res, 404, 'NOT_FOUND', 'Not found');
  if (req.method !== 'GET') return sendError(res, 405, 'BAD_REQUEST', 'Use GET', { allow: 'GET' });
  const query = new URL(req.url ?? '/', 'http://gateway').searchParams;

  if (pathname === '/auth/oidc/start') {
    try {
      const { location, sealed } = await oidc.begin(query.get('returnTo') ?? '/');
      res.writeHead(302, { location, 'set-cookie': transactionCookie(config, sealed, OIDC_TRANSACTION_TTL_SECONDS), 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      res.end();
    } catch (error) {
      const failure = error instanceof OidcFailure ? error : new OidcFailure(502, 'OIDC_PROVIDER_UNAVAILABLE', 'The sign-in provider did not answer; try again in a moment');
      log.warn(`[gateway] OIDC sign-in could not start: ${failure.code}${failure.detail ? ` (${failure.detail})` : ''}`);
      refuse(req, res, config, failure);
    }
    return;
  }

  // The callback: one token exchange and one session per attempt, so it shares the sign-in budget of the address.
  const address = clientAddress(req, config.trustProxy);
  const wait = await limiter.take(`sign-in:${address}`, config.rateLimits.signIn);
  if (wait) return refuse(req, res, config, new OidcFailure(429, 'RATE_LIMITED', 'Too many sign-in attempts; try again later'), { 'retry-after': String(wait) });
  if (!access.available) return refuse(req, res, config, new OidcFailure(503, 'SERVICE_UNAVAILABLE', 'Sign-in is not available on this gateway'));

  let verified;
  try {
    verified = await oidc.complete(query, readCookie(req.headers.cookie, OIDC_TRANSACTION_COOKIE));
  } catch (error) {
    const failure = error instanceof OidcFailure ? error : new OidcFailure(401, 'OIDC_INVALID_RESPONSE', 'The sign-in provider’s answer could not be verified; sign in again', String(error));
    log.warn(`[gateway] OIDC sign-in refused: ${failure.code}${failure.detail ? ` (${failure.detail})` : ''}`);
    return refuse(req, res, config, failure);
  }
  const { identity, returnTo } = verified;
  let answer;
  try {
    answer = await access.call('oidc-sign-in', { ...identity, userAgent: req.headers['user-agent'], address });
  } catch (error) {
    log.error('[gateway] OIDC sign-in: the access subgraph did not answer', error);
    return refuse(req, res, config, new OidcFailure(503, 'SERVICE_UNAVAILABLE', 'Sign-in is unavailable right now; try again shortly'));
  }
  if (answer.status === 403 && typeof answer.body?.code === 'string' && ACCOUNT_REFUSALS[answer.body.code]) {
    log.warn(`[gateway] OIDC sign-in refused: ${answer.body.code} for subject ${identity.subject} of ${identity.issuer}`);
    return refuse(req, res, config, new OidcFailure(403, answer.body.code, ACCOUNT_REFUSALS[answer.body.code]));
  }
  if (answer.status !== 200) {
    log.error(`[gateway] OIDC sign-in: the access subgraph answered ${answer.status}`);
    return refuse(req, res, config, new OidcFailure(503, 'SERVICE_UNAVAILABLE', 'Sign-in is unavailable right now; try again shortly'));
  }
  const maxAge = Math.max(0, Math.floor((new Date(answer.body.expiresAt).getTime() - Date.now()) / 1000));
  res.writeHead(302, {
    location: returnTo,
    'set-cookie': [sessionCookie(config, answer.body.token, maxAge), transactionCookie(config, '', 0)],
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  res.end();
}
