// The demo data holds what DOMAIN.md describes for procurement, agrees with the registry's demo, and loads once.
import { DEMO_ACTORS } from '@ess/actors';
import { DEMO_AUTHORITIES, demoActor } from '@ess/kit';
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { procurementSubgraph } from '../src';
import { contractProblems, type ContractState } from '../src/contract/contract.rules';
import { demoContracts } from '../src/demo/demo-data';
import { countRows, ok } from './factories';

describe('demo data', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(procurementSubgraph, { seed: true });
  });
  afterAll(() => subgraph?.close());

  const contractsOf = async (filter: Record<string, unknown>) =>
    ok(
      await subgraph.request(`query ($filter: ContractFilter) { contracts(first: 500, filter: $filter) { totalCount nodes { decpId notifiedOn reservedBasis reserved
        insertionHoursPlanned insertionHoursAchieved modifications { decpId awardees { identifier } } awardees { identifier name ess { essMember inclusionType } } } } }`, { filter }),
    ).contracts;

  it('has the Département du Gard as a buyer, and buyers of the Drôme and the Ardèche', async () => {
    const { buyers } = ok(await subgraph.request(`{ buyers(first: 10) { nodes { name authorityCode siret } } }`));
    expect(buyers.nodes.map((b: { name: string; authorityCode: string }) => `${b.authorityCode} ${b.name}`).sort()).toEqual([
      "07 Département de l'Ardèche",
      '26 Département de la Drôme',
      '30 Département du Gard',
    ]);
    // the same SIRETs as the plans' authorities (one value per département, in the kit)
    for (const buyer of buyers.nodes as Array<{ authorityCode: '30' | '26' | '07'; siret: string }>) expect(buyer.siret).toBe(DEMO_AUTHORITIES[buyer.authorityCode].siret);
    expect(buyers.nodes.find((b: { authorityCode: string }) => b.authorityCode === '30').siret).toBe('22300001900016');
  });

  it('has a few hundred contracts over 2024 and 2025, most of them the Gard’s, all valid for the rules', async () => {
    const gard = await contractsOf({ authorities: ['30'] });
    expect(gard.totalCount).toBeGreaterThanOrEqual(200);
    expect(new Set(gard.nodes.map((c: { notifiedOn: string }) => c.notifiedOn.slice(0, 4)))).toEqual(new Set(['2024', '2025']));
    expect((await contractsOf({ authorities: ['26'] })).totalCount).toBeGreaterThan(10);
    expect((await contractsOf({ authorities: ['07'] })).totalCount).toBeGreaterThan(10);
    for (const state of demoContracts()) expect(contractProblems(state as ContractState, { today: '2026-01-31' })).toEqual([]);
  });

  it('reserves contracts to the demo ESAT and EA (L2113-12), the SIAE (L2113-13) and an ESS enterprise (L2113-15)', async () => {
    const reserved = (await contractsOf({ authorities: ['30'], reserved: true })).nodes;
    const basisOf = (siret: string) => new Set(reserved.filter((c: any) => c.awardees.some((a: any) => a.identifier === siret)).map((c: any) => c.reservedBasis));
    expect(basisOf(demoActor('esat-beaucaire').siret)).toEqual(new Set(['L2113_12']));
    expect(basisOf(demoActor('ea-nimes').siret)).toEqual(new Set(['L2113_12']));
    expect(basisOf(demoActor('ei-stgilles').siret)).toEqual(new Set(['L2113_13']));
    expect(basisOf(demoActor('jardins-cocagne-ales').siret)).toEqual(new Set(['L2113_13']));
    expect(basisOf(demoActor('fondation-nimes').siret)).toEqual(new Set(['L2113_15']));
    const esat = reserved.find((c: any) => c.awardees[0].identifier === demoActor('esat-beaucaire').siret);
    expect(esat.awardees[0]).toMatchObject({ name: 'ESAT du Rhône et des Costières', ess: { essMember: true, inclusionType: 'ESAT' } });
  });

  it('has insertion hours on contracts with a social clause, and modifications, one of them changing the awardee', async () => {
    const gard = (await contractsOf({ authorities: ['30'] })).nodes;
    const withHours = gard.filter((c: any) => c.insertionHoursPlanned > 0);
    expect(withHours.length).toBeGreaterThan(10);
    expect(withHours.every((c: any) => c.insertionHoursAchieved !== null)).toBe(true);
    expect(gard.filter((c: any) => c.modifications.length > 0).length).toBeGreaterThan(10);
    expect(gard.some((c: any) => c.modifications.some((m: any) => m.awardees.length > 0))).toBe(true);
  });

  it('has the Gard SPASER as PLANNED, with objectives for every computed indicator and one kind added as data', async () => {
    const { spaserPlans } = ok(
      await subgraph.request(`{ spaserPlans(first: 10) { nodes { id authorityCode status adoptedOn periodStart periodEnd
        objectives { targetValue targetYear baselineValue baselineYear indicatorKind { code computed unit nationalTarget { value year source } } } } } }`),
    );
    expect(spaserPlans.nodes).toHaveLength(1);
    const plan = spaserPlans.nodes[0];
    expect(plan).toMatchObject({ authorityCode: '30', status: 'PLANNED', adoptedOn: null, periodStart: 2026, periodEnd: 2028 });
    const kinds = plan.objectives.map((o: any) => o.indicatorKind.code).sort();
    expect(kinds).toEqual(['CIRCULAR_ECONOMY_SHARE', 'ENVIRONMENTAL_CONSIDERATION_SHARE', 'ESS_SPEND_SHARE', 'INSERTION_HOURS', 'RESERVED_CONTRACTS', 'SOCIAL_CONSIDERATION_SHARE']);
    const social = plan.objectives.find((o: any) => o.indicatorKind.code === 'SOCIAL_CONSIDERATION_SHARE');
    expect(social.indicatorKind.nationalTarget).toEqual({ value: 30, year: 2025, source: 'PNAD 2022-2025' });
    expect(plan.objectives.find((o: any) => o.indicatorKind.code === 'CIRCULAR_ECONOMY_SHARE').indicatorKind.computed).toBe(false);
  });

  it('has the buyers’ workshop on new practices for selection juries, run by the directorate for legal affairs and procurement', async () => {
    const { trainingSessions } = ok(await subgraph.request(`{ trainingSessions(first: 10) { nodes { authorityCode topic organiser buyersTrained spaserPlan { status } } } }`));
    expect(trainingSessions.nodes).toEqual([
      expect.objectContaining({
        authorityCode: '30',
        topic: 'Nouvelles pratiques pour les jurys de sélection',
        organiser: 'Direction des affaires juridiques, des achats et de la commande publique',
        spaserPlan: { status: 'PLANNED' },
      }),
    ]);
  });

  it('knows the ESS status of every demo actor, as the registry’s demo data has it', async () => {
    const rows: Array<{ siret: string; ess_member: boolean; inclusion_type: string }> = await subgraph.dataSource.query(`SELECT siret, ess_member, inclusion_type FROM procurement.ess_actor`);
    const bySiret = new Map(rows.map((r) => [r.siret, r]));
    expect(rows).toHaveLength(DEMO_ACTORS.length);
    for (const actor of DEMO_ACTORS) {
      const row = bySiret.get(demoActor(actor.key).siret);
      expect({ key: actor.key, ess: row?.ess_member, inclusion: row?.inclusion_type }).toEqual({ key: actor.key, ess: actor.essMember ?? true, inclusion: actor.inclusionType ?? 'NONE' });
    }
  });

  it('gives the Gard 2025 indicators against its SPASER in preparation and the PNAD', async () => {
    const { procurementIndicators } = ok(
      await subgraph.request(`{ procurementIndicators(authority: "30", year: 2025) { contractCount socialConsiderationShare essSpendShare reservedContractCount
        spaserPlan { status } indicators { kind { code } value spaserTarget { expectedValue status } nationalTarget { targetValue status } } } }`),
    );
    expect(procurementIndicators.contractCount).toBe(130);
    expect(procurementIndicators.spaserPlan).toEqual({ status: 'PLANNED' });
    expect(procurementIndicators.reservedContractCount).toBeGreaterThanOrEqual(6);
    expect(procurementIndicators.essSpendShare).toBeGreaterThan(0);
    const social = procurementIndicators.indicators.find((i: any) => i.kind.code === 'SOCIAL_CONSIDERATION_SHARE');
    expect(social.nationalTarget.targetValue).toBe(30);
    expect(['ON_TRACK', 'BEHIND']).toContain(social.spaserTarget.status);
  });

  it('seeding again adds nothing', async () => {
    const tables = ['buyer', 'contract', 'contract_modification', 'contract_awardee', 'ess_actor', 'spaser_plan', 'spaser_objective', 'training_session', 'indicator_kind', 'audit_log'];
    const counts = () => Promise.all(tables.map((t) => countRows(subgraph.dataSource, t)));
    const before = await counts();
    await procurementSubgraph.seedDemoData!(subgraph.dataSource);
    expect(await counts()).toEqual(before);
  });
});

describe('demo data loaded by two replicas starting together', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(procurementSubgraph);
  });
  afterAll(() => subgraph?.close());

  it('both succeed and the data is there once', async () => {
    const results = await Promise.allSettled([procurementSubgraph.seedDemoData!(subgraph.dataSource), procurementSubgraph.seedDemoData!(subgraph.dataSource)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await countRows(subgraph.dataSource, 'buyer')).toBe(3);
    expect(await countRows(subgraph.dataSource, 'spaser_plan')).toBe(1);
  });
});
