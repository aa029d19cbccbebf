// The number of SQL statements of a request does not grow with the length of a list, and loaders give each parent its own rows.
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { procurementSubgraph } from '../src';
import { createBuyer, decpFile, decpRecord, IMPORT, insertContractsSql, ok, siretFor, syncEss } from './factories';

const CONTRACTS = `query ($n: Int!) { contracts(first: $n, filter: { authorities: ["30"] }) { edges { node {
  id decpId socialConsiderations environmentalConsiderations techniques buyer { name }
  awardees { identifier name ess { essMember } actor { siret } } currentAwardees { identifier }
  modifications { decpId amount awardees { identifier } }
} } } }`;

const ACTORS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Actor { siret awardedAmount awardedContracts(first: 3) { totalCount nodes { decpId buyer { name } } } } } }`;

describe('no N+1', () => {
  let subgraph: TestSubgraph;
  let ids: string[];

  beforeAll(async () => {
    subgraph = await startTestSubgraph(procurementSubgraph);
    const buyer = await createBuyer(subgraph, { authority: '30' });
    // 120 contracts, each with 2 initial awardees, a modification with its own awardee, and considerations
    ids = await insertContractsSql(subgraph.dataSource, buyer, 120);
    // 30 more SIRETs, each current co-awardee of 4 contracts
    await subgraph.dataSource.query(
      `INSERT INTO procurement.contract_awardee (contract_id, modification_id, position, id_type, identifier, is_current)
       SELECT m.contract_id, m.id, 1, 'SIRET', ($2::text[])[(row_number() OVER (ORDER BY m.contract_id) - 1) % 30 + 1], true
       FROM procurement.contract_modification m WHERE m.contract_id = ANY($1)`,
      [ids, Array.from({ length: 30 }, (_, i) => siretFor(300 + i))],
    );
    await syncEss(subgraph, [{ siret: siretFor(101), essMember: true }, { siret: siretFor(103), essMember: false }]);
  });
  afterAll(() => subgraph?.close());

  it('contracts with buyer, awardees (and their ESS status), modifications and considerations: the same statements for 10 and 100', async () => {
    const small = await subgraph.request(CONTRACTS, { n: 10 });
    const large = await subgraph.request(CONTRACTS, { n: 100 });
    expect(ok(small).contracts.edges).toHaveLength(10);
    expect(ok(large).contracts.edges).toHaveLength(100);
    // page, buyers, awardees (initial, current and of modifications alike), modifications, ESS statuses
    expect(large.statements).toBe(5);
    expect(small.statements).toBe(large.statements);
  });

  it('each contract gets its own awardees and modifications', async () => {
    const { contracts } = ok(await subgraph.request(CONTRACTS, { n: 100 }));
    const expected: Array<{ contract_id: string; identifiers: string[] }> = await subgraph.dataSource.query(
      `SELECT a.contract_id, array_agg(a.identifier ORDER BY a.position) AS identifiers FROM procurement.contract_awardee a WHERE a.is_current GROUP BY a.contract_id`,
    );
    const current = new Map(expected.map((row) => [row.contract_id, row.identifiers]));
    for (const { node } of contracts.edges) {
      expect(node.awardees.map((a: any) => a.identifier)).toEqual([siretFor(101), siretFor(102)]);
      expect(node.awardees.map((a: any) => a.ess?.essMember ?? null)).toEqual([true, null]);
      expect(node.awardees[0].actor).toEqual({ siret: siretFor(101) });
      expect(node.currentAwardees.map((a: any) => a.identifier)).toEqual(current.get(node.id));
      expect(node.modifications).toEqual([{ decpId: 1, amount: expect.any(Number), awardees: current.get(node.id)!.map((identifier) => ({ identifier })) }]);
    }
  });

  it('the Actor entities (awarded contracts and amounts) for 3 and for 30 SIRETs: the same statements', async () => {
    const reps = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Actor', siret: siretFor(300 + i) }));
    const small = await subgraph.request(ACTORS, { reps: reps(3) });
    const large = await subgraph.request(ACTORS, { reps: reps(30) });
    const actors = ok(large)._entities;
    expect(actors).toHaveLength(30);
    for (const actor of actors) {
      expect(actor.awardedContracts.totalCount).toBe(4);
      expect(actor.awardedContracts.nodes).toHaveLength(3);
      expect(actor.awardedAmount).toBeGreaterThan(0);
    }
    // ranked contracts with their columns (one statement), counts, amounts, buyers
    expect(large.statements).toBe(4);
    expect(small.statements).toBe(large.statements);
  });

  it('histories of many contracts: one statement for all', async () => {
    const query = `query ($n: Int!) { contracts(first: $n, filter: { authorities: ["30"] }) { nodes { history(first: 2) { nodes { action } } } } }`;
    const small = await subgraph.request(query, { n: 5 }, staff('viewer', ['30']));
    const large = await subgraph.request(query, { n: 50 }, staff('viewer', ['30']));
    expect(ok(large).contracts.nodes).toHaveLength(50);
    expect(large.statements).toBe(2);
    expect(small.statements).toBe(large.statements);
  });

  it('SPASER plans with their objectives and kinds: the same statements for 1 and 8 plans', async () => {
    for (let i = 0; i < 8; i++) {
      const plan = ok(await subgraph.request(`mutation { createSpaserPlan(input: { authority: "30", title: "Plan ${i}", status: PLANNED, periodStart: ${2020 + i}, periodEnd: ${2022 + i} }) { id } }`)).createSpaserPlan;
      ok(await subgraph.request(`mutation ($id: ID!) { addSpaserObjective(planId: $id, planVersion: 1, input: { indicatorKind: "INSERTION_HOURS", targetValue: ${1000 * i}, targetYear: ${2022 + i} }) { id } }`, { id: plan.id }));
    }
    const query = `query ($n: Int!) { spaserPlans(first: $n) { nodes { title objectives { targetValue indicatorKind { code unit } plan { title } } } } }`;
    const small = await subgraph.request(query, { n: 1 });
    const large = await subgraph.request(query, { n: 8 });
    expect(ok(large).spaserPlans.nodes.every((p: any) => p.objectives.length === 1 && p.objectives[0].plan.title === p.title)).toBe(true);
    // page, objectives, kinds (plans of the objectives come from the loader's cache)
    expect(large.statements).toBe(3);
    expect(small.statements).toBe(large.statements);
  });

  it('the DECP import: the same statements for 10 and for 300 records, first import and re-import with modifications alike', async () => {
    const run = async (n: number, buyer: string, modified: boolean) => {
      const records = Array.from({ length: n }, (_, i) =>
        decpRecord(buyer, { id: `N${i}`, ...(modified ? { modifications: [{ modification: { id: 1, dateNotificationModification: '2025-09-01', datePublicationDonneesModification: '2025-09-02', montant: 300000 } }] } : {}) }),
      );
      const result = await subgraph.request(IMPORT, { json: decpFile(records), authority: '30' });
      expect(ok(result).importDecp.applied).toBe(true);
      return result.statements;
    };
    const [smallBuyer, largeBuyer] = [siretFor(700), siretFor(701)];
    const created = [await run(10, smallBuyer, false), await run(300, largeBuyer, false)];
    const updated = [await run(10, smallBuyer, true), await run(300, largeBuyer, true)];
    // observed: 8 to create (transaction, lock, buyers, new buyer, contracts, awardees, audit) and 13 to update
    // (plus the stored contracts locked and loaded, their modifications upserted and awardees replaced)
    expect(created).toEqual([8, 8]);
    expect(updated).toEqual([13, 13]);
  });
});
