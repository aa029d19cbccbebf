// Test helpers: a scratch database per test file, a subgraph started on it, and signed requests to it.
import { randomBytes } from 'node:crypto';
import type { SubgraphDefinition, StartedSubgraph } from '../subgraph';
import { startSubgraph } from '../subgraph';
import { createScratchDatabase } from '../database';
import { signRequest, type Identity, ANONYMOUS, SYSTEM } from '../identity';
import { STATEMENTS_HEADER } from '../server';

export { ANONYMOUS, SYSTEM };

export function testServerUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through jest (its global setup starts PostgreSQL)');
  return url;
}

export interface GraphQLResult<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
  /** SQL statements the request ran (from the subgraph's header). */
  statements: number;
}

export interface TestSubgraph extends StartedSubgraph {
  secret: string;
  /** Its scratch database: another replica may be started on it (`replicaOf`). */
  databaseUrl: string;
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, identity?: Identity): Promise<GraphQLResult<T>>;
}

export const staff = (role: 'admin' | 'editor' | 'viewer', authorities: string[], userId = `user-${role}-${authorities.join('-')}`): Identity => ({
  kind: 'staff',
  userId,
  role,
  authorities,
});

export async function postSigned(url: string, secret: string, body: unknown, identity: Identity = ANONYMOUS, extraHeaders: Record<string, string> = {}): Promise<Response> {
  const raw = JSON.stringify(body);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signRequest(secret, identity, raw), ...extraHeaders },
    body: raw,
  });
}

/**
 * Starts a subgraph on a fresh database of the test server; `close` stops it and drops the database.
 * `secret`: the gateway secret to share with other subgraphs of the same test (a random one by default).
 */
export async function startTestSubgraph<L>(
  definition: SubgraphDefinition<L>,
  /** replicaOf: a second replica on the first one's database and secret (its close leaves the database to the first). */
  options: { seed?: boolean; secret?: string; periodicJobs?: boolean; redisUrl?: string; replicaOf?: TestSubgraph; metrics?: boolean } = {},
): Promise<TestSubgraph> {
  const database = options.replicaOf
    ? { url: options.replicaOf.databaseUrl, drop: async () => undefined }
    : await createScratchDatabase(testServerUrl(), `t_${definition.name}`);
  const secret = options.secret ?? options.replicaOf?.secret ?? randomBytes(32).toString('hex');
  let started: StartedSubgraph;
  try {
    started = await startSubgraph(
      definition,
      {
        host: '127.0.0.1',
        port: 0,
        databaseUrl: database.url,
        gatewaySecret: secret,
        production: false,
        loadDemoData: options.seed ?? false,
        // Off unless asked: a retention run starting on its own would race the test's own data.
        periodicJobs: options.periodicJobs ?? false,
        logSql: process.env.LOG_SQL === 'true',
        redisUrl: options.redisUrl,
        metricsPort: options.metrics ? 0 : undefined,
      },
      { exposeStatementCount: true },
    );
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    ...started,
    secret,
    databaseUrl: database.url,
    async request(query, variables, identity = SYSTEM) {
      const response = await postSigned(started.url, secret, { query, variables }, identity);
      const json = (await response.json()) as { data?: any; errors?: any };
      return { status: response.status, data: json.data, errors: json.errors, statements: Number(response.headers.get(STATEMENTS_HEADER) ?? NaN) };
    },
    async close() {
      await started.close();
      await database.drop();
    },
  };
}
export { startCountingProxy, type CountingProxy } from './counting-proxy';
