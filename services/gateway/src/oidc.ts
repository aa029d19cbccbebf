// OpenID Connect for staff sign-in (ProConnect, Keycloak…): authorization code flow with PKCE, state and nonce, via openid-client.
// The gateway stays stateless: what the callback must check travels in a short-lived cookie sealed with the gateway secret.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Configuration } from 'openid-client' with { 'resolution-mode': 'import' };
import type { OidcConfig } from './config';

type OpenIdClient = typeof import('openid-client', { with: { 'resolution-mode': 'import' } });

export const OIDC_TRANSACTION_COOKIE = 'ess_oidc';
/** Time allowed between leaving for the provider and coming back. */
export const OIDC_TRANSACTION_TTL_SECONDS = 600;

/** What the callback checks, sealed in the transaction cookie. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** Unix time in milliseconds after which the transaction is refused. */
  expiresAt: number;
}

/** The person the provider vouched for, after every check on its answer. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified: boolean;
}

/** A refused sign-in: HTTP status, a stable code, and a message safe to show. */
export class OidcFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'OidcFailure';
  }
}

function sealingKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'ess-platform oidc transaction cookie v1', 32));
}

/** AES-256-GCM with a key derived from the gateway secret: confidential and tamper-evident. */
export function sealTransaction(secret: string, transaction: OidcTransaction): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secret), iv);
  cipher.setAAD(Buffer.from(OIDC_TRANSACTION_COOKIE));
  const body = Buffer.concat([cipher.update(JSON.stringify(transaction), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The transaction, or null when the cookie is absent, forged, tampered with or expired. */
export function openTransaction(secret: string, sealed: string | undefined, now = Date.now()): OidcTransaction | null {
  if (!sealed || sealed.length > 4000) return null;
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 12 + 16 + 2) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(secret), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(OIDC_TRANSACTION_COOKIE));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const text = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    const value = JSON.parse(text) as OidcTransaction;
    const fields = [value.state, value.nonce, value.codeVerifier, value.returnTo];
    if (fields.some((field) => typeof field !== 'string') || typeof value.expiresAt !== 'number' || value.expiresAt <= now) return null;
    return value;
  } catch {
    return null;
  }
}

/** Where to land after signing in: a path on this site only, never another origin. */
export function safeReturnPath(value: string | null | undefined): string {
  const control = [...(value ?? '')].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (!value || value.length > 500 || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || control) return '/';
  return value;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const UNAVAILABLE = 'The sign-in provider did not answer; try again in a moment';
const REJECTED = 'The sign-in provider’s answer could not be verified; sign in again';

/** Sorts openid-client's errors into what the browser is told; the detail goes to the log only. */
function classify(error: unknown): OidcFailure {
  if (error instanceof OidcFailure) return error;
  const e = error as { name?: string; code?: string; status?: number; error?: string; message?: string; cause?: unknown };
  const detail = `${e?.name ?? 'Error'}${e?.code ? ` ${e.code}` : ''}: ${e?.message ?? String(error)}${e?.error ? ` (${e.error})` : ''}`;
  switch (e?.code) {
    case 'OAUTH_AUTHORIZATION_RESPONSE_ERROR':
      // The provider sent the person back with an error (access_denied, login_required…).
      return new OidcFailure(401, 'OIDC_DENIED', 'The sign-in provider did not sign you in', detail);
    case 'OAUTH_RESPONSE_BODY_ERROR':
      // The token endpoint refused the exchange: a replayed or expired code, a wrong PKCE verifier, bad client credentials.
      return (e.status ?? 400) >= 500
        ? new OidcFailure(502, 'OIDC_PROVIDER_UNAVAILABLE', UNAVAILABLE, detail)
        : new OidcFailure(401, 'OIDC_CODE_REJECTED', 'The sign-in provider refused this sign-in (expired or already used); sign in again', detail);
    case 'OAUTH_RESPONSE_IS_NOT_CONFORM':
    case 'OAUTH_RESPONSE_IS_NOT_JSON':
    case 'OAUTH_HTTP_REQUEST_FORBIDDEN':
    case 'OAUTH_REQUEST_PROTOCOL_FORBIDDEN':
    case 'OAUTH_MISSING_SERVER_METADATA':
    case 'OAUTH_INVALID_SERVER_METADATA':
      return new OidcFailure(502, 'OIDC_PROVIDER_UNAVAILABLE', UNAVAILABLE, detail);
    case 'OAUTH_INVALID_RESPONSE':
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
    case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
    case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED':
    case 'OAUTH_KEY_SELECTION_FAILED':
    case 'OAUTH_PARSE_ERROR':
    case 'OAUTH_UNSUPPORTED_OPERATION':
      // A forged, tampered, unsigned, expired or misaddressed ID token, a wrong nonce or issuer.
      return new OidcFailure(401, 'OIDC_INVALID_RESPONSE', REJECTED, detail);
  }
  // Network errors, timeouts, refused connections: fetch's TypeError, possibly wrapped by openid-client.
  const causes: Array<{ name?: string; message?: string; cause?: unknown }> = [];
  for (let c = error as (typeof causes)[number] | undefined; c && causes.length < 5; c = c.cause as typeof c) causes.push(c);
  const cause = causes.find((c) => c.name === 'TypeError' || c.name === 'AbortError' || c.name === 'TimeoutError');
  if (cause) return new OidcFailure(502, 'OIDC_PROVIDER_UNAVAILABLE', UNAVAILABLE, `${detail}; ${causes.slice(1).map((c) => c.message).join('; ')}`);
  return new OidcFailure(401, 'OIDC_INVALID_RESPONSE', REJECTED, detail);
}

/** One provider: its metadata and keys are fetched once and kept (a failed discovery is retried on the next sign-in). */
export class OidcFlow {
  private client: Promise<OpenIdClient> | null = null;
  private configuration: Promise<Configuration> | null = null;

  constructor(
    readonly config: OidcConfig,
    private readonly secret: string,
    private readonly options: { allowInsecureRequests: boolean; timeoutMs: number },
  ) {}

  /** openid-client is an ES module; loaded on first use, only when OIDC is configured. */
  private openid(): Promise<OpenIdClient> {
    this.client ??= import('openid-client');
    return this.client;
  }

  private async discovered(): Promise<{ openid: OpenIdClient; configuration: Configuration }> {
    const openid = await this.openid();
    this.configuration ??= openid
      .discovery(new URL(this.config.issuer), this.config.clientId, this.config.clientSecret, undefined, {
        timeout: Math.max(1, Math.ceil(this.options.timeoutMs / 1000)),
        execute: [
          // By default openid-client trusts the TLS channel for the ID token; this checks its signature against the provider's JWKS too.
          openid.enableNonRepudiationChecks,
          ...(this.options.allowInsecureRequests ? [openid.allowInsecureRequests] : []),
        ],
      })
      .catch((error: unknown) => {
        this.configuration = null;
        throw error;
      });
    return { openid, configuration: await this.configuration };
  }

  /** The provider's authorization URL, and the sealed transaction to keep in the browser until the callback. */
  async begin(returnTo: string): Promise<{ location: string; sealed: string }> {
    let found;
    try {
      found = await this.discovered();
    } catch (error) {
      throw classify(error);
    }
    const { openid, configuration } = found;
    const transaction: OidcTransaction = {
      state: openid.randomState(),
      nonce: openid.randomNonce(),
      codeVerifier: openid.randomPKCECodeVerifier(),
      returnTo: safeReturnPath(returnTo),
      expiresAt: Date.now() + OIDC_TRANSACTION_TTL_SECONDS * 1000,
    };
    const location = openid.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.redirectUri,
      scope: this.config.scopes,
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: await openid.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { location: location.href, sealed: sealTransaction(this.secret, transaction) };
  }

  /** Checks the callback against the transaction, exchanges the code and validates the ID token; the person's identity. */
  async complete(query: URLSearchParams, sealed: string | undefined): Promise<{ identity: OidcIdentity; returnTo: string }> {
    const transaction = openTransaction(this.secret, sealed);
    if (!transaction) throw new OidcFailure(400, 'OIDC_STATE_MISMATCH', 'This sign-in expired or was not started in this browser; sign in again');
    const state = query.get('state');
    if (!state || !sameText(state, transaction.state)) {
      throw new OidcFailure(400, 'OIDC_STATE_MISMATCH', 'This sign-in was not started in this browser; sign in again');
    }
    try {
      const { openid, configuration } = await this.discovered();
      // The callback URL as the provider built it: the registered redirect URI with the response parameters.
      const currentUrl = new URL(this.config.redirectUri);
      currentUrl.search = query.toString();
      const tokens = await openid.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new OidcFailure(401, 'OIDC_INVALID_RESPONSE', REJECTED, 'no ID token');
      let email = typeof claims.email === 'string' ? claims.email : undefined;
      let verified = claims.email_verified === true;
      // Some providers (ProConnect) put the address only in the UserInfo answer.
      if (!email && configuration.serverMetadata().userinfo_endpoint) {
        const info = await openid.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        email = typeof info.email === 'string' ? info.email : undefined;
        verified = info.email_verified === true;
      }
      return {
        identity: { issuer: claims.iss, subject: claims.sub, email, emailVerified: verified || this.config.emailAlwaysVerified },
        returnTo: transaction.returnTo,
      };
    } catch (error) {
      throw classify(error);
    }
  }
}
