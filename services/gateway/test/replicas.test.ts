import { printSubgraphSchema } from '@apollo/subgraph';
import { accessSubgraph } from '@ess/access';
import { actorsSubgraph } from '@ess/actors';
import { signRequest, SYSTEM } from '@ess/kit';
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { composeSupergraph } from '../src/compose';
import { startGateway, type RunningGateway } from '../src/gateway';
import { testGatewayConfig } from '../src/testing';
import { silentLog } from './harness';

// Issue 18: two gateways and two replicas of a subgraph on one machine, sharing one Redis (REDIS_URL, or the local
// server that .ci/run starts). Without Redis each process would keep its own buckets, credential cache and nonces.
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const DEMO_PASSWORD = 'demo-password-for-tests';

describe('several replicas sharing Redis', () => {
  let actorsA: TestSubgraph;
  let actorsB: TestSubgraph;
  let access: TestSubgraph;
  let gateways: RunningGateway[] = [];
  let adminCookie: string;

  beforeAll(async () => {
    process.env.DEMO_PASSWORD = DEMO_PASSWORD;
    actorsA = await startTestSubgraph(actorsSubgraph, { seed: true, redisUrl: REDIS_URL });
    actorsB = await startTestSubgraph(actorsSubgraph, { replicaOf: actorsA, redisUrl: REDIS_URL });
    access = await startTestSubgraph(accessSubgraph, { seed: true, secret: actorsA.secret, redisUrl: REDIS_URL });
    const supergraphSdl = composeSupergraph([
      { name: 'actors', url: actorsA.url, sdl: printSubgraphSchema(await actorsSubgraph.buildSchema(actorsA.dataSource)) },
      { name: 'access', url: access.url, sdl: printSubgraphSchema(await accessSubgraph.buildSchema(access.dataSource)) },
    ]);
    const generous = { perMinute: 100_000, capacity: 10_000 };
    // Partners get 10 requests (one more every 6 s): the budget is the same whichever gateway they reach.
    const rateLimits = { anonymous: generous, staff: generous, signIn: generous, partner: { perMinute: 10, capacity: 10 } };
    for (const actorsUrl of [actorsA.url, actorsB.url]) {
      const config = testGatewayConfig({ gatewaySecret: actorsA.secret, redisUrl: REDIS_URL, authCacheTtlMs: 60_000, rateLimits, subgraphUrls: { actors: actorsUrl }, metricsPort: 0 });
      gateways.push(await startGateway(config, { supergraphSdl, log: silentLog }));
    }
    const base = gateways[0].url.replace(/\/graphql$/, '');
    const signIn = await fetch(`${base}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin.gard@demo.ess.local', password: DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    adminCookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
  });
  afterAll(async () => {
    delete process.env.DEMO_PASSWORD;
    for (const gateway of gateways) await gateway.close();
    gateways = [];
    await access?.close();
    await actorsB?.close();
    await actorsA?.close();
  });

  async function query(gateway: RunningGateway, text: string, variables: Record<string, unknown>, headers: Record<string, string>) {
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: text, variables }) });
    return { status: response.status, body: (await response.json()) as any };
  }

  async function createKey(): Promise<{ key: string; id: string }> {
    const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    const created = await query(
      gateways[0],
      'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }',
      { input: { name: 'CRESS', authority: '30', scopes: ['read:actors'], expiresOn: inAYear } },
      { cookie: adminCookie },
    );
    expect(created.body.errors).toBeUndefined();
    return { key: created.body.data.createApiKey.key, id: created.body.data.createApiKey.apiKey.id };
  }

  it('holds a partner to one rate limit across both gateways', async () => {
    const { key } = await createKey();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const answer = await query(gateways[i % 2], '{ __typename }', {}, { authorization: `Bearer ${key}` });
      statuses.push(answer.status);
    }
    // In-process buckets would let 10 through each gateway (all 20); shared ones let 10 through in all.
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(11);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(9);
  });

  it('refuses a revoked key at once at both gateways, though each had it cached for a minute', async () => {
    const { key, id } = await createKey();
    for (const gateway of gateways) expect((await query(gateway, '{ __typename }', {}, { 'x-api-key': key })).status).toBe(200);

    const revoked = await query(gateways[0], 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id }, { cookie: adminCookie });
    expect(revoked.body.errors).toBeUndefined();
    // Pub/sub delivery to the other gateway takes well under a millisecond or two; no sleep beyond the next request.
    for (const gateway of gateways) {
      const refused = await query(gateway, '{ __typename }', {}, { 'x-api-key': key });
      expect(refused.status).toBe(401);
      expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a signed request replayed to the other replica of a subgraph', async () => {
    const raw = JSON.stringify({ query: '{ __typename }' });
    const headers = { 'content-type': 'application/json', ...signRequest(actorsA.secret, SYSTEM, raw) };
    const first = await fetch(actorsA.url, { method: 'POST', headers, body: raw });
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    const replayed = await fetch(actorsB.url, { method: 'POST', headers, body: raw });
    expect(replayed.status).toBe(401);
    expect(((await replayed.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('counts the answers of each gateway on its internal metrics port, never on the public one', async () => {
    const text = await (await fetch(gateways[0].metricsUrl!)).text();
    const refused = text.split('\n').find((l) => l.startsWith('ess_http_responses_total{') && l.includes('route="graphql"') && l.includes('status="429"'));
    expect(Number(refused?.split(' ').pop())).toBeGreaterThanOrEqual(4);
    expect(text).toContain('ess_http_duration_seconds_bucket');
    const publicPort = await fetch(gateways[0].url.replace(/\/graphql$/, '/metrics'));
    expect(publicPort.status).toBe(404);
  });
});
