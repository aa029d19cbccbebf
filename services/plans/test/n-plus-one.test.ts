// The number of SQL statements of a request does not grow with the length of its lists, and the batched loaders give
// each parent its own children, in order, a page at a time.
import { randomUUID } from 'node:crypto';
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import type { DataSource } from 'typeorm';
import { plansSubgraph } from '../src';
import { badFields, ok, siretFor } from './factories';

// A loader reached from two branches of a query at the same depth may run once or twice depending on which answer
// comes first; the queries below reach each loader from one branch, so their counts are exact.
const PLANS = `query ($first: Int!) {
  plans(first: $first, filter: { authorities: ["30"] }) { totalCount nodes {
    title kind { code } authorities { code }
    axes { title progress { progress } budget { planned } agreementTotals { year amount } actions(first: 3) { totalCount nodes { title } } }
    actions(first: 10) { totalCount nodes {
      title partners { id } milestones { title } parent { title } axis { title }
      subActions(first: 2) { totalCount nodes { title } }
      indicators(first: 2) { nodes { title tracking { status } values(first: 5) { totalCount nodes { value } } } }
      agreements(first: 2) { totalCount nodes { object instalments { amount } authority { code } actor { id } } }
    } }
    events(first: 5) { totalCount nodes { title } }
    indicators(first: 5) { totalCount nodes { title } }
    progress { actionCount progress } budget { planned } indicatorCounts { total } agreementTotals { year amount }
  } }
}`;

const ACTORS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Actor {
  id
  agreements(first: 5) { totalCount nodes { object plan { title } } }
  partnerActions(first: 5) { totalCount nodes { title axis { title } } }
} } }`;

interface Built {
  planIds: string[];
  actors: string[];
}

/**
 * Plans of the Gard, each with 2 axes and 6 actions (4 top-level, 2 sub-actions); every action has 2 partners among
 * `actors`, a milestone, an indicator with 3 values and a signed agreement with one instalment; each plan has an event.
 */
async function insertPlans(ds: DataSource, count: number, actors: string[]): Promise<Built> {
  const planIds: string[] = [];
  for (let p = 0; p < count; p++) {
    const planId = randomUUID();
    planIds.push(planId);
    const axes = [randomUUID(), randomUUID()];
    await ds.query(`INSERT INTO plans.plan (id, title, kind) VALUES ($1, $2, 'ESS_PLAN')`, [planId, `Plan ${String(p).padStart(2, '0')}`]);
    await ds.query(`INSERT INTO plans.plan_authority (plan_id, authority_code) VALUES ($1, '30')`, [planId]);
    await ds.query(`INSERT INTO plans.axis (id, plan_id, position, title) VALUES ($1, $3, 1, 'Axe 1'), ($2, $3, 2, 'Axe 2')`, [axes[0], axes[1], planId]);
    const actions = Array.from({ length: 6 }, () => randomUUID());
    // a0, a1 on axis 1; a2, a3 on axis 2; a4 (sub-action of a0) on axis 2; a5 (sub-action of a0) on axis 1
    const rows: Array<[string, string, string | null, number, string]> = [
      [actions[0], axes[0], null, 1, `P${p} a0`],
      [actions[1], axes[0], null, 2, `P${p} a1`],
      [actions[2], axes[1], null, 1, `P${p} a2`],
      [actions[3], axes[1], null, 2, `P${p} a3`],
      [actions[4], axes[1], actions[0], 3, `P${p} a4`],
      [actions[5], axes[0], actions[0], 3, `P${p} a5`],
    ];
    for (const [id, axis, parent, position, title] of rows) {
      await ds.query(`INSERT INTO plans.action (id, plan_id, axis_id, parent_id, position, title, progress, planned_budget) VALUES ($1, $2, $3, $4, $5, $6, 50, 1000)`, [id, planId, axis, parent, position, title]);
    }
    await ds.query(
      `INSERT INTO plans.action_partner (action_id, actor_id, position) SELECT a, (ARRAY[$2, $3])[n]::uuid, n FROM unnest($1::uuid[]) a CROSS JOIN generate_series(1, 2) n`,
      [actions, actors[p % actors.length], actors[(p + 1) % actors.length]],
    );
    await ds.query(`INSERT INTO plans.milestone (action_id, title, due_on) SELECT a, 'Étape', '2025-01-01' FROM unnest($1::uuid[]) a`, [actions]);
    await ds.query(
      `INSERT INTO plans.indicator (id, plan_id, action_id, title, unit, baseline, baseline_on, target, target_on)
       SELECT gen_random_uuid(), $1, a, 'Indicateur', 'u', 0, '2020-01-01', 100, '2040-01-01' FROM unnest($2::uuid[]) a`,
      [planId, actions],
    );
    await ds.query(
      `INSERT INTO plans.indicator_value (indicator_id, measured_on, value) SELECT i.id, d, 10 FROM plans.indicator i CROSS JOIN unnest(ARRAY['2021-01-01', '2022-01-01', '2023-01-01']::date[]) d WHERE i.plan_id = $1`,
      [planId],
    );
    await ds.query(
      `INSERT INTO plans.agreement (plan_id, action_id, authority_code, actor_id, beneficiary_name, beneficiary_siret, object, amount, nature, status, signed_on)
       SELECT $1, a, '30', $3, 'Bénéficiaire', $4, 'Convention ' || a, 1000, 'CASH', 'SIGNED', '2024-05-01' FROM unnest($2::uuid[]) a`,
      [planId, actions, actors[p % actors.length], siretFor(p + 1)],
    );
    await ds.query(`INSERT INTO plans.instalment (agreement_id, due_on, amount) SELECT id, '2024-06-01', 1000 FROM plans.agreement WHERE plan_id = $1`, [planId]);
    await ds.query(`INSERT INTO plans.event (plan_id, title, kind, held_on) VALUES ($1, 'Rencontre', 'PUBLIC_MEETING', '2024-11-26')`, [planId]);
  }
  return { planIds, actors };
}

describe('no N+1', () => {
  let subgraph: TestSubgraph;
  let built: Built;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(plansSubgraph);
    built = await insertPlans(subgraph.dataSource, 12, Array.from({ length: 30 }, () => randomUUID()));
  });
  afterAll(() => subgraph?.close());

  it('plans with everything nested: the same statements for 2 plans and for 12', async () => {
    const few = await subgraph.request(PLANS, { first: 2 });
    const many = await subgraph.request(PLANS, { first: 12 });
    expect(ok(few).plans.nodes).toHaveLength(2);
    expect(ok(many).plans.nodes).toHaveLength(12);
    expect(many.statements).toBe(few.statements);
    // one or two per list or field reached (a page: one ranked statement with its columns, and its count when asked): 32 in all
    expect(many.statements).toBe(32);
  });

  it('actor references with their agreements and partner actions: the same statements for 3 actors and for 30', async () => {
    const representations = (n: number) => built.actors.slice(0, n).map((id) => ({ __typename: 'Actor', id }));
    const few = await subgraph.request(ACTORS, { r: representations(3) });
    const many = await subgraph.request(ACTORS, { r: representations(30) });
    expect(ok(few)._entities).toHaveLength(3);
    expect(ok(many)._entities).toHaveLength(30);
    expect(many.statements).toBe(few.statements);
    // pages of agreements and partner actions (ranked rows with their columns, counts each), their plans and axes
    expect(many.statements).toBe(6);
    // actor 0 is funded by the 6 agreements of plan 0 and partner of its 6 actions
    const first = many.data!._entities[0];
    expect(first.agreements.totalCount).toBe(6);
    expect(first.agreements.nodes).toHaveLength(5);
    expect(first.partnerActions.totalCount).toBe(6);
    expect(first.partnerActions.nodes.map((a: { title: string }) => a.title)).toEqual(['P0 a0', 'P0 a1', 'P0 a2', 'P0 a3', 'P0 a4']);
    // an actor that is nobody's partner: empty pages, no error
    const stranger = ok(await subgraph.request(ACTORS, { r: [{ __typename: 'Actor', id: randomUUID() }, { __typename: 'Actor', id: 'not-a-uuid' }] }))._entities;
    expect(stranger.map((a: any) => [a.agreements.totalCount, a.partnerActions.totalCount])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('each plan gets its own actions, in plan order, with the right sub-actions and counts', async () => {
    const { plans } = ok(await subgraph.request(PLANS, { first: 12 }));
    plans.nodes.forEach((plan: any, p: number) => {
      expect(plan.title).toBe(`Plan ${String(p).padStart(2, '0')}`);
      expect(plan.actions.totalCount).toBe(6);
      // axis 1: a0, a1, a5; axis 2: a2, a3, a4
      expect(plan.actions.nodes.map((a: { title: string }) => a.title)).toEqual(['a0', 'a1', 'a5', 'a2', 'a3', 'a4'].map((t) => `P${p} ${t}`));
      const a0 = plan.actions.nodes[0];
      expect(a0.subActions.totalCount).toBe(2);
      expect(a0.subActions.nodes.map((a: { title: string }) => a.title)).toEqual([`P${p} a5`, `P${p} a4`]);
      expect(plan.actions.nodes[2].parent).toEqual({ title: `P${p} a0` });
      expect(a0.partners).toEqual([{ id: built.actors[p % 30] }, { id: built.actors[(p + 1) % 30] }]);
      expect(a0.indicators.nodes[0].values).toEqual({ totalCount: 3, nodes: [{ value: 10 }, { value: 10 }, { value: 10 }] });
      expect(a0.agreements.nodes[0].instalments).toEqual([{ amount: 1000 }]);
      expect(plan.axes.map((a: any) => [a.title, a.actions.totalCount, a.actions.nodes.length])).toEqual([
        ['Axe 1', 3, 3],
        ['Axe 2', 3, 3],
      ]);
      // roll-up: the 6 actions, sub-actions included, at 50 %, 1000 € each
      expect(plan.progress).toEqual({ actionCount: 6, progress: 50 });
      expect(plan.budget.planned).toBe(6000);
      expect(plan.indicatorCounts.total).toBe(6);
    });
  });

  it('pages through a plan’s actions with cursors, and refuses a forged one', async () => {
    const query = `query ($id: ID!, $after: String) { plan(id: $id) { actions(first: 4, after: $after) { edges { cursor node { title } } pageInfo { hasNextPage endCursor } } } }`;
    const page1 = ok(await subgraph.request(query, { id: built.planIds[3] })).plan.actions;
    expect(page1.edges.map((e: any) => e.node.title)).toEqual(['P3 a0', 'P3 a1', 'P3 a5', 'P3 a2']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = ok(await subgraph.request(query, { id: built.planIds[3], after: page1.pageInfo.endCursor })).plan.actions;
    expect(page2.edges.map((e: any) => e.node.title)).toEqual(['P3 a3', 'P3 a4']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const forged = Buffer.from(JSON.stringify(['not a number', randomUUID()])).toString('base64url');
    expect(badFields(await subgraph.request(query, { id: built.planIds[3], after: forged }))).toEqual(['after']);
  });

  it('root lists filter and page in a stable order', async () => {
    const actor = built.actors[0];
    const agreements = ok(await subgraph.request(`query ($a: ID!) { agreements(first: 50, filter: { actorId: $a, year: 2024, authorities: ["30"] }) { totalCount } }`, { a: actor })).agreements;
    expect(agreements.totalCount).toBe(6);
    const none = ok(await subgraph.request(`query ($a: ID!) { agreements(first: 50, filter: { actorId: $a, year: 2023 }) { totalCount } }`, { a: actor })).agreements;
    expect(none.totalCount).toBe(0);
    const actions = ok(await subgraph.request(`{ actions(first: 5, filter: { authorities: ["30"], topLevelOnly: true }) { totalCount nodes { title } } }`)).actions;
    expect(actions.totalCount).toBe(48);
    const events = ok(await subgraph.request(`{ events(first: 3, filter: { from: "2024-11-01", to: "2024-11-30" }) { totalCount } }`)).events;
    expect(events.totalCount).toBe(12);
    const byPlan = ok(await subgraph.request(`query ($p: ID!) { indicators(first: 10, planId: $p) { totalCount } }`, { p: built.planIds[0] })).indicators;
    expect(byPlan.totalCount).toBe(6);
    const entities = ok(await subgraph.request(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Plan { title } ... on Authority { name } } }`, {
      r: [{ __typename: 'Plan', id: built.planIds[1] }, { __typename: 'Authority', code: '30' }],
    }))._entities;
    expect(entities).toEqual([{ title: 'Plan 01' }, { name: 'Gard' }]);
  });
});
