import { startStack, type Stack } from './harness';

// Bursts are cut per caller, whatever X-Forwarded-For says (the gateway trusts no proxy unless told to).
describe('rate limits', () => {
  let stack: Stack;
  beforeAll(async () => {
    // A slow refill (one request every 3 s) keeps the test independent of how fast the machine is.
    const tight = { perMinute: 20, capacity: 20 };
    stack = await startStack({ withAccess: true, gateway: { rateLimits: { anonymous: tight, partner: tight, staff: tight, signIn: { perMinute: 3, capacity: 3 } } } });
  });
  afterAll(() => stack?.close());

  it('answers 429 with Retry-After once a caller has spent its burst', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 50; i++) {
      const response = await fetch(stack.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${i}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
      await response.arrayBuffer();
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('limits sign-in attempts per address', async () => {
    const base = stack.gateway.url.replace(/\/graphql$/, '');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'x@y.fr', password: 'nope' }) });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429, 429]);
  });
});

// Issue 12: 25 wrong passwords for one account from 5 addresses were all evaluated. The access subgraph now counts
// failures per account, for every address and every gateway replica.
describe('sign-in limit per account', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Behind a proxy that says who the client is; each address may try 5 times.
    stack = await startStack({ withAccess: true, gateway: { trustProxy: true, rateLimits: { ...testLimits(), signIn: { perMinute: 5, capacity: 5 } } } });
  });
  afterAll(() => stack?.close());

  it('answers 429 with Retry-After after a few failures for one account, whatever the addresses they come from', async () => {
    const base = stack.gateway.url.replace(/\/graphql$/, '');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 25; i++) {
      const response = await fetch(`${base}/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${i % 5}` },
        body: JSON.stringify({ email: 'editeur.gard@demo.ess.local', password: `guess-number-${i}` }),
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
      await response.arrayBuffer();
    }
    // 5 failures are free; then each blocks 1 s, 2 s, 4 s… so a few more are evaluated while the burst lasts.
    const evaluated = statuses.filter((s) => s === 401).length;
    expect(evaluated).toBeGreaterThanOrEqual(5);
    expect(evaluated).toBeLessThanOrEqual(9);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25 - evaluated);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(30);
  });
});

function testLimits() {
  const generous = { perMinute: 100_000, capacity: 10_000 };
  return { anonymous: generous, partner: generous, staff: generous };
}
