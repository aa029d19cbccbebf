// The gateway: one graph over the subgraphs, signed identity to each of them, timeouts, masked errors, the admin SPA.
import { readFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { signRequest, type Identity } from '@ess/kit';
import { GraphQLError } from 'graphql';
import type { GatewayConfig } from './config';
import { identify } from './identity';
import { serveStatic } from './static';

/** Error codes subgraphs raise on purpose; they reach the client as they are. Anything else is masked. */
const PUBLIC_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
]);

export interface SubgraphLocation {
  name: string;
  url: string;
}

/** Reads the subgraphs and their URLs from the supergraph's join__Graph enum. */
export function subgraphsOf(supergraphSdl: string): SubgraphLocation[] {
  return [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map((m) => ({ name: m[1], url: m[2] }));
}

export interface RunningGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

type Log = Pick<Console, 'info' | 'warn' | 'error'>;

function maskError(error: unknown, log: Log): Error {
  const graphqlError = error as GraphQLError;
  const code = graphqlError?.extensions?.code as string | undefined;
  if (graphqlError instanceof GraphQLError && code && PUBLIC_CODES.has(code)) {
    // Keep the path and locations set by the gateway; drop anything else the subgraph added beyond its public fields.
    return graphqlError;
  }
  const requestId = (graphqlError?.extensions?.requestId as string | undefined) ?? undefined;
  log.error(`[gateway] masked error${requestId ? ` (request ${requestId})` : ''}:`, graphqlError?.originalError ?? error);
  const unavailable = /ECONNREFUSED|ECONNRESET|timed? ?out|aborted|fetch failed|socket hang up|upstream/i.test(String(graphqlError?.message ?? ''));
  return new GraphQLError(unavailable ? 'A service of the platform did not answer; this part of the answer is missing' : 'Internal server error', {
    path: graphqlError?.path,
    nodes: graphqlError?.nodes,
    extensions: { code: unavailable ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
  });
}

function signingPlugin(secret: string): GatewayPlugin {
  return {
    onFetch({ options, setOptions, context }) {
      const requestId = (context as { requestId?: string }).requestId;
      const identity = ((context as { identity?: Identity }).identity ?? { kind: 'anonymous' }) as Identity;
      const body = typeof options.body === 'string' ? options.body : '';
      setOptions({
        ...options,
        headers: {
          ...(options.headers as Record<string, string>),
          ...signRequest(secret, identity, body),
          ...(requestId ? { 'x-request-id': requestId } : {}),
        },
      });
    },
  };
}

function identityPlugin(): GatewayPlugin {
  return {
    onContextBuilding({ context, extendContext }) {
      extendContext({ identity: identify((context as { request: Request }).request) } as never);
    },
  };
}

async function subgraphHealth(subgraphs: SubgraphLocation[]): Promise<Record<string, 'up' | 'down'>> {
  const entries = await Promise.all(
    subgraphs.map(async ({ name, url }) => {
      try {
        const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(1500) });
        return [name, response.ok ? 'up' : 'down'] as const;
      } catch {
        return [name, 'down'] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

export async function startGateway(config: GatewayConfig, options: { supergraphSdl?: string; log?: Log } = {}): Promise<RunningGateway> {
  const log = options.log ?? console;
  const supergraphSdl = options.supergraphSdl ?? (await readFile(config.supergraphPath, 'utf8'));
  const subgraphs = subgraphsOf(supergraphSdl).map((s) => ({ ...s, url: config.subgraphUrls[s.name] ?? s.url }));
  const runtime = createGatewayRuntime({
    supergraph: supergraphSdl,
    transportEntries: Object.fromEntries(subgraphs.map((s) => [s.name, { location: s.url }])),
    upstreamTimeout: config.upstreamTimeoutMs,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: !config.production,
    // Masked errors are logged by maskError with their original cause; a caller-supplied log silences the runtime's own.
    logging: options.log ? false : config.production ? 'warn' : 'error',
    maskedErrors: { maskError: (error) => maskError(error, log) },
    plugins: () => [identityPlugin(), signingPlugin(config.gatewaySecret)],
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const pathname = new URL(req.url ?? '/', 'http://gateway').pathname;
    if (pathname === '/health') {
      const states = await subgraphHealth(subgraphs);
      const up = Object.values(states).every((s) => s === 'up');
      res.writeHead(up ? 200 : 503, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ service: 'gateway', status: up ? 'ok' : 'degraded', subgraphs: states }));
      return;
    }
    if (pathname === '/graphql') {
      await runtime(req, res);
      return;
    }
    if (config.adminUiDir && (await serveStatic(config.adminUiDir, req, res))) return;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      log.error('[gateway] unhandled error', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}/graphql`,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await runtime.dispose();
    },
  };
}
