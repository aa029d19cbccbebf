import { demoActor, demoId } from '@ess/kit';
import { buildSchema, isObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startStack, type Stack } from './harness';

const DEMO_PASSWORD = 'matrix-demo-password';
type Outcome = 'ok' | 'FORBIDDEN' | 'UNAUTHENTICATED';
type Caller = 'anonymous' | 'partnerMetrics' | 'partnerActors' | 'partnerContacts' | 'viewerGard' | 'editorGard' | 'adminGard' | 'adminDrome';
const CALLERS: Caller[] = ['anonymous', 'partnerMetrics', 'partnerActors', 'partnerContacts', 'viewerGard', 'editorGard', 'adminGard', 'adminDrome'];

// Every caller kind against every kind of operation, through the gateway, as a table of expected outcomes.
describe('authorization matrix through the gateway', () => {
  let stack: Stack;
  const headers: Partial<Record<Caller, Record<string, string>>> = {};
  let counter = 0;
  const unique = () => `${Date.now().toString(36)}-${++counter}`;
  const gardActor = demoActor('scic-gard-autonomie');
  const dromeActor = demoActor('pole-sud');

  async function signIn(email: string): Promise<Record<string, string>> {
    const base = stack.gateway.url.replace(/\/graphql$/, '');
    const response = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
    expect(response.status).toBe(200);
    return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] };
  }

  async function outcome(caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<Outcome> {
    const response = await stack.query(query, variables, headers[caller] ?? {});
    const errors = response.body.errors ?? [];
    if (!errors.length) return 'ok';
    const code = errors[0].extensions?.code;
    if (code !== 'FORBIDDEN' && code !== 'UNAUTHENTICATED') throw new Error(`${caller}: unexpected ${JSON.stringify(errors[0])}`);
    return code;
  }

  beforeAll(async () => {
    process.env.DEMO_PASSWORD = DEMO_PASSWORD;
    stack = await startStack({ withAccess: true });
    headers.viewerGard = await signIn('lecteur.gard@demo.ess.local');
    headers.editorGard = await signIn('editeur.gard@demo.ess.local');
    headers.adminGard = await signIn('admin.gard@demo.ess.local');
    headers.adminDrome = await signIn('admin.drome@demo.ess.local');
    const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    for (const [caller, scopes] of [['partnerMetrics', ['read:metrics']], ['partnerActors', ['read:actors']], ['partnerContacts', ['read:actors', 'read:contacts']]] as const) {
      const created = await stack.query('mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }', { input: { name: caller, authority: '30', scopes, expiresOn: inAYear } }, headers.adminGard);
      headers[caller] = { authorization: `Bearer ${created.body.data.createApiKey.key}` };
    }
  });
  afterAll(async () => {
    delete process.env.DEMO_PASSWORD;
    await stack?.close();
  });

  const everyone = (value: Outcome) => Object.fromEntries(CALLERS.map((c) => [c, value])) as Record<Caller, Outcome>;
  const staffOnly: Record<Caller, Outcome> = { ...everyone('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', viewerGard: 'ok', editorGard: 'ok', adminGard: 'ok', adminDrome: 'ok' };

  const cases: Array<{ name: string; run: (caller: Caller) => Promise<Outcome>; expected: Record<Caller, Outcome> }> = [
    { name: 'list actors', run: (c) => outcome(c, '{ actors(first: 2) { totalCount } }'), expected: everyone('ok') },
    { name: 'who am I', run: (c) => outcome(c, '{ me { kind } }'), expected: everyone('ok') },
    {
      name: 'read contacts of a Gard actor',
      run: (c) => outcome(c, 'query ($id: ID!) { actor(id: $id) { contacts { email } } }', { id: gardActor.id }),
      expected: { ...everyone('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', partnerContacts: 'ok', viewerGard: 'ok', editorGard: 'ok', adminGard: 'ok' },
    },
    { name: 'read the history of an actor', run: (c) => outcome(c, 'query ($id: ID!) { actor(id: $id) { history(first: 1) { totalCount } } }', { id: gardActor.id }), expected: staffOnly },
    {
      name: 'create a Gard actor',
      run: (c) => outcome(c, 'mutation ($name: String!) { createActor(input: { name: $name, communeCode: "30189" }) { id } }', { name: `Matrice ${unique()}` }),
      expected: { ...everyone('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', editorGard: 'ok', adminGard: 'ok' },
    },
    {
      name: 'create a Drôme actor',
      run: (c) => outcome(c, 'mutation ($name: String!) { createActor(input: { name: $name, communeCode: "26362" }) { id } }', { name: `Matrice ${unique()}` }),
      expected: { ...everyone('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', adminDrome: 'ok' },
    },
    {
      name: 'create a staff account in the Gard',
      run: (c) => outcome(c, 'mutation ($email: String!) { createUser(input: { email: $email, displayName: "X", role: VIEWER, authorities: ["30"] }) { id } }', { email: `u-${unique()}@gard.fr` }),
      expected: { ...everyone('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', adminGard: 'ok' },
    },
    {
      name: 'list API keys',
      run: (c) => outcome(c, '{ apiKeys(first: 1) { totalCount } }'),
      expected: { ...everyone('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', adminGard: 'ok', adminDrome: 'ok' },
    },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: ${JSON.stringify(testCase.expected)}`, async () => {
      const actual: Record<string, Outcome> = {};
      for (const caller of CALLERS) actual[caller] = await testCase.run(caller);
      expect(actual).toEqual(testCase.expected);
    });
  }

  describe('a Gard editor changes no Drôme record, by any mutation', () => {
    const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../../schema/supergraph.graphql'), 'utf8'));

    // Every mutation aimed at a Drôme record (or, for mutations on one's own account, explicitly left out).
    const attempts: Record<string, () => Promise<{ query: string; variables?: Record<string, unknown> }>> = {
      createActor: async () => ({ query: 'mutation { createActor(input: { name: "Intrus", communeCode: "26362" }) { id } }' }),
      updateActor: async () => ({ query: 'mutation ($id: ID!) { updateActor(id: $id, version: 1, input: { description: "x" }) { id } }', variables: { id: dromeActor.id } }),
      archiveActor: async () => ({ query: 'mutation ($id: ID!) { archiveActor(id: $id, version: 1) { id } }', variables: { id: dromeActor.id } }),
      restoreActor: async () => ({ query: 'mutation ($id: ID!) { restoreActor(id: $id, version: 1) { id } }', variables: { id: dromeActor.id } }),
      createContact: async () => ({ query: 'mutation ($id: ID!) { createContact(actorId: $id, input: { firstName: "A", lastName: "B" }) { id } }', variables: { id: dromeActor.id } }),
      updateContact: async () => ({ query: 'mutation ($id: ID!) { updateContact(id: $id, version: 1, input: { role: "x" }) { id } }', variables: { id: await dromeContactId() } }),
      deleteContact: async () => ({ query: 'mutation ($id: ID!) { deleteContact(id: $id, version: 1) }', variables: { id: await dromeContactId() } }),
      eraseContact: async () => ({ query: 'mutation ($id: ID!) { eraseContact(id: $id, version: 1, reason: "test") { id } }', variables: { id: await dromeContactId() } }),
      importActors: async () => ({ query: 'mutation { importActors(csv: "siret,denominationUniteLegale\\n80174218000012,Pôle Sud", authority: "26") { applied } }' }),
      createNetwork: async () => ({ query: 'mutation { createNetwork(input: { name: "Intrus", kind: DEPARTMENTAL, authority: "26" }) { id } }' }),
      updateNetwork: async () => ({ query: 'mutation ($id: ID!) { updateNetwork(id: $id, version: 1, input: { description: "x" }) { id } }', variables: { id: demoId('network:pole-sud') } }),
      addNetworkMember: async () => ({ query: 'mutation ($n: ID!, $a: ID!) { addNetworkMember(networkId: $n, actorId: $a) { id } }', variables: { n: demoId('network:pole-sud'), a: dromeActor.id } }),
      removeNetworkMember: async () => ({ query: 'mutation ($n: ID!, $a: ID!) { removeNetworkMember(networkId: $n, actorId: $a) { id } }', variables: { n: demoId('network:pole-sud'), a: demoActor('cress-aura').id } }),
      applyContactRetention: async () => ({ query: 'mutation { applyContactRetention(dryRun: false) { __typename } }' }),
      createUser: async () => ({ query: 'mutation { createUser(input: { email: "intrus@drome.fr", displayName: "X", role: ADMIN, authorities: ["26"] }) { id } }' }),
      updateUser: async () => ({ query: 'mutation ($id: ID!) { updateUser(id: $id, version: 1, input: { role: VIEWER }) { id } }', variables: { id: await userId('admin.drome@demo.ess.local') } }),
      revokeSession: async () => ({ query: 'mutation ($id: ID!) { revokeSession(id: $id) { id } }', variables: { id: await sessionOf('admin.drome@demo.ess.local') } }),
      createApiKey: async () => ({ query: 'mutation { createApiKey(input: { name: "x", authority: "26", scopes: ["read:actors"], expiresOn: "2030-01-01" }) { key } }' }),
      revokeApiKey: async () => ({ query: 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', variables: { id: await dromeKeyId() } }),
    };
    // Mutations on the caller's own account only: nothing of the Drôme to aim at.
    const ownAccountOnly = new Set(['changePassword']);

    async function dromeContactId(): Promise<string> {
      const [row] = await stack.actors.dataSource.query(`SELECT id FROM actors.contact WHERE actor_id = $1 LIMIT 1`, [dromeActor.id]);
      return row.id;
    }
    async function userId(email: string): Promise<string> {
      const [row] = await stack.access!.dataSource.query(`SELECT id FROM access.staff_user WHERE email = $1`, [email]);
      return row.id;
    }
    async function sessionOf(email: string): Promise<string> {
      const [row] = await stack.access!.dataSource.query(`SELECT s.id FROM access.session s JOIN access.staff_user u ON u.id = s.user_id WHERE u.email = $1 LIMIT 1`, [email]);
      return row.id;
    }
    async function dromeKeyId(): Promise<string> {
      const created = await stack.query('mutation { createApiKey(input: { name: "Drôme", authority: "26", scopes: ["read:actors"], expiresOn: "2027-12-31" }) { apiKey { id } } }', {}, headers.adminDrome);
      return created.body.data.createApiKey.apiKey.id;
    }

    // The subgraphs of this stack; the plans subgraph checks the same rule in its own authorization tests.
    const graphsHere = new Set(['ACTORS', 'ACCESS']);

    it('covers every mutation of the registry and access subgraphs', () => {
      const mutationType = schema.getMutationType();
      expect(mutationType && isObjectType(mutationType)).toBe(true);
      const served = Object.values(mutationType!.getFields()).filter((field) =>
        field.astNode?.directives?.some((d) => d.name.value === 'join__field' && d.arguments?.some((a) => a.name.value === 'graph' && graphsHere.has((a.value as { value: string }).value))),
      );
      expect(served.length).toBeGreaterThan(15);
      const missing = served.map((f) => f.name).filter((name) => !(name in attempts) && !ownAccountOnly.has(name));
      expect(missing).toEqual([]);
    });

    it('is refused every one of them, and nothing of the Drôme changes', async () => {
      const auditBefore = await stack.actors.dataSource.query(`SELECT count(*)::int AS n FROM actors.audit_log`);
      const results: Record<string, unknown> = {};
      for (const [name, attempt] of Object.entries(attempts)) {
        const { query, variables } = await attempt();
        const response = await stack.query(query, variables, headers.editorGard);
        results[name] = response.body.errors?.[0]?.extensions?.code ?? 'ok';
      }
      expect(results).toEqual(Object.fromEntries(Object.keys(attempts).map((name) => [name, 'FORBIDDEN'])));
      const auditAfter = await stack.actors.dataSource.query(`SELECT count(*)::int AS n FROM actors.audit_log`);
      expect(auditAfter[0].n).toBe(auditBefore[0].n);
    });
  });
});
