import { actorsSubgraph } from '@ess/actors';
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';

// Issue 18: each service reports Prometheus metrics on its internal metrics port, never on its GraphQL port.
describe('Prometheus metrics of a subgraph', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph, { metrics: true });
  });
  afterAll(() => subgraph?.close());

  function sample(text: string, name: string, labels: Record<string, string>): number {
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  it('counts operations by name and outcome, times them, and reports SQL statements, the pool and event-loop lag', async () => {
    expect(subgraph.metricsUrl).toBeDefined();
    const before = await (await fetch(subgraph.metricsUrl!)).text();
    await subgraph.request('query Count { actors(first: 2) { totalCount } }');
    const refused = await subgraph.request('query Bad { actors(first: -5) { totalCount } }');
    const code = refused.errors?.[0]?.extensions?.code;
    expect(code).toBe('BAD_USER_INPUT');
    const response = await fetch(subgraph.metricsUrl!);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();

    expect(sample(text, 'ess_graphql_requests_total', { service: 'actors', operation: 'Count', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'ess_graphql_requests_total', { service: 'actors', operation: 'Bad', outcome: 'BAD_USER_INPUT' })).toBe(1);
    expect(sample(text, 'ess_graphql_duration_seconds_count', { operation: 'Count' })).toBe(1);
    const statementsBefore = sample(before, 'ess_sql_statements_total', { service: 'actors' });
    expect(sample(text, 'ess_sql_statements_total', { service: 'actors' })).toBeGreaterThan(statementsBefore);
    expect(sample(text, 'ess_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('is not served on the GraphQL port', async () => {
    const response = await fetch(subgraph.url.replace(/\/graphql$/, '/metrics'));
    expect(response.status).toBe(404);
  });
});
