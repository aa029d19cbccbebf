// Versioned edits (CONFLICT from a stale version, nothing written) and who may write: staff of the call's authority.
import { randomUUID } from 'node:crypto';
import { ANONYMOUS, staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { commonsSubgraph } from '../src';
import { act, code, countAudit, createApplication, createCall, currentVersion, ok, onlyError, openCall, screen, transition, tryCreateApplication, updateCall } from './factories';

describe('versions and access', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(commonsSubgraph);
  });
  afterAll(() => subgraph?.close());

  async function conflicts(attempt: Promise<any>, current?: number) {
    const before = await countAudit(subgraph.dataSource);
    const error = onlyError(await attempt);
    expect(error.extensions?.code).toBe('CONFLICT');
    if (current !== undefined) expect(error.extensions?.currentVersion).toBe(current);
    expect(await countAudit(subgraph.dataSource)).toBe(before);
  }

  it('refuses edits from a stale version of calls, applications, workshops, needs and commons', async () => {
    const call = await createCall(subgraph);
    ok(await updateCall(subgraph, call.id, call.version, { title: 'v2' }));
    await conflicts(updateCall(subgraph, call.id, call.version, { title: 'stale' }), 2);
    await conflicts(transition(subgraph, call.id, call.version, 'CO_CONSTRUCTION'), 2);

    const workshop = ok(await subgraph.request(`mutation ($c: ID!) { createWorkshop(input: { callId: $c, title: "Atelier", heldOn: "2024-10-10" }) { id version } }`, { c: call.id })).createWorkshop;
    ok(await subgraph.request(`mutation ($id: ID!) { updateWorkshop(id: $id, version: 1, input: { place: "Alès" }) { id } }`, { id: workshop.id }));
    await conflicts(subgraph.request(`mutation ($id: ID!) { updateWorkshop(id: $id, version: 1, input: { place: "Nîmes" }) { id } }`, { id: workshop.id }), 2);

    const { call: open, needId } = await openCall(subgraph);
    const draft = await createApplication(subgraph, open.id, [needId]);
    ok(await subgraph.request(`mutation ($id: ID!) { updateApplication(id: $id, version: 1, input: { title: "v2" }) { id } }`, { id: draft.id }));
    await conflicts(subgraph.request(`mutation ($id: ID!) { updateApplication(id: $id, version: 1, input: { title: "v3" }) { id } }`, { id: draft.id }));
    await conflicts(act(subgraph, 'submitApplication', draft.id, 1));
    const [{ title }] = await subgraph.dataSource.query('SELECT title FROM commons.application WHERE id = $1', [draft.id]);
    expect(title).toBe('v2');
  });

  it('of eight submissions racing from the same version, exactly one wins', async () => {
    const { call, needId } = await openCall(subgraph);
    const draft = await createApplication(subgraph, call.id, [needId]);
    const results = await Promise.all(Array.from({ length: 8 }, () => act(subgraph, 'submitApplication', draft.id, draft.version)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const loser of results.filter((r) => r.errors)) expect(code(loser)).toBe('CONFLICT');
  });

  it('lets only staff of the call’s authority write, and writes nothing otherwise', async () => {
    const { call, needId } = await openCall(subgraph);
    const draft = await createApplication(subgraph, call.id, [needId]);
    const dromeEditor = staff('editor', ['26']);
    const gardViewer = staff('viewer', ['30']);
    const attempts = [
      updateCall(subgraph, call.id, call.version, { title: 'Pris' }, dromeEditor),
      transition(subgraph, call.id, call.version, 'CLOSED', dromeEditor),
      tryCreateApplication(subgraph, call.id, [needId], {}, dromeEditor),
      act(subgraph, 'submitApplication', draft.id, draft.version, dromeEditor),
      screen(subgraph, draft.id, draft.version, true, undefined, dromeEditor),
      subgraph.request(`mutation ($input: CreateCallInput!) { createCall(input: $input) { id } }`, { input: { authorityCode: '30', title: 'X' } }, dromeEditor),
    ];
    for (const result of await Promise.all(attempts)) expect(code(result)).toBe('FORBIDDEN');
    expect(code(await updateCall(subgraph, call.id, call.version, { title: 'Pris' }, gardViewer))).toBe('FORBIDDEN');
    expect(code(await updateCall(subgraph, call.id, call.version, { title: 'Pris' }, ANONYMOUS))).toBe('UNAUTHENTICATED');
    expect(await currentVersion(subgraph.dataSource, 'call', call.id)).toBe(call.version);
    expect(await currentVersion(subgraph.dataSource, 'application', draft.id)).toBe(draft.version);
    // a Gard editor may
    ok(await updateCall(subgraph, call.id, call.version, { title: 'Gardois' }, staff('editor', ['30'])));
  });

  it('keeps the jury and reviews from anonymous callers, and the history for staff', async () => {
    const call = await createCall(subgraph);
    const anonymous = await subgraph.request(`query ($id: ID!) { call(id: $id) { title jury { name } } }`, { id: call.id }, ANONYMOUS);
    expect(anonymous.data!.call).toEqual({ title: call.title, jury: null });
    expect(anonymous.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
    const partner = { kind: 'partner' as const, keyId: 'k', scopes: ['read:commons' as const], authorities: ['30'] };
    expect(ok(await subgraph.request(`query ($id: ID!) { call(id: $id) { jury { name } } }`, { id: call.id }, partner)).call.jury).toEqual([]);
  });

  it('records every change in the history, newest first, with who made it', async () => {
    const editor = staff('editor', ['30'], 'alice');
    let call = await createCall(subgraph, {}, editor);
    call = ok(await updateCall(subgraph, call.id, call.version, { title: 'Appel renommé', budgetEnvelope: 250000 }, editor)).updateCall;
    call = ok(await transition(subgraph, call.id, call.version, 'CO_CONSTRUCTION', editor)).transitionCall;
    const history = ok(await subgraph.request(`query ($id: ID!) { call(id: $id) { history(first: 10) { totalCount nodes { who action changedFields } } } }`, { id: call.id }, staff('viewer', ['30']))).call.history;
    expect(history.totalCount).toBe(3);
    expect(history.nodes).toEqual([
      { who: 'staff:alice', action: 'update', changedFields: ['status', 'version'] },
      { who: 'staff:alice', action: 'update', changedFields: ['budgetEnvelope', 'title', 'version'] },
      { who: 'staff:alice', action: 'create', changedFields: expect.arrayContaining(['title', 'challenges', 'criteria']) },
    ]);
    const { call: open, needId } = await openCall(subgraph);
    const draft = await createApplication(subgraph, open.id, [needId], { partnerIds: [randomUUID(), randomUUID()] });
    ok(await act(subgraph, 'submitApplication', draft.id, draft.version));
    const appHistory = ok(await subgraph.request(`query ($id: ID!) { application(id: $id) { history { nodes { action after } } } }`, { id: draft.id })).application.history.nodes;
    expect(appHistory.map((h: any) => h.action)).toEqual(['update', 'create']);
    expect(appHistory[0].after.status).toBe('SUBMITTED');
    expect(appHistory[1].after.members).toHaveLength(3);
  });
});

describe('draft applications', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(commonsSubgraph);
  });
  afterAll(() => subgraph?.close());

  it('are seen by staff only; the public and partners see submitted applications', async () => {
    const { call, needId } = await openCall(subgraph);
    const lead = randomUUID();
    const draft = await createApplication(subgraph, call.id, [needId], { title: 'Brouillon', leadActorId: lead });
    const other = await createApplication(subgraph, call.id, [needId], { title: 'Déposée', leadActorId: lead });
    ok(await act(subgraph, 'submitApplication', other.id, other.version));
    const query = `query ($c: ID!, $a: ID!, $r: [_Any!]!) {
      call(id: $c) { applications { nodes { title } } drafts: applications(filter: { statuses: [DRAFT] }) { totalCount } }
      application(id: $a) { title }
      applications(filter: { callId: $c }) { nodes { title } }
      _entities(representations: $r) { ... on Actor { commonsApplications { nodes { title } } } }
    }`;
    const variables = { c: call.id, a: draft.id, r: [{ __typename: 'Actor', id: lead }] };
    const anonymous = ok(await subgraph.request(query, variables, ANONYMOUS));
    expect(anonymous).toEqual({
      call: { applications: { nodes: [{ title: 'Déposée' }] }, drafts: { totalCount: 0 } },
      application: null,
      applications: { nodes: [{ title: 'Déposée' }] },
      _entities: [{ commonsApplications: { nodes: [{ title: 'Déposée' }] } }],
    });
    const viewer = ok(await subgraph.request(query, variables, staff('viewer', ['26'])));
    expect(viewer.call.applications.nodes).toEqual([{ title: 'Brouillon' }, { title: 'Déposée' }]);
    expect(viewer.application).toEqual({ title: 'Brouillon' });
    expect(viewer._entities[0].commonsApplications.nodes).toHaveLength(2);
  });
});
