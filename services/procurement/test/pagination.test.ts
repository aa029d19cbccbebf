// Lists come a page at a time in a stable order: no contract seen twice or skipped, filters applied together.
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { procurementSubgraph } from '../src';
import { createBuyer, createContract, insertContractsSql, ok, siretFor, type BuyerRow } from './factories';

describe('pagination and filters', () => {
  let subgraph: TestSubgraph;
  let gard: BuyerRow;
  let drome: BuyerRow;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(procurementSubgraph);
    gard = await createBuyer(subgraph, { authority: '30' });
    drome = await createBuyer(subgraph, { authority: '26' });
    // 45 Gard contracts on only 3 distinct dates (ties the id must break), 12 of the Drôme
    await subgraph.dataSource.query(
      `INSERT INTO procurement.contract (buyer_id, authority_code, decp_id, nature, object, cpv_code, procedure, duration_months, notified_on, amount, current_amount, current_duration_months)
       SELECT $1, '30', 'P' || i, 'MARCHE', 'Marché ' || i, CASE WHEN i % 3 = 0 THEN '45000000-7' ELSE '79000000-4' END, 'ADAPTED', 12,
              DATE '2025-01-01' + (i % 3), 1000 * (i % 5 + 1), 1000 * (i % 5 + 1), 12
       FROM generate_series(1, 45) AS i`,
      [gard.id],
    );
    await insertContractsSql(subgraph.dataSource, drome, 12, { prefix: 'DR', year: 2024 });
  });
  afterAll(() => subgraph?.close());

  async function walk(filter: Record<string, unknown>, orderBy: Record<string, unknown> | null, size: number): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const result: any = ok(
        await subgraph.request(
          `query ($f: ContractFilter, $o: ContractOrder, $n: Int, $after: String) { contracts(first: $n, after: $after, filter: $f, orderBy: $o) { totalCount edges { cursor node { id decpId } } pageInfo { hasNextPage endCursor } } }`,
          { f: filter, o: orderBy, n: size, after },
        ),
      ).contracts;
      seen.push(...result.edges.map((e: any) => e.node.decpId));
      if (!result.pageInfo.hasNextPage) return seen;
      after = result.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  }

  it('walks every contract exactly once, by notification date and by amount, whatever the page size', async () => {
    for (const orderBy of [null, { field: 'AMOUNT', direction: 'ASC' }, { field: 'UPDATED_AT', direction: 'DESC' }]) {
      for (const size of [7, 20]) {
        const seen = await walk({ authorities: ['30'] }, orderBy, size);
        expect(seen).toHaveLength(45);
        expect(new Set(seen).size).toBe(45);
      }
    }
  });

  it('goes back with last/before', async () => {
    const first: any = ok(await subgraph.request(`{ contracts(first: 10, filter: { authorities: ["30"] }) { edges { cursor node { decpId } } } }`)).contracts;
    const back: any = ok(
      await subgraph.request(`query ($b: String!) { contracts(last: 3, before: $b, filter: { authorities: ["30"] }) { edges { node { decpId } } pageInfo { hasPreviousPage } } }`, { b: first.edges[5].cursor }),
    ).contracts;
    expect(back.edges.map((e: any) => e.node.decpId)).toEqual(first.edges.slice(2, 5).map((e: any) => e.node.decpId));
  });

  it("pages an actor's awarded contracts backward with last/before (last: 5 is the five oldest, not the first five)", async () => {
    const AWARDED = `query ($reps: [_Any!]!, $last: Int, $before: String) { _entities(representations: $reps) { ... on Actor {
      awardedContracts(last: $last, before: $before) { totalCount nodes { decpId } pageInfo { hasNextPage hasPreviousPage startCursor } } } } }`;
    const reps = [{ __typename: 'Actor', siret: siretFor(101) }];
    // The Drôme's 12 contracts are all awarded to this SIRET, notified on 12 different days; the list is newest first.
    const last = ok(await subgraph.request(AWARDED, { reps, last: 5 }))._entities[0].awardedContracts;
    expect(last.totalCount).toBe(12);
    expect(last.nodes.map((c: any) => c.decpId)).toEqual(['DR00005', 'DR00004', 'DR00003', 'DR00002', 'DR00001']);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const before = ok(await subgraph.request(AWARDED, { reps, last: 5, before: last.pageInfo.startCursor }))._entities[0].awardedContracts;
    expect(before.nodes.map((c: any) => c.decpId)).toEqual(['DR00010', 'DR00009', 'DR00008', 'DR00007', 'DR00006']);
    expect(before.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const forged = Buffer.from(JSON.stringify(['not a date', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    const bad = await subgraph.request(AWARDED, { reps, last: 5, before: forged });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'before' });
  });

  it('filters by authority, year, CPV prefix, considerations, reserved, awardee and words, together', async () => {
    const count = async (filter: Record<string, unknown>) => ok(await subgraph.request(`query ($f: ContractFilter) { contracts(first: 1, filter: $f) { totalCount } }`, { f: filter })).contracts.totalCount;
    expect(await count({})).toBe(57);
    expect(await count({ authorities: ['26'] })).toBe(12);
    expect(await count({ years: [2024] })).toBe(12);
    expect(await count({ years: [2024, 2025] })).toBe(57);
    expect(await count({ notifiedFrom: '2025-01-02', notifiedTo: '2025-01-02' })).toBe(15);
    expect(await count({ authorities: ['30'], cpvPrefix: '45' })).toBe(15);
    expect(await count({ authorities: ['26'], hasSocialConsideration: true })).toBe(6);
    expect(await count({ hasEnvironmentalConsideration: true })).toBe(12);
    expect(await count({ awardeeSiret: siretFor(103) })).toBe(12);
    expect(await count({ awardeeSiret: siretFor(999) })).toBe(0);
    // 'Marché 1' and 'Marché 10' to 'Marché 19' of the Gard, 'Marché 1', '10', '11', '12' of the Drôme
    expect(await count({ search: 'marché 1' })).toBe(15);
    expect(await count({ search: '100%' })).toBe(0);
  });

  it('filters reserved contracts and bases', async () => {
    await createContract(subgraph, gard.id, { decpId: 'RES-1', socialConsiderations: ['RESERVED_CONTRACT'], reservedBasis: 'L2113_13' });
    const result = ok(await subgraph.request(`{ contracts(first: 5, filter: { reserved: true, reservedBases: [L2113_13] }) { totalCount nodes { decpId } } }`)).contracts;
    expect(result).toEqual({ totalCount: 1, nodes: [{ decpId: 'RES-1' }] });
  });

  it('pages buyers, SPASER plans and indicator kinds too', async () => {
    const buyers = ok(await subgraph.request(`{ buyers(first: 1) { totalCount pageInfo { hasNextPage } } }`)).buyers;
    expect(buyers).toEqual({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const kinds = ok(await subgraph.request(`{ indicatorKinds(first: 2) { totalCount nodes { code } pageInfo { endCursor } } }`)).indicatorKinds;
    expect(kinds.totalCount).toBe(5);
    const rest = ok(await subgraph.request(`query ($a: String) { indicatorKinds(first: 10, after: $a) { nodes { code } } }`, { a: kinds.pageInfo.endCursor })).indicatorKinds;
    expect([...kinds.nodes, ...rest.nodes].map((k: { code: string }) => k.code)).toEqual([
      'ENVIRONMENTAL_CONSIDERATION_SHARE',
      'ESS_SPEND_SHARE',
      'INSERTION_HOURS',
      'RESERVED_CONTRACTS',
      'SOCIAL_CONSIDERATION_SHARE',
    ]);
  });
});
