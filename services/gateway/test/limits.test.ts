import { startStack, type Stack } from './harness';

// Abuse is refused at the gateway, with a status and a code, before any subgraph is asked anything.
describe('gateway limits', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      gateway: {
        production: true,
        maxBodyBytes: 20_000,
        limits: { maxDepth: 8, maxAliases: 5, maxTokens: 1000, maxCost: 3000, defaultPageSize: 20 },
        rateLimits: {
          anonymous: { perMinute: 600, capacity: 40 },
          partner: { perMinute: 600, capacity: 40 },
          staff: { perMinute: 600, capacity: 40 },
          signIn: { perMinute: 10, capacity: 5 },
        },
      },
    });
  });
  afterAll(() => stack?.close());
  beforeEach(() => {
    stack.actorRequests.length = 0;
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('refuses deep queries', async () => {
    const deep = `{ actors(first: 1) { nodes { networks { members(first: 1) { nodes { networks { members(first: 1) { nodes { networks { members(first: 1) { nodes { name } } } } } } } } } } } }`;
    const { body } = await stack.query(deep);
    expect(body.errors![0].message).toMatch(/depth/i);
    expect(stack.actorRequests).toHaveLength(0);
  });

  it('refuses too many aliases', async () => {
    const aliased = `{ ${Array.from({ length: 8 }, (_, i) => `a${i}: actors(first: 1) { totalCount }`).join(' ')} }`;
    const { body } = await stack.query(aliased);
    expect(body.errors![0].message).toMatch(/alias/i);
    expect(stack.actorRequests).toHaveLength(0);
  });

  it('refuses operations whose list sizes make them too expensive, and accepts the same shape with small pages', async () => {
    const query = (n: number) => `{ actors(first: ${n}) { nodes { networks { members(first: ${n}) { nodes { name networks { name } } } } } } }`;
    const expensive = await stack.query(query(200));
    expect(expensive.body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 3000 });
    expect(stack.actorRequests).toHaveLength(0);
    const cheap = await stack.query(query(5));
    expect(cheap.body.errors).toBeUndefined();
  });

  it('takes list sizes from variables too', async () => {
    const { body } = await stack.query('query ($n: Int) { actors(first: $n) { nodes { networks { members(first: $n) { nodes { name } } } } } }', { n: 300 });
    expect(body.errors![0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses text/plain and form posts (CSRF), oversized bodies, batches and mutations over GET', async () => {
    const plain = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(plain.status).toBe(415);
    const form = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query={__typename}' });
    expect(form.status).toBe(415);
    const big = await post(JSON.stringify({ query: `{ actors(filter: { search: "${'x'.repeat(30_000)}" }) { totalCount } }` }));
    expect(big.status).toBe(413);
    const batch = await post(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expect(batch.status).toBeGreaterThanOrEqual(400);
    const getMutation = await fetch(`${stack.gateway.url}?query=${encodeURIComponent('mutation { archiveActor(id: "x", version: 1) { id } }')}`);
    expect(getMutation.status).toBe(405);
    expect(stack.actorRequests).toHaveLength(0);
  });

  it('hides the schema from anonymous callers in production', async () => {
    const { body } = await stack.query('{ __schema { types { name } } }');
    expect(body.data ?? null).toBeNull();
    expect(body.errors![0].message).toMatch(/introspection/i);
    const suggestion = await stack.query('{ actorz { totalCount } }');
    expect(suggestion.body.errors![0].message).not.toMatch(/Did you mean/);
  });
});
