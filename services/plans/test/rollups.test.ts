// Roll-ups computed in SQL, checked against values computed by hand on a small plan.
// Weighting: the progress of an axis or plan is the plain average of its actions' progress (equal weights), sub-actions
// included, each in its own axis; cancelled actions are left out; budgets add up each counted action's own budget.
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { plansSubgraph } from '../src';
import {
  createAction,
  createAgreement,
  createAxis,
  createIndicator,
  createPlan,
  ok,
  recordValue,
  updateAction,
  type Row,
} from './factories';

const ROLLUPS = `query ($id: ID!) {
  plan(id: $id) {
    progress { actionCount progress }
    budget { planned committed commitmentRate }
    agreementTotals { axisId year agreementCount amount axis { title } }
    indicatorCounts { total onTrack late achieved noData }
    axes { title progress { actionCount progress } budget { planned committed commitmentRate } agreementTotals { year agreementCount amount } }
    indicators(first: 20) { nodes { title tracking { status latestValue latestOn expectedValue } } }
  }
}`;

describe('roll-ups', () => {
  let subgraph: TestSubgraph;
  let plan: Row;
  let axes: Record<'A' | 'B' | 'C', Row>;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(plansSubgraph);
    plan = await createPlan(subgraph, { title: 'Petit plan' });
    axes = {
      A: await createAxis(subgraph, plan.id, { title: 'A' }),
      B: await createAxis(subgraph, plan.id, { title: 'B' }),
      C: await createAxis(subgraph, plan.id, { title: 'C' }),
    };
    const a1 = await createAction(subgraph, axes.A.id, {
      title: 'a1',
      status: 'IN_PROGRESS',
      progress: 20,
      plannedBudget: 1000,
      committedBudget: 500,
    });
    const a2 = await createAction(subgraph, axes.A.id, {
      title: 'a2',
      status: 'IN_PROGRESS',
      progress: 60,
      plannedBudget: 3000,
      committedBudget: 1500,
    });
    const a3 = await createAction(subgraph, axes.A.id, {
      title: 'a3 (sous-action)',
      parentId: a1.id,
      status: 'DONE',
      progress: 100,
      plannedBudget: 700,
    });
    await createAction(subgraph, axes.A.id, { title: 'a4 (annulée)', status: 'CANCELLED', progress: 0, plannedBudget: 9999 });
    await createAction(subgraph, axes.B.id, { title: 'b1', status: 'IN_PROGRESS', progress: 90 });
    const b2 = await createAction(subgraph, axes.B.id, {
      title: 'b2 (sous-action de a1)',
      parentId: a1.id,
      status: 'DONE',
      progress: 100,
      plannedBudget: 500,
    });

    await createAgreement(subgraph, a1.id, { amount: 10000, status: 'SIGNED', signedOn: '2024-03-01', startOn: '2024-03-01' });
    await createAgreement(subgraph, a2.id, { amount: 5000.5, status: 'CLOSED', signedOn: '2024-11-30', startOn: '2024-11-30' });
    await createAgreement(subgraph, a3.id, { amount: 2500, status: 'SIGNED', signedOn: '2025-01-02', startOn: '2025-01-02' });
    await createAgreement(subgraph, a1.id, { amount: 7000 }); // draft: not counted
    await createAgreement(subgraph, a2.id, { amount: 3000, status: 'CANCELLED', signedOn: '2024-05-01' }); // cancelled: not counted
    await createAgreement(subgraph, b2.id, { amount: 1000, status: 'SIGNED', signedOn: '2025-06-30', startOn: '2025-06-30' });

    // Indicators over 2020-01-01 → 2040-01-01 (7 305 days); 2025-01-01 is day 1 827 of the path.
    const long = { baselineOn: '2020-01-01', targetOn: '2040-01-01' };
    await createIndicator(subgraph, plan.id, { title: 'i1 sans valeur', ...long });
    const values: Array<[Record<string, unknown>, string, number]> = [
      [{ title: 'i2 atteint', baseline: 0, target: 10, ...long }, '2025-01-01', 10],
      [{ title: 'i3 sur la trajectoire', baseline: 0, target: 7305, ...long }, '2025-01-01', 1827],
      [{ title: 'i4 en retard sur la trajectoire', baseline: 0, target: 7305, ...long }, '2025-01-01', 1826],
      [{ title: 'i5 échéance passée', baseline: 0, target: 10, baselineOn: '2020-01-01', targetOn: '2021-01-01' }, '2020-07-01', 9],
      [{ title: 'i6 baisse sur la trajectoire', baseline: 100, target: 0, ...long }, '2025-01-01', 70],
      [{ title: 'i7 baisse en retard', baseline: 100, target: 0, actionId: a1.id, ...long }, '2025-01-01', 80],
    ];
    for (const [input, measuredOn, value] of values) {
      const indicator = await createIndicator(subgraph, plan.id, input);
      ok(await recordValue(subgraph, indicator.id, indicator.version, measuredOn, value));
    }
  });
  afterAll(() => subgraph?.close());

  it('progress and budget per axis and per plan', async () => {
    const result = ok(await subgraph.request(ROLLUPS, { id: plan.id })).plan;
    expect(result.axes).toEqual([
      // a1, a2 and the sub-action a3: (20 + 60 + 100) / 3; 1000 + 3000 + 700 planned, 500 + 1500 committed
      expect.objectContaining({
        title: 'A',
        progress: { actionCount: 3, progress: 60 },
        budget: { planned: 4700, committed: 2000, commitmentRate: 0.4255 },
      }),
      // b1 and b2, a sub-action of a1 under another axis: it counts where it is listed
      expect.objectContaining({
        title: 'B',
        progress: { actionCount: 2, progress: 95 },
        budget: { planned: 500, committed: 0, commitmentRate: null },
      }),
      expect.objectContaining({
        title: 'C',
        progress: { actionCount: 0, progress: null },
        budget: { planned: 0, committed: 0, commitmentRate: null },
      }),
    ]);
    // (20 + 60 + 100 + 90 + 100) / 5 = 74: each action counts the same; the plan totals exactly its axes' actions
    expect(result.progress).toEqual({ actionCount: 5, progress: 74 });
    expect(result.progress.actionCount).toBe(result.axes.reduce((sum: number, a: any) => sum + a.progress.actionCount, 0));
    expect(result.budget).toEqual({ planned: 5200, committed: 2000, commitmentRate: 0.3846 });
  });

  it('an action set back from done to in progress gets its progress from before back, and the roll-up follows', async () => {
    const other = await createPlan(subgraph, { title: 'Aller-retour' });
    const axis = await createAxis(subgraph, other.id);
    let action = await createAction(subgraph, axis.id, { status: 'IN_PROGRESS', progress: 35 });
    action = ok(await updateAction(subgraph, action.id, action.version, { status: 'DONE', progress: 100 })).updateAction;
    expect(action).toMatchObject({ status: 'DONE', progress: 100 });
    action = ok(await updateAction(subgraph, action.id, action.version, { status: 'IN_PROGRESS' })).updateAction;
    expect(action).toMatchObject({ status: 'IN_PROGRESS', progress: 35 });
    // A progress given with the status wins.
    action = ok(await updateAction(subgraph, action.id, action.version, { status: 'DONE', progress: 100 })).updateAction;
    action = ok(await updateAction(subgraph, action.id, action.version, { status: 'SUSPENDED', progress: 80 })).updateAction;
    expect(action).toMatchObject({ status: 'SUSPENDED', progress: 80 });
    const rollup = ok(await subgraph.request(ROLLUPS, { id: other.id })).plan;
    expect(rollup.progress).toEqual({ actionCount: 1, progress: 80 });
  });

  it('agreements per axis and per year (signed or closed ones)', async () => {
    const result = ok(await subgraph.request(ROLLUPS, { id: plan.id })).plan;
    expect(result.agreementTotals).toEqual([
      { axisId: axes.A.id, axis: { title: 'A' }, year: 2024, agreementCount: 2, amount: 15000.5 },
      { axisId: axes.A.id, axis: { title: 'A' }, year: 2025, agreementCount: 1, amount: 2500 },
      { axisId: axes.B.id, axis: { title: 'B' }, year: 2025, agreementCount: 1, amount: 1000 },
    ]);
    expect(result.axes.map((a: { agreementTotals: unknown }) => a.agreementTotals)).toEqual([
      [
        { year: 2024, agreementCount: 2, amount: 15000.5 },
        { year: 2025, agreementCount: 1, amount: 2500 },
      ],
      [{ year: 2025, agreementCount: 1, amount: 1000 }],
      [],
    ]);
  });

  it('indicators on track, late, achieved, without data', async () => {
    const result = ok(await subgraph.request(ROLLUPS, { id: plan.id })).plan;
    expect(result.indicatorCounts).toEqual({ total: 7, onTrack: 2, late: 3, achieved: 1, noData: 1 });
    const tracking = Object.fromEntries(result.indicators.nodes.map((i: { title: string; tracking: unknown }) => [i.title, i.tracking]));
    expect(tracking).toEqual({
      'i1 sans valeur': { status: 'NO_DATA', latestValue: null, latestOn: null, expectedValue: null },
      'i2 atteint': { status: 'ACHIEVED', latestValue: 10, latestOn: '2025-01-01', expectedValue: 2.501 },
      'i3 sur la trajectoire': { status: 'ON_TRACK', latestValue: 1827, latestOn: '2025-01-01', expectedValue: 1827 },
      'i4 en retard sur la trajectoire': { status: 'LATE', latestValue: 1826, latestOn: '2025-01-01', expectedValue: 1827 },
      // 182 of 366 days: expected 4.9727; the target date has passed without reaching 10
      'i5 échéance passée': { status: 'LATE', latestValue: 9, latestOn: '2020-07-01', expectedValue: 4.9727 },
      // 100 − 100 × 1827 / 7305 = 74.9897
      'i6 baisse sur la trajectoire': { status: 'ON_TRACK', latestValue: 70, latestOn: '2025-01-01', expectedValue: 74.9897 },
      'i7 baisse en retard': { status: 'LATE', latestValue: 80, latestOn: '2025-01-01', expectedValue: 74.9897 },
    });
  });

  it('each roll-up is one statement, whatever the number of axes', async () => {
    const small = await createPlan(subgraph, { title: 'Un seul axe' });
    const axis = await createAxis(subgraph, small.id);
    const action = await createAction(subgraph, axis.id, { progress: 50 });
    await createAgreement(subgraph, action.id, { status: 'SIGNED', signedOn: '2025-01-01', startOn: '2025-01-01' });
    await createIndicator(subgraph, small.id);
    const one = await subgraph.request(ROLLUPS, { id: small.id });
    const three = await subgraph.request(ROLLUPS, { id: plan.id });
    expect(one.errors).toBeUndefined();
    expect(three.statements).toBe(one.statements);
    // plan, axes, the plan roll-up, the axis roll-up, agreements per plan and per axis, indicator counts,
    // indicators (ranked rows with their columns, tracking), the axes of the totals
    expect(three.statements).toBe(10);
  });
});
