// One gateway in its own process; the argument (over IPC) is { kind, supergraphSdl, secret, databaseUrl }.
// - ours: the production gateway (startGateway: caller resolution, limits, cost, HMAC signing) → HTTP → subgraph processes;
// - monolith: the same gateway code and plugins in ONE process with every subgraph's executable schema and resolvers
//   executed in-process (a transport that calls graphql `execute` on the subgraph schema with the identity the gateway
//   resolved and fresh per-request loaders): no HTTP, no JSON between gateway and subgraphs, no signature;
// - monolith-rust: the monolith with the Rust query planner (the cheapest in-process execution we have);
// - hive-router: our gateway with @graphql-hive/router-runtime's unifiedGraphHandler (Rust query planner), same subgraphs;
// - apollo: @apollo/gateway 2 on @apollo/server 5 (standalone), its RemoteGraphQLDataSource signing each subgraph request
//   (anonymous identity) with the kit's signRequest; no limits plugins, no caller resolution.
import 'reflect-metadata';
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ANONYMOUS, createDataSource, openDatabase, signRequest, statementTally, type Identity } from '@ess/kit';
import { startGateway, subgraphsOf, testGatewayConfig, type RunningGateway } from '@ess/gateway';
import { execute, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { DEFINITIONS } from './definitions';
import { serveWorker } from './proc';

export const MONOLITH_POOL_PER_SUBGRAPH = Number(process.env.BENCH_MONOLITH_POOL ?? 6);

export type GatewayKind = 'ours' | 'monolith' | 'monolith-rust' | 'hive-router' | 'apollo';

interface Args {
  kind: GatewayKind;
  supergraphSdl: string;
  secret: string;
  databaseUrl: string;
  /** Monolith only: how many processes serve it (node:cluster, one shared port); default 1. */
  processes?: number;
  /** A built admin SPA for the gateway to serve (SPA figures). */
  adminUiDir?: string;
  /**
   * Keep the HTTP executor's deduplication of identical in-flight subgraph requests (on in production). Off by default
   * in the benchmark: autocannon sends the same body on every connection, so with it on, concurrent requests share
   * subgraph answers, which neither the monolith nor @apollo/gateway do, and which real callers rarely get.
   */
  dedupe?: boolean;
}
let args: Args;
const silentLog = { info: () => undefined, warn: () => undefined, error: (...a: unknown[]) => console.error(`[gateway ${args.kind}]`, ...a) };

function config() {
  // generous limits: the partner page of 100 actors with nested pages is above the default cost limit of 20 000
  const generous = { perMinute: 100_000_000, capacity: 10_000_000 };
  return testGatewayConfig({
    gatewaySecret: args.secret,
    authCacheTtlMs: 10_000, // the production default: a session is resolved once per 10 s, not per request
    rateLimits: { anonymous: generous, partner: generous, staff: generous, signIn: generous },
    limits: { maxDepth: 12, maxAliases: 20, maxTokens: 4000, maxCost: 1_000_000, defaultPageSize: 20 },
    adminUiDir: args.adminUiDir ?? null,
  });
}

async function monolith(rustPlanner: boolean): Promise<{ gateway: RunningGateway; sources: DataSource[]; statements: () => number }> {
  let statements = 0;
  const sources: DataSource[] = [];
  const executors = new Map<string, (request: { document: DocumentNode; variables?: Record<string, unknown>; operationName?: string; context?: any }) => Promise<any>>();
  for (const definition of DEFINITIONS) {
    // PostgreSQL connections: the five subgraph processes may hold 10 each; the shared server allows 100, so a monolith
    // gets MONOLITH_POOL_PER_SUBGRAPH per subgraph schema in all (split across its processes) and closes idle ones fast
    const poolSize = Math.max(2, Math.ceil(MONOLITH_POOL_PER_SUBGRAPH / (args.processes ?? 1)));
    const dataSource = createDataSource({ url: args.databaseUrl, schema: definition.name, entities: definition.entities, migrations: definition.migrations, poolSize, applicationName: `bench-${args.kind}` });
    Object.assign(dataSource.options.extra as object, { idleTimeoutMillis: 1000 });
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
      return process.env.BENCH_MONOLITH_JSON ? JSON.parse(JSON.stringify(result)) : result;
    });
  }
  const transport = {
    getSubgraphExecutor({ subgraphName }: { subgraphName: string }) {
      const executor = executors.get(subgraphName.toLowerCase());
      if (!executor) throw new Error(`no in-process subgraph ${subgraphName}`);
      return executor;
    },
  };
  const runtime: Record<string, unknown> = { transports: () => transport };
  if (rustPlanner) runtime.unifiedGraphHandler = (await import('@graphql-hive/router-runtime')).unifiedGraphHandler;
  const gateway = await startGateway(config(), { supergraphSdl: args.supergraphSdl, log: silentLog, runtime });
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

/**
 * The monolith as a node:cluster of `processes` workers sharing one port (a monolith scales on a machine's cores that
 * way, as the federated side spreads over its six processes). The primary only forks; the workers serve.
 */
async function monolithCluster(): Promise<{ url: string; pids: number[]; statements: () => Promise<number>; stop: () => Promise<void> }> {
  const file = path.join(os.tmpdir(), `bench-monolith-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(args));
  cluster.setupPrimary({ exec: __filename, args: [] });
  const workers = Array.from({ length: args.processes ?? 1 }, () => cluster.fork({ BENCH_MONOLITH_ARGS: file }));
  const urls = await Promise.all(
    workers.map(
      (worker) =>
        new Promise<string>((resolve, reject) => {
          worker.on('message', (m: { type: string; url?: string; error?: string }) => (m.type === 'ready' ? resolve(m.url as string) : m.type === 'failed' ? reject(new Error(m.error)) : undefined));
          worker.once('exit', (code) => reject(new Error(`monolith worker exited with ${code}`)));
        }),
    ),
  );
  const statements = () =>
    Promise.all(
      workers.map(
        (worker) =>
          new Promise<number>((resolve) => {
            const onMessage = (m: { type: string; value?: number }) => {
              if (m.type !== 'statements') return;
              worker.off('message', onMessage);
              resolve(m.value ?? 0);
            };
            worker.on('message', onMessage);
            worker.send({ type: 'statements' });
          }),
      ),
    ).then((counts) => counts.reduce((a, b) => a + b, 0));
  return {
    url: urls[0],
    pids: workers.map((w) => w.process.pid as number),
    statements,
    async stop() {
      await Promise.all(workers.map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : (w.once('exit', () => resolve()), w.send({ type: 'stop' }))))));
    },
  };
}

if (cluster.isWorker) {
  args = JSON.parse(readFileSync(process.env.BENCH_MONOLITH_ARGS as string, 'utf8')) as Args;
  monolith(args.kind === 'monolith-rust').then(
    ({ gateway, sources, statements }) => {
      process.on('message', async (m: { type: string }) => {
        if (m.type === 'statements') process.send?.({ type: 'statements', value: statements() });
        if (m.type === 'stop') {
          await gateway.close();
          for (const source of sources) await source.destroy();
          process.exit(0);
        }
      });
      process.send?.({ type: 'ready', url: gateway.url });
    },
    (error) => {
      process.send?.({ type: 'failed', error: String(error?.stack ?? error) });
      process.exit(1);
    },
  );
} else {
  void serveWorker(async (argument: Args) => {
    args = argument;
    if (args.kind === 'apollo') {
      const started = await apollo();
      return { value: { url: started.url }, stop: started.stop };
    }
    if (args.kind === 'monolith' || args.kind === 'monolith-rust') {
      const started = await monolithCluster();
      return { value: { url: started.url, pids: started.pids }, handlers: { statements: started.statements }, stop: started.stop };
    }
    const runtime: Record<string, unknown> = {};
    if (!args.dedupe) {
      runtime.transportEntries = Object.fromEntries(
        subgraphsOf(args.supergraphSdl).map((s) => [s.name, { location: s.url, options: { deduplicateInflightRequests: false } }]),
      );
    }
    if (args.kind === 'hive-router') {
      const { unifiedGraphHandler } = await import('@graphql-hive/router-runtime');
      runtime.unifiedGraphHandler = unifiedGraphHandler;
    }
    const gateway = await startGateway(config(), { supergraphSdl: args.supergraphSdl, log: silentLog, runtime });
    return { value: { url: gateway.url }, stop: () => gateway.close() };
  });
}
