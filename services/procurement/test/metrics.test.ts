// The precomputed procurement metrics equal the same figures computed from the base tables, right after every kind of write.
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { procurementSubgraph } from '../src';
import { FIGURES_SQL } from '../src/indicators/indicators.service';
import { ContractSummary1765840000000 } from '../src/migrations/1765840000000-ContractSummary';
import {
  addModification, badFields, createBuyer, createContract, decpFile, decpRecord, importDecp, insertContractsSql, ok, siretFor, syncEss, updateContract,
  type BuyerRow,
} from './factories';

const FIGURES = `contractCount totalAmount socialConsiderationCount environmentalConsiderationCount reservedContractCount
  reservedByBasis { basis count amount } insertionHoursPlanned insertionHoursAchieved essAmount essContractCount`;
const QUERY = `query ($a: String!, $y: Int!, $b: ID) { procurementIndicators(authority: $a, year: $y, buyer: $b) { buyerId asOf ${FIGURES} } }`;

/** The reference: the figures straight from the base tables (the statement the indicators ran before the summary). */
const REFERENCE_SQL = `
  WITH c AS (
    SELECT id, current_amount, has_social, has_environmental, is_reserved, reserved_basis, insertion_hours_planned, insertion_hours_achieved
    FROM procurement.contract
    WHERE authority_code = $1 AND notified_on >= make_date($2, 1, 1) AND notified_on < make_date($2 + 1, 1, 1) AND ($3::uuid IS NULL OR buyer_id = $3)
  ), awarded AS (
    SELECT a.contract_id, count(*) AS awardees, count(*) FILTER (WHERE e.ess_member) AS ess_awardees
    FROM procurement.contract_awardee a LEFT JOIN procurement.ess_actor e ON e.siret = a.siret
    WHERE a.is_current AND a.contract_id IN (SELECT id FROM c) GROUP BY a.contract_id
  )
  SELECT count(*)::int AS "contractCount", coalesce(sum(c.current_amount), 0)::float8 AS "totalAmount",
    (count(*) FILTER (WHERE c.has_social))::int AS "socialConsiderationCount",
    (count(*) FILTER (WHERE c.has_environmental))::int AS "environmentalConsiderationCount",
    (count(*) FILTER (WHERE c.is_reserved))::int AS "reservedContractCount",
    coalesce(sum(c.insertion_hours_planned), 0)::int AS "insertionHoursPlanned", coalesce(sum(c.insertion_hours_achieved), 0)::int AS "insertionHoursAchieved",
    round(coalesce(sum(c.current_amount * w.ess_awardees / w.awardees), 0), 2)::float8 AS "essAmount",
    (count(*) FILTER (WHERE w.ess_awardees > 0))::int AS "essContractCount",
    (SELECT coalesce(json_agg(json_build_object('basis', b.reserved_basis, 'count', b.n, 'amount', b.amount) ORDER BY b.reserved_basis NULLS LAST), '[]'::json)
     FROM (SELECT reserved_basis, count(*)::int AS n, sum(current_amount)::float8 AS amount FROM c WHERE is_reserved GROUP BY reserved_basis) b) AS "reservedByBasis"
  FROM c LEFT JOIN awarded w ON w.contract_id = c.id`;

const ESS = siretFor(301);
const COMPANY = siretFor(302);
const ESAT = siretFor(303);

describe('procurement metrics, precomputed', () => {
  let subgraph: TestSubgraph;
  let gard: BuyerRow;
  let gard2: BuyerRow;
  let drome: BuyerRow;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(procurementSubgraph);
    gard = await createBuyer(subgraph, { authority: '30' });
    gard2 = await createBuyer(subgraph, { authority: '30' });
    drome = await createBuyer(subgraph, { authority: '26' });
  });
  afterAll(() => subgraph?.close());

  const metrics = async (authority: string, year: number, buyer: string | null = null) =>
    ok(await subgraph.request(QUERY, { a: authority, y: year, b: buyer })).procurementIndicators;

  /** Every authority, year and buyer of the data, plus one with nothing: the summary answers what the base tables say. */
  async function expectSummaryMatchesBaseTables(): Promise<void> {
    const years = [2023, 2024, 2025, 2026];
    for (const authority of ['30', '26']) {
      for (const year of years) {
        for (const buyer of [null, gard.id, gard2.id, drome.id]) {
          const [reference] = await subgraph.dataSource.query(REFERENCE_SQL, [authority, year, buyer]);
          const { asOf, buyerId, ...figures } = await metrics(authority, year, buyer);
          expect({ authority, year, buyer, ...figures }).toEqual({ authority, year, buyer, ...reference });
          expect(buyerId).toBe(buyer);
          if (figures.contractCount > 0) expect(new Date(asOf).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
          else expect(asOf).toBeNull();
        }
      }
    }
  }

  it('match the base tables after creations, updates, modifications, ESS changes, imports and deletions', async () => {
    await syncEss(subgraph, [{ siret: ESS, essMember: true }, { siret: COMPANY, essMember: false }]);
    const a = await createContract(subgraph, gard.id, {
      amount: 100_000, publishedOn: null, socialConsiderations: ['SOCIAL_CLAUSE'], awardees: [{ identifier: ESS }], insertionHoursPlanned: 400,
    });
    const reserved = await createContract(subgraph, gard.id, {
      amount: 50_000, socialConsiderations: ['RESERVED_CONTRACT'], reservedBasis: 'L2113_12', environmentalConsiderations: ['ENVIRONMENTAL_CRITERION'],
      awardees: [{ identifier: ESS }, { identifier: COMPANY }, { identifier: ESAT }],
    });
    await createContract(subgraph, gard2.id, { amount: 70_000, socialConsiderations: ['RESERVED_CONTRACT'], awardees: [{ identifier: COMPANY }] });
    await createContract(subgraph, drome.id, { amount: 30_000, notifiedOn: '2024-05-02', publishedOn: null, awardees: [{ identifier: ESS }] });
    // right after the write, before anything else runs
    expect(await metrics('30', 2025)).toMatchObject({ contractCount: 3, totalAmount: 220_000, reservedContractCount: 2, essAmount: 116_666.67 });
    await expectSummaryMatchesBaseTables();

    // in bulk, bypassing the API (the triggers see every writer): 40 contracts with modifications and awardees
    await insertContractsSql(subgraph.dataSource, gard2, 40, { prefix: 'MX', year: 2024 });
    await expectSummaryMatchesBaseTables();

    // updates: amounts, considerations, and a move to another year (both years change)
    const updated = ok(await updateContract(subgraph, a.id, a.version, { amount: 120_000, environmentalConsiderations: ['ENVIRONMENTAL_CLAUSE'] })).updateContract;
    ok(await updateContract(subgraph, updated.id, updated.version, { notifiedOn: '2023-11-15', publishedOn: '2023-11-20' }));
    expect((await metrics('30', 2023)).contractCount).toBe(1);
    await expectSummaryMatchesBaseTables();

    // a modification changes the amount and the awardees
    ok(await addModification(subgraph, reserved.id, reserved.version, { notifiedOn: '2025-10-01', amount: 90_000, awardees: [{ identifier: ESAT }] }));
    await expectSummaryMatchesBaseTables();

    // the registry's feed: the ESAT becomes ESS, the company too, then the ESS actor is removed
    await syncEss(subgraph, [{ siret: ESAT, essMember: true, inclusionType: 'ESAT' }, { siret: COMPANY, essMember: true }]);
    expect((await metrics('30', 2025)).essAmount).toBe(90_000 + 70_000);
    await expectSummaryMatchesBaseTables();
    await syncEss(subgraph, [{ siret: ESS, essMember: true, removed: true }, { siret: siretFor(101), essMember: true }]);
    await expectSummaryMatchesBaseTables();

    // a DECP import creates and updates contracts of the authority
    const editor = staff('editor', ['30']);
    const record = decpRecord(gard.siret, { id: 'MET-1', montant: 250000 });
    expect(await importDecp(subgraph, decpFile([record]), {}, editor)).toMatchObject({ applied: true, created: 1 });
    await expectSummaryMatchesBaseTables();
    expect(await importDecp(subgraph, decpFile([{
      ...record,
      modifications: [{ modification: { id: 1, dateNotificationModification: '2025-06-01', datePublicationDonneesModification: '2025-06-03', montant: 260000 } }],
    }]), {}, editor)).toMatchObject({ applied: true, updated: 1 });
    await expectSummaryMatchesBaseTables();

    // deletions: through the API, then in bulk
    const current = ok(await subgraph.request(`query ($id: ID!) { contract(id: $id) { version } }`, { id: reserved.id })).contract;
    ok(await subgraph.request(`mutation ($id: ID!, $v: Int!) { deleteContract(id: $id, version: $v) }`, { id: reserved.id, v: current.version }));
    await expectSummaryMatchesBaseTables();
    await subgraph.dataSource.query(`DELETE FROM procurement.contract WHERE buyer_id = $1 AND decp_id LIKE 'MX%' AND notified_on < DATE '2024-03-01'`, [gard2.id]);
    await expectSummaryMatchesBaseTables();
  });

  it('count every one of concurrent writes to the same buyer and year (no lost update between their recomputations)', async () => {
    const before = (await metrics('30', 2025, gard.id)).contractCount;
    await Promise.all(Array.from({ length: 6 }, (_, i) => createContract(subgraph, gard.id, { amount: 10_000 + i, awardees: [{ identifier: ESS }] })));
    expect((await metrics('30', 2025, gard.id)).contractCount).toBe(before + 6);
    await expectSummaryMatchesBaseTables();
  });

  it('are backfilled from the existing contracts by the migration', async () => {
    const before = await metrics('30', 2025);
    expect(before.contractCount).toBeGreaterThan(0);
    const runner = subgraph.dataSource.createQueryRunner();
    try {
      await new ContractSummary1765840000000().down(runner);
      await new ContractSummary1765840000000().up(runner);
    } finally {
      await runner.release();
    }
    expect(await metrics('30', 2025)).toEqual({ ...before, asOf: expect.any(String) });
    await expectSummaryMatchesBaseTables();
  });

  it('answer from the summary alone: the plan reads no contract, awardee or ESS row (time does not grow with the table)', async () => {
    const [{ 'QUERY PLAN': plan }] = await subgraph.dataSource.query(`EXPLAIN (FORMAT JSON) ${FIGURES_SQL}`, ['30', 2025, null]);
    const relations = JSON.stringify(plan).match(/"Relation Name":"[a-z_]+"/g) ?? [];
    expect(new Set(relations)).toEqual(new Set(['"Relation Name":"contract_summary"']));
  });

  it('refuses a buyer that is not an id', async () => {
    expect(badFields(await subgraph.request(QUERY, { a: '30', y: 2025, b: 'nope' }))).toEqual(['buyer']);
  });
});
