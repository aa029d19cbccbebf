// Bad input is refused with BAD_USER_INPUT naming the field, and nothing is written (no record, no audit entry).
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { plansSubgraph } from '../src';
import {
  badFields,
  countAudit,
  createAction,
  createAxis,
  createIndicator,
  createPlan,
  planWithAxis,
  recordValue,
  tryCreateAction,
  tryCreateAgreement,
  updateAction,
  updatePlan,
} from './factories';

describe('validation', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(plansSubgraph);
  });
  afterAll(() => subgraph?.close());

  async function unchanged<T>(attempt: () => Promise<T>): Promise<T> {
    const before = await countAudit(subgraph.dataSource);
    const result = await attempt();
    expect(await countAudit(subgraph.dataSource)).toBe(before);
    return result;
  }

  const createPlanRaw = (input: Record<string, unknown>) =>
    subgraph.request(`mutation ($input: CreatePlanInput!) { createPlan(input: $input) { id } }`, { input: { title: 'Plan', authorities: ['30'], ...input } });

  describe('plans', () => {
    it('names each field that is wrong', async () => {
      expect(badFields(await unchanged(() => createPlanRaw({ title: '   ' })))).toEqual(['title']);
      expect(badFields(await unchanged(() => createPlanRaw({ startOn: '2028-01-01', endOn: '2024-01-01' })))).toEqual(['endOn']);
      expect(badFields(await unchanged(() => createPlanRaw({ startOn: '2024-02-30' })))).toEqual(['startOn']);
      expect(badFields(await unchanged(() => createPlanRaw({ adoptedOn: '8 mars 2024' })))).toEqual(['adoptedOn']);
      expect(badFields(await unchanged(() => createPlanRaw({ status: 'ADOPTED' })))).toEqual(['adoptedOn']);
      expect(badFields(await unchanged(() => createPlanRaw({ kind: 'CLIMATE_PLAN' })))).toEqual(['kind']);
      expect(badFields(await unchanged(() => createPlanRaw({ kind: 'not a code' })))).toEqual(['kind']);
      expect(badFields(await unchanged(() => createPlanRaw({ authorities: ['99'] })))).toEqual(['authorities']);
      expect(badFields(await unchanged(() => createPlanRaw({ authorities: ['13'] })))).toEqual(['authorities']);
      expect(badFields(await unchanged(() => createPlanRaw({ authorities: [] })))).toEqual(['authorities']);
    });

    it('reports several problems at once', async () => {
      const fields = badFields(await unchanged(() => createPlanRaw({ title: '  ', status: 'IN_PROGRESS', startOn: '2025-01-01', endOn: '2024-01-01' })));
      expect(fields.sort()).toEqual(['adoptedOn', 'endOn', 'title']);
    });

    it('checks an update against the stored values (an end before the stored start)', async () => {
      const plan = await createPlan(subgraph, { startOn: '2024-03-08' });
      expect(badFields(await unchanged(() => updatePlan(subgraph, plan.id, plan.version, { endOn: '2023-12-31' })))).toEqual(['endOn']);
      expect(badFields(await unchanged(() => updatePlan(subgraph, plan.id, plan.version, { title: null })))).toEqual(['title']);
    });

    it('accepts a new kind once it is in the reference table, without any model change', async () => {
      expect(badFields(await createPlanRaw({ kind: 'SOLIDARITY_PLAN' }))).toEqual(['kind']);
      const kind = await subgraph.request(`mutation { createPlanKind(input: { code: "SOLIDARITY_PLAN", label: "Plan de solidarité" }) { code label } }`);
      expect(kind.errors).toBeUndefined();
      const plan = await createPlan(subgraph, { kind: 'SOLIDARITY_PLAN' });
      expect(plan.kindCode).toBe('SOLIDARITY_PLAN');
      expect(badFields(await subgraph.request(`mutation { createPlanKind(input: { code: "SOLIDARITY_PLAN", label: "Encore" }) { code } }`))).toEqual(['code']);
    });
  });

  describe('actions', () => {
    it('progress from 0 to 100, and 100 for a done action', async () => {
      const { axis } = await planWithAxis(subgraph);
      expect(badFields(await unchanged(() => tryCreateAction(subgraph, axis.id, { progress: 101 })))).toEqual(['progress']);
      expect(badFields(await unchanged(() => tryCreateAction(subgraph, axis.id, { progress: -1 })))).toEqual(['progress']);
      expect(badFields(await unchanged(() => tryCreateAction(subgraph, axis.id, { status: 'DONE', progress: 50 })))).toEqual(['progress']);
      const action = await createAction(subgraph, axis.id, { status: 'DONE', progress: 100 });
      expect(badFields(await unchanged(() => updateAction(subgraph, action.id, action.version, { progress: 90 })))).toEqual(['progress']);
    });

    it('dates in order, budgets not negative and in cents', async () => {
      const { axis } = await planWithAxis(subgraph);
      expect(badFields(await unchanged(() => tryCreateAction(subgraph, axis.id, { startOn: '2025-06-01', endOn: '2025-05-31' })))).toEqual(['endOn']);
      expect(badFields(await unchanged(() => tryCreateAction(subgraph, axis.id, { plannedBudget: -1 })))).toEqual(['plannedBudget']);
      expect(badFields(await unchanged(() => tryCreateAction(subgraph, axis.id, { committedBudget: -0.01 })))).toEqual(['committedBudget']);
      expect(badFields(await unchanged(() => tryCreateAction(subgraph, axis.id, { plannedBudget: 10.005 })))).toEqual(['plannedBudget']);
      const action = await createAction(subgraph, axis.id, { startOn: '2025-06-01', plannedBudget: 1234.56, committedBudget: 0 });
      expect(action.plannedBudget).toBe(1234.56);
      expect(badFields(await unchanged(() => updateAction(subgraph, action.id, action.version, { endOn: '2025-01-01' })))).toEqual(['endOn']);
    });

    it('milestones are dated, and only a done one has a completion date', async () => {
      const { axis } = await planWithAxis(subgraph);
      expect(badFields(await unchanged(() => tryCreateAction(subgraph, axis.id, { milestones: [{ title: 'Atelier', dueOn: '2025-13-01' }] })))).toEqual(['milestones.0.dueOn']);
      expect(badFields(await unchanged(() => tryCreateAction(subgraph, axis.id, { milestones: [{ title: 'Atelier', dueOn: '2025-02-30' }] })))).toEqual(['milestones.0.dueOn']);
      expect(
        badFields(await unchanged(() => tryCreateAction(subgraph, axis.id, { milestones: [{ title: 'A', dueOn: '2025-01-01' }, { title: 'B', dueOn: '2025-02-01', done: false, doneOn: '2025-02-01' }] }))),
      ).toEqual(['milestones.1.doneOn']);
    });

    it('an action’s axis is in the same plan as its parent action, with one level of sub-actions', async () => {
      const first = await planWithAxis(subgraph);
      const other = await planWithAxis(subgraph);
      const parent = await createAction(subgraph, first.axis.id, { title: 'Parent' });
      const stranger = await createAction(subgraph, other.axis.id, { title: 'Ailleurs' });
      expect(badFields(await unchanged(() => tryCreateAction(subgraph, other.axis.id, { parentId: parent.id })))).toEqual(['parentId']);
      const secondAxis = await createAxis(subgraph, first.plan.id);
      const child = await createAction(subgraph, secondAxis.id, { title: 'Enfant sur un autre axe du même plan', parentId: parent.id });
      expect(child.parentId).toBe(parent.id);
      expect(badFields(await unchanged(() => tryCreateAction(subgraph, first.axis.id, { parentId: child.id })))).toEqual(['parentId']);
      expect(badFields(await unchanged(() => updateAction(subgraph, parent.id, parent.version, { parentId: stranger.id })))).toEqual(['parentId']);
      expect(badFields(await unchanged(() => updateAction(subgraph, parent.id, parent.version, { parentId: parent.id })))).toEqual(['parentId']);
      expect(badFields(await unchanged(() => tryCreateAction(subgraph, '00000000-0000-4000-8000-000000000000')))).toEqual(['axisId']);
      expect(badFields(await unchanged(() => tryCreateAction(subgraph, 'not-an-id')))).toEqual(['axisId']);
      expect(badFields(await unchanged(() => tryCreateAction(subgraph, first.axis.id, { partnerIds: ['not-an-id'] })))).toEqual(['partnerIds.0']);
    });
  });

  describe('indicators', () => {
    it('a target after the baseline, values dated on a real day, not before the baseline nor in the future', async () => {
      const { plan } = await planWithAxis(subgraph);
      const create = (input: Record<string, unknown>) =>
        subgraph.request(`mutation ($input: CreateIndicatorInput!) { createIndicator(input: $input) { id } }`, {
          input: { planId: plan.id, title: 'I', unit: '%', baseline: 0, baselineOn: '2024-01-01', target: 1, targetOn: '2025-01-01', ...input },
        });
      expect(badFields(await unchanged(() => create({ targetOn: '2023-12-31' })))).toEqual(['targetOn']);
      expect(badFields(await unchanged(() => create({ targetOn: '2024-01-01' })))).toEqual(['targetOn']);
      expect(badFields(await unchanged(() => create({ unit: undefined })))).toEqual(['unit']);
      const indicator = await createIndicator(subgraph, plan.id, { baselineOn: '2024-01-01' });
      expect(badFields(await unchanged(() => recordValue(subgraph, indicator.id, indicator.version, '2024-02-30', 3)))).toEqual(['measuredOn']);
      expect(badFields(await unchanged(() => recordValue(subgraph, indicator.id, indicator.version, '2023-12-31', 3)))).toEqual(['measuredOn']);
      expect(badFields(await unchanged(() => recordValue(subgraph, indicator.id, indicator.version, '2999-01-01', 3)))).toEqual(['measuredOn']);
      const undated = await subgraph.request(`mutation ($id: ID!) { recordIndicatorValue(indicatorId: $id, version: 1, input: { value: 3 }) { id } }`, { id: indicator.id });
      expect(undated.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const removed = await subgraph.request(`mutation ($id: ID!) { removeIndicatorValue(indicatorId: $id, version: 1, measuredOn: "2024-06-01") { id } }`, { id: indicator.id });
      expect(badFields(removed)).toEqual(['measuredOn']);
    });

    it('an indicator’s action is in its plan', async () => {
      const first = await planWithAxis(subgraph);
      const other = await planWithAxis(subgraph);
      const action = await createAction(subgraph, other.axis.id);
      const result = await subgraph.request(`mutation ($input: CreateIndicatorInput!) { createIndicator(input: $input) { id } }`, {
        input: { planId: first.plan.id, actionId: action.id, title: 'I', unit: '%', baseline: 0, baselineOn: '2024-01-01', target: 1, targetOn: '2025-01-01' },
      });
      expect(badFields(result)).toEqual(['actionId']);
    });
  });

  describe('agreements', () => {
    it('a valid beneficiary SIRET, amounts not negative, a schedule within the amount, dates in order', async () => {
      const { axis } = await planWithAxis(subgraph);
      const action = await createAction(subgraph, axis.id);
      expect(badFields(await unchanged(() => tryCreateAgreement(subgraph, action.id, { beneficiarySiret: '12345678901234' })))).toEqual(['beneficiarySiret']);
      expect(badFields(await unchanged(() => tryCreateAgreement(subgraph, action.id, { beneficiarySiret: '1234' })))).toEqual(['beneficiarySiret']);
      expect(badFields(await unchanged(() => tryCreateAgreement(subgraph, action.id, { amount: -5 })))).toEqual(['amount']);
      expect(badFields(await unchanged(() => tryCreateAgreement(subgraph, action.id, { startOn: '2025-01-01', endOn: '2024-12-31' })))).toEqual(['endOn']);
      const signedUndated = { status: 'SIGNED', startOn: '2024-01-01' };
      expect(badFields(await unchanged(() => tryCreateAgreement(subgraph, action.id, signedUndated)))).toEqual(['signedOn']);
      expect(badFields(await unchanged(() => tryCreateAgreement(subgraph, action.id, { paymentTerms: 'OTHER' })))).toEqual(['paymentTermsNote']);
      expect(
        badFields(
          await unchanged(() =>
            tryCreateAgreement(subgraph, action.id, { amount: 1000, paymentTerms: 'STAGED', instalments: [{ dueOn: '2025-01-01', amount: 600 }, { dueOn: '2025-06-01', amount: 400.01 }] }),
          ),
        ),
      ).toEqual(['instalments']);
      expect(
        badFields(await unchanged(() => tryCreateAgreement(subgraph, action.id, { paymentTerms: 'SINGLE', instalments: [{ dueOn: '2025-01-01', amount: 1 }, { dueOn: '2025-02-01', amount: 1 }] }))),
      ).toEqual(['instalments']);
      expect(badFields(await unchanged(() => tryCreateAgreement(subgraph, action.id, { instalments: [{ dueOn: '2025-02-29', amount: 1 }] })))).toEqual(['instalments.0.dueOn']);
      expect(badFields(await unchanged(() => tryCreateAgreement(subgraph, action.id, { instalments: [{ dueOn: '2025-02-01', amount: -1 }] })))).toEqual(['instalments.0.amount']);
      expect(badFields(await unchanged(() => tryCreateAgreement(subgraph, action.id, { subsidyShare: 1.5 })))).toEqual(['subsidyShare']);
      expect(badFields(await unchanged(() => tryCreateAgreement(subgraph, action.id, { beneficiaryRna: 'W12' })))).toEqual(['beneficiaryRna']);
      // La Poste: SIRETs whose digits add up to a multiple of 5 are valid even when the Luhn check fails
      const laPoste = await tryCreateAgreement(subgraph, action.id, { beneficiarySiret: '35600000000010' });
      expect(laPoste.errors).toBeUndefined();
      // the kit's rules, as in every subgraph: La Poste's head office passes Luhn; a SIREN part failing Luhn is refused
      expect((await tryCreateAgreement(subgraph, action.id, { beneficiarySiret: '35600000000048' })).errors).toBeUndefined();
      expect(badFields(await unchanged(() => tryCreateAgreement(subgraph, action.id, { beneficiarySiret: '12345678900023' })))).toEqual(['beneficiarySiret']);
      // one amount ceiling for every subgraph (1 billion euros, as for contracts)
      expect(badFields(await unchanged(() => tryCreateAgreement(subgraph, action.id, { amount: 1e9 })))).toEqual(['amount']);
    });

    it('the granting authority is one of the plan’s', async () => {
      const { axis } = await planWithAxis(subgraph, { authorities: ['26', '07'] });
      const action = await createAction(subgraph, axis.id);
      expect(badFields(await unchanged(() => tryCreateAgreement(subgraph, action.id, { authority: '30' })))).toEqual(['authority']);
      // a plan of two authorities: say which one grants it
      expect(badFields(await unchanged(() => tryCreateAgreement(subgraph, action.id)))).toEqual(['authority']);
      expect((await tryCreateAgreement(subgraph, action.id, { authority: '07' })).errors).toBeUndefined();
    });
  });

  describe('events and lists', () => {
    it('an event needs a real date; a nested list pages either way but not both at once; page sizes are bounded', async () => {
      const plan = await createPlan(subgraph);
      const event = await subgraph.request(`mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }`, {
        input: { planId: plan.id, title: 'Réunion', kind: 'PUBLIC_MEETING', heldOn: '2024-11-31' },
      });
      expect(badFields(event)).toEqual(['heldOn']);
      const backwards = await subgraph.request(`query ($id: ID!) { plan(id: $id) { actions(last: 2) { totalCount } } }`, { id: plan.id });
      expect(backwards.errors).toBeUndefined();
      const both = await subgraph.request(`query ($id: ID!) { plan(id: $id) { actions(first: 2, last: 2) { totalCount } } }`, { id: plan.id });
      expect(badFields(both)).toEqual(['last']);
      const forgedBefore = await subgraph.request(`query ($id: ID!) { plan(id: $id) { actions(last: 2, before: "forged") { totalCount } } }`, { id: plan.id });
      expect(badFields(forgedBefore)).toEqual(['before']);
      expect(badFields(await subgraph.request(`{ plans(first: 501) { totalCount } }`))).toEqual(['first']);
      expect(badFields(await subgraph.request(`query ($id: ID!) { plan(id: $id) { actions(first: 2, after: "forged") { totalCount } } }`, { id: plan.id }))).toEqual(['after']);
    });
  });
});
