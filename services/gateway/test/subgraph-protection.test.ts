import { signRequest, SYSTEM } from '@ess/kit';
import { startStack, type Stack } from './harness';

// Subgraphs answer only the gateway: its HMAC signature over the identity and the body, fresh, is required.
describe('a subgraph reached directly', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(stack.actors.url, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example', ...headers }, body });

  it.each([
    ['_service', '{ _service { sdl } }'],
    ['_entities', '{ _entities(representations: [{ __typename: "Actor", siret: "35600000049837" }]) { __typename } }'],
    ['a root field', '{ actors(first: 1) { totalCount } }'],
  ])('refuses %s without the gateway signature, with no CORS header', async (_, query) => {
    const response = await post(JSON.stringify({ query }));
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(body)).not.toContain('data');
  });

  it('refuses a signature made with another secret, for another body, or too old', async () => {
    const body = JSON.stringify({ query: '{ _service { sdl } }' });
    const wrongSecret = signRequest('x'.repeat(64), SYSTEM, body);
    expect((await post(body, wrongSecret)).status).toBe(401);
    const otherBody = signRequest(stack.actors.secret, SYSTEM, JSON.stringify({ query: '{ __typename }' }));
    expect((await post(body, otherBody)).status).toBe(401);
    const old = signRequest(stack.actors.secret, SYSTEM, body, Date.now() - 5 * 60_000);
    expect((await post(body, old)).status).toBe(401);
  });

  it('answers a request signed by the gateway secret', async () => {
    const body = JSON.stringify({ query: '{ _service { sdl } }' });
    const response = await post(body, signRequest(stack.actors.secret, SYSTEM, body));
    expect(response.status).toBe(200);
    expect((await response.json()).data._service.sdl).toContain('type Actor');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a signed request replayed within the signature lifetime, and answers the same body signed afresh', async () => {
    const body = JSON.stringify({ query: '{ _service { sdl } }' });
    const captured = signRequest(stack.actors.secret, SYSTEM, body);
    expect((await post(body, captured)).status).toBe(200);
    const replayed = await post(body, captured);
    expect(replayed.status).toBe(401);
    expect((await replayed.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await post(body, signRequest(stack.actors.secret, SYSTEM, body))).status).toBe(200);
  });

  it('creates one contact from a captured createContact however often it is replayed (issue 12: 3 extra ones)', async () => {
    const [actor] = await stack.actors.dataSource.query(`SELECT id FROM actors.actor WHERE authority_code = '30' LIMIT 1`);
    const count = async () => (await stack.actors.dataSource.query(`SELECT count(*)::int AS n FROM actors.contact WHERE actor_id = $1`, [actor.id]))[0].n;
    const before = await count();
    const body = JSON.stringify({ query: `mutation { createContact(actorId: "${actor.id}", input: { firstName: "Rejeu", lastName: "Capturé" }) { id } }` });
    const captured = signRequest(stack.actors.secret, { kind: 'staff', userId: 'editor-30', role: 'editor', authorities: ['30'] }, body);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(body, captured)).status);
    expect(statuses).toEqual([200, 401, 401, 401]);
    expect(await count()).toBe(before + 1);
  });

  it('refuses a signature without a nonce (the format before replays were refused)', async () => {
    const body = JSON.stringify({ query: '{ _service { sdl } }' });
    const signature = signRequest(stack.actors.secret, SYSTEM, body)['x-ess-signature'].replace(/,n=[0-9a-f]+/, '');
    expect((await post(body, { ...signRequest(stack.actors.secret, SYSTEM, body), 'x-ess-signature': signature })).status).toBe(401);
  });

  it('reports its database on /health', async () => {
    const response = await fetch(new URL('/health', stack.actors.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ service: 'actors', status: 'ok', database: 'up' });
  });

  it('gateway /health lists each subgraph', async () => {
    const response = await fetch(new URL('/health', stack.gateway.url));
    expect(await response.json()).toMatchObject({ service: 'gateway', subgraphs: { actors: 'up', probe: 'up' } });
  });
});
