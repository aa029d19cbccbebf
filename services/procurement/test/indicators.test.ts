// The indicators against hand-computed values on a small data set, their targets, and the registry's ESS status flowing in.
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { procurementSubgraph } from '../src';
import { expectedValue } from '../src/indicators/indicators.service';
import { addModification, createBuyer, createContract, ok, siretFor, syncEss } from './factories';

const ESS = siretFor(201);
const COMPANY = siretFor(202);
const ESAT = siretFor(203);

const QUERY = `query ($a: String!, $y: Int!) { procurementIndicators(authority: $a, year: $y) {
  authority year contractCount totalAmount socialConsiderationCount socialConsiderationShare environmentalConsiderationCount environmentalConsiderationShare
  reservedContractCount reservedByBasis { basis count amount } insertionHoursPlanned insertionHoursAchieved essAmount essSpendShare essContractCount
  spaserPlan { title }
  indicators { kind { code } value spaserTarget { source targetValue targetYear baselineValue baselineYear expectedValue status } nationalTarget { source targetValue targetYear expectedValue status } }
} }`;

const indicatorsOf = async (subgraph: TestSubgraph, authority = '30', year = 2025) => {
  const result = await subgraph.request(QUERY, { a: authority, y: year });
  return { ...ok(result).procurementIndicators, statements: result.statements };
};
const byKind = (result: any, code: string) => result.indicators.find((i: any) => i.kind.code === code);

/** The small data set of both groups: Gard contracts A–D (and two left out), the registry's view, a SPASER with targets. */
async function seedIndicatorData(subgraph: TestSubgraph): Promise<void> {
  const gard = await createBuyer(subgraph, { authority: '30' });
  const drome = await createBuyer(subgraph, { authority: '26' });
  const awardee = (siret: string) => [{ identifier: siret }];
  // A: 100 000 €, social clause, ESS awardee, 500 h planned / 300 h achieved
  await createContract(subgraph, gard.id, { amount: 100_000, socialConsiderations: ['SOCIAL_CLAUSE'], environmentalConsiderations: ['NONE'], awardees: awardee(ESS), insertionHoursPlanned: 500, insertionHoursAchieved: 300 });
  // B: 300 000 €, environmental clause only, a company
  await createContract(subgraph, gard.id, { amount: 300_000, socialConsiderations: ['NONE'], environmentalConsiderations: ['ENVIRONMENTAL_CLAUSE'], awardees: awardee(COMPANY) });
  // C: 50 000 € reserved L2113-12 with an environmental criterion, ESS and company co-awardees (half each)
  await createContract(subgraph, gard.id, {
    amount: 50_000,
    socialConsiderations: ['RESERVED_CONTRACT'],
    reservedBasis: 'L2113_12',
    environmentalConsiderations: ['ENVIRONMENTAL_CRITERION'],
    awardees: [{ identifier: ESS }, { identifier: COMPANY }],
  });
  // D: 50 000 € with a social criterion to the ESAT, then a modification: 70 000 € and the company instead
  const d = await createContract(subgraph, gard.id, { amount: 50_000, socialConsiderations: ['SOCIAL_CRITERION'], environmentalConsiderations: ['NONE'], awardees: awardee(ESAT) });
  ok(await addModification(subgraph, d.id, d.version, { notifiedOn: '2025-09-01', amount: 70_000, awardees: awardee(COMPANY) }));
  // outside the year or the authority: left out
  await createContract(subgraph, gard.id, { amount: 999_000, notifiedOn: '2024-12-31', publishedOn: null, socialConsiderations: ['SOCIAL_CLAUSE'], awardees: awardee(ESS) });
  await createContract(subgraph, drome.id, { amount: 777_000, socialConsiderations: ['SOCIAL_CLAUSE'], awardees: awardee(ESS) });

  await syncEss(subgraph, [
    { siret: ESS, essMember: true },
    { siret: ESAT, essMember: true, inclusionType: 'ESAT' },
    { siret: COMPANY, essMember: false },
  ]);

  const plan = ok(
    await subgraph.request(`mutation { createSpaserPlan(input: { authority: "30", title: "SPASER test", status: ADOPTED, adoptedOn: "2024-06-01", periodStart: 2024, periodEnd: 2027 }) { id version } }`, {}, staff('editor', ['30'])),
  ).createSpaserPlan;
  let version = plan.version;
  for (const input of [
    '{ indicatorKind: "SOCIAL_CONSIDERATION_SHARE", targetValue: 80, targetYear: 2027, baselineValue: 60, baselineYear: 2024 }',
    '{ indicatorKind: "ENVIRONMENTAL_CONSIDERATION_SHARE", targetValue: 100, targetYear: 2025 }',
    '{ indicatorKind: "ESS_SPEND_SHARE", targetValue: 30, targetYear: 2026, baselineValue: 20, baselineYear: 2024 }',
  ]) {
    version = ok(await subgraph.request(`mutation ($id: ID!, $v: Int!) { addSpaserObjective(planId: $id, planVersion: $v, input: ${input}) { version } }`, { id: plan.id, v: version })).addSpaserObjective.version;
  }
}

// Read-only: every test sees the same data, whatever the order they run in.
describe('procurement indicators', () => {
  let subgraph: TestSubgraph;
  const indicators = (authority?: string, year?: number) => indicatorsOf(subgraph, authority, year);

  beforeAll(async () => {
    subgraph = await startTestSubgraph(procurementSubgraph);
    await seedIndicatorData(subgraph);
  });
  afterAll(() => subgraph?.close());

  it('counts, amounts and shares match the hand-computed values', async () => {
    const result = await indicators();
    expect(result).toMatchObject({
      authority: '30',
      year: 2025,
      contractCount: 4,
      totalAmount: 520_000, // 100 000 + 300 000 + 50 000 + 70 000 (D after its modification)
      socialConsiderationCount: 3, // A, C, D
      socialConsiderationShare: 75,
      environmentalConsiderationCount: 2, // B, C
      environmentalConsiderationShare: 50,
      reservedContractCount: 1,
      reservedByBasis: [{ basis: 'L2113_12', count: 1, amount: 50_000 }],
      insertionHoursPlanned: 500,
      insertionHoursAchieved: 300,
      essAmount: 125_000, // A 100 000 + half of C; D's awardee is now the company
      essSpendShare: 24.04, // 125 000 / 520 000
      essContractCount: 2,
      spaserPlan: { title: 'SPASER test' },
    });
  });

  it('sets each indicator against the SPASER objective (trajectory from the baseline) and the PNAD', async () => {
    const result = await indicators();
    expect(byKind(result, 'SOCIAL_CONSIDERATION_SHARE')).toMatchObject({
      value: 75,
      // 60 in 2024 to 80 in 2027: 66.67 expected in 2025
      spaserTarget: { source: 'SPASER test', targetValue: 80, targetYear: 2027, baselineValue: 60, baselineYear: 2024, expectedValue: 66.67, status: 'ON_TRACK' },
      nationalTarget: { source: 'PNAD 2022-2025', targetValue: 30, targetYear: 2025, expectedValue: 30, status: 'ON_TRACK' },
    });
    expect(byKind(result, 'ENVIRONMENTAL_CONSIDERATION_SHARE')).toMatchObject({
      value: 50,
      spaserTarget: { expectedValue: 100, status: 'BEHIND' },
      nationalTarget: { targetValue: 100, status: 'BEHIND' },
    });
    expect(byKind(result, 'ESS_SPEND_SHARE')).toMatchObject({ value: 24.04, spaserTarget: { expectedValue: 25, status: 'BEHIND' }, nationalTarget: null });
    expect(byKind(result, 'RESERVED_CONTRACTS')).toMatchObject({ value: 1, spaserTarget: null, nationalTarget: null });
    expect(byKind(result, 'INSERTION_HOURS')).toMatchObject({ value: 300 });
    expect(expectedValue({ targetValue: 80, targetYear: 2027, baselineValue: 60, baselineYear: 2024 }, 2023)).toBe(60);
    expect(expectedValue({ targetValue: 80, targetYear: 2027, baselineValue: 60, baselineYear: 2024 }, 2030)).toBe(80);
  });

  it('says NO_DATA for a year without contracts, and needs a constant number of statements', async () => {
    const empty = await indicators('30', 2023);
    expect(empty).toMatchObject({ contractCount: 0, totalAmount: 0, socialConsiderationShare: null, essSpendShare: null, reservedByBasis: [] });
    expect(byKind(empty, 'SOCIAL_CONSIDERATION_SHARE')).toMatchObject({ value: null, nationalTarget: { status: 'NO_DATA' } });
    // figures, plan, objectives, kinds
    expect((await indicators()).statements).toBe(4);
    expect(empty.statements).toBe(4);
  });

  it('the Drôme, without a SPASER, is compared with the PNAD only', async () => {
    const result = await indicators('26', 2025);
    expect(result).toMatchObject({ contractCount: 1, socialConsiderationShare: 100, spaserPlan: null });
    expect(byKind(result, 'SOCIAL_CONSIDERATION_SHARE')).toMatchObject({ spaserTarget: null, nationalTarget: { status: 'ON_TRACK' } });
  });
});

// Changes the registry's view (ESS sync): its own subgraph and data, so the read-only tests above never see its changes.
describe('procurement indicators as the registry changes', () => {
  let subgraph: TestSubgraph;
  const indicators = (authority?: string, year?: number) => indicatorsOf(subgraph, authority, year);
  beforeAll(async () => {
    subgraph = await startTestSubgraph(procurementSubgraph);
    await seedIndicatorData(subgraph);
  });
  afterAll(() => subgraph?.close());

  it('moves with the registry: an awardee becoming an ESS actor raises the share of spend at once', async () => {
    expect((await indicators()).essSpendShare).toBe(24.04);
    expect(await syncEss(subgraph, [{ siret: COMPANY, essMember: true, updatedAt: '2026-01-02T10:00:00Z' }])).toMatchObject({ updated: 1 });
    const after = await indicators();
    expect(after).toMatchObject({ essAmount: 520_000, essSpendShare: 100, essContractCount: 4 });
    // a late, older message from the registry does not undo it
    expect(await syncEss(subgraph, [{ siret: COMPANY, essMember: false, updatedAt: '2026-01-01T10:00:00Z' }])).toMatchObject({ stale: 1, updated: 0 });
    expect((await indicators()).essSpendShare).toBe(100);
    // the registry removes the actor: it no longer counts
    expect(await syncEss(subgraph, [{ siret: COMPANY, essMember: true, removed: true }])).toMatchObject({ removed: 1 });
    expect((await indicators()).essSpendShare).toBe(24.04);
  });
});
