// Serves a subgraph over node:http: signature check, GraphQL, a health endpoint, masked errors, graceful close.
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { RequestContext } from './context';
import { formatError, isExposedError } from './errors';
import { IDENTITY_HEADER, MemoryNonceStore, SIGNATURE_HEADER, SignatureError, verifyFreshRequest } from './identity';
import type { Identity, NonceStore } from './identity';
import { statementTally } from './database';
import { receiveUpload, type UploadOptions } from './uploads';
import { checkInputs, notNullInputFields } from './input-checks';

export const MAX_BODY_BYTES = 1024 * 1024;
export const STATEMENTS_HEADER = 'x-sql-statements';

/** A JSON endpoint only the gateway may call (signed as the system): e.g. sign-in and caller resolution. */
export type InternalRoute = (body: unknown, context: { requestId: string }) => Promise<{ status: number; body?: unknown }>;

export interface SubgraphServerOptions<Loaders> {
  name: string;
  schema: GraphQLSchema;
  dataSource: DataSource;
  /** Secret shared with the gateway; requests without its signature are refused. */
  gatewaySecret: string;
  createLoaders: () => Loaders;
  host?: string;
  port?: number;
  /** Adds the number of SQL statements a request ran as a response header (tests and benchmarks). */
  exposeStatementCount?: boolean;
  /** POST /internal/<name> endpoints for the gateway. */
  internalRoutes?: Record<string, InternalRoute>;
  /** POST /uploads/<name>: large bodies streamed into a job (see uploads.ts). */
  uploads?: UploadOptions;
  log?: Pick<Console, 'info' | 'error'>;
  /** Apollo plugins added to the kit's own (the Prometheus metrics of metrics.ts when METRICS_PORT is set). */
  plugins?: ApolloServerPlugin<RequestContext<Loaders>>[];
  /** Nonces of the signed requests already served (replay refusal); one in-memory store per process by default. */
  nonceStore?: NonceStore;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function errorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function databaseAnswers(dataSource: DataSource): Promise<boolean> {
  try {
    await Promise.race([
      dataSource.query('SELECT 1'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops an HTTP server gracefully: no new connections, requests in flight may finish, keep-alive connections are closed
 * as soon as they fall idle (they would otherwise hold close() for the whole keep-alive timeout), and whatever is
 * still open after `graceMs` is cut.
 */
export function closeHttpServer(server: http.Server, graceMs = 5000): Promise<void> {
  return new Promise<void>((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export async function startSubgraphServer<Loaders>(options: SubgraphServerOptions<Loaders>): Promise<RunningSubgraph> {
  const log = options.log ?? console;
  const errorLog: ApolloServerPlugin<RequestContext<Loaders>> = {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (!isExposedError(error)) log.error(`[${options.name}] request ${contextValue.requestId} failed:`, error.originalError ?? error);
          }
        },
      };
    },
  };
  // Before execution, once per operation: values PostgreSQL would refuse (NUL, lone surrogates, year 0, huge lists,
  // ids that are not ids) are the caller's mistake, answered BAD_USER_INPUT with the argument path and nothing run.
  const notNull = notNullInputFields(options.schema, options.dataSource);
  const inputChecks: ApolloServerPlugin<RequestContext<Loaders>> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, schema }) {
          checkInputs(schema, document, request.variables, notNull);
        },
      };
    },
  };
  const apollo = new ApolloServer<RequestContext<Loaders>>({
    schema: options.schema,
    formatError: (formatted, error) => formatError(formatted, error, () => undefined),
    includeStacktraceInErrorResponses: false,
    // No cache hints are served: the default cache-control plugin would otherwise wrap every field of every answer.
    plugins: [
      inputChecks,
      errorLog,
      ...(options.plugins ?? []),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();
  const nonceStore = options.nonceStore ?? new MemoryNonceStore();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    if (url.pathname === '/health') {
      const up = await databaseAnswers(options.dataSource);
      send(res, up ? 200 : 503, { service: options.name, status: up ? 'ok' : 'degraded', database: up ? 'up' : 'down' });
      return;
    }
    if (url.pathname.startsWith('/uploads/') && options.uploads) {
      // Before readBody: an upload is streamed, never held in memory, and may exceed MAX_BODY_BYTES.
      await receiveUpload(req, res, url, options.gatewaySecret, options.uploads, nonceStore);
      return;
    }
    const internal = url.pathname.startsWith('/internal/') ? options.internalRoutes?.[url.pathname.slice('/internal/'.length)] : undefined;
    if (url.pathname !== '/graphql' && !internal) {
      send(res, 404, errorBody('Not found', 'NOT_FOUND'));
      return;
    }
    if (req.method !== 'POST') {
      send(res, 405, errorBody('Use POST', 'BAD_REQUEST'), { allow: 'POST' });
      return;
    }
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) send(res, 413, errorBody('Request too large', 'BAD_REQUEST'));
      return;
    }
    let identity: Identity;
    try {
      const signedIdentity = req.headers[IDENTITY_HEADER] as string | undefined;
      const signature = req.headers[SIGNATURE_HEADER] as string | undefined;
      identity = await verifyFreshRequest(options.gatewaySecret, { identity: signedIdentity, signature }, raw, nonceStore);
    } catch (error) {
      if (!(error instanceof SignatureError)) {
        // The shared nonce store (Redis) did not answer: refused, since a replay could not be ruled out; worth a retry.
        log.error(`[${options.name}] replay check unavailable`, error);
        send(res, 503, errorBody('Replay protection is unavailable; retry shortly', 'SERVICE_UNAVAILABLE'));
        return;
      }
      send(res, 401, errorBody('This service only answers the gateway', 'UNAUTHENTICATED'));
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      send(res, 400, errorBody('Body is not JSON', 'BAD_REQUEST'));
      return;
    }
    if (internal) {
      if (identity.kind !== 'system') {
        send(res, 403, errorBody('Only the gateway itself may call this', 'FORBIDDEN'));
        return;
      }
      const requestId = randomUUID();
      try {
        const result = await internal(body, { requestId });
        send(res, result.status, result.body ?? {});
      } catch (error) {
        log.error(`[${options.name}] internal route ${url.pathname} failed (request ${requestId})`, error);
        send(res, 500, errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      }
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const requestId = (typeof req.headers['x-request-id'] === 'string' && /^[\w-]{1,64}$/.test(req.headers['x-request-id']) && req.headers['x-request-id']) || randomUUID();
    const tally = { count: 0 };
    const execute = () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers, search: url.search, body },
        context: async () => ({ requestId, identity, loaders: options.createLoaders() }),
      });
    // The statement tally's AsyncLocalStorage costs on every await of the request: only when someone reads it.
    const response = options.exposeStatementCount ? await statementTally.run(tally, execute) : await execute();
    const outHeaders: Record<string, string> = { 'x-request-id': requestId };
    for (const [key, value] of response.headers) outHeaders[key] = value;
    if (options.exposeStatementCount) outHeaders[STATEMENTS_HEADER] = String(tally.count);
    res.writeHead(response.status ?? 200, outHeaders);
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      log.error(`[${options.name}] unhandled error`, error);
      if (!res.headersSent) send(res, 500, errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  return {
    url,
    port,
    async close() {
      await closeHttpServer(server);
      await apollo.stop();
    },
  };
}
