import { readFileSync } from 'node:fs';
import path from 'node:path';
import { documentId } from '../src/trusted-documents';
import { startStack, type Stack } from './harness';

const ACTOR_FAMILIES = readFileSync(path.resolve(__dirname, '../../../schema/trusted-documents/ActorFamilies.graphql'), 'utf8');

// Anonymous callers (public dashboards) run only registered operations; partners and staff run what they need.
describe('trusted documents for anonymous callers', () => {
  let stack: Stack;
  beforeAll(async () => {
    process.env.DEMO_PASSWORD = 'trusted-docs-password';
    stack = await startStack({ withAccess: true, gateway: { production: true, anonymousTrustedDocumentsOnly: true } });
  });
  afterAll(async () => {
    delete process.env.DEMO_PASSWORD;
    await stack?.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

  it('runs a registered operation by its id, by the persisted-query extension, by GET, and by its exact text', async () => {
    const id = documentId(ACTOR_FAMILIES);
    const variables = { authorities: ['30'] };
    const byId = await post({ documentId: id, variables });
    expect(byId.status).toBe(200);
    expect(byId.body.data.all.totalCount).toBeGreaterThan(10);
    expect(byId.body.data.cooperatives.totalCount).toBeGreaterThan(0);

    const byExtension = await post({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: id.slice('sha256:'.length) } } });
    expect(byExtension.body.data).toEqual(byId.body.data);
    const byGet = await fetch(`${stack.gateway.url}?documentId=${encodeURIComponent(id)}&variables=${encodeURIComponent(JSON.stringify(variables))}`);
    expect((await byGet.json()).data).toEqual(byId.body.data);
    const byText = await post({ query: ACTOR_FAMILIES, variables });
    expect(byText.body.data).toEqual(byId.body.data);
  });

  it('refuses any other operation from anonymous callers, before any subgraph work', async () => {
    stack.actorRequests.length = 0;
    const other = await post({ query: '{ actors(first: 5) { nodes { name } } }' });
    expect(other.status).toBe(403);
    expect(other.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    const unknown = await post({ documentId: 'sha256:' + '0'.repeat(64) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const edited = await post({ query: ACTOR_FAMILIES.replace('totalCount', 'totalCount edges { node { name } }') });
    expect(edited.status).toBe(403);
    expect(stack.actorRequests).toHaveLength(0);
  });

  it('lets partners and staff run their own operations', async () => {
    const base = stack.gateway.url.replace(/\/graphql$/, '');
    const signIn = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin.gard@demo.ess.local', password: 'trusted-docs-password' }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const asStaff = await post({ query: '{ actors(first: 2) { nodes { name } } }' }, { cookie });
    expect(asStaff.status).toBe(200);
    expect(asStaff.body.data.actors.nodes).toHaveLength(2);
    const created = await post(
      { query: 'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }', variables: { input: { name: 'Observatoire', authority: '30', scopes: ['read:actors'], expiresOn: '2027-06-30' } } },
      { cookie },
    );
    const asPartner = await post({ query: '{ actors(first: 3) { nodes { name } } }' }, { authorization: `Bearer ${created.body.data.createApiKey.key}` });
    expect(asPartner.body.data.actors.nodes).toHaveLength(3);
  });
});
