// The rules of an application: a group of at least the call's minimum of distinct structures, a licence of the
// call's list, support the call offers, needs of the call, submission only in the open period, screening with reasons.
import { randomUUID } from 'node:crypto';
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { commonsSubgraph } from '../src';
import { act, actors, badInput, createApplication, createCall, moveTo, ok, openCall, screen, tryCreateApplication, type Row } from './factories';

describe('application rules', () => {
  let subgraph: TestSubgraph;
  let call: Row;
  let needId: string;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(commonsSubgraph);
    ({ call, needId } = await openCall(subgraph));
  });
  afterAll(() => subgraph?.close());

  it('needs at least the call’s minimum of structures, lead included', async () => {
    const [lead, partner] = actors(2);
    expect(badInput(await tryCreateApplication(subgraph, call.id, [needId], { leadActorId: lead, partnerIds: [partner] }))).toEqual([
      { field: 'partnerIds', message: 'an application to this call gathers at least 3 distinct structures, lead included; this one has 2' },
    ]);
    const created = await createApplication(subgraph, call.id, [needId], { leadActorId: lead, partnerIds: [partner, randomUUID()] });
    expect(created.groupSize).toBe(3);
    expect(created.status).toBe('DRAFT');
  });

  it('wants distinct members: no partner twice, and not the lead again', async () => {
    const [lead, partner] = actors(2);
    expect(badInput(await tryCreateApplication(subgraph, call.id, [needId], { leadActorId: lead, partnerIds: [partner, partner] }))[0]).toEqual({
      field: 'partnerIds',
      message: 'lists a structure twice: the members of a group are distinct',
    });
    expect(badInput(await tryCreateApplication(subgraph, call.id, [needId], { leadActorId: lead, partnerIds: [partner, lead] }))[0].message).toBe(
      'must not list the lead structure, which is already in the group',
    );
  });

  it('takes a licence from the call’s list, support of kinds it offers, needs of the call, valid document links', async () => {
    const other = await createCall(subgraph);
    const foreign = await moveTo(subgraph, other, 'CO_CONSTRUCTION');
    const foreignNeed = ok(
      await subgraph.request(`mutation ($input: CreateNeedInput!) { createNeed(input: $input) { id } }`, { input: { callId: foreign.id, challengeId: foreign.challenges[0].id, description: 'Ailleurs', territoryKind: 'URBAN' } }),
    ).createNeed;
    const result = await tryCreateApplication(subgraph, call.id, [foreignNeed.id], { licence: 'MIT', requestedPremises: 'Un local', documents: [{ title: 'Dossier', url: 'ftp://x' }] });
    expect(badInput(result)).toEqual([
      { field: 'licence', message: "must be one of the call's licences: CC-BY-SA-4.0, AGPL-3.0-or-later" },
      { field: 'requestedPremises', message: 'the call offers no PREMISES support' },
      { field: 'documents.0.url', message: 'must be an http(s) link' },
      { field: 'needIds', message: 'are not all needs of this call' },
    ]);
    expect(badInput(await tryCreateApplication(subgraph, call.id, [needId], { licence: 'not a licence!' }))[0].field).toBe('licence');
  });

  it('submits only while the call is open and within its period, answering a need', async () => {
    const noNeed = await createApplication(subgraph, call.id, []);
    expect(badInput(await act(subgraph, 'submitApplication', noNeed.id, noNeed.version))).toEqual([{ field: 'needIds', message: 'a submitted application answers at least one need of the call' }]);

    const draft = await createApplication(subgraph, call.id, [needId]);
    await subgraph.dataSource.query(`UPDATE commons.call SET closes_on = '2021-01-01' WHERE id = $1`, [call.id]);
    try {
      expect(badInput(await act(subgraph, 'submitApplication', draft.id, draft.version))[0].message).toMatch(/^applications are submitted from 2020-01-01 to 2021-01-01; today is \d{4}-\d{2}-\d{2}$/);
    } finally {
      await subgraph.dataSource.query(`UPDATE commons.call SET closes_on = '2099-12-31' WHERE id = $1`, [call.id]);
    }
    const submitted = ok(await act(subgraph, 'submitApplication', draft.id, draft.version)).submitApplication;
    expect(submitted.status).toBe('SUBMITTED');
    expect(badInput(await act(subgraph, 'submitApplication', submitted.id, submitted.version))[0].message).toBe('only a draft can be submitted; this application is SUBMITTED');

    // a call still in co-construction takes drafts but no submission
    const preparing = await moveTo(subgraph, await createCall(subgraph), 'CO_CONSTRUCTION');
    const early = await createApplication(subgraph, preparing.id, []);
    expect(badInput(await act(subgraph, 'submitApplication', early.id, early.version))[0].message).toBe('the call is CO_CONSTRUCTION: applications are submitted only while it is OPEN');
  });

  it('screens a submitted application: ineligible with a reason, and withdrawal before review', async () => {
    const a = ok(await act(subgraph, 'submitApplication', ...(await draftIds()))).submitApplication;
    expect(badInput(await screen(subgraph, a.id, a.version, false))).toEqual([{ field: 'reason', message: 'an ineligible application is told why' }]);
    const ineligible = ok(await screen(subgraph, a.id, a.version, false, 'Hors sujet')).screenApplication;
    expect(ineligible).toMatchObject({ status: 'INELIGIBLE', ineligibilityReason: 'Hors sujet' });
    expect(badInput(await act(subgraph, 'withdrawApplication', ineligible.id, ineligible.version))[0].message).toBe('an application INELIGIBLE can no longer be withdrawn');

    const b = ok(await act(subgraph, 'submitApplication', ...(await draftIds()))).submitApplication;
    expect(ok(await act(subgraph, 'withdrawApplication', b.id, b.version)).withdrawApplication.status).toBe('WITHDRAWN');
  });

  async function draftIds(): Promise<[string, number]> {
    const draft = await createApplication(subgraph, call.id, [needId]);
    return [draft.id, draft.version];
  }
});
