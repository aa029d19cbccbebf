// What PostgreSQL would refuse is refused before execution as BAD_USER_INPUT naming the argument, through a real subgraph.
import { actorsSubgraph } from '@ess/actors';
import { MAX_LIST_ITEMS, dateProblem, textProblem } from '@ess/kit';
import { startTestSubgraph, staff, type TestSubgraph } from '@ess/kit/testing';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(actorsSubgraph);
});
afterAll(async () => {
  await subgraph?.close();
});

const admin = staff('admin', ['30']);
const CREATE = 'mutation($input: CreateActorInput!) { createActor(input: $input) { id } }';
const base = { siret: '41816609600069', name: 'Atelier', legalFamily: 'ASSOCIATION', authority: '30' };

async function count(): Promise<number> {
  return Number((await subgraph.dataSource.query('SELECT count(*) AS n FROM actors.actor'))[0].n);
}

describe('argument checks', () => {
  it.each([
    ['a NUL byte', { ...base, name: 'At\u0000elier' }, 'name', /NUL/],
    ['a lone surrogate', { ...base, name: 'At\ud800elier' }, 'name', /surrogate/],
  ])('%s in a variable', async (_name, input, field, message) => {
    const before = await count();
    const { status, errors } = await subgraph.request(CREATE, { input }, admin);
    expect(status).toBeLessThan(500);
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(errors?.[0].message).toMatch(message);
    expect(errors?.[0].extensions).not.toHaveProperty('http');
    expect(await count()).toBe(before);
  });

  it('a NUL byte in an inline literal', async () => {
    const { errors } = await subgraph.request('{ actor(siret: "a\\u0000b") { id } }');
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'siret' });
  });

  it('an id that is not an id, including the empty string', async () => {
    for (const id of ['', 'nope', ' ']) {
      const { errors } = await subgraph.request('query($id: ID) { actor(id: $id) { id } }', { id });
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    }
  });

  it('a list longer than the kit allows, in a list argument or inside an input', async () => {
    const ids = Array.from({ length: MAX_LIST_ITEMS + 1 }, () => '00000000-0000-4000-8000-000000000000');
    const { errors } = await subgraph.request('query($f: ActorFilter) { actors(filter: $f) { totalCount } }', { f: { authorities: ids } });
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.authorities' });
    expect(errors?.[0].message).toMatch(String(MAX_LIST_ITEMS));
  });

  it('year-0 and impossible dates', async () => {
    const { errors } = await subgraph.request('mutation { addNetworkMember(networkId: "00000000-0000-4000-8000-000000000000", actorId: "00000000-0000-4000-8000-000000000000", joinedOn: "0000-01-01") { id } }', {}, admin);
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'joinedOn' });
    expect(dateProblem('2024-02-30')).toBe('is not a calendar date');
    expect(dateProblem('2024-02-29')).toBeNull();
    expect(dateProblem('1899-12-31T23:00:00Z')).toMatch(/between/);
    expect(textProblem('écrit 😀 normalement')).toBeNull();
  });
});

describe('what only the database knows', () => {
  it('an explicit null for a field stored NOT NULL is BAD_USER_INPUT naming the field, nothing written', async () => {
    const before = await count();
    for (const [field, input] of [
      // essMember: null is allowed since the ESS status has three values (null: unknown); essStatus itself is NOT NULL.
      ['essStatus', { ...base, essStatus: null }],
      ['sectors', { ...base, sectors: null }],
    ] as const) {
      const { status, errors } = await subgraph.request(CREATE, { input }, admin);
      expect(status).toBeLessThan(500);
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await count()).toBe(before);
  });

  it('a whitespace-only name reaching a CHECK constraint is BAD_USER_INPUT naming the field', async () => {
    const created = await subgraph.request<{ createActor: { id: string } }>(CREATE, { input: base }, admin);
    const id = created.data!.createActor.id;
    const { errors } = await subgraph.request('mutation($id: ID!, $input: UpdateActorInput!) { updateActor(id: $id, version: 1, input: $input) { id } }', { id, input: { name: '   ' } }, admin);
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  it('a database outage is SERVICE_UNAVAILABLE with retryable: true, and the subgraph recovers', async () => {
    const database = decodeURIComponent(new URL((subgraph.dataSource.options as { url?: string }).url as string).pathname.slice(1));
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
      const { errors } = await subgraph.request('{ actors(first: 1) { totalCount } }');
      expect(errors?.[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
      expect(JSON.stringify(errors)).not.toMatch(/127\.0\.0\.1|5432|postgres|at \w+ \(/);
    } finally {
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    const again = await subgraph.request('{ actors(first: 1) { totalCount } }');
    expect(again.errors).toBeUndefined();
  });
});
