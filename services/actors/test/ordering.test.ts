import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph } from '../src';
import { createActor, ok } from './factories';

// Staff read lists in French: accents and case must not push "Épicerie" after "Zèbre" or "ADIE" before "Adapt’Services".
describe('actor order', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
    for (const name of ['Zèbre Solidaire', 'Épicerie du Vigan', 'ADIE Nîmes', 'Adapt’Services', 'eco-mobilité', 'Écluse']) {
      await createActor(subgraph, { name, communeCode: '30189' });
    }
  });
  afterAll(() => subgraph?.close());

  it('sorts names in French collation, across pages too', async () => {
    const expected = ['Adapt’Services', 'ADIE Nîmes', 'Écluse', 'eco-mobilité', 'Épicerie du Vigan', 'Zèbre Solidaire'];
    const all = ok(await subgraph.request(`{ actors(first: 10) { nodes { name } } }`));
    expect(all.actors.nodes.map((n: { name: string }) => n.name)).toEqual(expected);
    const page1 = ok(await subgraph.request(`{ actors(first: 3) { pageInfo { endCursor } nodes { name } } }`));
    const page2 = ok(await subgraph.request(`query ($after: String) { actors(first: 3, after: $after) { nodes { name } } }`, { after: page1.actors.pageInfo.endCursor }));
    expect([...page1.actors.nodes, ...page2.actors.nodes].map((n: { name: string }) => n.name)).toEqual(expected);
  });
});
