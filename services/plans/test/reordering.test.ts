// Axes and actions keep positions 1..n: inserting at a place, moving up or down or to another axis, and deleting
// renumber the others in SQL; the plan lists them in that order.
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { plansSubgraph } from '../src';
import { badFields, createAction, createAxis, createPlan, moveAction, moveAxis, ok, planWithAxis, type Row } from './factories';

describe('reordering', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(plansSubgraph);
  });
  afterAll(() => subgraph?.close());

  async function axisTitles(planId: string): Promise<string[]> {
    const { plan } = ok(await subgraph.request(`query ($id: ID!) { plan(id: $id) { axes { title position } } }`, { id: planId }));
    plan.axes.forEach((axis: { position: number }, i: number) => expect(axis.position).toBe(i + 1));
    return plan.axes.map((axis: { title: string }) => axis.title);
  }

  async function actionTitles(planId: string): Promise<string[]> {
    const { plan } = ok(await subgraph.request(`query ($id: ID!) { plan(id: $id) { actions(first: 100) { nodes { title } } } }`, { id: planId }));
    return plan.actions.nodes.map((a: { title: string }) => a.title);
  }

  async function version(table: string, id: string): Promise<number> {
    const [row] = await subgraph.dataSource.query(`SELECT version FROM plans.${table} WHERE id = $1`, [id]);
    return row.version;
  }

  it('axes: insert at a place, move down, move up, delete; positions stay 1..n', async () => {
    const plan = await createPlan(subgraph);
    const [a, b, c] = [await createAxis(subgraph, plan.id, { title: 'A' }), await createAxis(subgraph, plan.id, { title: 'B' }), await createAxis(subgraph, plan.id, { title: 'C' })];
    const first = await createAxis(subgraph, plan.id, { title: 'Z', position: 1 });
    expect(first.position).toBe(1);
    expect(await axisTitles(plan.id)).toEqual(['Z', 'A', 'B', 'C']);

    const movedDown = ok(await moveAxis(subgraph, first.id, first.version, 4)).moveAxis;
    expect(movedDown).toMatchObject({ position: 4, version: 2 });
    expect(await axisTitles(plan.id)).toEqual(['A', 'B', 'C', 'Z']);
    // only the moved axis changes version; the others were renumbered around it
    expect([await version('axis', a.id), await version('axis', b.id), await version('axis', c.id)]).toEqual([1, 1, 1]);

    ok(await moveAxis(subgraph, c.id, 1, 1));
    expect(await axisTitles(plan.id)).toEqual(['C', 'A', 'B', 'Z']);
    ok(await moveAxis(subgraph, b.id, 1, 2));
    expect(await axisTitles(plan.id)).toEqual(['C', 'B', 'A', 'Z']);

    expect(badFields(await moveAxis(subgraph, a.id, 1, 5))).toEqual(['position']);
    expect(badFields(await moveAxis(subgraph, a.id, 1, 0))).toEqual(['position']);
    expect(badFields(await subgraph.request(`mutation ($p: ID!) { createAxis(planId: $p, input: { title: "Loin", position: 9 }) { id } }`, { p: plan.id }))).toEqual(['position']);

    ok(await subgraph.request(`mutation ($id: ID!) { deleteAxis(id: $id, version: 2) }`, { id: b.id }));
    expect(await axisTitles(plan.id)).toEqual(['C', 'A', 'Z']);
  });

  it('the plan order pages backward too: last/before give the same actions as first/after, from the end', async () => {
    const { plan, axis } = await planWithAxis(subgraph);
    for (const title of ['A1', 'A2', 'A3', 'A4', 'A5']) await createAction(subgraph, axis.id, { title });
    const all = await actionTitles(plan.id);
    const BACK = `query ($id: ID!, $before: String) { plan(id: $id) { actions(last: 2, before: $before) { nodes { title } pageInfo { hasPreviousPage hasNextPage startCursor } } } }`;
    const end = ok(await subgraph.request(BACK, { id: plan.id })).plan.actions;
    expect(end.nodes.map((a: { title: string }) => a.title)).toEqual(all.slice(3));
    expect(end.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const middle = ok(await subgraph.request(BACK, { id: plan.id, before: end.pageInfo.startCursor })).plan.actions;
    expect(middle.nodes.map((a: { title: string }) => a.title)).toEqual(all.slice(1, 3));
    const start = ok(await subgraph.request(BACK, { id: plan.id, before: middle.pageInfo.startCursor })).plan.actions;
    expect(start.nodes.map((a: { title: string }) => a.title)).toEqual(all.slice(0, 1));
    expect(start.pageInfo.hasPreviousPage).toBe(false);
  });

  it('an axis with actions is not deleted', async () => {
    const { axis } = await planWithAxis(subgraph);
    await createAction(subgraph, axis.id);
    expect(badFields(await subgraph.request(`mutation ($id: ID!) { deleteAxis(id: $id, version: 1) }`, { id: axis.id }))).toEqual(['id']);
  });

  it('actions: insert at a place, move within the axis, move to another axis, delete', async () => {
    const plan = await createPlan(subgraph);
    const one = await createAxis(subgraph, plan.id, { title: 'Axe 1' });
    const two = await createAxis(subgraph, plan.id, { title: 'Axe 2' });
    const made: Record<string, Row> = {};
    for (const title of ['a1', 'a2', 'a3']) made[title] = await createAction(subgraph, one.id, { title });
    for (const title of ['b1', 'b2']) made[title] = await createAction(subgraph, two.id, { title });
    made.a0 = await createAction(subgraph, one.id, { title: 'a0', position: 1 });
    expect(await actionTitles(plan.id)).toEqual(['a0', 'a1', 'a2', 'a3', 'b1', 'b2']);

    ok(await moveAction(subgraph, made.a0.id, made.a0.version, 3));
    expect(await actionTitles(plan.id)).toEqual(['a1', 'a2', 'a0', 'a3', 'b1', 'b2']);
    ok(await moveAction(subgraph, made.a3.id, made.a3.version, 1));
    expect(await actionTitles(plan.id)).toEqual(['a3', 'a1', 'a2', 'a0', 'b1', 'b2']);

    // to another axis of the plan: the old axis closes the gap, the new one opens a place
    const moved = ok(await moveAction(subgraph, made.a1.id, made.a1.version, 2, two.id)).moveAction;
    expect(moved).toMatchObject({ axisId: two.id, position: 2, version: 2 });
    expect(await actionTitles(plan.id)).toEqual(['a3', 'a2', 'a0', 'b1', 'a1', 'b2']);
    const positions = await subgraph.dataSource.query(`SELECT a.title, a.position FROM plans.action a WHERE a.plan_id = $1 ORDER BY a.axis_id = $2 DESC, a.position`, [plan.id, one.id]);
    expect(positions).toEqual([
      { title: 'a3', position: 1 },
      { title: 'a2', position: 2 },
      { title: 'a0', position: 3 },
      { title: 'b1', position: 1 },
      { title: 'a1', position: 2 },
      { title: 'b2', position: 3 },
    ]);
    // at the end of another axis
    ok(await moveAction(subgraph, made.a2.id, made.a2.version, 4, two.id));
    expect(await actionTitles(plan.id)).toEqual(['a3', 'a0', 'b1', 'a1', 'b2', 'a2']);

    expect(badFields(await moveAction(subgraph, made.b1.id, 1, 6, two.id))).toEqual(['position']);
    const elsewhere = await planWithAxis(subgraph);
    expect(badFields(await moveAction(subgraph, made.b1.id, 1, 1, elsewhere.axis.id))).toEqual(['axisId']);

    ok(await subgraph.request(`mutation ($id: ID!) { deleteAction(id: $id, version: 1) }`, { id: made.b1.id }));
    expect(await actionTitles(plan.id)).toEqual(['a3', 'a0', 'a1', 'b2', 'a2']);
    const left = await subgraph.dataSource.query(`SELECT position FROM plans.action WHERE axis_id = $1 ORDER BY position`, [two.id]);
    expect(left.map((r: { position: number }) => r.position)).toEqual([1, 2, 3]);
  });

  it('moving an axis moves its actions in the plan order; a sub-action keeps its place in its own axis', async () => {
    const plan = await createPlan(subgraph);
    const one = await createAxis(subgraph, plan.id, { title: 'Axe 1' });
    const two = await createAxis(subgraph, plan.id, { title: 'Axe 2' });
    const parent = await createAction(subgraph, one.id, { title: 'parent' });
    await createAction(subgraph, two.id, { title: 'sœur' });
    await createAction(subgraph, two.id, { title: 'enfant', parentId: parent.id });
    ok(await moveAxis(subgraph, two.id, two.version, 1));
    expect(await actionTitles(plan.id)).toEqual(['sœur', 'enfant', 'parent']);
    const { action } = ok(await subgraph.request(`query ($id: ID!) { action(id: $id) { subActions(first: 5) { nodes { title axis { title } parent { title } } } } }`, { id: parent.id }));
    expect(action.subActions.nodes).toEqual([{ title: 'enfant', axis: { title: 'Axe 2' }, parent: { title: 'parent' } }]);
  });
});
