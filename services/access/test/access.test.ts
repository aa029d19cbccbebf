import { SYSTEM, staff, startTestSubgraph, postSigned, type TestSubgraph } from '@ess/kit/testing';
import { accessSubgraph } from '../src';

const internal = (subgraph: TestSubgraph, route: string, body: unknown, identity = SYSTEM) =>
  postSigned(new URL(`/internal/${route}`, subgraph.url).toString(), subgraph.secret, body, identity).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

const gardAdmin = staff('admin', ['30'], '11111111-1111-4111-8111-111111111111');

describe('access subgraph', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    process.env.ADMIN_PASSWORD = 'first-admin-password';
    subgraph = await startTestSubgraph(accessSubgraph);
  });
  afterAll(async () => {
    delete process.env.ADMIN_PASSWORD;
    await subgraph?.close();
  });

  async function createUser(email: string, role = 'EDITOR', authorities = ['30'], password: string | null = 'a-long-enough-password') {
    const r = await subgraph.request(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { id version email role authorities } }`,
      { input: { email, displayName: email.split('@')[0], role, authorities, password } },
      gardAdmin,
    );
    return r;
  }

  describe('first start', () => {
    it('creates the first admin once, with the password from the environment', async () => {
      const signedIn = await internal(subgraph, 'sign-in', { email: 'admin@localhost', password: 'first-admin-password' });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user).toMatchObject({ email: 'admin@localhost', role: 'ADMIN', authorities: ['30', '26', '07'] });
      await accessSubgraph.onStart!(subgraph.dataSource);
      const [{ count }] = await subgraph.dataSource.query(`SELECT count(*)::int AS count FROM access.staff_user WHERE role = 'ADMIN'`);
      expect(count).toBe(1);
    });
  });

  describe('sessions', () => {
    it('signs in with the right password only, resolves the session to a staff identity, and ends it on sign-out', async () => {
      expect((await createUser('claire@gard.fr')).errors).toBeUndefined();
      expect((await internal(subgraph, 'sign-in', { email: 'claire@gard.fr', password: 'wrong-password-here' })).status).toBe(401);
      expect((await internal(subgraph, 'sign-in', { email: 'nobody@gard.fr', password: 'a-long-enough-password' })).status).toBe(401);
      const signedIn = await internal(subgraph, 'sign-in', { email: 'Claire@Gard.fr', password: 'a-long-enough-password', userAgent: 'test' });
      expect(signedIn.status).toBe(200);
      const token = signedIn.body.token as string;
      const stored = await subgraph.dataSource.query(`SELECT token_digest FROM access.session`);
      expect(JSON.stringify(stored)).not.toContain(token);

      const resolved = await internal(subgraph, 'resolve', { sessionToken: token });
      expect(resolved.status).toBe(200);
      expect(resolved.body.identity).toMatchObject({ kind: 'staff', role: 'editor', authorities: ['30'] });

      await internal(subgraph, 'sign-out', { sessionToken: token });
      expect((await internal(subgraph, 'resolve', { sessionToken: token })).status).toBe(401);
    });

    it('refuses expired sessions and sessions of deactivated accounts', async () => {
      const created = await createUser('paul@gard.fr');
      const user = created.data!.createUser;
      const first = (await internal(subgraph, 'sign-in', { email: 'paul@gard.fr', password: 'a-long-enough-password' })).body.token;
      const second = (await internal(subgraph, 'sign-in', { email: 'paul@gard.fr', password: 'a-long-enough-password' })).body.token;
      await subgraph.dataSource.query(`UPDATE access.session SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND created_at = (SELECT min(created_at) FROM access.session WHERE user_id = $1)`, [user.id]);
      expect((await internal(subgraph, 'resolve', { sessionToken: first })).status).toBe(401);
      expect((await internal(subgraph, 'resolve', { sessionToken: second })).status).toBe(200);

      const deactivated = await subgraph.request(`mutation ($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, input: { active: false }) { active version } }`, { id: user.id, v: user.version }, gardAdmin);
      expect(deactivated.data!.updateUser).toEqual({ active: false, version: 2 });
      expect((await internal(subgraph, 'resolve', { sessionToken: second })).status).toBe(401);
      expect((await internal(subgraph, 'sign-in', { email: 'paul@gard.fr', password: 'a-long-enough-password' })).status).toBe(401);
    });

    it('answers the internal endpoints only to the gateway itself', async () => {
      expect((await internal(subgraph, 'resolve', { sessionToken: 'x' }, staff('admin', ['30']))).status).toBe(403);
      const unsigned = await fetch(new URL('/internal/sign-in', subgraph.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(unsigned.status).toBe(401);
    });

    it('maps an OpenID Connect identity to an existing account only: by verified email the first time, by subject afterwards', async () => {
      const user = (await createUser('oidc.marie@gard.fr', 'VIEWER', ['30'], null)).data!.createUser;
      const oidc = (claims: Record<string, unknown>, identity = SYSTEM) => internal(subgraph, 'oidc-sign-in', { issuer: 'https://idp.example/realms/ess', ...claims }, identity);

      expect((await oidc({ subject: 'abc', email: 'oidc.marie@gard.fr', emailVerified: true }, staff('admin', ['30']))).status).toBe(403);
      expect((await oidc({ subject: 'abc', email: 'oidc.marie@gard.fr' })).status).toBe(400);
      expect((await oidc({ subject: 'abc', email: 'oidc.marie@gard.fr', emailVerified: false })).body).toEqual({ code: 'EMAIL_NOT_VERIFIED' });
      expect((await oidc({ subject: 'abc', email: 'nobody@gard.fr', emailVerified: true })).body).toEqual({ code: 'NO_ACCOUNT' });

      const first = await oidc({ subject: 'abc', email: 'OIDC.Marie@gard.fr', emailVerified: true, userAgent: 'test' });
      expect(first.status).toBe(200);
      expect(first.body.user).toMatchObject({ id: user.id, role: 'VIEWER' });
      expect((await internal(subgraph, 'resolve', { sessionToken: first.body.token })).body.identity).toMatchObject({ kind: 'staff', userId: user.id, role: 'viewer' });
      const [row] = await subgraph.dataSource.query(`SELECT oidc_subject, version FROM access.staff_user WHERE id = $1`, [user.id]);
      expect(row).toEqual({ oidc_subject: 'abc', version: 2 });

      // Afterwards the subject decides, whatever the address; another subject cannot take the account over.
      expect((await oidc({ subject: 'abc', emailVerified: false })).status).toBe(200);
      expect((await oidc({ subject: 'xyz', email: 'oidc.marie@gard.fr', emailVerified: true })).body).toEqual({ code: 'OIDC_IDENTITY_MISMATCH' });
      await subgraph.dataSource.query(`UPDATE access.staff_user SET active = false WHERE id = $1`, [user.id]);
      expect((await oidc({ subject: 'abc', emailVerified: false })).body).toEqual({ code: 'NO_ACCOUNT' });

      const audit = await subgraph.dataSource.query(`SELECT entity, action, after FROM access.audit_log WHERE entity_id = $1 AND action = 'update' AND entity = 'StaffUser'`, [user.id]);
      expect(audit).toEqual([{ entity: 'StaffUser', action: 'update', after: { oidcSubject: 'abc', oidcIssuer: 'https://idp.example/realms/ess' } }]);
    });
  });

  describe('accounts', () => {
    it('lets an admin manage accounts of their own authorities only, with field errors and versions', async () => {
      expect((await createUser('drome@drome.fr', 'EDITOR', ['26'])).errors![0].extensions!.code).toBe('FORBIDDEN');
      expect((await createUser('claire@gard.fr')).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
      expect((await createUser('short@gard.fr', 'EDITOR', ['30'], 'short')).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
      expect((await createUser('bad-authority@gard.fr', 'EDITOR', ['99'])).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      const editorCreates = await subgraph.request(
        `mutation { createUser(input: { email: "x@gard.fr", displayName: "X", role: VIEWER, authorities: ["30"] }) { id } }`,
        {},
        staff('editor', ['30']),
      );
      expect(editorCreates.errors![0].extensions!.code).toBe('FORBIDDEN');

      const user = (await createUser('lea@gard.fr')).data!.createUser;
      const ok = await subgraph.request(`mutation ($id: ID!) { updateUser(id: $id, version: 1, input: { role: VIEWER }) { role version } }`, { id: user.id }, gardAdmin);
      expect(ok.data!.updateUser).toEqual({ role: 'VIEWER', version: 2 });
      const stale = await subgraph.request(`mutation ($id: ID!) { updateUser(id: $id, version: 1, input: { role: EDITOR }) { role } }`, { id: user.id }, gardAdmin);
      expect(stale.errors![0].extensions!.code).toBe('CONFLICT');
      const audit = await subgraph.dataSource.query(`SELECT action, before, after FROM access.audit_log WHERE entity = 'StaffUser' AND entity_id = $1 ORDER BY id`, [user.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'update']);
      expect(JSON.stringify(audit)).not.toMatch(/scrypt|password/);
    });

    it('versioned edits: of two edits from one version one wins and the other gets CONFLICT; a stranger gets FORBIDDEN first', async () => {
      const user = (await createUser('versions@gard.fr')).data!.createUser;
      const UPDATE = `mutation ($id: ID!, $v: Int!, $name: String!) { updateUser(id: $id, version: $v, input: { displayName: $name }) { displayName version } }`;
      const both = await Promise.all(['Un', 'Deux'].map((name) => subgraph.request(UPDATE, { id: user.id, v: 1, name }, gardAdmin)));
      const winners = both.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect(both.find((r) => r.errors)!.errors![0].extensions!.code).toBe('CONFLICT');
      const [stored] = await subgraph.dataSource.query(`SELECT display_name, version FROM access.staff_user WHERE id = $1`, [user.id]);
      expect(stored).toEqual({ display_name: winners[0].data!.updateUser.displayName, version: 2 });
      // An admin of another authority learns nothing of the version: FORBIDDEN, whatever version it sends.
      const stranger = staff('admin', ['26'], '22222222-2222-4222-8222-222222222222');
      for (const v of [1, 2]) expect((await subgraph.request(UPDATE, { id: user.id, v, name: 'Trois' }, stranger)).errors![0].extensions!.code).toBe('FORBIDDEN');
      const missing = await subgraph.request(UPDATE, { id: '33333333-3333-4333-8333-333333333333', v: 1, name: 'X' }, gardAdmin);
      expect(missing.errors![0].extensions!.code).toBe('NOT_FOUND');
    });

    it('pages the accounts by email forward with first/after and backward with last/before, each once', async () => {
      for (const name of ['pa', 'pb', 'pc', 'pd', 'pe']) await createUser(`${name}-page@gard.fr`);
      const LIST = `query ($first: Int, $after: String, $last: Int, $before: String) {
        users(first: $first, after: $after, last: $last, before: $before) { edges { cursor node { email } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
      }`;
      const all: string[] = (await subgraph.dataSource.query(`SELECT email FROM access.staff_user WHERE authorities && ARRAY['30'] ORDER BY email, id`)).map((r: any) => r.email);
      const forward: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 50; i++) {
        const page: any = (await subgraph.request(LIST, { first: 2, after }, gardAdmin)).data!.users;
        forward.push(...page.edges.map((e: any) => e.node.email));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(forward).toEqual(all);
      const backward: string[] = [];
      let before: string | null = null;
      for (let i = 0; i < 50; i++) {
        const page: any = (await subgraph.request(LIST, { last: 2, before }, gardAdmin)).data!.users;
        backward.unshift(...page.edges.map((e: any) => e.node.email));
        if (!page.pageInfo.hasPreviousPage) break;
        before = page.pageInfo.startCursor;
      }
      expect(backward).toEqual(all);
    });

    it('changes one’s own password only with the current one', async () => {
      const user = (await createUser('marc@gard.fr')).data!.createUser;
      const marc = staff('editor', ['30'], user.id);
      const wrong = await subgraph.request(`mutation { changePassword(currentPassword: "nope-nope-nope", newPassword: "another-long-password") }`, {}, marc);
      expect(wrong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
      const right = await subgraph.request(`mutation { changePassword(currentPassword: "a-long-enough-password", newPassword: "another-long-password") }`, {}, marc);
      expect(right.data!.changePassword).toBe(true);
      expect((await internal(subgraph, 'sign-in', { email: 'marc@gard.fr', password: 'another-long-password' })).status).toBe(200);
    });
  });

  describe('API keys', () => {
    const create = (input: Record<string, unknown>, identity = gardAdmin) =>
      subgraph.request(`mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id prefix scopes active authority } } }`, { input }, identity);
    const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

    it('shows a key once, stores only its digest, resolves it to a partner with its scopes, and revokes it at once', async () => {
      const created = await create({ name: 'CRESS Occitanie', authority: '30', scopes: ['read:actors', 'read:contacts'], expiresOn: inAYear });
      expect(created.errors).toBeUndefined();
      const { key, apiKey } = created.data!.createApiKey;
      expect(key).toMatch(/^ess_[0-9a-f]{12}_[\w-]{43}$/);
      expect(key.startsWith(`ess_${apiKey.prefix}_`)).toBe(true);
      const rows = await subgraph.dataSource.query(`SELECT * FROM access.api_key`);
      expect(JSON.stringify(rows)).not.toContain(key);
      const audit = await subgraph.dataSource.query(`SELECT * FROM access.audit_log WHERE entity = 'ApiKey'`);
      expect(JSON.stringify(audit)).not.toContain(key);

      const resolved = await internal(subgraph, 'resolve', { apiKey: key });
      expect(resolved.body.identity).toEqual({ kind: 'partner', keyId: apiKey.id, scopes: ['read:actors', 'read:contacts'], authorities: ['30'] });
      const listed = await subgraph.request(`{ apiKeys(first: 10) { nodes { id prefix } } }`, {}, gardAdmin);
      expect(JSON.stringify(listed.data)).not.toContain(key);

      expect((await subgraph.request(`mutation ($id: ID!) { revokeApiKey(id: $id) { active } }`, { id: apiKey.id }, gardAdmin)).data!.revokeApiKey.active).toBe(false);
      expect((await internal(subgraph, 'resolve', { apiKey: key })).status).toBe(401);
    });

    it('refuses expired keys, unknown scopes, past dates, other authorities and non-admins', async () => {
      const { key, apiKey } = (await create({ name: 'Chercheuse', authority: '30', scopes: ['read:metrics'], expiresOn: inAYear })).data!.createApiKey;
      await subgraph.dataSource.query(`UPDATE access.api_key SET expires_at = now() - interval '1 second' WHERE id = $1`, [apiKey.id]);
      expect((await internal(subgraph, 'resolve', { apiKey: key })).status).toBe(401);
      expect((await internal(subgraph, 'resolve', { apiKey: 'ess_000000000000_' + 'x'.repeat(43) })).status).toBe(401);

      expect((await create({ name: 'x', authority: '30', scopes: ['write:everything'], expiresOn: inAYear })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scopes' });
      expect((await create({ name: 'x', authority: '30', scopes: ['read:actors'], expiresOn: '2020-01-01' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresOn' });
      expect((await create({ name: 'x', authority: '26', scopes: ['read:actors'], expiresOn: inAYear })).errors![0].extensions!.code).toBe('FORBIDDEN');
      expect((await create({ name: 'x', authority: '30', scopes: ['read:actors'], expiresOn: inAYear }, staff('editor', ['30']))).errors![0].extensions!.code).toBe('FORBIDDEN');
      const dromeAdmin = staff('admin', ['26']);
      expect((await subgraph.request(`mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: apiKey.id }, dromeAdmin)).errors![0].extensions!.code).toBe('FORBIDDEN');
    });
  });
});
