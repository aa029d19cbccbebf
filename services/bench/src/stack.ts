// The systems under test, all in this process (so each side has the same single event loop), on one scratch database:
// - the five subgraphs on their own HTTP ports (as `npm start` runs them, minus the separate processes);
// - `federated`: the real gateway (startGateway) over HTTP to the subgraphs, with its auth, limits and signing;
// - `counting`: a second gateway whose upstreams go through counting proxies, used only to sum x-sql-statements;
// - `monolith`: one merged (stitched) schema of the same subgraph schemas, whose subschemas execute in-process
//   (no HTTP hop, no signature, no gateway plugins), served by graphql-yoga on its own port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { printSubgraphSchema } from '@apollo/subgraph';
import { accessSubgraph } from '@ess/access';
import { actorsSubgraph } from '@ess/actors';
import { commonsSubgraph } from '@ess/commons';
import { composeSupergraph, startGateway, testGatewayConfig, type RunningGateway } from '@ess/gateway';
import { ANONYMOUS, createScratchDatabase, startSubgraph, statementTally, STATEMENTS_HEADER, type StartedSubgraph, type SubgraphDefinition } from '@ess/kit';
import { plansSubgraph } from '@ess/plans';
import { procurementSubgraph } from '@ess/procurement';
import { getStitchedSchemaFromSupergraphSdl } from '@graphql-tools/federation';
import { execute, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { createYoga } from 'graphql-yoga';
import type { DataSource } from 'typeorm';

export const DEFINITIONS: Array<SubgraphDefinition<any>> = [actorsSubgraph, procurementSubgraph, commonsSubgraph, plansSubgraph, accessSubgraph];

const silentLog = { info: () => undefined, warn: () => undefined, error: (...args: unknown[]) => console.error('[gateway]', ...args) };

export interface Stack {
  db: DataSource;
  seedSeconds: number;
  federatedUrl: string;
  monolithUrl: string;
  /** One request through the counting gateway: the SQL statements all subgraphs ran for it. */
  countFederated(body: string): Promise<{ statements: number; perSubgraph: Record<string, number>; json: any }>;
  /** One request to the monolith: the SQL statements it ran. */
  countMonolith(body: string): Promise<{ statements: number; json: any }>;
  close(): Promise<void>;
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`)));
}

function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A proxy in front of one subgraph that adds up the x-sql-statements of its answers. */
async function countingProxy(target: string, tally: Record<string, number>, name: string): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      try {
        const upstream = await fetch(new URL(req.url ?? '/', target), {
          method: req.method,
          headers: req.headers as Record<string, string>,
          body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
        });
        tally[name] = (tally[name] ?? 0) + Number(upstream.headers.get(STATEMENTS_HEADER) ?? 0);
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      } catch (error) {
        res.writeHead(502);
        res.end(String(error));
      }
    });
  });
  return { url: await listen(server), server };
}

export async function startStack(serverUrl: string): Promise<Stack> {
  const scratch = await createScratchDatabase(serverUrl, 'bench');
  const secret = randomBytes(32).toString('hex');
  const subgraphs: Array<{ definition: SubgraphDefinition<any>; started: StartedSubgraph; schema: GraphQLSchema }> = [];
  const servers: http.Server[] = [];
  const gateways: RunningGateway[] = [];
  const close = async () => {
    for (const gateway of gateways) await gateway.close();
    for (const server of servers) await closeServer(server);
    for (const { started } of subgraphs.reverse()) await started.close();
    await scratch.drop();
  };
  try {
    const seedStart = performance.now();
    for (const definition of DEFINITIONS) {
      const started = await startSubgraph(
        definition,
        { host: '127.0.0.1', port: 0, databaseUrl: scratch.url, gatewaySecret: secret, production: false, loadDemoData: true },
        { exposeStatementCount: true },
      );
      subgraphs.push({ definition, started, schema: await definition.buildSchema(started.dataSource) });
    }
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const sdls = subgraphs.map(({ definition, started, schema }) => ({ name: definition.name, url: started.url, sdl: printSubgraphSchema(schema) }));
    const supergraphSdl = composeSupergraph(sdls);

    // generous limits: the partner page of 100 actors with nested pages is above the default cost limit of 20 000
    const generous = { perMinute: 10_000_000, capacity: 1_000_000 };
    const config = (overrides = {}) =>
      testGatewayConfig({
        gatewaySecret: secret,
        rateLimits: { anonymous: generous, partner: generous, staff: generous, signIn: generous },
        limits: { maxDepth: 12, maxAliases: 20, maxTokens: 4000, maxCost: 1_000_000, defaultPageSize: 20 },
        ...overrides,
      });
    const federated = await startGateway(config(), { supergraphSdl, log: silentLog });
    gateways.push(federated);

    const tally: Record<string, number> = {};
    const proxied = [];
    for (const s of sdls) {
      const proxy = await countingProxy(s.url, tally, s.name);
      servers.push(proxy.server);
      proxied.push({ ...s, url: proxy.url });
    }
    const counting = await startGateway(config(), { supergraphSdl: composeSupergraph(proxied), log: silentLog });
    gateways.push(counting);

    // the monolith: same schemas, executed in-process; every subschema call gets fresh loaders, as an HTTP request would
    let monolithStatements = 0;
    const byName = new Map(subgraphs.map((s) => [s.definition.name, s]));
    const stitched = getStitchedSchemaFromSupergraphSdl({
      supergraphSdl,
      onSubschemaConfig(subschema) {
        const entry = byName.get(subschema.name.toLowerCase());
        if (!entry) throw new Error(`no subgraph named ${subschema.name}`);
        subschema.executor = (async (request: any) => {
          const tallyOfCall = { count: 0 };
          const result = await statementTally.run(tallyOfCall, () =>
            execute({
              schema: entry.schema,
              document: request.document,
              variableValues: request.variables,
              operationName: request.operationName,
              contextValue: { requestId: randomUUID(), identity: ANONYMOUS, loaders: entry.definition.createLoaders(entry.started.dataSource) },
            }),
          );
          monolithStatements += tallyOfCall.count;
          return result as ExecutionResult;
        }) as any;
      },
    });
    const yoga = createYoga({ schema: stitched, graphqlEndpoint: '/graphql', logging: false, graphiql: false, landingPage: false });
    const monolithServer = http.createServer(yoga);
    const monolithUrl = await listen(monolithServer);
    servers.push(monolithServer);

    const post = async (url: string, body: string) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return response.json();
    };
    return {
      db: subgraphs[0].started.dataSource,
      seedSeconds,
      federatedUrl: federated.url,
      monolithUrl,
      async countFederated(body) {
        for (const key of Object.keys(tally)) delete tally[key];
        const json = await post(counting.url, body);
        const perSubgraph = { ...tally };
        return { statements: Object.values(perSubgraph).reduce((a, b) => a + b, 0), perSubgraph, json };
      },
      async countMonolith(body) {
        const before = monolithStatements;
        const json = await post(monolithUrl, body);
        return { statements: monolithStatements - before, json };
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
