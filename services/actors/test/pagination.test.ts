// The actor list pages through every actor exactly once, forward and backward, in a stable order, with or without filters.
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph } from '../src';
import { insertActorsSql, ok, onlyError } from './factories';

interface PageResult {
  actors: {
    totalCount: number;
    edges: Array<{ cursor: string; node: { id: string; name: string } }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

const PAGE = `query ($first: Int, $after: String, $last: Int, $before: String, $filter: ActorFilter, $orderBy: ActorOrder) {
  actors(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { cursor node { id name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

describe('actor pagination', () => {
  let subgraph: TestSubgraph;
  /** The expected order, from PostgreSQL itself. */
  let allIds: string[];

  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
    // 45 actors; some share a name (the id must break ties), accents and case mixed; 18 in the Drôme.
    const names = Array.from({ length: 45 }, (_, i) => (i % 5 === 0 ? 'Même nom' : `${['Épicerie', 'atelier', 'Zèbre', 'Coop', 'Ânes'][i % 5]} ${String(i).padStart(2, '0')}`));
    await insertActorsSql(
      subgraph.dataSource,
      names.map((name, i) => ({ name, authority: i % 5 === 1 || i % 5 === 3 ? '26' : '30' })),
    );
    allIds = (await subgraph.dataSource.query(`SELECT id FROM actors.actor ORDER BY name, id`)).map((r: { id: string }) => r.id);
  });
  afterAll(() => subgraph?.close());

  async function page(variables: Record<string, unknown>) {
    return ok(await subgraph.request<PageResult>(PAGE, variables)).actors;
  }

  async function walkForward(size: number, extra: Record<string, unknown> = {}) {
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const result = await page({ first: size, after, ...extra });
      expect(result.edges.length).toBeLessThanOrEqual(size);
      expect(result.pageInfo.hasPreviousPage).toBe(after !== null);
      ids.push(...result.edges.map((e) => e.node.id));
      if (!result.pageInfo.hasNextPage) return { ids, totalCount: result.totalCount };
      expect(result.edges).toHaveLength(size);
      expect(result.pageInfo.endCursor).toBe(result.edges.at(-1)?.cursor);
      after = result.pageInfo.endCursor;
    }
    throw new Error('pagination never ended');
  }

  async function walkBackward(size: number, extra: Record<string, unknown> = {}) {
    const pages: string[][] = [];
    let before: string | null = null;
    for (let count = 0; count < 100; count++) {
      const result = await page({ last: size, before, ...extra });
      expect(result.edges.length).toBeLessThanOrEqual(size);
      pages.unshift(result.edges.map((e) => e.node.id));
      if (!result.pageInfo.hasPreviousPage) return pages.flat();
      expect(result.edges).toHaveLength(size);
      expect(result.pageInfo.startCursor).toBe(result.edges[0]?.cursor);
      before = result.pageInfo.startCursor;
    }
    throw new Error('pagination never ended');
  }

  it('walks forward 7 at a time: every actor exactly once, in name then id order', async () => {
    const { ids, totalCount } = await walkForward(7);
    expect(totalCount).toBe(45);
    expect(ids).toHaveLength(45);
    expect(new Set(ids).size).toBe(45);
    expect(ids).toEqual(allIds);
  });

  it('gives the same order on a second walk and in a single page', async () => {
    expect((await walkForward(7)).ids).toEqual(allIds);
    expect((await page({ first: 500 })).edges.map((e) => e.node.id)).toEqual(allIds);
  });

  it('walks backward 7 at a time with last/before to the same order', async () => {
    const ids = await walkBackward(7);
    expect(ids).toHaveLength(45);
    expect(new Set(ids).size).toBe(45);
    expect(ids).toEqual(allIds);
  });

  it('the last page backward holds the last actors', async () => {
    const result = await page({ last: 4 });
    expect(result.edges.map((e) => e.node.id)).toEqual(allIds.slice(-4));
    expect(result.pageInfo.hasPreviousPage).toBe(true);
    expect(result.pageInfo.hasNextPage).toBe(false);
  });

  it('pages with a filter: only the matching actors, each once, and totalCount counts the matches', async () => {
    const expected = (await subgraph.dataSource.query(`SELECT id FROM actors.actor WHERE authority_code = '26' ORDER BY name, id`)).map((r: { id: string }) => r.id);
    expect(expected).toHaveLength(18);
    const forward = await walkForward(7, { filter: { authorities: ['26'] } });
    expect(forward.totalCount).toBe(18);
    expect(forward.ids).toEqual(expected);
    expect(await walkBackward(5, { filter: { authorities: ['26'] } })).toEqual(expected);
  });

  it('pages in creation order, newest first, with ties on the creation time broken by id', async () => {
    const expected = (await subgraph.dataSource.query(`SELECT id FROM actors.actor ORDER BY created_at DESC, id DESC`)).map((r: { id: string }) => r.id);
    const { ids } = await walkForward(6, { orderBy: { field: 'CREATED_AT', direction: 'DESC' } });
    expect(ids).toEqual(expected);
  });

  it('an empty page at the end says there is nothing more', async () => {
    const last = await page({ first: 45 });
    const after = await page({ first: 7, after: last.pageInfo.endCursor });
    expect(after.edges).toEqual([]);
    expect(after.pageInfo.hasNextPage).toBe(false);
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['a cursor of the wrong shape', cursorOf(['only one value'])],
    ['a cursor with an id that is not a UUID', cursorOf(['Coop 03', 'not-a-uuid'])],
    ['a cursor with an object in it', cursorOf([{ name: 'x' }, '00000000-0000-4000-8000-000000000000'])],
  ])('refuses %s with BAD_USER_INPUT on after', async (_label, cursor) => {
    const error = onlyError(await subgraph.request(PAGE, { first: 5, after: cursor }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses a bad creation-time cursor with BAD_USER_INPUT', async () => {
    const error = onlyError(
      await subgraph.request(PAGE, { first: 5, after: cursorOf(['not a date', '00000000-0000-4000-8000-000000000000']), orderBy: { field: 'CREATED_AT' } }),
    );
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses a bad before cursor on the before field', async () => {
    const error = onlyError(await subgraph.request(PAGE, { last: 5, before: 'nope' }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'before' });
  });

  it('refuses pages larger than 500 or negative', async () => {
    expect(onlyError(await subgraph.request(PAGE, { first: 501 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(onlyError(await subgraph.request(PAGE, { last: 501 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
    expect(onlyError(await subgraph.request(PAGE, { first: -1 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await page({ first: 500 })).edges).toHaveLength(45);
  });

  it('refuses first together with last', async () => {
    expect(onlyError(await subgraph.request(PAGE, { first: 5, last: 5 })).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('gives 20 actors when no size is asked', async () => {
    expect((await page({})).edges).toHaveLength(20);
  });
});
