// Through the gateway, plans and procurement: the demo SPASER action names the SPASER procurement holds (issue 16: its
// page asked for `action.spaserPlan.title` and got INTERNAL_SERVER_ERROR: plans keyed its demo SPASER 'spaser:gard',
// procurement 'spaser:30'). A reference procurement cannot resolve costs only that field: the gateway nulls it with an
// error on its path (its non-null title cannot be completed), the rest of the action answers.
import { printSubgraphSchema } from '@apollo/subgraph';
import { actorsSubgraph } from '@ess/actors';
import { composeSupergraph, readGatewayConfig, startGateway, type RunningGateway } from '@ess/gateway';
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { procurementSubgraph } from '@ess/procurement';
import { randomUUID } from 'node:crypto';
import { DEMO_PLAN_IDS, plansSubgraph } from '../src';

const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('an action’s SPASER, from procurement', () => {
  let actors: TestSubgraph;
  let plans: TestSubgraph;
  let procurement: TestSubgraph;
  let gateway: RunningGateway;

  beforeAll(async () => {
    plans = await startTestSubgraph(plansSubgraph, { seed: true });
    // The registry too: procurement extends its Actor, which plans references.
    [actors, procurement] = await Promise.all([
      startTestSubgraph(actorsSubgraph, { seed: true, secret: plans.secret }),
      startTestSubgraph(procurementSubgraph, { seed: true, secret: plans.secret }),
    ]);
    const supergraphSdl = composeSupergraph([
      { name: 'actors', url: actors.url, sdl: printSubgraphSchema(await actorsSubgraph.buildSchema(actors.dataSource)) },
      { name: 'plans', url: plans.url, sdl: printSubgraphSchema(await plansSubgraph.buildSchema(plans.dataSource)) },
      {
        name: 'procurement',
        url: procurement.url,
        sdl: printSubgraphSchema(await procurementSubgraph.buildSchema(procurement.dataSource)),
      },
    ]);
    const config = readGatewayConfig({
      NODE_ENV: 'test',
      GATEWAY_SECRET: plans.secret,
      PORT: '0',
      AUTH_CACHE_TTL_MS: '0',
      MAX_QUERY_COST: '1000000',
    });
    gateway = await startGateway({ ...config, adminUiDir: null }, { supergraphSdl, log: silentLog });
  });
  afterAll(async () => {
    await gateway?.close();
    await Promise.all([plans?.close(), procurement?.close(), actors?.close()]);
  });

  async function query(text: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: text, variables }),
    });
    return (await response.json()) as { data?: any; errors?: any[] };
  }

  const SPASER_OF_ACTION = `query ($id: ID!) { action(id: $id) { title spaserPlan { id title status authorityCode } } }`;

  it('the demo SPASER action of the Gard plan shows the Gard SPASER of procurement', async () => {
    const actions = await query(`query ($id: ID!) { plan(id: $id) { actions(first: 100) { nodes { id title } } } }`, {
      id: DEMO_PLAN_IDS.gard,
    });
    const spaser = actions.data!.plan.actions.nodes.find((a: { title: string }) => a.title.startsWith('SPASER'));
    const body = await query(SPASER_OF_ACTION, { id: spaser.id });
    expect(body.errors).toBeUndefined();
    expect(body.data.action.spaserPlan).toMatchObject({ authorityCode: '30', title: expect.stringContaining('SPASER') });
  });

  it('a SPASER procurement does not know costs only the action’s spaserPlan field', async () => {
    const [{ id }] = await plans.dataSource.query(
      `SELECT id FROM plans.action WHERE plan_id = $1 AND spaser_plan_id IS NULL ORDER BY id LIMIT 1`,
      [DEMO_PLAN_IDS.gard],
    );
    await plans.dataSource.query(`UPDATE plans.action SET spaser_plan_id = $1 WHERE id = $2`, [randomUUID(), id]);
    const body = await query(SPASER_OF_ACTION, { id });
    expect(body.data.action.title).toEqual(expect.any(String));
    expect(body.data.action.spaserPlan).toBeNull();
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(body.errors!.every((error) => error.path?.slice(0, 2).join('.') === 'action.spaserPlan')).toBe(true);
  });
});
