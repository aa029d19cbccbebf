// Through the whole stack: the real actor registry, procurement and commons subgraphs behind the gateway, composed
// from their SDL. A query starts from a call, reaches its applications, their lead and partner actors' names (registry)
// and those actors' contracts (procurement): each subgraph runs the same number of statements for a call of 3
// applications and for one of 30.
import { printSubgraphSchema } from '@apollo/subgraph';
import { actorsSubgraph } from '@ess/actors';
import { procurementSubgraph } from '@ess/procurement';
import { composeSupergraph, readGatewayConfig, startGateway, type RunningGateway } from '@ess/gateway';
import { demoActor } from '@ess/kit';
import { startCountingProxy, startTestSubgraph, type CountingProxy, type TestSubgraph } from '@ess/kit/testing';
import { commonsSubgraph, DEMO_CALL_ID } from '../src';
import { insertCallSql } from './factories';

/** Measured: SQL statements of the commons subgraph for the query below, for 3 or 30 applications. */
const STATEMENTS = 7;

const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

const CALL_QUERY = `query ($id: ID!) {
  call(id: $id) {
    title status
    applications(first: 50) {
      totalCount
      nodes {
        title status
        lead { id name }
        partners { id name commonsApplications(first: 5) { totalCount } awardedContracts(first: 3) { totalCount } }
        decision { grantedAmount }
      }
    }
  }
}`;

describe('commons through the gateway, with the actor registry', () => {
  let actors: TestSubgraph;
  let commons: TestSubgraph;
  let proxy: CountingProxy;
  let actorsProxy: CountingProxy;
  let procurement: TestSubgraph;
  let procurementProxy: CountingProxy;
  let gateway: RunningGateway;
  let small: string;
  let large: string;

  async function query(callId: string) {
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: CALL_QUERY, variables: { id: callId } }) });
    return (await response.json()) as { data?: any; errors?: any[] };
  }

  beforeAll(async () => {
    actors = await startTestSubgraph(actorsSubgraph, { seed: true });
    commons = await startTestSubgraph(commonsSubgraph, { seed: true, secret: actors.secret });
    proxy = await startCountingProxy(commons.url);
    actorsProxy = await startCountingProxy(actors.url);
    procurement = await startTestSubgraph(procurementSubgraph, { seed: true, secret: actors.secret });
    procurementProxy = await startCountingProxy(procurement.url);
    const supergraphSdl = composeSupergraph([
      { name: 'actors', url: actorsProxy.url, sdl: printSubgraphSchema(await actorsSubgraph.buildSchema(actors.dataSource)) },
      { name: 'procurement', url: procurementProxy.url, sdl: printSubgraphSchema(await procurementSubgraph.buildSchema(procurement.dataSource)) },
      { name: 'commons', url: proxy.url, sdl: printSubgraphSchema(await commonsSubgraph.buildSchema(commons.dataSource)) },
    ]);
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
    // Two calls whose applications all have the same group of three registry actors.
    const group = [demoActor('ess-gard').id, demoActor('pole-sud').id, demoActor('jardins-cocagne-ales').id];
    small = (await insertCallSql(commons.dataSource, 3, group)).callId;
    large = (await insertCallSql(commons.dataSource, 30, group)).callId;
  });

  afterAll(async () => {
    await gateway?.close();
    await proxy?.close();
    await actorsProxy?.close();
    await procurementProxy?.close();
    await procurement?.close();
    await commons?.close();
    await actors?.close();
  });

  it('reaches the demo Gard call’s applications and the names of their lead and partner structures', async () => {
    const result = await query(DEMO_CALL_ID);
    expect(result.errors).toBeUndefined();
    const call = result.data.call;
    expect(call.status).toBe('FOLLOW_UP');
    // anonymous through the gateway: the demo's draft is left out
    expect(call.applications.totalCount).toBe(11);
    const cevennes = call.applications.nodes.find((a: any) => a.title === 'Épiceries paysannes des Cévennes');
    expect(cevennes.lead).toEqual({ id: demoActor('jardins-cocagne-ales').id, name: "Les Jardins d'Insertion d'Alès" });
    expect(cevennes.partners.map((p: any) => p.id)).toEqual([demoActor('coop-agricole-stgilles').id, demoActor('cuma-vigan').id, demoActor('epicerie-bagnols').id]);
    for (const p of cevennes.partners) expect(typeof p.name).toBe('string');
    expect(cevennes.decision).toEqual({ grantedAmount: 50000 });
  });

  it('runs the same number of commons statements for a call of 3 applications and one of 30', async () => {
    proxy.reset();
    actorsProxy.reset();
    procurementProxy.reset();
    const few = await query(small);
    const [fewStatements, fewActors, fewProcurement] = [proxy.statements, actorsProxy.statements, procurementProxy.statements];
    const fewRequests = proxy.requests;
    proxy.reset();
    actorsProxy.reset();
    procurementProxy.reset();
    const many = await query(large);
    const manyStatements = proxy.statements;
    expect(actorsProxy.statements).toBe(fewActors);
    expect(procurementProxy.statements).toBe(fewProcurement);
    expect(Number.isFinite(fewProcurement)).toBe(true);
    // measured: the registry answers the names in 1 statement, procurement the contracts in 2 (ranked rows, count)
    expect([fewActors, fewProcurement]).toEqual([1, 2]);
    expect(few.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    expect(many.data.call.applications.nodes).toHaveLength(30);
    for (const application of many.data.call.applications.nodes) {
      expect(application.lead.name).toBe('ESS-Gard');
      expect(application.partners.map((p: any) => p.name)).toEqual(['Pôle Sud – Pôle de coopération et d’initiatives Sud Rhône-Alpes', "Les Jardins d'Insertion d'Alès"]);
      expect(application.partners[0].commonsApplications.totalCount).toBe(33);
      // the procurement demo data awards two contracts to the Jardins d'Insertion d'Alès, none to Pôle Sud
      expect(application.partners.map((p: any) => p.awardedContracts.totalCount)).toEqual([0, 2]);
    }
    expect(Number.isFinite(fewStatements)).toBe(true);
    expect(manyStatements).toBe(fewStatements);
    // one request to the commons subgraph (the partners' applications are its own field of Actor): the call, its
    // applications (ranked rows, count), their members, decisions, and the partners' applications (ranked rows, count)
    expect(fewRequests).toBe(1);
    expect(manyStatements).toBe(STATEMENTS);
  });
});
