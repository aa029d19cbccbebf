// Caller mistakes in the request itself (variables, operation names) are request errors at the gateway, never internal ones.
import { startStack, type Stack } from './harness';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

async function post(body: unknown) {
  const response = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text), text };
}

const CASES: Array<[string, unknown]> = [
  ['wrong variable type', { query: 'query($n:Int){actors(first:$n){totalCount}}', variables: { n: 'abc' } }],
  ['Int out of range', { query: 'query($n:Int){actors(first:$n){totalCount}}', variables: { n: 2 ** 40 } }],
  ['unknown input field', { query: 'query($f:ActorFilter){actors(filter:$f){totalCount}}', variables: { f: { nope: 1 } } }],
  ['missing non-null variable', { query: 'query($id:ID!){actor(id:$id){id}}', variables: {} }],
  ['operation name matching nothing', { query: 'query A{actors{totalCount}}', operationName: 'B' }],
  // graphql-js stops after 50 coercion errors with "... Execution aborted.": the gateway read "aborted" as an outage.
  ['more than 50 coercion errors in one variable', { query: 'query($f:ActorFilter){actors(filter:$f){totalCount}}', variables: { f: { legalFamilies: Array(60).fill('NOPE') } } }],
  ['a value that reads like an outage', { query: 'query($n:Int){actors(first:$n){totalCount}}', variables: { n: 'upstream timed out: ECONNREFUSED' } }],
  ['several operations without a name', { query: 'query A{actors{totalCount}} query B{actors{totalCount}}' }],
];

describe.each(CASES)('%s', (_name, body) => {
  it('is a request error naming the problem, not an internal one', async () => {
    const { status, body: answer, text } = await post(body);
    expect(status === 200 || status === 400).toBe(true);
    expect(text).not.toMatch(/INTERNAL_SERVER_ERROR|SERVICE_UNAVAILABLE/);
    expect(answer.errors[0].extensions.code).toMatch(/^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED|BAD_REQUEST)$/);
  });
});

it('stays a request error after many of them, and the gateway still answers', async () => {
  const codes = new Set<string>();
  for (let i = 0; i < 70; i++) {
    const { body } = await post({ query: 'query($n:Int){actors(first:$n){totalCount}}', variables: { n: `x${i}` } });
    codes.add(body.errors[0].extensions.code);
  }
  expect([...codes]).toEqual(['BAD_USER_INPUT']);
  const ok = await post({ query: '{actors(first:1){totalCount}}' });
  expect(ok.body.errors).toBeUndefined();
});

it('refuses an operation that would copy a large variable into each alias past the subgraphs body limit', async () => {
  const authorities = Array.from({ length: 9000 }, (_, i) => `a${i}`.padEnd(8, 'x')); // ~100 kB
  const aliases = Array.from({ length: 12 }, (_, i) => `a${i}: actors(filter: { authorities: $a }) { totalCount }`).join(' ');
  const { status, body } = await post({ query: `query($a: [String!]) { ${aliases} }`, variables: { a: authorities } });
  expect(status).toBe(413);
  expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  const once = await post({ query: 'query($a: [String!]) { actors(filter: { authorities: $a }) { totalCount } }', variables: { a: authorities } });
  expect(once.status).toBe(200);
  expect(once.body.errors).toBeUndefined();
});

