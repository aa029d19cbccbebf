// SPASER plans, objectives, indicator kinds added as data, buyer training sessions, and the plan as a federation entity.
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { procurementSubgraph } from '../src';
import { badFields, createBuyer, createContract, ok } from './factories';

const editor = staff('editor', ['30']);

describe('SPASER and training', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(procurementSubgraph);
  });
  afterAll(() => subgraph?.close());

  it('lists the computed indicator kinds with the PNAD 2025 references', async () => {
    const { indicatorKinds } = ok(await subgraph.request(`{ indicatorKinds(first: 20) { nodes { code unit computed nationalTarget { value year source } } } }`));
    const byCode = Object.fromEntries(indicatorKinds.nodes.map((k: any) => [k.code, k]));
    expect(byCode.SOCIAL_CONSIDERATION_SHARE).toEqual({ code: 'SOCIAL_CONSIDERATION_SHARE', unit: 'PERCENT', computed: true, nationalTarget: { value: 30, year: 2025, source: 'PNAD 2022-2025' } });
    expect(byCode.ENVIRONMENTAL_CONSIDERATION_SHARE.nationalTarget).toEqual({ value: 100, year: 2025, source: 'PNAD 2022-2025' });
    expect(byCode.INSERTION_HOURS).toMatchObject({ unit: 'HOURS', computed: true, nationalTarget: null });
    expect(byCode.RESERVED_CONTRACTS.unit).toBe('COUNT');
    expect(byCode.ESS_SPEND_SHARE.unit).toBe('PERCENT');
  });

  it('takes a plan from planned to in force, with objectives of computed kinds and of a kind added as data', async () => {
    const plan = ok(
      await subgraph.request(`mutation { createSpaserPlan(input: { authority: "30", title: "SPASER du Gard", status: PLANNED, periodStart: 2026, periodEnd: 2028 }) { id version status adoptedOn } }`, {}, editor),
    ).createSpaserPlan;
    expect(plan).toMatchObject({ version: 1, status: 'PLANNED', adoptedOn: null });
    ok(await subgraph.request(`mutation { createIndicatorKind(input: { code: "CIRCULAR_ECONOMY_SHARE", label: "Réemploi", unit: PERCENT }) { code } }`, {}, staff('admin', ['30'])));
    let version = plan.version;
    for (const input of [
      '{ indicatorKind: "SOCIAL_CONSIDERATION_SHARE", targetValue: 35, targetYear: 2028, baselineValue: 16.4, baselineYear: 2024, description: "Une considération sociale dans un marché sur trois" }',
      '{ indicatorKind: "CIRCULAR_ECONOMY_SHARE", targetValue: 20, targetYear: 2028 }',
    ]) {
      version = ok(await subgraph.request(`mutation ($id: ID!, $v: Int!) { addSpaserObjective(planId: $id, planVersion: $v, input: ${input}) { version } }`, { id: plan.id, v: version }, editor))
        .addSpaserObjective.version;
    }
    const duplicate = await subgraph.request(
      `mutation ($id: ID!, $v: Int!) { addSpaserObjective(planId: $id, planVersion: $v, input: { indicatorKind: "CIRCULAR_ECONOMY_SHARE", targetValue: 25, targetYear: 2028 }) { version } }`,
      { id: plan.id, v: version },
      editor,
    );
    expect(badFields(duplicate)).toEqual(['targetYear']);
    const adopted = ok(
      await subgraph.request(`mutation ($id: ID!, $v: Int!) { updateSpaserPlan(id: $id, version: $v, input: { status: IN_FORCE, adoptedOn: "2025-12-18" }) { version status adoptedOn objectives { targetValue baselineValue description indicatorKind { code computed } } } }`, {
        id: plan.id,
        v: version,
      }, editor),
    ).updateSpaserPlan;
    expect(adopted).toMatchObject({ status: 'IN_FORCE', adoptedOn: '2025-12-18' });
    expect(adopted.objectives.map((o: any) => [o.indicatorKind.code, o.indicatorKind.computed, o.targetValue, o.baselineValue])).toEqual([
      ['CIRCULAR_ECONOMY_SHARE', false, 20, null],
      ['SOCIAL_CONSIDERATION_SHARE', true, 35, 16.4],
    ]);
    const inForce = ok(await subgraph.request(`{ spaserPlans(first: 5, filter: { authorities: ["30"], statuses: [IN_FORCE] }) { totalCount } }`)).spaserPlans;
    expect(inForce.totalCount).toBe(1);
  });

  it('records the buyers’ training sessions, linked to the SPASER they serve, listed by year', async () => {
    const plan = ok(await subgraph.request(`mutation { createSpaserPlan(input: { authority: "30", title: "Plan jurys", status: PLANNED, periodStart: 2026, periodEnd: 2028 }) { id } }`, {}, editor))
      .createSpaserPlan;
    const session = ok(
      await subgraph.request(
        `mutation ($p: ID!) { createTrainingSession(input: { authority: "30", topic: "Nouvelles pratiques pour les jurys de sélection", heldOn: "2025-02-13",
           organiser: "Direction des affaires juridiques, des achats et de la commande publique", buyersTrained: 18, spaserPlanId: $p }) { id version buyersTrained spaserPlan { title } } }`,
        { p: plan.id },
        editor,
      ),
    ).createTrainingSession;
    expect(session).toMatchObject({ version: 1, buyersTrained: 18, spaserPlan: { title: 'Plan jurys' } });
    ok(await subgraph.request(`mutation ($id: ID!) { updateTrainingSession(id: $id, version: 1, input: { buyersTrained: 21 }) { version } }`, { id: session.id }, editor));
    await subgraph.request(`mutation { createTrainingSession(input: { authority: "30", topic: "Clauses sociales", heldOn: "2024-10-01", organiser: "DAJ", buyersTrained: 9 }) { id } }`, {}, editor);
    const list = ok(await subgraph.request(`query ($p: ID) { trainingSessions(first: 10, filter: { authorities: ["30"], years: [2025] }) { nodes { topic buyersTrained } } byPlan: trainingSessions(first: 10, filter: { spaserPlanId: $p }) { totalCount } }`, { p: plan.id }, editor));
    expect(list.trainingSessions.nodes).toEqual([{ topic: 'Nouvelles pratiques pour les jurys de sélection', buyersTrained: 21 }]);
    expect(list.byPlan.totalCount).toBe(1);
  });

  it('resolves SpaserPlan and Contract references for the other subgraphs (the plans subgraph links to SPASERs)', async () => {
    const plan = ok(await subgraph.request(`mutation { createSpaserPlan(input: { authority: "26", title: "SPASER Drôme", status: PLANNED, periodStart: 2027, periodEnd: 2029 }) { id } }`)).createSpaserPlan;
    const buyer = await createBuyer(subgraph, { authority: '26' });
    const contract = await createContract(subgraph, buyer.id, { decpId: 'REF-1' });
    const { _entities } = ok(
      await subgraph.request(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on SpaserPlan { title authorityCode } ... on Contract { decpId } } }`, {
        r: [
          { __typename: 'SpaserPlan', id: plan.id },
          { __typename: 'Contract', id: contract.id },
          { __typename: 'SpaserPlan', id: 'not-an-id' },
        ],
      }),
    );
    expect(_entities).toEqual([{ title: 'SPASER Drôme', authorityCode: '26' }, { decpId: 'REF-1' }, null]);
  });
});
