// Commons produced by accepted applications: licence of the call, maintainers, milestones, reuses, and the actors'
// view of them; workshops and needs of the co-construction.
import { randomUUID } from 'node:crypto';
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { badInput, callUnderReview, code, createCall, decide, moveTo, ok, testCommonsSubgraph } from './factories';

const COMMON = 'id version name licence status links maintainers { id } milestones { title dueOn doneOn } reuses { actor { id } since }';

describe('commons and co-construction', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(testCommonsSubgraph);
  });
  afterAll(() => subgraph?.close());

  const createCommon = (input: Record<string, unknown>) => subgraph.request(`mutation ($input: CreateCommonInput!) { createCommon(input: $input) { ${COMMON} } }`, { input });

  it('records the common of an accepted application only, with the call’s licences, maintainers, milestones and reuses', async () => {
    const { applications: [accepted, rejected] } = await callUnderReview(subgraph, 2);
    ok(await decide(subgraph, accepted.id, accepted.version, { accepted: true, grantedAmount: 1000 }));
    ok(await decide(subgraph, rejected.id, rejected.version, { accepted: false }));
    expect(badInput(await createCommon({ applicationId: rejected.id, name: 'X', licence: 'CC-BY-SA-4.0' }))[0].message).toBe('only an accepted application produces a common; this one is REJECTED');
    const [maintainer, other, reuser] = [randomUUID(), randomUUID(), randomUUID()];
    expect(badInput(await createCommon({ applicationId: accepted.id, name: 'X', licence: 'MIT', links: ['nope'], maintainerIds: [maintainer, maintainer] }))).toEqual([
      { field: 'licence', message: "must be one of the call's licences: CC-BY-SA-4.0, AGPL-3.0-or-later" },
      { field: 'links.0', message: 'must be an http(s) link' },
      { field: 'maintainerIds', message: 'lists an actor twice' },
    ]);
    const common = ok(
      await createCommon({
        applicationId: accepted.id,
        name: 'Outil commun',
        licence: 'AGPL-3.0-or-later',
        links: ['https://example.org/outil'],
        maintainerIds: [maintainer, other],
        milestones: [{ title: 'Deuxième', dueOn: '2026-06-01' }, { title: 'Première', dueOn: '2026-01-01', doneOn: '2026-01-03' }],
      }),
    ).createCommon;
    expect(common).toMatchObject({ status: 'EMERGING', maintainers: [{ id: maintainer }, { id: other }], milestones: [{ title: 'Première', dueOn: '2026-01-01', doneOn: '2026-01-03' }, { title: 'Deuxième', dueOn: '2026-06-01', doneOn: null }] });

    const reuse = (version: number, actorId: string) =>
      subgraph.request(`mutation ($id: ID!, $v: Int!, $a: ID!) { recordCommonReuse(commonId: $id, version: $v, input: { actorId: $a, since: "2026-02-01" }) { ${COMMON} } }`, { id: common.id, v: version, a: actorId });
    const reused = ok(await reuse(common.version, reuser)).recordCommonReuse;
    expect(reused.reuses).toEqual([{ actor: { id: reuser }, since: '2026-02-01' }]);
    expect(code(await reuse(common.version, randomUUID()))).toBe('CONFLICT');
    expect(badInput(await reuse(reused.version, reuser))[0]).toEqual({ field: 'actorId', message: 'already reuses this common' });
    const active = ok(await subgraph.request(`mutation ($id: ID!, $v: Int!) { updateCommon(id: $id, version: $v, input: { status: ACTIVE }) { status version } }`, { id: common.id, v: reused.version })).updateCommon;
    expect(active).toEqual({ status: 'ACTIVE', version: reused.version + 1 });

    const actor = ok(await subgraph.request(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Actor { maintainedCommons { nodes { name } } } } }`, { r: [{ __typename: 'Actor', id: other }] }))._entities[0];
    expect(actor.maintainedCommons.nodes).toEqual([{ name: 'Outil commun' }]);
  });

  it('records workshops with their participants and the needs they produced, each of a challenge of the call', async () => {
    const call = await moveTo(subgraph, await createCall(subgraph), 'CO_CONSTRUCTION');
    const participants = [randomUUID(), randomUUID()];
    const workshop = ok(
      await subgraph.request(`mutation ($input: CreateWorkshopInput!) { createWorkshop(input: $input) { id version participants { id } } }`, {
        input: { callId: call.id, title: 'Atelier 1', heldOn: '2024-09-19', place: 'Nîmes', facilitator: 'ESS-Gard', participantIds: participants },
      }),
    ).createWorkshop;
    expect(workshop.participants).toEqual(participants.map((id) => ({ id })));
    const otherCall = await createCall(subgraph);
    const needInput = { callId: call.id, workshopId: workshop.id, challengeId: otherCall.challenges[0].id, description: 'Besoin', territoryKind: 'PRIORITY_DISTRICT', communeCode: '30189' };
    expect(badInput(await subgraph.request(`mutation ($input: CreateNeedInput!) { createNeed(input: $input) { id } }`, { input: needInput }))).toEqual([
      { field: 'challengeId', message: 'is not a challenge of this call' },
    ]);
    // a commune of the call's département, from the official list (the kit's rule)
    const needOf = (communeCode: string) => ({ ...needInput, challengeId: call.challenges[1].id, communeCode });
    expect(badInput(await subgraph.request(`mutation ($input: CreateNeedInput!) { createNeed(input: $input) { id } }`, { input: needOf('26362') }))).toEqual([
      { field: 'communeCode', message: 'is a commune of département 26, not of 30' },
    ]);
    expect(badInput(await subgraph.request(`mutation ($input: CreateNeedInput!) { createNeed(input: $input) { id } }`, { input: needOf('30999') }))).toEqual([
      { field: 'communeCode', message: expect.stringMatching(/official code list/) },
    ]);
    ok(await subgraph.request(`mutation ($input: CreateNeedInput!) { createNeed(input: $input) { id } }`, { input: { ...needInput, challengeId: call.challenges[1].id } }));
    const read = ok(await subgraph.request(`query ($id: ID!) { workshop(id: $id) { needs { totalCount nodes { territoryKind communeCode challenge { title } workshop { title } } } } }`, { id: workshop.id })).workshop;
    expect(read.needs).toEqual({ totalCount: 1, nodes: [{ territoryKind: 'PRIORITY_DISTRICT', communeCode: '30189', challenge: { title: 'Créer en zone rurale' }, workshop: { title: 'Atelier 1' } }] });
    // the challenges are fixed once needs refer to them
    expect(badInput(await subgraph.request(`mutation ($id: ID!, $v: Int!) { updateCall(id: $id, version: $v, input: { challenges: [{ title: "Autre" }] }) { id } }`, { id: call.id, v: call.version }))[0]).toEqual({
      field: 'challenges',
      message: '1 need(s) refer to the challenges: they cannot be replaced any more',
    });
  });
});
