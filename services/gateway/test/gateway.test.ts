import { startStack, type Stack } from './harness';

describe('gateway over the actors subgraph and a second subgraph', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ upstreamTimeoutMs: 800 });
  });
  afterAll(() => stack?.close());
  beforeEach(() => {
    stack.actorRequests.length = 0;
    stack.setActorsDown(false);
  });

  it('returns the demo actors through the gateway', async () => {
    const { status, body } = await stack.query('{ actors(first: 50, filter: { authorities: ["30"] }) { totalCount nodes { name networks { name } } } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const names = body.data.actors.nodes.map((n: { name: string }) => n.name);
    expect(names).toContain('SCIC Gard et Autonomie');
    expect(body.data.actors.totalCount).toBe(names.length);
  });

  it('joins entities of two subgraphs with one batched request to the other subgraph', async () => {
    const { body: list } = await stack.query('{ actors(first: 12) { nodes { id } } }');
    const ids: string[] = list.data.actors.nodes.map((n: { id: string }) => n.id);
    expect(ids).toHaveLength(12);
    stack.actorRequests.length = 0;

    const { status, body } = await stack.query('query ($ids: [ID!]!) { probeActors(ids: $ids) { id probeScore name legalForm { family } } }', { ids });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.probeActors).toHaveLength(12);
    for (const actor of body.data.probeActors) {
      expect(actor.probeScore).toBe(36);
      expect(typeof actor.name).toBe('string');
    }
    // All twelve entities were fetched from the actors subgraph in a single _entities request.
    expect(stack.actorRequests).toHaveLength(1);
    expect(stack.actorRequests[0]).toContain('_entities');
    expect(JSON.parse(stack.actorRequests[0]).variables.representations).toHaveLength(12);
  });

  it('answers with the data it has and an error for the rest when a subgraph is down', async () => {
    stack.setActorsDown(true);
    const started = Date.now();
    const { status, body, text } = await stack.query('{ probeHello actors(first: 2) { nodes { name } } }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ probeHello: 'hello from probe', actors: null });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].path).toEqual(['actors']);
    expect(body.errors![0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    // No internal address, port or stack leaks out.
    expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|socket|at \w+ \(/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('keeps entities from the live subgraph when the other one is down', async () => {
    const { body: list } = await stack.query('{ actors(first: 3) { nodes { id } } }');
    const ids = list.data.actors.nodes.map((n: { id: string }) => n.id);
    stack.setActorsDown(true);
    const { status, body } = await stack.query('query ($ids: [ID!]!) { probeHello probeActors(ids: $ids) { id probeScore } }', { ids });
    expect(status).toBe(200);
    expect(body.data.probeHello).toBe('hello from probe');
    expect(body.data.probeActors.map((a: { id: string }) => a.id)).toEqual(ids);
  });

  it('does not hang on a slow subgraph: the timeout answers with partial data', async () => {
    const started = Date.now();
    const { status, body } = await stack.query('{ probeSlow(ms: 3000) actors(first: 1) { nodes { name } } }');
    const elapsed = Date.now() - started;
    expect(status).toBe(200);
    expect(body.data.probeSlow).toBeNull();
    expect(body.data.actors.nodes).toHaveLength(1);
    expect(body.errors![0].path).toEqual(['probeSlow']);
    expect(elapsed).toBeLessThan(2500);
  });

  it('masks unexpected subgraph errors and keeps coded ones', async () => {
    const crash = await stack.query('{ probeCrash }');
    expect(crash.status).toBe(200);
    expect(crash.body.errors![0].message).not.toMatch(/ECONNREFUSED|10\.1\.2\.3|internal/);
    expect(crash.text).not.toMatch(/10\.1\.2\.3|stack/);

    const bad = await stack.query('{ actors(first: 100000) { totalCount } }');
    expect(bad.body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors![0].extensions.field).toBe('first');
  });

  it('reports malformed operations with a code, not a 500', async () => {
    const { status, body } = await stack.query('{ actors(first: 1) { nope } }');
    expect(status).toBeLessThan(500);
    expect(body.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
