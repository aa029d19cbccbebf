import { startStack, type Stack } from './harness';

const DEMO_PASSWORD = 'demo-password-for-tests';

// Staff sign in for an HttpOnly cookie; partners use API keys; the gateway signs who they are for the subgraphs.
describe('callers through the gateway', () => {
  let stack: Stack;
  let base: string;
  beforeAll(async () => {
    process.env.DEMO_PASSWORD = DEMO_PASSWORD;
    stack = await startStack({ withAccess: true });
    base = stack.gateway.url.replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    delete process.env.DEMO_PASSWORD;
    await stack?.close();
  });

  async function signIn(email: string, password = DEMO_PASSWORD) {
    const response = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const cookie = response.headers.get('set-cookie') ?? '';
    return { response, body: (await response.json()) as any, cookie, session: cookie.split(';')[0] };
  }

  it('signs staff in with an HttpOnly, SameSite cookie and never hands the token to JavaScript', async () => {
    const { response, body, cookie, session } = await signIn('editeur.gard@demo.ess.local');
    expect(response.status).toBe(200);
    expect(cookie).toMatch(/^ess_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(JSON.stringify(body)).not.toContain(session.split('=')[1]);
    expect(body.user).toMatchObject({ email: 'editeur.gard@demo.ess.local', role: 'EDITOR', authorities: ['30'] });

    const me = await stack.query('{ me { kind user { email role authorities } } }', {}, { cookie: session });
    expect(me.body.data.me).toEqual({ kind: 'staff', user: { email: 'editeur.gard@demo.ess.local', role: 'EDITOR', authorities: ['30'] } });
    const sessionInfo = await fetch(`${base}/auth/session`, { headers: { cookie: session } });
    expect((await sessionInfo.json()).user.email).toBe('editeur.gard@demo.ess.local');
  });

  it('refuses a wrong password the same way as an unknown account', async () => {
    const wrong = await signIn('editeur.gard@demo.ess.local', 'not-the-password');
    const unknown = await signIn('personne@demo.ess.local');
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.cookie).toBe('');
  });

  it('lets a Gard editor change Gard records and not Drôme ones, through the gateway', async () => {
    const { session } = await signIn('editeur.gard@demo.ess.local');
    const create = (communeCode: string) =>
      stack.query('mutation ($input: CreateActorInput!) { createActor(input: $input) { id authorityCode } }', { input: { name: `Nouvelle SCOP ${communeCode}`, communeCode } }, { cookie: session });
    const gard = await create('30189');
    expect(gard.body.errors).toBeUndefined();
    expect(gard.body.data.createActor.authorityCode).toBe('30');
    const drome = await create('26362');
    expect(drome.body.errors![0].extensions.code).toBe('FORBIDDEN');

    const anonymous = await stack.query('mutation { createActor(input: { name: "X", communeCode: "30189" }) { id } }');
    expect(anonymous.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const viewer = await signIn('lecteur.gard@demo.ess.local');
    const byViewer = await stack.query('mutation { createActor(input: { name: "X", communeCode: "30189" }) { id } }', {}, { cookie: viewer.session });
    expect(byViewer.body.errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('refuses a cookie-authenticated request from another site', async () => {
    const { session } = await signIn('editeur.gard@demo.ess.local');
    const response = await stack.query('{ me { kind } }', {}, { cookie: session, origin: 'https://evil.example' });
    expect(response.status).toBe(403);
  });

  it('ends the session on sign-out', async () => {
    const { session } = await signIn('admin.gard@demo.ess.local');
    const out = await fetch(`${base}/auth/sign-out`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: session }, body: '{}' });
    expect(out.headers.get('set-cookie')).toMatch(/^ess_session=; .*Max-Age=0/);
    const after = await stack.query('{ me { kind } }', {}, { cookie: session });
    expect(after.status).toBe(401);
    expect(after.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('serves partners by API key with their scopes, and refuses revoked and unknown keys before any subgraph work', async () => {
    const admin = await signIn('admin.gard@demo.ess.local');
    const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    const createKey = (scopes: string[]) =>
      stack.query(
        'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }',
        { input: { name: 'CRESS', authority: '30', scopes, expiresOn: inAYear } },
        { cookie: admin.session },
      );
    const withContacts = (await createKey(['read:actors', 'read:contacts'])).body.data.createApiKey;
    const withoutContacts = (await createKey(['read:actors'])).body.data.createApiKey;
    const contactsQuery = '{ actor(siret: "80007919600013") { name contacts { lastName } } }';

    const allowed = await stack.query(contactsQuery, {}, { authorization: `Bearer ${withContacts.key}` });
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data.actor.contacts.length).toBeGreaterThan(0);
    const refused = await stack.query(contactsQuery, {}, { 'x-api-key': withoutContacts.key });
    expect(refused.body.data.actor.contacts).toBeNull();
    expect(refused.body.errors![0].extensions.code).toBe('FORBIDDEN');

    await stack.query('mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id: withContacts.apiKey.id }, { cookie: admin.session });
    stack.actorRequests.length = 0;
    const revoked = await stack.query(contactsQuery, {}, { authorization: `Bearer ${withContacts.key}` });
    expect(revoked.status).toBe(401);
    const unknown = await stack.query(contactsQuery, {}, { authorization: 'Bearer ess_000000000000_' + 'x'.repeat(43) });
    expect(unknown.status).toBe(401);
    expect(stack.actorRequests).toHaveLength(0);
  });
});
