// Staff sign-in with OpenID Connect through the gateway, with oauth2-mock-server on 127.0.0.1 as the identity provider:
// the happy path ends with the same session cookie as a password sign-in; every bent answer ends without a session.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { MutableResponse, MutableToken, OAuth2Server } from 'oauth2-mock-server' with { 'resolution-mode': 'import' };
import { composeSupergraph } from '../src/compose';
import { readGatewayConfig } from '../src/config';
import { startGateway } from '../src/gateway';
import { OIDC_TRANSACTION_COOKIE, sealTransaction } from '../src/oidc';
import { testGatewayConfig } from '../src/testing';
import { silentLog, startStack, type Stack } from './harness';
import { PROBE_SDL } from './probe-subgraph';

const CLIENT_ID = 'ess-platform-test';
const DEMO_PASSWORD = 'oidc-demo-password';

type Person = { sub: string; email?: string; email_verified?: boolean };
type Json = Record<string, any>;

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Json;

function cookieFrom(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
}

describe('OpenID Connect sign-in through the gateway', () => {
  let provider: OAuth2Server;
  let attacker: OAuth2Server;
  let stack: Stack;
  let base: string;
  let secret: string;
  // What the provider says about the next person, and how a test bends its answers.
  let person: Person;
  let bendIdToken: ((payload: Json) => void) | null;
  let bendTokenResponse: ((body: Json) => void) | null;
  let beforeCallback: (() => Promise<void>) | null;
  let lastNonce: string | undefined;
  let userinfo: Json | null;
  let tokenRequests: Json[];

  const sessionCount = async () => (await stack.access!.dataSource.query(`SELECT count(*)::int AS count FROM access.session`))[0].count as number;
  const subjectOf = async (email: string) => (await stack.access!.dataSource.query(`SELECT oidc_subject FROM access.staff_user WHERE email = $1`, [email]))[0]?.oidc_subject as string | null;

  beforeAll(async () => {
    process.env.DEMO_PASSWORD = DEMO_PASSWORD;
    const { OAuth2Server } = await import('oauth2-mock-server');
    provider = new OAuth2Server();
    await provider.issuer.keys.generate('RS256');
    await provider.start(0, '127.0.0.1');
    provider.issuer.url = `http://127.0.0.1:${provider.address().port}`;
    provider.service.on('beforeTokenSigning', (token: MutableToken, req: IncomingMessage & { body: Json }) => {
      if (!('aud' in token.payload)) return; // the access token
      tokenRequests.push({ ...req.body });
      Object.assign(token.payload, person);
      bendIdToken?.(token.payload);
    });
    provider.service.on('beforeAuthorizeRedirect', (_redirect: unknown, req: IncomingMessage & { query: Json }) => {
      lastNonce = req.query.nonce;
    });
    provider.service.on('beforeResponse', (response: MutableResponse) => {
      if (response.body !== '' && bendTokenResponse) bendTokenResponse(response.body);
    });
    provider.service.on('beforeUserinfo', (response: MutableResponse) => {
      response.body = userinfo ?? { sub: person.sub };
    });
    // Another provider's keys, for ID tokens the real provider never signed.
    attacker = new OAuth2Server();
    await attacker.issuer.keys.generate('RS256');
    attacker.issuer.url = provider.issuer.url;

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    stack = await startStack({
      withAccess: true,
      gateway: {
        port,
        oidc: { issuer: provider.issuer.url, clientId: CLIENT_ID, clientSecret: 'client-secret-for-tests', redirectUri: `${base}/auth/oidc/callback`, scopes: 'openid email profile', emailAlwaysVerified: false },
      },
    });
    secret = stack.actors.secret;
  });
  beforeEach(() => {
    person = { sub: 'sub-admin-gard', email: 'admin.gard@demo.ess.local', email_verified: true };
    bendIdToken = null;
    bendTokenResponse = null;
    beforeCallback = null;
    userinfo = null;
    tokenRequests = [];
  });
  afterAll(async () => {
    delete process.env.DEMO_PASSWORD;
    await stack?.close();
    if (provider?.listening) await provider.stop();
  });

  /** The browser's trip: the gateway's start, the provider's authorize endpoint, back to the callback URL it gives. */
  async function goToProvider(path = '/auth/oidc/start') {
    const start = await fetch(`${base}${path}`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const transaction = cookieFrom(start, OIDC_TRANSACTION_COOKIE)!;
    const authorize = new URL(start.headers.get('location')!);
    const back = await fetch(authorize, { redirect: 'manual' });
    expect(back.status).toBe(302);
    return { start, transaction, cookie: transaction.split(';')[0], authorize, callback: new URL(back.headers.get('location')!) };
  }

  async function callback(url: URL, cookie: string | undefined, accept = 'application/json') {
    const response = await fetch(url, { redirect: 'manual', headers: { accept, ...(cookie ? { cookie } : {}) } });
    const session = cookieFrom(response, 'ess_session');
    const text = await response.text();
    return { response, session, text, body: response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as Json) : null };
  }

  async function signIn(path?: string) {
    const trip = await goToProvider(path);
    await beforeCallback?.();
    return { ...trip, ...(await callback(trip.callback, trip.cookie)) };
  }

  /** A refusal: the status and code, no session cookie, no new session row, the transaction cookie cleared. */
  async function expectRefused(result: Awaited<ReturnType<typeof callback>>, status: number, code: string, sessionsBefore: number) {
    expect({ status: result.response.status, code: result.body?.errors?.[0]?.extensions?.code }).toEqual({ status, code });
    expect(result.session).toBeUndefined();
    expect(cookieFrom(result.response, OIDC_TRANSACTION_COOKIE)).toMatch(/^ess_oidc=; .*Max-Age=0/);
    expect(await sessionCount()).toBe(sessionsBefore);
  }

  it('answers 404 on its routes when OIDC is not configured, while password sign-in keeps working', async () => {
    const gateway = await startGateway(testGatewayConfig({ gatewaySecret: 'x'.repeat(32) }), {
      supergraphSdl: composeSupergraph([{ name: 'probe', url: 'http://127.0.0.1:9/graphql', sdl: PROBE_SDL }]),
      log: silentLog,
    });
    try {
      const root = gateway.url.replace(/\/graphql$/, '');
      expect((await fetch(`${root}/auth/oidc/start`, { redirect: 'manual' })).status).toBe(404);
      expect((await fetch(`${root}/auth/oidc/callback?code=x&state=y`, { redirect: 'manual' })).status).toBe(404);
    } finally {
      await gateway.close();
    }
    const password = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lecteur.gard@demo.ess.local', password: DEMO_PASSWORD }) });
    expect(password.status).toBe(200);
  });

  it('reads its settings from the environment, all or nothing', () => {
    const env = { GATEWAY_SECRET: 's'.repeat(32) };
    expect(readGatewayConfig(env).oidc).toBeNull();
    const oidc = readGatewayConfig({
      ...env,
      OIDC_ISSUER: 'https://proconnect.example/api/v2/.well-known/openid-configuration',
      OIDC_CLIENT_ID: 'id',
      OIDC_CLIENT_SECRET: 'secret',
      OIDC_REDIRECT_URI: 'https://ess.example/auth/oidc/callback',
    }).oidc;
    expect(oidc).toEqual({
      issuer: 'https://proconnect.example/api/v2',
      clientId: 'id',
      clientSecret: 'secret',
      redirectUri: 'https://ess.example/auth/oidc/callback',
      scopes: 'openid email profile',
      emailAlwaysVerified: false,
    });
    expect(() => readGatewayConfig({ ...env, OIDC_CLIENT_ID: 'id' })).toThrow(/OIDC_ISSUER is required when OIDC_CLIENT_ID is set/);
    expect(() => readGatewayConfig({ ...env, OIDC_ISSUER: 'https://idp.example/realms/ess', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 's', OIDC_REDIRECT_URI: 'https://ess.example/callback', OIDC_SCOPES: 'email' })).toThrow(
      /OIDC_SCOPES must include openid[\s\S]*OIDC_REDIRECT_URI must end with \/auth\/oidc\/callback/,
    );
    expect(() =>
      readGatewayConfig({ ...env, NODE_ENV: 'production', OIDC_ISSUER: 'http://idp.example/realms/ess', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 's', OIDC_REDIRECT_URI: 'https://ess.example/auth/oidc/callback' }),
    ).toThrow(/OIDC_ISSUER must be an https URL in production/);
  });

  it('sends the person to the provider with state, nonce and an S256 PKCE challenge, keeping them in a sealed, HttpOnly, Lax cookie', async () => {
    const { start, transaction, authorize } = await goToProvider();
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${provider.issuer.url}/authorize`);
    const q = authorize.searchParams;
    expect(Object.fromEntries(['client_id', 'response_type', 'redirect_uri', 'scope', 'code_challenge_method'].map((k) => [k, q.get(k)]))).toEqual({
      client_id: CLIENT_ID,
      response_type: 'code',
      redirect_uri: `${base}/auth/oidc/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    // ProConnect wants at least 32 characters of state and nonce.
    for (const key of ['state', 'nonce', 'code_challenge']) expect(q.get(key)).toMatch(/^[\w-]{43,}$/);
    expect(transaction).toMatch(/^ess_oidc=[\w-]+; Path=\/auth\/oidc; HttpOnly; SameSite=Lax; Max-Age=600$/);
    // Sealed: none of the values the callback checks can be read from the cookie.
    const sealed = Buffer.from(transaction.split(';')[0].split('=')[1], 'base64url').toString('latin1');
    for (const key of ['state', 'nonce']) expect(sealed).not.toContain(q.get(key));
    expect(start.headers.get('cache-control')).toBe('no-store');
  });

  it('signs an existing account in: the same session cookie as a password sign-in, `me` through the gateway, the subject stored, the sign-in audited', async () => {
    const before = await sessionCount();
    const result = await signIn('/auth/oidc/start?returnTo=/acteurs?page=2');
    expect(result.response.status).toBe(302);
    expect(result.response.headers.get('location')).toBe('/acteurs?page=2');
    expect(result.session).toMatch(/^ess_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(cookieFrom(result.response, OIDC_TRANSACTION_COOKIE)).toMatch(/^ess_oidc=; .*Max-Age=0/);
    expect(await sessionCount()).toBe(before + 1);

    const session = result.session!.split(';')[0];
    const me = await stack.query('{ me { kind user { email role authorities } } }', {}, { cookie: session });
    expect(me.body.data.me).toEqual({ kind: 'staff', user: { email: 'admin.gard@demo.ess.local', role: 'ADMIN', authorities: ['30'] } });
    expect((await (await fetch(`${base}/auth/session`, { headers: { cookie: session } })).json()).user.email).toBe('admin.gard@demo.ess.local');
    expect(await subjectOf('admin.gard@demo.ess.local')).toBe('sub-admin-gard');

    const audit: Json[] = await stack.access!.dataSource.query(`SELECT entity, action, before, after FROM access.audit_log WHERE entity IN ('StaffUser', 'Session') ORDER BY id DESC LIMIT 2`);
    expect(audit.map((row) => [row.entity, row.action])).toEqual([
      ['Session', 'create'],
      ['StaffUser', 'update'],
    ]);
    expect(audit[0].after).toMatchObject({ method: 'oidc', issuer: provider.issuer.url });
    expect(audit[1]).toMatchObject({ before: { oidcSubject: null }, after: { oidcSubject: 'sub-admin-gard' } });

    // Signing out ends it like any session.
    await fetch(`${base}/auth/sign-out`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: session }, body: '{}' });
    expect((await stack.query('{ me { kind } }', {}, { cookie: session })).status).toBe(401);
  });

  it('finds the account by subject afterwards, whatever address the provider now gives', async () => {
    person = { sub: 'sub-admin-gard', email: 'claire.nouvelle@gard.fr', email_verified: false };
    const result = await signIn();
    expect(result.response.status).toBe(302);
    const me = await stack.query('{ me { user { email } } }', {}, { cookie: result.session!.split(';')[0] });
    expect(me.body.data.me.user.email).toBe('admin.gard@demo.ess.local');
  });

  it('sends the PKCE verifier that matches the challenge, and the provider checks it', async () => {
    const result = await signIn();
    expect(result.response.status).toBe(302);
    expect(tokenRequests).toHaveLength(1);
    const verifier = tokenRequests[0].code_verifier as string;
    expect(verifier).toMatch(/^[\w-]{43,128}$/);
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(result.authorize.searchParams.get('code_challenge'));
    expect(tokenRequests[0]).toMatchObject({ grant_type: 'authorization_code', redirect_uri: `${base}/auth/oidc/callback`, client_id: CLIENT_ID });
  });

  it('takes the address from UserInfo when the ID token has none (as with ProConnect)', async () => {
    person = { sub: 'sub-drome-ardeche' };
    userinfo = { sub: 'sub-drome-ardeche', email: 'editeur.drome-ardeche@demo.ess.local', email_verified: true };
    const result = await signIn();
    expect(result.response.status).toBe(302);
    const me = await stack.query('{ me { user { email authorities } } }', {}, { cookie: result.session!.split(';')[0] });
    expect(me.body.data.me.user).toEqual({ email: 'editeur.drome-ardeche@demo.ess.local', authorities: ['26', '07'] });
  });

  it('refuses a person without an account, as a page for browsers and as JSON otherwise, and creates nothing', async () => {
    const before = await sessionCount();
    person = { sub: 'sub-stranger', email: 'personne@inconnu.fr', email_verified: true };
    await expectRefused(await signIn(), 403, 'NO_ACCOUNT', before);
    const trip = await goToProvider();
    const html = await callback(trip.callback, trip.cookie, 'text/html,application/xhtml+xml');
    expect(html.response.status).toBe(403);
    expect(html.response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.text).toContain('Aucun compte actif');
    expect(html.session).toBeUndefined();
    const [{ count }] = await stack.access!.dataSource.query(`SELECT count(*)::int AS count FROM access.staff_user WHERE email = 'personne@inconnu.fr' OR oidc_subject = 'sub-stranger'`);
    expect(count).toBe(0);
    expect(await sessionCount()).toBe(before);
  });

  it('refuses an unverified or missing address, an inactive account, and an account linked to someone else', async () => {
    const before = await sessionCount();
    person = { sub: 'sub-lecteur', email: 'lecteur.gard@demo.ess.local', email_verified: false };
    await expectRefused(await signIn(), 403, 'EMAIL_NOT_VERIFIED', before);
    person = { sub: 'sub-lecteur' };
    await expectRefused(await signIn(), 403, 'NO_ACCOUNT', before);
    expect(await subjectOf('lecteur.gard@demo.ess.local')).toBeNull();

    person = { sub: 'sub-intruder', email: 'admin.gard@demo.ess.local', email_verified: true };
    await expectRefused(await signIn(), 403, 'OIDC_IDENTITY_MISMATCH', before);
    expect(await subjectOf('admin.gard@demo.ess.local')).toBe('sub-admin-gard');

    await stack.access!.dataSource.query(`UPDATE access.staff_user SET active = false WHERE email = 'admin.drome@demo.ess.local'`);
    person = { sub: 'sub-admin-drome', email: 'admin.drome@demo.ess.local', email_verified: true };
    await expectRefused(await signIn(), 403, 'NO_ACCOUNT', before);
    expect(await subjectOf('admin.drome@demo.ess.local')).toBeNull();
  });

  it('refuses a missing, wrong, forged or expired state', async () => {
    const before = await sessionCount();
    const trip = await goToProvider();
    await expectRefused(await callback(trip.callback, undefined), 400, 'OIDC_STATE_MISMATCH', before);

    const wrongState = new URL(trip.callback);
    wrongState.searchParams.set('state', 'x'.repeat(43));
    await expectRefused(await callback(wrongState, trip.cookie), 400, 'OIDC_STATE_MISMATCH', before);
    const noState = new URL(trip.callback);
    noState.searchParams.delete('state');
    await expectRefused(await callback(noState, trip.cookie), 400, 'OIDC_STATE_MISMATCH', before);

    // Another browser's transaction cookie does not fit this callback.
    const other = await goToProvider();
    await expectRefused(await callback(trip.callback, other.cookie), 400, 'OIDC_STATE_MISMATCH', before);

    // A cookie tampered with, or sealed with another secret, or expired.
    const value = trip.cookie.split('=')[1];
    const flipped = `${value.slice(0, 20)}${value[20] === 'A' ? 'B' : 'A'}${value.slice(21)}`;
    await expectRefused(await callback(trip.callback, `${OIDC_TRANSACTION_COOKIE}=${flipped}`), 400, 'OIDC_STATE_MISMATCH', before);
    const state = trip.callback.searchParams.get('state')!;
    const forged = sealTransaction('another-secret-of-at-least-32-chars!', { state, nonce: 'n', codeVerifier: 'v'.repeat(43), returnTo: '/', expiresAt: Date.now() + 60_000 });
    await expectRefused(await callback(trip.callback, `${OIDC_TRANSACTION_COOKIE}=${forged}`), 400, 'OIDC_STATE_MISMATCH', before);
    const expired = sealTransaction(secret, { state, nonce: 'n', codeVerifier: 'v'.repeat(43), returnTo: '/', expiresAt: Date.now() - 1000 });
    await expectRefused(await callback(trip.callback, `${OIDC_TRANSACTION_COOKIE}=${expired}`), 400, 'OIDC_STATE_MISMATCH', before);

    // The untouched pair still works: nothing above used up the code.
    expect((await callback(trip.callback, trip.cookie)).response.status).toBe(302);
  });

  it('refuses a replayed code and an error sent back by the provider', async () => {
    const first = await signIn();
    expect(first.response.status).toBe(302);
    const before = await sessionCount();
    await expectRefused(await callback(first.callback, first.cookie), 401, 'OIDC_CODE_REJECTED', before);

    const trip = await goToProvider();
    const denied = new URL(trip.callback);
    denied.searchParams.delete('code');
    denied.searchParams.set('error', 'access_denied');
    await expectRefused(await callback(denied, trip.cookie), 401, 'OIDC_DENIED', before);
  });

  describe('ID tokens that must not sign anyone in', () => {
    const cases: Array<[string, () => void]> = [
      ['a tampered payload (signature no longer matches)', () => {
        bendTokenResponse = (body) => {
          const [header, payload, signature] = (body.id_token as string).split('.');
          body.id_token = [header, b64url({ ...decode(`${header}.${payload}`), sub: 'sub-admin-gard-bis', email: 'editeur.gard@demo.ess.local' }), signature].join('.');
        };
      }],
      ['a token signed with a key the provider does not publish', () => {
        // Built before the callback (the mock's hooks are synchronous), with every claim right but the key.
        beforeCallback = async () => {
          const forged = await attacker.issuer.buildToken({
            scopesOrTransform: (_header, payload) => Object.assign(payload, person, { aud: CLIENT_ID, nonce: lastNonce }),
          });
          bendTokenResponse = (body) => void (body.id_token = forged);
        };
      }],
      ['an unsigned token (alg: none)', () => {
        bendTokenResponse = (body) => {
          body.id_token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(decode(body.id_token as string))}.`;
        };
      }],
      ['a wrong nonce', () => {
        bendIdToken = (payload) => void (payload.nonce = 'a-nonce-from-another-sign-in-attempt-000000');
      }],
      ['no nonce', () => {
        bendIdToken = (payload) => void delete payload.nonce;
      }],
      ['an expired token', () => {
        bendIdToken = (payload) => {
          const now = Math.floor(Date.now() / 1000);
          Object.assign(payload, { iat: now - 7200, nbf: now - 7200, exp: now - 3600 });
        };
      }],
      ['another audience', () => {
        bendIdToken = (payload) => void (payload.aud = 'another-client');
      }],
      ['another issuer', () => {
        bendIdToken = (payload) => void (payload.iss = 'http://127.0.0.1:1');
      }],
    ];
    // Each case on its own: a case that wrongly signed someone in must not make the next ones fail.
    afterEach(() => stack.access!.dataSource.query(`UPDATE access.staff_user SET oidc_subject = NULL WHERE email = 'editeur.gard@demo.ess.local'`));
    it.each(cases)('refuses %s', async (_name, bend) => {
      person = { sub: 'sub-editeur-gard', email: 'editeur.gard@demo.ess.local', email_verified: true };
      bend();
      const before = await sessionCount();
      await expectRefused(await signIn(), 401, 'OIDC_INVALID_RESPONSE', before);
      expect(await subjectOf('editeur.gard@demo.ess.local')).toBeNull();
    });
  });

  it('keeps the return path on this site', async () => {
    for (const path of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const result = await signIn(`/auth/oidc/start?returnTo=${encodeURIComponent(path)}`);
      expect(result.response.headers.get('location')).toBe('/');
    }
  });

  it('answers 502 without a session when the provider stops answering', async () => {
    const trip = await goToProvider();
    const before = await sessionCount();
    await provider.stop();
    await expectRefused(await callback(trip.callback, trip.cookie), 502, 'OIDC_PROVIDER_UNAVAILABLE', before);
  });
});
