import { SYSTEM, staff, startTestSubgraph, postSigned, type TestSubgraph } from '@ess/kit/testing';
import { AccessStaffDirectory, type Identity } from '@ess/kit';
import { accessSubgraph } from '../src';
import { SIGN_IN_FREE_FAILURES } from '../src/session/session.service';

// The rules of docs/identity.md that close issue 12's holes: key authorities, sessions across authorities,
// a password change ending the other sessions, and the per-account sign-in limit.
const internal = (subgraph: TestSubgraph, route: string, body: unknown, identity: Identity = SYSTEM) =>
  postSigned(new URL(`/internal/${route}`, subgraph.url).toString(), subgraph.secret, body, identity).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

const PASSWORD = 'a-long-enough-password';
const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

describe('access trust rules', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(accessSubgraph);
  });
  afterAll(() => subgraph?.close());

  async function account(email: string, role: string, authorities: string[]): Promise<string> {
    const r = await subgraph.request(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email, displayName: email.split('@')[0], role, authorities, password: PASSWORD } },
      SYSTEM,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.createUser.id;
  }
  async function signIn(email: string, password = PASSWORD) {
    return internal(subgraph, 'sign-in', { email, password });
  }
  const resolves = async (token: string) => (await internal(subgraph, 'resolve', { sessionToken: token })).status === 200;

  describe('API key authorities', () => {
    const create = (input: Record<string, unknown>, identity: Identity) =>
      subgraph.request(`mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id authorities } } }`, { input }, identity);
    const base = { name: 'CRESS', authority: '30', scopes: ['read:contacts'], expiresOn: inAYear };

    it("belong to the creator's authorities by default, and the resolved identity carries them", async () => {
      const created = await create(base, staff('admin', ['30', '48']));
      expect(created.data!.createApiKey.apiKey.authorities).toEqual(['30', '48']);
      const resolved = await internal(subgraph, 'resolve', { apiKey: created.data!.createApiKey.key });
      expect(resolved.body.identity).toMatchObject({ kind: 'partner', scopes: ['read:contacts'], authorities: ['30', '48'] });
    });

    it("may be narrowed to some of the creator's authorities, never widened beyond them", async () => {
      const narrowed = await create({ ...base, authorities: ['30'] }, staff('admin', ['30', '48']));
      expect(narrowed.data!.createApiKey.apiKey.authorities).toEqual(['30']);
      const widened = await create({ ...base, authorities: ['30', '26'] }, staff('admin', ['30']));
      expect(widened.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'authorities' });
      const [{ n }] = await subgraph.dataSource.query(`SELECT count(*)::int AS n FROM access.api_key WHERE '26' = ANY(authorities)`);
      expect(n).toBe(0);
    });
  });

  describe('sessions of an account of several authorities', () => {
    let sharedId: string;
    let sessionId: string;
    beforeAll(async () => {
      sharedId = await account('partage@ess.fr', 'EDITOR', ['30', '26']);
      expect((await signIn('partage@ess.fr')).status).toBe(200);
      [{ id: sessionId }] = await subgraph.dataSource.query(`SELECT id FROM access.session WHERE user_id = $1`, [sharedId]);
    });
    const list = (identity: Identity) => subgraph.request(`query ($id: ID!) { sessions(userId: $id) { id } }`, { id: sharedId }, identity);
    const revoke = (identity: Identity) => subgraph.request(`mutation ($id: ID!) { revokeSession(id: $id) { id } }`, { id: sessionId }, identity);

    it('an admin of one of its authorities only neither lists nor revokes them', async () => {
      expect((await list(staff('admin', ['30']))).errors![0].extensions!.code).toBe('FORBIDDEN');
      expect((await revoke(staff('admin', ['26']))).errors![0].extensions!.code).toBe('FORBIDDEN');
      const [row] = await subgraph.dataSource.query(`SELECT revoked_at FROM access.session WHERE id = $1`, [sessionId]);
      expect(row.revoked_at).toBeNull();
    });

    it('an editor of both does not either; an admin of all of them and the person do', async () => {
      expect((await list(staff('editor', ['30', '26']))).errors![0].extensions!.code).toBe('FORBIDDEN');
      expect((await list(staff('viewer', ['30', '26'], sharedId))).data!.sessions).toEqual([{ id: sessionId }]);
      expect((await list(staff('admin', ['30', '26', '07']))).data!.sessions).toEqual([{ id: sessionId }]);
      expect((await revoke(staff('admin', ['26', '30']))).data!.revokeSession).toEqual({ id: sessionId });
    });
  });

  describe('changing one’s password', () => {
    it('ends every other session of the account and keeps the one it was changed from', async () => {
      await account('change@gard.fr', 'VIEWER', ['30']);
      const tokens = [];
      for (let i = 0; i < 3; i++) tokens.push((await signIn('change@gard.fr')).body.token as string);
      const current = (await internal(subgraph, 'resolve', { sessionToken: tokens[0] })).body.identity as Identity;
      expect(current).toMatchObject({ kind: 'staff', sessionId: expect.any(String) });
      const changed = await subgraph.request(`mutation { changePassword(currentPassword: "${PASSWORD}", newPassword: "a-brand-new-passphrase") }`, {}, current);
      expect(changed.data!.changePassword).toBe(true);
      expect(await Promise.all(tokens.map(resolves))).toEqual([true, false, false]);
    });
  });

  describe('per-account sign-in limit', () => {
    it('evaluates only the first failures of a burst against one account, whatever the client address, and answers 429', async () => {
      await account('cible@gard.fr', 'ADMIN', ['30']);
      const statuses = await Promise.all(
        Array.from({ length: 25 }, (_, i) => postSigned(new URL('/internal/sign-in', subgraph.url).toString(), subgraph.secret, { email: 'cible@gard.fr', password: `wrong-${i}-password`, address: `10.0.0.${i % 5}` }, SYSTEM).then((r) => r.status)),
      );
      // The free failures, then one each time a block (1 s, 2, 4, 8) ends while the burst lasts (15 s at most).
      const evaluated = statuses.filter((s) => s === 401).length;
      expect(evaluated).toBeGreaterThanOrEqual(SIGN_IN_FREE_FAILURES);
      expect(evaluated).toBeLessThanOrEqual(SIGN_IN_FREE_FAILURES + 4);
      expect(statuses.filter((s) => s === 429)).toHaveLength(25 - evaluated);
      // Even the right password waits out the block (else the block would let an attacker test passwords anyway). The
      // block of the burst may have ended on a loaded machine: one is set as the 8th failure would.
      await subgraph.dataSource.query(`UPDATE access.sign_in_throttle SET blocked_until = now() + interval '8 seconds' WHERE email = 'cible@gard.fr'`);
      const blocked = await signIn('cible@gard.fr');
      expect(blocked.status).toBe(429);
      expect(blocked.body).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
      expect(blocked.body.retryAfter).toBeLessThanOrEqual(30);
    });

    // Blocks are read from the database's own timestamps and moved by SQL: a loaded machine may take longer than a block.
    const state = async (email: string) =>
      (
        await subgraph.dataSource.query(
          `SELECT failures, extract(epoch FROM blocked_until - last_failure_at)::float AS block FROM access.sign_in_throttle WHERE email = $1`,
          [email],
        )
      )[0] as { failures: number; block: number | null } | undefined;
    const blockFor = (email: string, seconds: number) =>
      subgraph.dataSource.query(`UPDATE access.sign_in_throttle SET blocked_until = now() + $2 * interval '1 second' WHERE email = $1`, [email, seconds]);

    it('blocks for a short, growing, capped time; the right password afterwards signs in and clears the count', async () => {
      await account('lente@gard.fr', 'EDITOR', ['30']);
      for (let i = 0; i < SIGN_IN_FREE_FAILURES; i++) expect((await signIn('lente@gard.fr', 'wrong-password-again')).status).toBe(401);
      expect(await state('lente@gard.fr')).toEqual({ failures: SIGN_IN_FREE_FAILURES, block: 1 });
      // While blocked, even the right password is not evaluated, nor counted.
      await blockFor('lente@gard.fr', 10);
      expect((await signIn('lente@gard.fr')).status).toBe(429);
      expect((await state('lente@gard.fr'))!.failures).toBe(SIGN_IN_FREE_FAILURES);
      // The block over, the next failure blocks twice as long.
      await blockFor('lente@gard.fr', -1);
      expect((await signIn('lente@gard.fr', 'wrong-password-again')).status).toBe(401);
      expect(await state('lente@gard.fr')).toEqual({ failures: SIGN_IN_FREE_FAILURES + 1, block: 2 });
      // However many failures, never more than 30 s.
      await subgraph.dataSource.query(`UPDATE access.sign_in_throttle SET failures = 40 WHERE email = 'lente@gard.fr'`);
      await blockFor('lente@gard.fr', -1);
      expect((await signIn('lente@gard.fr', 'wrong-password-again')).status).toBe(401);
      expect(await state('lente@gard.fr')).toEqual({ failures: 41, block: 30 });
      await blockFor('lente@gard.fr', -1);
      expect((await signIn('lente@gard.fr')).status).toBe(200);
      expect(await state('lente@gard.fr')).toBeUndefined();
    });

    it('counts unknown emails the same way, so the answer never tells whether an account exists', async () => {
      for (let i = 0; i < SIGN_IN_FREE_FAILURES; i++) expect((await signIn('personne@gard.fr', 'whatever-password')).status).toBe(401);
      expect(await state('personne@gard.fr')).toEqual({ failures: SIGN_IN_FREE_FAILURES, block: 1 });
      await blockFor('personne@gard.fr', 10);
      expect((await signIn('personne@gard.fr', 'whatever-password')).body).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 10 });
    });
  });

  describe('the staff directory other subgraphs ask (commons checks its jurors with it)', () => {
    it('tells an account’s role, authorities and activity, null for an unknown id or not a UUID, and answers the platform only', async () => {
      const id = await account('jure@gard.fr', 'EDITOR', ['30', '48']);
      const directory = new AccessStaffDirectory(subgraph.url, subgraph.secret);
      expect(await directory.find(id)).toEqual({ id, role: 'editor', authorities: ['30', '48'], active: true });
      expect(await directory.find('11111111-2222-4333-8444-555555555555')).toBeNull();
      expect(await directory.find('juror-1')).toBeNull();
      expect((await internal(subgraph, 'staff-account', { userId: id }, staff('admin', ['30']))).status).toBe(403);
    });
  });
});
