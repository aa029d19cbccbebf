// Metrics per call and per authority, computed by PostgreSQL, against values computed by hand.
import { randomUUID } from 'node:crypto';
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import type { DataSource } from 'typeorm';
import { commonsSubgraph } from '../src';
import { ok } from './factories';

const METRICS = `callCount applicationCount structuresInvolved averageGroupSize ruralOrPriorityShare decidedCount acceptedCount acceptanceRate
  supportGranted { kind grantCount amount } commonCount commonsAlive`;

interface App {
  members: string[];
  needs: string[];
  status: string;
  decision?: { accepted: boolean; amount: number; skills?: string; premises?: string };
  commons?: string[];
}

async function insertCall(ds: DataSource, authority: string, needs: Record<string, string>, apps: App[]): Promise<string> {
  const callId = randomUUID();
  await ds.query(`INSERT INTO commons.call (id, authority_code, title, status, accepted_licences, support_kinds, budget_envelope, opens_on, closes_on)
                  VALUES ($1, $2, 'Appel', 'DECIDED', '{CC-BY-4.0}', '{MONEY,SKILLS,PREMISES}', 100000, '2025-01-01', '2025-02-01')`, [callId, authority]);
  const [challenge] = await ds.query(`INSERT INTO commons.challenge (call_id, position, title) VALUES ($1, 1, 'Défi') RETURNING id`, [callId]);
  const needIds: Record<string, string> = {};
  for (const [key, territory] of Object.entries(needs)) {
    const [need] = await ds.query(`INSERT INTO commons.need (call_id, challenge_id, description, territory_kind) VALUES ($1, $2, $3, $4) RETURNING id`, [callId, challenge.id, key, territory]);
    needIds[key] = need.id;
  }
  for (const app of apps) {
    const [row] = await ds.query(
      `INSERT INTO commons.application (call_id, lead_actor_id, title, proposed_common, licence, status, submitted_at)
       VALUES ($1, $2, 'A', 'C', 'CC-BY-4.0', $3, CASE WHEN $3 = 'DRAFT' THEN NULL ELSE now() END) RETURNING id`,
      [callId, app.members[0], app.status],
    );
    for (const [i, actor] of app.members.entries()) {
      await ds.query(`INSERT INTO commons.application_member (application_id, actor_id, role, position) VALUES ($1, $2, $3, $4)`, [row.id, actor, i ? 'PARTNER' : 'LEAD', i + 1]);
    }
    for (const need of app.needs) await ds.query(`INSERT INTO commons.application_need (application_id, need_id, call_id) VALUES ($1, $2, $3)`, [row.id, needIds[need], callId]);
    if (app.decision) {
      await ds.query(
        `INSERT INTO commons.decision (application_id, call_id, accepted, reasons, granted_amount, granted_skills, granted_premises, decided_on) VALUES ($1, $2, $3, 'R', $4, $5, $6, '2025-03-01')`,
        [row.id, callId, app.decision.accepted, app.decision.amount, app.decision.skills ?? null, app.decision.premises ?? null],
      );
    }
    for (const status of app.commons ?? []) await ds.query(`INSERT INTO commons.common (application_id, call_id, name, licence, status) VALUES ($1, $2, 'Commun', 'CC-BY-4.0', $3)`, [row.id, callId, status]);
  }
  return callId;
}

describe('metrics', () => {
  let subgraph: TestSubgraph;
  let callA: string;
  const [x, y, z, u, v, w, t, p, q, r, s1, s2] = Array.from({ length: 12 }, () => randomUUID());

  beforeAll(async () => {
    subgraph = await startTestSubgraph(commonsSubgraph);
    const ds = subgraph.dataSource;
    callA = await insertCall(ds, '26', { rural: 'RURAL', urban: 'URBAN', qpv: 'PRIORITY_DISTRICT' }, [
      { members: [x, y, z], needs: ['rural', 'urban'], status: 'ACCEPTED', decision: { accepted: true, amount: 10000, skills: 'Juriste' }, commons: ['ACTIVE', 'ENDED'] },
      { members: [x, u, v, w], needs: ['urban'], status: 'REJECTED', decision: { accepted: false, amount: 0 } },
      { members: [y, z, t], needs: ['qpv'], status: 'WITHDRAWN' },
      { members: [p, q, r], needs: ['rural'], status: 'DRAFT' },
    ]);
    await insertCall(ds, '26', {}, [{ members: [x, s1, s2], needs: [], status: 'ACCEPTED', decision: { accepted: true, amount: 5000.5, premises: 'Local' }, commons: ['EMERGING'] }]);
    // another authority's call is left out of the Drôme's metrics
    await insertCall(ds, '07', { rural: 'RURAL' }, [{ members: [x, y, z], needs: ['rural'], status: 'ACCEPTED', decision: { accepted: true, amount: 999 } }]);
  });
  afterAll(() => subgraph?.close());

  it('of a call: drafts left out, withdrawn ones counted, shares and rates as computed by hand', async () => {
    const data = ok(await subgraph.request(`query ($id: ID!) { call(id: $id) { metrics { ${METRICS} } } }`, { id: callA }));
    expect(data.call.metrics).toEqual({
      callCount: 1,
      applicationCount: 3, // the draft is left out
      structuresInvolved: 7, // x y z u v w t
      averageGroupSize: 3.33, // (3 + 4 + 3) / 3
      ruralOrPriorityShare: 0.6667, // the first (rural need) and the third (priority district) of three
      decidedCount: 2,
      acceptedCount: 1,
      acceptanceRate: 0.5,
      supportGranted: [
        { kind: 'MONEY', grantCount: 1, amount: 10000 },
        { kind: 'SKILLS', grantCount: 1, amount: null },
        { kind: 'PREMISES', grantCount: 0, amount: null },
        { kind: 'EQUIPMENT', grantCount: 0, amount: null },
      ],
      commonCount: 2,
      commonsAlive: 1, // ACTIVE; the ENDED one is not alive
    });
  });

  it('of an authority: all its calls and only its calls', async () => {
    const data = ok(await subgraph.request(`{ drome: commonsMetrics(authorityCode: "26") { ${METRICS} } none: commonsMetrics(authorityCode: "75") { applicationCount acceptanceRate averageGroupSize } }`));
    expect(data.drome).toEqual({
      callCount: 2,
      applicationCount: 4,
      structuresInvolved: 9, // x y z u v w t s1 s2
      averageGroupSize: 3.25, // (3 + 4 + 3 + 3) / 4
      ruralOrPriorityShare: 0.5, // 2 of 4
      decidedCount: 3,
      acceptedCount: 2,
      acceptanceRate: 0.6667,
      supportGranted: [
        { kind: 'MONEY', grantCount: 2, amount: 15000.5 },
        { kind: 'SKILLS', grantCount: 1, amount: null },
        { kind: 'PREMISES', grantCount: 1, amount: null },
        { kind: 'EQUIPMENT', grantCount: 0, amount: null },
      ],
      commonCount: 3,
      commonsAlive: 2,
    });
    expect(data.none).toEqual({ applicationCount: 0, acceptanceRate: null, averageGroupSize: null });
  });
});
