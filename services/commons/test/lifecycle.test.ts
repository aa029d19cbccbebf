// The lifecycle of a call: each step allowed in order, each refused step says why, and what each status permits.
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { act, addJuror, badInput, createApplication, createCall, createNeed, currentVersion, decide, moveTo, ok, openCall, screen, transition, tryCreateApplication, updateCall, type Row, testCommonsSubgraph } from './factories';

describe('call lifecycle', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(testCommonsSubgraph);
  });
  afterAll(() => subgraph?.close());

  const refused = async (call: Row, status: string) => {
    const problems = badInput(await transition(subgraph, call.id, call.version, status));
    expect(problems.map((p) => p.field)).toEqual(['status']);
    return problems[0].message;
  };
  const fresh = async (call: Row): Promise<Row> => ({ ...call, version: await currentVersion(subgraph.dataSource, 'call', call.id) });

  it('goes through every status in order, and refuses to skip or go back at each step', async () => {
    let call = await createCall(subgraph);
    expect(call.status).toBe('DRAFT');
    expect(await refused(call, 'OPEN')).toBe('a DRAFT call can only move to CO_CONSTRUCTION, one step at a time');
    call = await moveTo(subgraph, call, 'CO_CONSTRUCTION');
    const need = await createNeed(subgraph, call.id, call.challenges[1].id);
    expect(await refused(call, 'DRAFT')).toBe('a CO_CONSTRUCTION call can only move to OPEN, one step at a time');
    call = await moveTo(subgraph, call, 'OPEN');
    const draft = await createApplication(subgraph, call.id, [need.id]);
    const submitted = ok(await act(subgraph, 'submitApplication', draft.id, draft.version)).submitApplication;
    expect(await refused(call, 'UNDER_REVIEW')).toBe('a OPEN call can only move to CLOSED, one step at a time');
    expect(await refused(call, 'CLOSED')).toBe('applications may be submitted until 2099-12-31: close the call after that day (or move closesOn)');
    call = ok(await updateCall(subgraph, call.id, call.version, { closesOn: '2021-01-01' })).updateCall;
    call = await moveTo(subgraph, call, 'CLOSED');
    expect(await refused(call, 'UNDER_REVIEW')).toBe('1 submitted application(s) are not yet declared eligible or ineligible');
    const eligible = ok(await screen(subgraph, submitted.id, submitted.version, true)).screenApplication;
    expect(await refused(call, 'UNDER_REVIEW')).toBe('add at least one juror before the review starts');
    ok(await addJuror(subgraph, call.id, call.version, 'juror-1'));
    call = await fresh(call);
    expect(await refused(call, 'DECIDED')).toBe('a CLOSED call can only move to UNDER_REVIEW, one step at a time');
    call = await moveTo(subgraph, call, 'UNDER_REVIEW');
    const [{ status }] = await subgraph.dataSource.query('SELECT status FROM commons.application WHERE id = $1', [eligible.id]);
    expect(status).toBe('UNDER_REVIEW');
    expect(await refused(call, 'DECIDED')).toBe('1 application(s) under review have no decision yet');
    ok(await decide(subgraph, eligible.id, eligible.version + 1, { accepted: true, grantedAmount: 5000 }));
    call = await moveTo(subgraph, call, 'DECIDED');
    expect(await refused(call, 'OPEN')).toBe('a DECIDED call can only move to FOLLOW_UP, one step at a time');
    call = await moveTo(subgraph, call, 'FOLLOW_UP');
    expect(await refused(call, 'DRAFT')).toBe('a call in FOLLOW_UP has reached the end of its lifecycle');
  });

  it('refuses co-construction without a challenge and opening with incomplete rules', async () => {
    let call = await createCall(subgraph, { challenges: [], criteria: [], acceptedLicences: [], budgetEnvelope: null });
    expect(await refused(call, 'CO_CONSTRUCTION')).toBe('name at least one challenge before the co-construction starts');
    call = ok(await updateCall(subgraph, call.id, call.version, { challenges: [{ title: 'Défi' }] })).updateCall;
    call = await moveTo(subgraph, call, 'CO_CONSTRUCTION');
    expect(await refused(call, 'OPEN')).toBe('a call opens with its rules complete: missing budgetEnvelope, acceptedLicences, criteria');
    call = ok(await updateCall(subgraph, call.id, call.version, { budgetEnvelope: 1000, acceptedLicences: ['CC-BY-4.0'], criteria: [{ label: 'C', maxScore: 5 }], opensOn: '2098-01-01' })).updateCall;
    expect(await refused(call, 'OPEN')).toBe('the call opens on 2098-01-01, not before');
  });

  it('freezes the rules as the call moves on, each refused field named', async () => {
    const { call } = await openCall(subgraph);
    const problems = badInput(await updateCall(subgraph, call.id, call.version, { minStructures: 2, acceptedLicences: ['MIT'], challenges: [{ title: 'X' }] }));
    expect(problems).toEqual([
      { field: 'minStructures', message: 'cannot change once the call is OPEN' },
      { field: 'acceptedLicences', message: 'cannot change once the call is OPEN' },
      { field: 'challenges', message: 'cannot change once the call is OPEN' },
    ]);
    expect(badInput(await updateCall(subgraph, call.id, call.version, { budgetEnvelope: null })).map((p) => p.field)).toEqual(['budgetEnvelope']);
  });

  it('takes no application, need or workshop after closing, and no decision before the review', async () => {
    const { call: open, needId, challengeId } = await openCall(subgraph);
    const draft = await createApplication(subgraph, open.id, [needId]);
    const submitted = ok(await act(subgraph, 'submitApplication', draft.id, draft.version)).submitApplication;
    const eligible = ok(await screen(subgraph, submitted.id, submitted.version, true)).screenApplication;
    expect(badInput(await decide(subgraph, eligible.id, eligible.version, { accepted: true }))[0].message).toBe('decisions come after the review starts; the call is OPEN');
    let call = ok(await updateCall(subgraph, open.id, open.version, { closesOn: '2021-01-01' })).updateCall;
    call = await moveTo(subgraph, call, 'CLOSED');
    expect(badInput(await tryCreateApplication(subgraph, call.id, [needId]))[0].message).toBe('applications are prepared while the call is in co-construction or open; this call is CLOSED');
    const need = await subgraph.request(`mutation ($input: CreateNeedInput!) { createNeed(input: $input) { id } }`, { input: { callId: call.id, challengeId, description: 'Tard', territoryKind: 'RURAL' } });
    expect(badInput(need)[0].message).toBe('needs are co-defined before the call opens; this call is CLOSED');
    const workshop = await subgraph.request(`mutation ($input: CreateWorkshopInput!) { createWorkshop(input: $input) { id } }`, { input: { callId: call.id, title: 'Tard', heldOn: '2025-01-01' } });
    expect(badInput(workshop)[0].field).toBe('callId');
  });
});
