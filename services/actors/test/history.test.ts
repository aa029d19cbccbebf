import { startTestSubgraph, staff, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph } from '../src';

describe('Actor.history', () => {
  let subgraph: TestSubgraph;
  const editor = staff('editor', ['30']);
  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
  });
  afterAll(() => subgraph?.close());

  async function createWithEdits(name: string, edits: number): Promise<string> {
    const created = await subgraph.request(`mutation ($input: CreateActorInput!) { createActor(input: $input) { id version } }`, { input: { name, communeCode: '30189' } }, editor);
    const id = created.data!.createActor.id;
    for (let version = 1; version <= edits; version++) {
      const r = await subgraph.request(`mutation ($id: ID!, $v: Int!, $input: UpdateActorInput!) { updateActor(id: $id, version: $v, input: $input) { version } }`, { id, v: version, input: { description: `édition ${version}` } }, editor);
      expect(r.errors).toBeUndefined();
    }
    return id;
  }

  it('lists each change newest first with who, before, after and the changed fields, a page at a time', async () => {
    const id = await createWithEdits('Historique SCOP', 4);
    const query = `query ($id: ID!, $after: String) { actor(id: $id) { history(first: 2, after: $after) { totalCount edges { node { who action before after changedFields } } pageInfo { hasNextPage endCursor } } } }`;
    const first = await subgraph.request(query, { id }, editor);
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.actor.history;
    expect(page1.totalCount).toBe(5);
    expect(page1.edges.map((e: any) => e.node.action)).toEqual(['update', 'update']);
    expect(page1.edges[0].node).toMatchObject({ who: 'staff:user-editor-30', changedFields: ['description'] });
    expect(page1.edges[0].node.before.description).toBe('édition 3');
    expect(page1.edges[0].node.after.description).toBe('édition 4');

    const seen = [...page1.edges];
    let cursor = page1.pageInfo.endCursor;
    let hasNext = page1.pageInfo.hasNextPage;
    while (hasNext) {
      const next = await subgraph.request(query, { id, after: cursor }, editor);
      seen.push(...next.data!.actor.history.edges);
      cursor = next.data!.actor.history.pageInfo.endCursor;
      hasNext = next.data!.actor.history.pageInfo.hasNextPage;
    }
    expect(seen.map((e: any) => e.node.action)).toEqual(['update', 'update', 'update', 'update', 'create']);
  });

  it('pages backward with last/before: the oldest changes, then the newer ones before them', async () => {
    const id = await createWithEdits('Historique à rebours', 3);
    const query = `query ($id: ID!, $before: String) { actor(id: $id) { history(last: 2, before: $before) { edges { node { action after } } pageInfo { hasNextPage hasPreviousPage startCursor } } } }`;
    const oldest = (await subgraph.request(query, { id }, editor)).data!.actor.history;
    expect(oldest.edges.map((e: any) => e.node.after.description ?? e.node.action)).toEqual(['édition 1', 'create']);
    expect(oldest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const newer = (await subgraph.request(query, { id, before: oldest.pageInfo.startCursor }, editor)).data!.actor.history;
    expect(newer.edges.map((e: any) => e.node.after.description)).toEqual(['édition 3', 'édition 2']);
    expect(newer.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('loads the history of a whole list in a constant number of statements, and hides it from anonymous callers', async () => {
    await createWithEdits('Historique A', 1);
    await createWithEdits('Historique B', 2);
    const query = `{ actors(first: 50, filter: { search: "historique" }) { nodes { name history(first: 3) { edges { node { action } } } } } }`;
    const few = await subgraph.request(`{ actors(first: 1, filter: { search: "historique" }) { nodes { history(first: 3) { totalCount } } } }`, {}, editor);
    const many = await subgraph.request(query, {}, editor);
    expect(many.errors).toBeUndefined();
    expect(many.data!.actors.nodes.length).toBeGreaterThanOrEqual(3);
    expect(many.statements).toBeLessThanOrEqual(few.statements + 1);
    // Their total counts too: one statement for the whole list, not one per actor.
    const counted = await subgraph.request(`{ actors(first: 50, filter: { search: "historique" }) { nodes { history(first: 3) { totalCount } } } }`, {}, editor);
    expect(counted.errors).toBeUndefined();
    expect(counted.data!.actors.nodes.map((n: any) => n.history.totalCount).sort()).toEqual(expect.arrayContaining([2, 3]));
    expect(counted.statements).toBe(few.statements);
    const anonymous = await subgraph.request(query, {}, { kind: 'anonymous' });
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });
});
