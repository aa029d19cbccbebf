// Every mutation leaves exactly one history record (who, what, before, after) in its own transaction; a failed one none.
// The history is read through the graph, newest first, on plans, axes, actions, indicators, agreements and events.
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { plansSubgraph } from '../src';
import { countAudit, createAction, createAgreement, createAxis, createIndicator, createPlan, moveAction, moveAxis, ok, recordValue, updateAction, updatePlan } from './factories';

const editor = staff('editor', ['30'], 'camille');

interface AuditRow {
  who: string;
  entity: string;
  entity_id: string;
  action: string;
  before: any;
  after: any;
}

describe('history', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(plansSubgraph);
  });
  afterAll(() => subgraph?.close());

  /** Runs a mutation and returns the single audit record it left (failing if it left none or several). */
  async function oneRecord<T>(mutation: () => Promise<T>): Promise<{ result: T; record: AuditRow }> {
    const [{ last }] = await subgraph.dataSource.query(`SELECT coalesce(max(id), 0) AS last FROM plans.audit_log`);
    const result = await mutation();
    const rows: AuditRow[] = await subgraph.dataSource.query(`SELECT who, entity, entity_id, action, before, after FROM plans.audit_log WHERE id > $1 ORDER BY id`, [last]);
    expect(rows).toHaveLength(1);
    return { result, record: rows[0] };
  }

  async function noRecord(mutation: () => Promise<{ errors?: unknown[] }>) {
    const before = await countAudit(subgraph.dataSource);
    const result = await mutation();
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(await countAudit(subgraph.dataSource)).toBe(before);
  }

  it('plans: create, update (authorities included), delete', async () => {
    const created = await oneRecord(() => createPlan(subgraph, { title: 'Historique', startOn: '2024-01-01' }, editor));
    expect(created.record).toMatchObject({ who: 'staff:camille', entity: 'Plan', entity_id: created.result.id, action: 'create', before: null });
    expect(created.record.after).toMatchObject({ title: 'Historique', startOn: '2024-01-01', status: 'DRAFT', kind: 'ESS_PLAN', authorities: ['30'], version: 1 });

    const updated = await oneRecord(() => updatePlan(subgraph, created.result.id, 1, { title: 'Historique v2', authorities: ['30', '26'] }, staff('admin', ['30', '26'], 'dominique')));
    expect(updated.record).toMatchObject({ who: 'staff:dominique', action: 'update' });
    expect(updated.record.before).toMatchObject({ title: 'Historique', authorities: ['30'], version: 1 });
    expect(updated.record.after).toMatchObject({ title: 'Historique v2', authorities: ['26', '30'], version: 2 });

    await noRecord(() => updatePlan(subgraph, created.result.id, 1, { title: 'stale' }));
    await noRecord(() => updatePlan(subgraph, created.result.id, 2, { endOn: '2023-01-01' }));

    const deleted = await oneRecord(() => subgraph.request(`mutation ($id: ID!) { deletePlan(id: $id, version: 2) }`, { id: created.result.id }, editor));
    expect(deleted.record).toMatchObject({ action: 'delete', after: null });
    expect(deleted.record.before).toMatchObject({ title: 'Historique v2' });
  });

  it('axes and actions: create, update, move, delete, each one record with the values before and after', async () => {
    const plan = await createPlan(subgraph);
    const axis = (await oneRecord(() => createAxis(subgraph, plan.id, { title: 'Premier' }, editor))).result;
    const second = await createAxis(subgraph, plan.id, { title: 'Second' });
    const moved = await oneRecord(() => moveAxis(subgraph, axis.id, 1, 2, editor));
    expect(moved.record).toMatchObject({ entity: 'Axis', entity_id: axis.id, action: 'update' });
    expect([moved.record.before.position, moved.record.after.position]).toEqual([1, 2]);
    const renamed = await oneRecord(() => subgraph.request(`mutation ($id: ID!) { updateAxis(id: $id, version: 2, input: { title: "Premier (renommé)" }) { id } }`, { id: axis.id }, editor));
    expect([renamed.record.before.title, renamed.record.after.title]).toEqual(['Premier', 'Premier (renommé)']);

    const created = await oneRecord(() =>
      createAction(subgraph, axis.id, { title: 'Action', partnerIds: ['6f1d0a56-2d7a-4c3e-9d83-1f6b0e3c7a10'], milestones: [{ title: 'Atelier', dueOn: '2024-10-08', done: true, doneOn: '2024-10-08' }] }, editor),
    );
    expect(created.record.after).toMatchObject({
      title: 'Action',
      axisId: axis.id,
      position: 1,
      partners: ['6f1d0a56-2d7a-4c3e-9d83-1f6b0e3c7a10'],
      milestones: [{ title: 'Atelier', dueOn: '2024-10-08', done: true, doneOn: '2024-10-08' }],
    });
    const action = created.result;
    const updated = await oneRecord(() => updateAction(subgraph, action.id, 1, { progress: 35, partnerIds: [] }, editor));
    expect(updated.record.before).toMatchObject({ progress: 0, partners: ['6f1d0a56-2d7a-4c3e-9d83-1f6b0e3c7a10'], milestones: [{ title: 'Atelier' }] });
    expect(updated.record.after).toMatchObject({ progress: 35, partners: [], milestones: [{ title: 'Atelier' }], version: 2 });
    await noRecord(() => updateAction(subgraph, action.id, 2, { progress: 120 }));

    const movedAction = await oneRecord(() => moveAction(subgraph, action.id, 2, 1, second.id, editor));
    expect([movedAction.record.before.axisId, movedAction.record.after.axisId]).toEqual([axis.id, second.id]);
    const removed = await oneRecord(() => subgraph.request(`mutation ($id: ID!) { deleteAction(id: $id, version: 3) }`, { id: action.id }, editor));
    expect(removed.record).toMatchObject({ action: 'delete', after: null });
    expect(removed.record.before).toMatchObject({ title: 'Action', progress: 35 });
    const removedAxis = await oneRecord(() => subgraph.request(`mutation ($id: ID!) { deleteAxis(id: $id, version: 3) }`, { id: axis.id }, editor));
    expect(removedAxis.record).toMatchObject({ entity: 'Axis', action: 'delete' });
  });

  it('indicators and their values; agreements; events', async () => {
    const plan = await createPlan(subgraph);
    const axis = await createAxis(subgraph, plan.id);
    const action = await createAction(subgraph, axis.id);
    const indicator = (await oneRecord(() => createIndicator(subgraph, plan.id, { title: 'Membres' }, editor))).result;
    const value = await oneRecord(() => recordValue(subgraph, indicator.id, 1, '2024-11-26', 13, editor));
    expect(value.record).toMatchObject({ entity: 'Indicator', entity_id: indicator.id, action: 'update' });
    expect(value.record.before).toEqual({ value: null, version: 1 });
    expect(value.record.after).toEqual({ value: { measuredOn: '2024-11-26', value: 13, comment: null }, version: 2 });
    const replaced = await oneRecord(() => recordValue(subgraph, indicator.id, 2, '2024-11-26', 14, editor));
    expect([replaced.record.before.value.value, replaced.record.after.value.value]).toEqual([13, 14]);
    const removed = await oneRecord(() => subgraph.request(`mutation ($id: ID!) { removeIndicatorValue(indicatorId: $id, version: 3, measuredOn: "2024-11-26") { version } }`, { id: indicator.id }, editor));
    expect(removed.record.after).toEqual({ value: null, version: 4 });
    await noRecord(() => recordValue(subgraph, indicator.id, 4, '1999-01-01', 1));
    const edited = await oneRecord(() => subgraph.request(`mutation ($id: ID!) { updateIndicator(id: $id, version: 4, input: { target: 30 }) { id } }`, { id: indicator.id }, editor));
    expect([edited.record.before.target, edited.record.after.target]).toEqual([100, 30]);

    const agreement = (await oneRecord(() => createAgreement(subgraph, action.id, { amount: 1000, instalments: [{ dueOn: '2025-01-01', amount: 1000 }] }, editor))).result;
    const signed = await oneRecord(() =>
      subgraph.request(`mutation ($id: ID!) { updateAgreement(id: $id, version: 1, input: { status: SIGNED, signedOn: "2024-12-01" }) { id } }`, { id: agreement.id }, editor),
    );
    expect(signed.record.before).toMatchObject({ status: 'DRAFT', signedOn: null, instalments: [{ dueOn: '2025-01-01', amount: 1000, paidOn: null }] });
    expect(signed.record.after).toMatchObject({ status: 'SIGNED', signedOn: '2024-12-01', instalments: [{ dueOn: '2025-01-01', amount: 1000, paidOn: null }] });
    await noRecord(() => subgraph.request(`mutation ($id: ID!) { deleteAgreement(id: $id, version: 2) }`, { id: agreement.id }, editor));

    const event = (
      await oneRecord(() =>
        subgraph.request(`mutation ($p: ID!) { createEvent(input: { planId: $p, title: "Gard : l'ESS en commun(s)", kind: PUBLIC_MEETING, heldOn: "2024-11-26" }) { id } }`, { p: plan.id }, editor),
      )
    ).result.data!.createEvent;
    const moved = await oneRecord(() => subgraph.request(`mutation ($id: ID!) { updateEvent(id: $id, version: 1, input: { place: "Pont-du-Gard" }) { id } }`, { id: event.id }, editor));
    expect([moved.record.before.place, moved.record.after.place]).toEqual([null, 'Pont-du-Gard']);
    const gone = await oneRecord(() => subgraph.request(`mutation ($id: ID!) { deleteEvent(id: $id, version: 2) }`, { id: event.id }, editor));
    expect(gone.record).toMatchObject({ entity: 'Event', action: 'delete' });
  });

  it('reads through the graph, newest first with the changed fields, a page at a time, for every kind of record', async () => {
    const plan = await createPlan(subgraph, { title: 'Lu' }, editor);
    ok(await updatePlan(subgraph, plan.id, 1, { title: 'Lu v2' }, editor));
    ok(await updatePlan(subgraph, plan.id, 2, { summary: 'Résumé' }, editor));
    const axis = await createAxis(subgraph, plan.id);
    const action = await createAction(subgraph, axis.id);
    const indicator = await createIndicator(subgraph, plan.id);
    const agreement = await createAgreement(subgraph, action.id);
    const query = `query ($id: ID!, $after: String) { plan(id: $id) {
      history(first: 2, after: $after) { totalCount edges { node { who action changedFields before after } } pageInfo { hasNextPage endCursor } }
      axes { history(first: 5) { totalCount } }
      actions(first: 5) { nodes { history(first: 5) { totalCount } } }
      indicators(first: 5) { nodes { history(first: 5) { totalCount } } }
      agreements(first: 5) { nodes { history(first: 5) { nodes { action after } } } }
    } }`;
    const page1 = ok(await subgraph.request(query, { id: plan.id }, editor)).plan;
    expect(page1.history.totalCount).toBe(3);
    expect(page1.history.edges.map((e: any) => [e.node.action, e.node.changedFields])).toEqual([
      ['update', ['summary', 'version']],
      ['update', ['title', 'version']],
    ]);
    expect(page1.history.edges[0].node.who).toBe('staff:camille');
    const page2 = ok(await subgraph.request(query, { id: plan.id, after: page1.history.pageInfo.endCursor }, editor)).plan;
    expect(page2.history.edges.map((e: any) => e.node.action)).toEqual(['create']);
    expect(page2.history.pageInfo.hasNextPage).toBe(false);
    expect(page1.axes[0].history.totalCount).toBe(1);
    expect(page1.actions.nodes[0].history.totalCount).toBe(1);
    expect(page1.indicators.nodes[0].history.totalCount).toBe(1);
    expect(page1.agreements.nodes[0].history.nodes).toEqual([{ action: 'create', after: expect.objectContaining({ beneficiarySiret: agreement.beneficiarySiret, amount: 10000 }) }]);
    expect(indicator.id).toBeDefined();
  });
});
