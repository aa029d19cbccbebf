// The five real subgraphs (seeded with the demo data) behind the gateway, for tests that must see the whole supergraph.
import { printSubgraphSchema } from '@apollo/subgraph';
import { accessSubgraph } from '@ess/access';
import { actorsSubgraph } from '@ess/actors';
import { createCommonsSubgraph } from '@ess/commons';
import { AccessStaffDirectory, type SubgraphDefinition } from '@ess/kit';
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { plansSubgraph } from '@ess/plans';
import { procurementSubgraph } from '@ess/procurement';
import { composeSupergraph } from '../src/compose';
import { startGateway, type RunningGateway } from '../src/gateway';
import { testGatewayConfig } from '../src/testing';
import { silentLog } from './harness';

export type SubgraphName = 'actors' | 'procurement' | 'commons' | 'plans' | 'access';

export interface FullStack {
  subgraphs: Record<SubgraphName, TestSubgraph>;
  gateway: RunningGateway;
  query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: { data?: T; errors?: any[] } }>;
  close(): Promise<void>;
}

export async function startFullStack(): Promise<FullStack> {
  const access = await startTestSubgraph(accessSubgraph, { seed: true });
  const secret = access.secret;
  // Commons checks its jurors with the access subgraph, as in production.
  const commonsDefinition = createCommonsSubgraph({ staffDirectory: new AccessStaffDirectory(access.url, secret) });
  const definitions: Record<Exclude<SubgraphName, 'access'>, SubgraphDefinition<any>> = {
    actors: actorsSubgraph,
    procurement: procurementSubgraph,
    commons: commonsDefinition,
    plans: plansSubgraph,
  };
  const subgraphs = { access } as Record<SubgraphName, TestSubgraph>;
  for (const [name, definition] of Object.entries(definitions)) subgraphs[name as SubgraphName] = await startTestSubgraph(definition, { seed: true, secret });
  const allDefinitions = { ...definitions, access: accessSubgraph };
  const sdls = [];
  for (const [name, definition] of Object.entries(allDefinitions)) {
    const subgraph = subgraphs[name as SubgraphName];
    sdls.push({ name, url: subgraph.url, sdl: printSubgraphSchema(await definition.buildSchema(subgraph.dataSource)) });
  }
  const gateway = await startGateway(testGatewayConfig({ gatewaySecret: secret }), { supergraphSdl: composeSupergraph(sdls), log: silentLog });
  return {
    subgraphs,
    gateway,
    async query(query, variables, headers = {}) {
      const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      return { status: response.status, body: await response.json() };
    },
    async close() {
      await gateway.close();
      for (const subgraph of Object.values(subgraphs)) await subgraph.close();
    },
  };
}
