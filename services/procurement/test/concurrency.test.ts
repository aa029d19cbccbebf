// Versioned edits: a stale edit gets CONFLICT with the current version, of two racing edits one wins, nothing is lost;
// and every change leaves its audit entry, which the staff read as the record's history.
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { procurementSubgraph } from '../src';
import { addModification, createBuyer, createContract, ok, onlyError, updateContract, type BuyerRow } from './factories';

describe('concurrent edits and history', () => {
  let subgraph: TestSubgraph;
  let buyer: BuyerRow;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(procurementSubgraph);
    buyer = await createBuyer(subgraph, { authority: '30' });
  });
  afterAll(() => subgraph?.close());

  const stored = async (id: string) => (await subgraph.dataSource.query(`SELECT object, version, current_amount::float8 AS amount FROM procurement.contract WHERE id = $1`, [id]))[0];

  it('a stale contract edit gets CONFLICT with the current version and changes nothing', async () => {
    const contract = await createContract(subgraph, buyer.id, { object: 'v1', publishedOn: null });
    ok(await updateContract(subgraph, contract.id, 1, { object: 'v2' }));
    const stale = await updateContract(subgraph, contract.id, 1, { object: 'stale' });
    expect(onlyError(stale).extensions).toMatchObject({ code: 'CONFLICT', entity: 'Contract', id: contract.id, currentVersion: 2 });
    expect(await stored(contract.id)).toMatchObject({ object: 'v2', version: 2 });
  });

  it('of two edits racing from the same version, exactly one wins', async () => {
    const contract = await createContract(subgraph, buyer.id, { object: 'race', publishedOn: null });
    const editors = [staff('editor', ['30'], 'alice'), staff('editor', ['30'], 'bob')];
    const results = await Promise.all([
      updateContract(subgraph, contract.id, 1, { object: 'Alice' }, editors[0]),
      addModification(subgraph, contract.id, 1, { notifiedOn: '2025-05-01', amount: 99000 }, editors[1]),
    ]);
    const outcomes = results.map((r) => (r.errors ? r.errors[0].extensions?.code : 'ok')).sort();
    expect(outcomes).toEqual(['CONFLICT', 'ok']);
    const row = await stored(contract.id);
    expect(row.version).toBe(2);
    // the stored contract is entirely the winner's
    if (row.object === 'Alice') expect(row.amount).toBe(85000);
    else expect(row).toMatchObject({ object: 'race', amount: 99000 });
  });

  it('a stale modification, delete, buyer, plan, objective or session edit gets CONFLICT', async () => {
    const contract = await createContract(subgraph, buyer.id);
    ok(await updateContract(subgraph, contract.id, 1, { insertionHoursPlanned: 100 }));
    expect(onlyError(await addModification(subgraph, contract.id, 1, { notifiedOn: '2025-05-01' })).extensions?.code).toBe('CONFLICT');
    expect(onlyError(await subgraph.request(`mutation ($id: ID!) { deleteContract(id: $id, version: 1) }`, { id: contract.id })).extensions?.code).toBe('CONFLICT');

    ok(await subgraph.request(`mutation ($id: ID!) { updateBuyer(id: $id, version: 1, input: { name: "Renamed" }) { version } }`, { id: buyer.id }));
    expect(onlyError(await subgraph.request(`mutation ($id: ID!) { updateBuyer(id: $id, version: 1, input: { name: "Stale" }) { version } }`, { id: buyer.id })).extensions?.code).toBe('CONFLICT');

    const plan = ok(await subgraph.request(`mutation { createSpaserPlan(input: { authority: "30", title: "SPASER", status: PLANNED, periodStart: 2026, periodEnd: 2028 }) { id version } }`)).createSpaserPlan;
    const withObjective = ok(
      await subgraph.request(
        `mutation ($id: ID!) { addSpaserObjective(planId: $id, planVersion: 1, input: { indicatorKind: "INSERTION_HOURS", targetValue: 1000, targetYear: 2028 }) { version objectives { id version } } }`,
        { id: plan.id },
      ),
    ).addSpaserObjective;
    expect(withObjective.version).toBe(2);
    expect(onlyError(await subgraph.request(`mutation ($id: ID!) { updateSpaserPlan(id: $id, version: 1, input: { title: "Stale" }) { version } }`, { id: plan.id })).extensions?.code).toBe('CONFLICT');
    const objectiveId = withObjective.objectives[0].id;
    ok(await subgraph.request(`mutation ($id: ID!) { updateSpaserObjective(id: $id, version: 1, input: { targetValue: 2000 }) { version } }`, { id: objectiveId }));
    expect(onlyError(await subgraph.request(`mutation ($id: ID!) { updateSpaserObjective(id: $id, version: 1, input: { targetValue: 3000 }) { version } }`, { id: objectiveId })).extensions?.code).toBe(
      'CONFLICT',
    );

    const session = ok(
      await subgraph.request(`mutation { createTrainingSession(input: { authority: "30", topic: "Jurys", heldOn: "2025-02-13", organiser: "DAJ", buyersTrained: 12 }) { id version } }`),
    ).createTrainingSession;
    ok(await subgraph.request(`mutation ($id: ID!) { updateTrainingSession(id: $id, version: 1, input: { buyersTrained: 14 }) { version } }`, { id: session.id }));
    expect(onlyError(await subgraph.request(`mutation ($id: ID!) { updateTrainingSession(id: $id, version: 1, input: { buyersTrained: 1 }) { version } }`, { id: session.id })).extensions?.code).toBe(
      'CONFLICT',
    );
  });

  it('a contract’s history shows who created, changed and modified it, newest first (staff only)', async () => {
    const editor = staff('editor', ['30'], 'camille');
    const contract = await createContract(subgraph, buyer.id, { object: 'Historique', publishedOn: null }, editor);
    ok(await updateContract(subgraph, contract.id, 1, { object: 'Historique corrigé' }, editor));
    ok(await addModification(subgraph, contract.id, 2, { notifiedOn: '2025-06-01', amount: 90000 }, editor));
    const query = `query ($id: ID!) { contract(id: $id) { history(first: 10) { totalCount nodes { who action changedFields after } } } }`;
    const { history } = ok(await subgraph.request(query, { id: contract.id }, staff('viewer', ['26']))).contract;
    expect(history.totalCount).toBe(3);
    expect(history.nodes.map((n: { action: string }) => n.action)).toEqual(['update', 'update', 'create']);
    expect(history.nodes.every((n: { who: string }) => n.who === 'staff:camille')).toBe(true);
    expect(history.nodes[0].changedFields).toEqual(['modifications']);
    expect(history.nodes[1].changedFields).toEqual(['object']);
    expect(onlyError(await subgraph.request(query, { id: contract.id }, { kind: 'anonymous' })).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a SPASER’s history shows its objectives coming and going', async () => {
    const plan = ok(await subgraph.request(`mutation { createSpaserPlan(input: { authority: "30", title: "Histoire", status: PLANNED, periodStart: 2026, periodEnd: 2028 }) { id } }`)).createSpaserPlan;
    const added = ok(
      await subgraph.request(
        `mutation ($id: ID!) { addSpaserObjective(planId: $id, planVersion: 1, input: { indicatorKind: "RESERVED_CONTRACTS", targetValue: 12, targetYear: 2028 }) { version objectives { id version } } }`,
        { id: plan.id },
      ),
    ).addSpaserObjective;
    ok(await subgraph.request(`mutation ($id: ID!) { removeSpaserObjective(id: $id, version: 1) { version objectives { id } } }`, { id: added.objectives[0].id }));
    ok(await subgraph.request(`mutation ($id: ID!) { updateSpaserPlan(id: $id, version: 3, input: { status: ADOPTED, adoptedOn: "2025-12-18" }) { version status } }`, { id: plan.id }));
    const { history } = ok(await subgraph.request(`query ($id: ID!) { spaserPlan(id: $id) { history(first: 10) { nodes { action } } } }`, { id: plan.id }, staff('viewer', ['30']))).spaserPlan;
    expect(history.nodes.map((n: { action: string }) => n.action)).toEqual(['update', 'unlink', 'link', 'create']);
  });
});
