import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph } from '../src';

describe('actors subgraph smoke', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph, { seed: true });
  });
  afterAll(() => subgraph?.close());

  it('lists demo actors with networks', async () => {
    const result = await subgraph.request(`{ actors(first: 5, filter: { authorities: ["30"] }) { totalCount edges { cursor node { id name legalForm { code family label } networks { name } } } pageInfo { hasNextPage endCursor } } }`);
    expect(result.errors).toBeUndefined();
    console.log(JSON.stringify(result, null, 1).slice(0, 1500));
  });
});
