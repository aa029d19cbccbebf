// Through the whole stack: the real actor registry and plans subgraphs behind the gateway, composed from their SDL.
// A query starts from a plan, reaches its actions, their partners' names (registry) and the agreements of those partners
// (plans): the plans subgraph runs the same number of statements for a plan of 3 actions and for one of 30.
import { printSubgraphSchema } from '@apollo/subgraph';
import { actorsSubgraph } from '@ess/actors';
import { composeSupergraph, readGatewayConfig, startGateway, type RunningGateway } from '@ess/gateway';
import { demoActor } from '@ess/kit';
import { startCountingProxy, startTestSubgraph, type CountingProxy, type TestSubgraph } from '@ess/kit/testing';
import { DEMO_PLAN_IDS, plansSubgraph } from '../src';
import { insertPlanSql } from './factories';

const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

const PLAN_QUERY = `query ($id: ID!) {
  plan(id: $id) {
    title
    authorities { code name }
    actions(first: 50) {
      totalCount
      nodes {
        title
        partners {
          id
          name
          agreements(first: 10) { totalCount nodes { object amount beneficiaryName authority { code } } }
        }
      }
    }
  }
}`;

describe('plans through the gateway, with the actor registry', () => {
  let actors: TestSubgraph;
  let plans: TestSubgraph;
  let proxy: CountingProxy;
  let actorsProxy: CountingProxy;
  let gateway: RunningGateway;
  let small: string;
  let large: string;

  async function query(planId: string) {
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: PLAN_QUERY, variables: { id: planId } }) });
    return (await response.json()) as { data?: any; errors?: any[] };
  }

  beforeAll(async () => {
    actors = await startTestSubgraph(actorsSubgraph, { seed: true });
    plans = await startTestSubgraph(plansSubgraph, { seed: true, secret: actors.secret });
    proxy = await startCountingProxy(plans.url);
    actorsProxy = await startCountingProxy(actors.url);
    const supergraphSdl = composeSupergraph([
      { name: 'actors', url: actorsProxy.url, sdl: printSubgraphSchema(await actorsSubgraph.buildSchema(actors.dataSource)) },
      { name: 'plans', url: proxy.url, sdl: printSubgraphSchema(await plansSubgraph.buildSchema(plans.dataSource)) },
    ]);
    // The gateway's own defaults, with room for a test: any port, no admin UI, no auth cache, generous limits.
    const config = readGatewayConfig({
      NODE_ENV: 'test',
      GATEWAY_SECRET: actors.secret,
      PORT: '0',
      UPSTREAM_TIMEOUT_MS: '10000',
      AUTH_CACHE_TTL_MS: '0',
      MAX_QUERY_COST: '1000000',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
    });
    gateway = await startGateway({ ...config, adminUiDir: null }, { supergraphSdl, log: silentLog });
    // Two plans whose actions all have the same two registry actors as partners; both actors have demo agreements.
    const partners = [demoActor('ess-gard').id, demoActor('pole-sud').id];
    small = (await insertPlanSql(plans.dataSource, 3, partners)).planId;
    large = (await insertPlanSql(plans.dataSource, 30, partners)).planId;
  });

  afterAll(async () => {
    await gateway?.close();
    await proxy?.close();
    await actorsProxy?.close();
    await plans?.close();
    await actors?.close();
  });

  it('reaches the demo Gard plan’s actions, their partners’ names from the registry and their agreements', async () => {
    const result = await query(DEMO_PLAN_IDS.gard);
    expect(result.errors).toBeUndefined();
    const plan = result.data.plan;
    expect(plan.title).toBe('Schéma départemental de l’économie sociale et solidaire du Gard');
    expect(plan.authorities).toEqual([{ code: '30', name: 'Gard' }]);
    const conventions = plan.actions.nodes.find((a: any) => a.title === 'Conventions avec les acteurs clés de l’ESS');
    expect(conventions.partners.map((p: any) => p.name)).toEqual(['ESS-Gard', 'CRESS Occitanie', "Les Jardins d'Insertion d'Alès"]);
    const essGard = conventions.partners[0];
    expect(essGard.id).toBe(demoActor('ess-gard').id);
    expect(essGard.agreements.nodes).toEqual([
      { object: 'Animation du réseau départemental de l’économie sociale et solidaire', amount: 30000, beneficiaryName: 'ESS-Gard', authority: { code: '30' } },
    ]);
    const scic = plan.actions.nodes.find((a: any) => a.title.includes('SCIC'));
    expect(scic.partners).toEqual([{ id: demoActor('scic-gard-autonomie').id, name: 'SCIC Gard et Autonomie', agreements: { totalCount: 0, nodes: [] } }]);
  });

  it('the bi-departmental plan reaches Pôle Sud and its agreements with the Drôme and the Ardèche', async () => {
    const result = await query(DEMO_PLAN_IDS.dromeArdeche);
    expect(result.errors).toBeUndefined();
    const poleSud = result.data.plan.actions.nodes.flatMap((a: any) => a.partners).find((p: any) => p.id === demoActor('pole-sud').id);
    expect(poleSud.name).toBe('Pôle Sud – Pôle de coopération et d’initiatives Sud Rhône-Alpes');
    expect(poleSud.agreements.nodes.map((g: any) => [g.authority.code, g.amount]).sort()).toEqual([['07', 25000], ['26', 40000]]);
  });

  it('runs the same number of plans statements for a plan of 3 actions and one of 30', async () => {
    proxy.reset();
    const few = await query(small);
    const fewStatements = proxy.statements;
    const fewRequests = proxy.requests;
    proxy.reset();
    const many = await query(large);
    const manyStatements = proxy.statements;

    expect(few.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    expect(few.data.plan.actions.nodes).toHaveLength(3);
    expect(many.data.plan.actions.nodes).toHaveLength(30);
    for (const action of many.data.plan.actions.nodes) {
      expect(action.partners.map((p: any) => p.name)).toEqual(['ESS-Gard', 'Pôle Sud – Pôle de coopération et d’initiatives Sud Rhône-Alpes']);
      expect(action.partners[0].agreements.totalCount).toBe(1);
      expect(action.partners[1].agreements.totalCount).toBe(2);
    }
    expect(Number.isFinite(fewStatements)).toBe(true);
    expect(manyStatements).toBe(fewStatements);
    // one request to the plans subgraph: the plan, its authorities, its actions (ranked rows, count), their
    // partners, the partners' agreements (ranked rows, count) and the agreements' authorities
    expect(fewRequests).toBe(1);
    expect(manyStatements).toBe(8);
  });

  it('when the registry is down, the plan and its actions still come, only the partners are missing', async () => {
    actorsProxy.down = true;
    try {
      const result = await query(DEMO_PLAN_IDS.gard);
      expect(result.data.plan.title).toBe('Schéma départemental de l’économie sociale et solidaire du Gard');
      expect(result.data.plan.actions.nodes.length).toBeGreaterThan(5);
      const conventions = result.data.plan.actions.nodes.find((a: any) => a.title === 'Conventions avec les acteurs clés de l’ESS');
      expect(conventions.partners).toBeNull();
      expect(result.data.plan.actions.nodes.filter((a: any) => a.partners !== null && a.partners.length > 0)).toEqual([]);
      expect(result.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(result.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    } finally {
      actorsProxy.down = false;
    }
  });

  it('the count holds when asking the plans subgraph directly', async () => {
    const direct = `query ($id: ID!) { plan(id: $id) { actions(first: 50) { nodes { title partners { id agreements(first: 10) { totalCount nodes { object } } partnerActions(first: 3) { nodes { title } } } } } } }`;
    const few = await plans.request(direct, { id: small });
    const many = await plans.request(direct, { id: large });
    expect(few.errors).toBeUndefined();
    expect(many.data!.plan.actions.nodes).toHaveLength(30);
    expect(many.statements).toBe(few.statements);
  });
});
