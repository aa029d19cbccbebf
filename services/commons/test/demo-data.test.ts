// The demo data: the Gard's call for commons with its workshops, challenges, needs, applications in several states,
// reviews, decisions within the envelope and resulting commons; loaded once, even by replicas starting together.
import { demoActor, demoId } from '@ess/kit';
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { commonsSubgraph, DEMO_CALL_ID, DEMO_COMMONS } from '../src';
import { seedDemoData } from '../src/demo/demo-data';
import { ok } from './factories';

describe('demo data', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(commonsSubgraph, { seed: true });
  });
  afterAll(() => subgraph?.close());

  it('is the Gard call the plans subgraph links to, with its workshops, challenges and needs', async () => {
    expect(DEMO_CALL_ID).toBe(demoId('call:gard-appel-a-communs'));
    const call = ok(
      await subgraph.request(
        `query ($id: ID!) { call(id: $id) { authorityCode status minStructures budgetEnvelope opensOn supportKinds challenges { title }
          workshops { totalCount nodes { place participants { id } } } needs(first: 50) { totalCount nodes { territoryKind } }
          applications(first: 50) { totalCount nodes { status groupSize } } commons { totalCount }
          metrics { applicationCount acceptanceRate supportGranted { kind amount } commonsAlive } } }`,
        { id: DEMO_CALL_ID },
      ),
    ).call;
    expect(call).toMatchObject({ authorityCode: '30', status: 'FOLLOW_UP', minStructures: 3, budgetEnvelope: 250000, opensOn: '2025-03-07', supportKinds: ['MONEY', 'SKILLS', 'PREMISES', 'EQUIPMENT'] });
    expect(call.challenges).toHaveLength(2);
    expect(call.workshops.totalCount).toBe(3);
    expect(call.workshops.nodes[1].participants).toContainEqual({ id: demoActor('jardins-cocagne-ales').id });
    expect(new Set(call.needs.nodes.map((n: any) => n.territoryKind))).toEqual(new Set(['RURAL', 'PRIORITY_DISTRICT', 'URBAN', 'DEPARTEMENT_WIDE']));
    expect(call.applications.totalCount).toBe(12);
    expect(new Set(call.applications.nodes.map((a: any) => a.status))).toEqual(new Set(['ACCEPTED', 'REJECTED', 'INELIGIBLE', 'WITHDRAWN', 'DRAFT']));
    expect(call.commons.totalCount).toBe(2);
    expect(call.metrics.applicationCount).toBe(11);
    expect(call.metrics.acceptanceRate).toBe(0.5556); // 5 of 9 decided
    expect(call.metrics.supportGranted[0]).toEqual({ kind: 'MONEY', amount: 220000 }); // within the 250 k€ envelope
    expect(call.metrics.commonsAlive).toBe(2);
  });

  it('has reviews without conflicts of interest, and actors reaching their applications and commons', async () => {
    const [{ conflicts }] = await subgraph.dataSource.query(
      `SELECT count(*)::int AS conflicts FROM commons.review r JOIN commons.jury_member j ON j.id = r.jury_member_id
       JOIN commons.application_member m ON m.application_id = r.application_id WHERE m.actor_id = ANY(j.declared_actor_ids)`,
    );
    expect(conflicts).toBe(0);
    const actor = ok(
      await subgraph.request(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Actor { commonsApplications { totalCount } maintainedCommons { nodes { id name } } } } }`, {
        r: [{ __typename: 'Actor', id: demoActor('ess-gard').id }],
      }, staff('viewer', ['30'])),
    )._entities[0];
    expect(actor.commonsApplications.totalCount).toBe(4);
    expect(actor.maintainedCommons.nodes).toEqual([{ id: DEMO_COMMONS.materiautheque, name: 'Matériauthèque du Gard' }]);
  });

  it('loads once, even when replicas start together', async () => {
    await Promise.all([seedDemoData(subgraph.dataSource), seedDemoData(subgraph.dataSource)]);
    const [{ count }] = await subgraph.dataSource.query('SELECT count(*)::int AS count FROM commons.application');
    expect(count).toBe(12);
  });
});
