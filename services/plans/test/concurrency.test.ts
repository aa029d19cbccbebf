// Versioned edits: an edit made from a version that is not the latest fails with CONFLICT and writes nothing;
// of edits racing from the same version exactly one wins.
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { plansSubgraph } from '../src';
import { countAudit, createAction, createAgreement, createIndicator, createPlan, moveAction, moveAxis, ok, onlyError, planWithAxis, recordValue, updateAction, updatePlan, createAxis } from './factories';

describe('versions and CONFLICT', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(plansSubgraph);
  });
  afterAll(() => subgraph?.close());

  async function conflicts(attempt: Promise<{ errors?: any[]; data?: any }>, currentVersion?: number) {
    const before = await countAudit(subgraph.dataSource);
    const result = await attempt;
    const error = onlyError(result as never);
    expect(error.extensions?.code).toBe('CONFLICT');
    if (currentVersion !== undefined) expect(error.extensions?.currentVersion).toBe(currentVersion);
    expect(await countAudit(subgraph.dataSource)).toBe(before);
  }

  it('every kind of record refuses an edit from a stale version, saying which version is current', async () => {
    const { plan, axis } = await planWithAxis(subgraph);
    const edited = ok(await updatePlan(subgraph, plan.id, plan.version, { title: 'v2' })).updatePlan;
    await conflicts(updatePlan(subgraph, plan.id, plan.version, { title: 'stale' }), edited.version);

    const action = await createAction(subgraph, axis.id);
    ok(await updateAction(subgraph, action.id, action.version, { progress: 10 }));
    await conflicts(updateAction(subgraph, action.id, action.version, { progress: 20 }), action.version + 1);
    await conflicts(moveAction(subgraph, action.id, action.version, 1), action.version + 1);
    await conflicts(subgraph.request(`mutation ($id: ID!) { deleteAction(id: $id, version: 1) }`, { id: action.id }));

    await conflicts(subgraph.request(`mutation ($id: ID!) { updateAxis(id: $id, version: 7, input: { title: "X" }) { id } }`, { id: axis.id }), 1);
    await conflicts(moveAxis(subgraph, axis.id, 3, 1), 1);

    const indicator = await createIndicator(subgraph, plan.id);
    ok(await recordValue(subgraph, indicator.id, indicator.version, '2024-06-01', 10));
    await conflicts(recordValue(subgraph, indicator.id, indicator.version, '2024-07-01', 11), 2);
    await conflicts(subgraph.request(`mutation ($id: ID!) { updateIndicator(id: $id, version: 1, input: { title: "X" }) { id } }`, { id: indicator.id }), 2);

    const agreement = await createAgreement(subgraph, action.id);
    ok(await subgraph.request(`mutation ($id: ID!) { updateAgreement(id: $id, version: 1, input: { amount: 20 }) { id } }`, { id: agreement.id }));
    await conflicts(subgraph.request(`mutation ($id: ID!) { updateAgreement(id: $id, version: 1, input: { amount: 30 }) { id } }`, { id: agreement.id }), 2);

    const event = ok(await subgraph.request(`mutation ($id: ID!) { createEvent(input: { planId: $id, title: "E", kind: OTHER, heldOn: "2025-01-01" }) { id } }`, { id: plan.id })).createEvent;
    ok(await subgraph.request(`mutation ($id: ID!) { updateEvent(id: $id, version: 1, input: { place: "Nîmes" }) { id } }`, { id: event.id }));
    await conflicts(subgraph.request(`mutation ($id: ID!) { updateEvent(id: $id, version: 1, input: { place: "Alès" }) { id } }`, { id: event.id }), 2);

    const [stored] = await subgraph.dataSource.query(`SELECT title, version FROM plans.plan WHERE id = $1`, [plan.id]);
    expect(stored).toEqual({ title: 'v2', version: 2 });
  });

  it('a future version is refused too, an unknown record is NOT_FOUND and a malformed id BAD_USER_INPUT', async () => {
    const plan = await createPlan(subgraph);
    await conflicts(updatePlan(subgraph, plan.id, plan.version + 1, { title: 'future' }));
    const missing = await updatePlan(subgraph, '00000000-0000-4000-8000-000000000000', 1, { title: 'X' });
    expect(onlyError(missing).extensions?.code).toBe('NOT_FOUND');
    // A malformed id is the caller's mistake, refused by the kit before execution (docs/decisions.md).
    expect(onlyError(await updatePlan(subgraph, 'not-a-uuid', 1, { title: 'X' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('of eight edits of an action racing from the same version, exactly one wins, with one audit record', async () => {
    const { axis } = await planWithAxis(subgraph);
    const action = await createAction(subgraph, axis.id);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => updateAction(subgraph, action.id, 1, { title: `Racer ${i}` }, staff('editor', ['30'], `user-${i}`))));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const loser of results.filter((r) => r.errors)) expect(onlyError(loser).extensions?.code).toBe('CONFLICT');
    const [row] = await subgraph.dataSource.query(`SELECT version FROM plans.action WHERE id = $1`, [action.id]);
    expect(row.version).toBe(2);
    const [{ count }] = await subgraph.dataSource.query(`SELECT count(*)::int AS count FROM plans.audit_log WHERE entity = 'Action' AND entity_id = $1 AND action = 'update'`, [action.id]);
    expect(count).toBe(1);
  });

  it('moves racing in one plan are serialized: positions stay 1..n without gaps or duplicates', async () => {
    const plan = await createPlan(subgraph);
    const axes = [];
    for (let i = 0; i < 5; i++) axes.push(await createAxis(subgraph, plan.id, { title: `Axe ${i + 1}` }));
    const results = await Promise.all(axes.map((axis, i) => moveAxis(subgraph, axis.id, axis.version, 5 - i)));
    for (const result of results) expect(result.errors).toBeUndefined();
    const positions = await subgraph.dataSource.query(`SELECT position FROM plans.axis WHERE plan_id = $1 ORDER BY position`, [plan.id]);
    expect(positions.map((p: { position: number }) => p.position)).toEqual([1, 2, 3, 4, 5]);
  });
});
