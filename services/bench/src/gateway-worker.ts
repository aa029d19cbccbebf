// One gateway in its own process; argv[2] is JSON { kind, supergraphSdl, secret, databaseUrl }.
// - ours: the production gateway (startGateway: caller resolution, limits, cost, HMAC signing) → HTTP → subgraph processes;
// - monolith: the same gateway code and plugins in ONE process with every subgraph's executable schema and resolvers
//   executed in-process (a transport that calls graphql `execute` on the subgraph schema with the identity the gateway
//   resolved and fresh per-request loaders): no HTTP, no JSON between gateway and subgraphs, no signature;
// - hive-router: our gateway with @graphql-hive/router-runtime's unifiedGraphHandler (Rust query planner), same subgraphs;
// - apollo: @apollo/gateway 2 on @apollo/server 5 (standalone), its RemoteGraphQLDataSource signing each subgraph request
//   (anonymous identity) with the kit's signRequest; no limits plugins, no caller resolution.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ANONYMOUS, createDataSource, openDatabase, signRequest, statementTally, type Identity } from '@ess/kit';
import { startGateway, testGatewayConfig, type RunningGateway } from '@ess/gateway';
import { execute, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { DEFINITIONS } from './definitions';
import { serveWorker } from './proc';

export type GatewayKind = 'ours' | 'monolith' | 'hive-router' | 'apollo';

const args = JSON.parse(process.argv[2]) as { kind: GatewayKind; supergraphSdl: string; secret: string; databaseUrl: string };
const silentLog = { info: () => undefined, warn: () => undefined, error: (...a: unknown[]) => console.error(`[gateway ${args.kind}]`, ...a) };

function config() {
  // generous limits: the partner page of 100 actors with nested pages is above the default cost limit of 20 000
  const generous = { perMinute: 100_000_000, capacity: 10_000_000 };
  return testGatewayConfig({
    gatewaySecret: args.secret,
    authCacheTtlMs: 10_000, // the production default: a session is resolved once per 10 s, not per request
    rateLimits: { anonymous: generous, partner: generous, staff: generous, signIn: generous },
    limits: { maxDepth: 12, maxAliases: 20, maxTokens: 4000, maxCost: 1_000_000, defaultPageSize: 20 },
  });
}

async function monolith(): Promise<{ gateway: RunningGateway; sources: DataSource[]; statements: () => number }> {
  let statements = 0;
  const sources: DataSource[] = [];
  const executors = new Map<string, (request: { document: DocumentNode; variables?: Record<string, unknown>; operationName?: string; context?: any }) => Promise<any>>();
  for (const definition of DEFINITIONS) {
    const dataSource = createDataSource({ url: args.databaseUrl, schema: definition.name, entities: definition.entities, migrations: definition.migrations });
    await openDatabase(dataSource, definition.name);
    sources.push(dataSource);
    const schema: GraphQLSchema = await definition.buildSchema(dataSource);
    executors.set(definition.name, async (request) => {
      const context = (request.context ?? {}) as { identity?: Identity; requestId?: string };
      const tally = { count: 0 };
      const result = await statementTally.run(tally, () =>
        execute({
          schema,
          document: request.document,
          variableValues: request.variables,
          operationName: request.operationName,
          // what the subgraph server builds from a verified request: request id, identity, fresh loaders
          contextValue: { requestId: context.requestId ?? randomUUID(), identity: context.identity ?? ANONYMOUS, loaders: definition.createLoaders(dataSource) },
        }),
      );
      statements += tally.count;
      return result;
    });
  }
  const transport = {
    getSubgraphExecutor({ subgraphName }: { subgraphName: string }) {
      const executor = executors.get(subgraphName.toLowerCase());
      if (!executor) throw new Error(`no in-process subgraph ${subgraphName}`);
      return executor;
    },
  };
  const gateway = await startGateway(config(), { supergraphSdl: args.supergraphSdl, log: silentLog, runtime: { transports: () => transport } });
  return { gateway, sources, statements: () => statements };
}

async function apollo(): Promise<{ url: string; stop: () => Promise<void> }> {
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  class SignedDataSource extends RemoteGraphQLDataSource {
    constructor(url: string) {
      super({ url });
      const inner = this.fetcher;
      // the body the data source sends is what the subgraph hashes: sign exactly that string
      this.fetcher = ((input: string, init: { headers?: Record<string, string>; body?: string }) =>
        inner(input, { ...init, headers: { ...init?.headers, ...signRequest(args.secret, ANONYMOUS, String(init?.body ?? '')) } } as any)) as any;
    }
  }
  const gateway = new ApolloGateway({ supergraphSdl: args.supergraphSdl, buildService: ({ url }) => new SignedDataSource(url as string) });
  const server = new ApolloServer({ gateway, introspection: false });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { url: new URL('/graphql', url.replace('localhost', '127.0.0.1')).toString(), stop: () => server.stop() };
}

void serveWorker(async () => {
  if (args.kind === 'apollo') {
    const started = await apollo();
    return { value: { url: started.url }, stop: started.stop };
  }
  if (args.kind === 'monolith') {
    const { gateway, sources, statements } = await monolith();
    return {
      value: { url: gateway.url },
      handlers: { statements: async () => statements() },
      async stop() {
        await gateway.close();
        for (const source of sources) await source.destroy();
      },
    };
  }
  let runtime = {};
  if (args.kind === 'hive-router') {
    const { unifiedGraphHandler } = await import('@graphql-hive/router-runtime');
    runtime = { unifiedGraphHandler };
  }
  const gateway = await startGateway(config(), { supergraphSdl: args.supergraphSdl, log: silentLog, runtime });
  return { value: { url: gateway.url }, stop: () => gateway.close() };
});
