// The number of SQL statements of a request does not grow with the length of its lists.
import { randomUUID } from 'node:crypto';
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { commonsSubgraph } from '../src';
import { insertCallSql } from './factories';

const CALL = `query ($id: ID!) {
  call(id: $id) {
    title challenges { title } criteria { label } jury { name }
    metrics { applicationCount averageGroupSize supportGranted { kind amount } }
    workshops(first: 5) { totalCount nodes { title } }
    needs(first: 5) { totalCount nodes { description challenge { title } } }
    applications(first: 50) { totalCount nodes {
      title groupSize lead { id } partners { id }
      needs { territoryKind }
      reviews { juror { userId } scores { score } }
      score { score reviewCount }
      decision { grantedAmount }
      commons { name maintainers { id } milestones { title } reuses { since } }
    } }
    commons(first: 50) { totalCount nodes { name } }
  }
}`;

const ACTORS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Actor {
  id
  commonsApplications(first: 50) { totalCount nodes { title call { title } } }
  maintainedCommons(first: 50) { totalCount nodes { name } }
} } }`;

describe('statements per request', () => {
  let subgraph: TestSubgraph;
  const group = [randomUUID(), randomUUID(), randomUUID()];
  let small: string;
  let large: string;
  const viewer = staff('viewer', ['30']);

  beforeAll(async () => {
    subgraph = await startTestSubgraph(commonsSubgraph);
    small = (await insertCallSql(subgraph.dataSource, 3, group)).callId;
    large = (await insertCallSql(subgraph.dataSource, 30, group)).callId;
  });
  afterAll(() => subgraph?.close());

  it('runs as many statements for a call of 3 applications as for one of 30, with actors, reviews and decisions', async () => {
    const few = await subgraph.request(CALL, { id: small }, viewer);
    const many = await subgraph.request(CALL, { id: large }, viewer);
    expect(few.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    expect(many.data!.call.applications.nodes).toHaveLength(30);
    const first = many.data!.call.applications.nodes[0];
    expect(first).toMatchObject({ groupSize: 3, lead: { id: group[0] }, partners: [{ id: group[1] }, { id: group[2] }], score: { score: 70, reviewCount: 2 }, decision: { grantedAmount: 1000 } });
    expect(first.reviews).toHaveLength(2);
    expect(many.statements).toBe(few.statements);
    // one statement per loader reached (pages take one ranked statement and a count), whatever the number of rows
    expect(many.statements).toBe(25);
  });

  it('the actors’ applications and maintained commons take the same statements for 1 actor or 3', async () => {
    const one = await subgraph.request(ACTORS, { r: [{ __typename: 'Actor', id: group[0] }] });
    const three = await subgraph.request(ACTORS, { r: group.map((id) => ({ __typename: 'Actor', id })) });
    expect(three.errors).toBeUndefined();
    expect(three.data!._entities[0].commonsApplications.totalCount).toBe(33);
    expect(three.data!._entities[0].maintainedCommons.totalCount).toBe(33);
    expect(three.data!._entities[1].maintainedCommons.totalCount).toBe(0);
    expect(three.statements).toBe(one.statements);
  });
});
