// The gateway: one graph over the subgraphs, signed identity to each of them, timeouts, masked errors, the admin SPA.
import { readFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { randomUUID } from 'node:crypto';
import { ANONYMOUS, closeHttpServer, connectRedis, ServiceMetrics, signRequest, startMetricsServer, subscribeRevocations, MAX_BODY_BYTES, type Identity } from '@ess/kit';
import { GraphQLError } from 'graphql';
import { handleAuth } from './auth-routes';
import { AccessClient, credentialsOf } from './callers';
import type { GatewayConfig } from './config';
import { BodyTooLarge, clientAddress, readBody, sameOrigin, sendError } from './http';
import { armorPlugins, costLimitPlugin, forwardedVariableBytes, introspectionPlugin } from './limits';
import { OidcFlow } from './oidc';
import { handleOidc } from './oidc-routes';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './rate-limit';
import { loadManifest, resolveTrusted } from './trusted-documents';
import { serveStatic } from './static';
import { proxyUpload } from './uploads';

/** Error codes subgraphs raise on purpose; they reach the client as they are. Anything else is masked. */
const PUBLIC_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  // A subgraph whose database is unreachable says so, with `retryable: true`.
  'SERVICE_UNAVAILABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'QUERY_TOO_COMPLEX',
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
  /** Where Prometheus scrapes this gateway (METRICS_PORT), if set. */
  metricsUrl?: string;
  close(): Promise<void>;
}

type Log = Pick<Console, 'info' | 'warn' | 'error'>;

/** An error about the request itself, raised before execution: no path, a 4xx status, no cause other than graphql-js's. */
function isRequestError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.path) return false;
  const status = (error.extensions?.http as { status?: number } | undefined)?.status;
  if (!status || status < 400 || status >= 500) return false;
  const cause = error.originalError;
  return !cause || (cause instanceof GraphQLError && cause.extensions?.code === undefined);
}

function maskError(error: unknown, log: Log): Error {
  const graphqlError = error as GraphQLError;
  const code = graphqlError?.extensions?.code as string | undefined;
  if (graphqlError instanceof GraphQLError && code && PUBLIC_CODES.has(code)) {
    // Keep the path and locations set by the gateway; drop what names the platform's inside (the runtime adds the
    // subgraph's name as `serviceName`): callers see one graph, and staff find the subgraph in the logs by request id.
    // `http` stays: the runtime reads the status from it (e.g. 400 for a batch) and does not send it.
    const { serviceName: _service, ...extensions } = graphqlError.extensions as Record<string, unknown>;
    return new GraphQLError(graphqlError.message, { nodes: graphqlError.nodes, path: graphqlError.path, extensions });
  }
  if (isRequestError(graphqlError)) {
    // Variable coercion, operation selection: about the request the caller sent (graphql-js raises these before any
    // execution, with the scalar's own error as originalError and an HTTP 400 status the runtime sets).
    const variable = /^Variable "\$(\w+)"/.exec(graphqlError.message)?.[1];
    return new GraphQLError(graphqlError.message, {
      nodes: graphqlError.nodes,
      extensions: { code: variable ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED', ...(variable ? { field: `$${variable}` } : {}), http: { status: 400 } },
    });
  }
  const unavailable = /ECONNREFUSED|ECONNRESET|timed? ?out|aborted|fetch failed|socket hang up|upstream/i.test(String(graphqlError?.message ?? ''));
  if (graphqlError instanceof GraphQLError && !graphqlError.originalError && code === undefined && !unavailable) {
    // Raised by validation rules (graphql-js, graphql-armor): about the operation the caller sent, safe to show.
    return new GraphQLError(graphqlError.message, { nodes: graphqlError.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  }
  const requestId = (graphqlError?.extensions?.requestId as string | undefined) ?? undefined;
  log.error(`[gateway] masked error${requestId ? ` (request ${requestId})` : ''}:`, graphqlError?.originalError ?? error);
  return new GraphQLError(unavailable ? 'A service of the platform did not answer; this part of the answer is missing' : 'Internal server error', {
    path: graphqlError?.path,
    nodes: graphqlError?.nodes,
    extensions: { code: unavailable ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR', ...(unavailable ? { retryable: true } : {}), ...(requestId ? { requestId } : {}) },
  });
}

function signingPlugin(secret: string): GatewayPlugin {
  return {
    onFetch({ options, setOptions, context }) {
      // Set by the gateway's own request handling (server context), after it verified the caller.
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

/**
 * Extra options for the gateway runtime, for benchmarks only: `transports` (e.g. subgraphs executed in-process),
 * `unifiedGraphHandler` (e.g. the Rust query planner of @graphql-hive/router-runtime), `transportEntries` (replaces the
 * ones built from the supergraph, e.g. to turn off the deduplication of identical in-flight subgraph requests).
 */
export interface RuntimeOverrides {
  transports?: unknown;
  unifiedGraphHandler?: unknown;
  transportEntries?: unknown;
}

export async function startGateway(config: GatewayConfig, options: { supergraphSdl?: string; log?: Log; runtime?: RuntimeOverrides } = {}): Promise<RunningGateway> {
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
    plugins: () => [
      ...armorPlugins(config.limits, config.production),
      introspectionPlugin(config.production),
      costLimitPlugin(config.limits),
      signingPlugin(config.gatewaySecret),
    ],
    ...(options.runtime as object | undefined),
  });
  const accessUrl = subgraphs.find((s) => s.name === 'access')?.url ?? null;
  const access = new AccessClient(accessUrl, config.gatewaySecret, config.authCacheTtlMs, config.upstreamTimeoutMs);
  const limiter: RateLimiter = config.redisUrl ? new RedisRateLimiter(connectRedis(config.redisUrl)) : new MemoryRateLimiter();
  // Subscribed before serving: a revocation announced from now on reaches this gateway's cache.
  const revocations = config.redisUrl
    ? await subscribeRevocations(config.redisUrl, (revocation) => access.revoked(revocation), () => access.forgetAll())
    : undefined;
  const manifest = config.anonymousTrustedDocumentsOnly ? await loadManifest(config.trustedDocumentsPath) : {};
  const oidc = config.oidc
    ? new OidcFlow(config.oidc, config.gatewaySecret, { allowInsecureRequests: !config.production && config.oidc.issuer.startsWith('http:'), timeoutMs: config.upstreamTimeoutMs })
    : null;

  /** Who is calling, before any work: bad credentials are refused here (answered, and null returned). */
  const identify = async (req: IncomingMessage, res: ServerResponse): Promise<Identity | null> => {
    const credentials = credentialsOf(req.headers);
    if (!credentials) return ANONYMOUS;
    if ('sessionToken' in credentials && !sameOrigin(req)) {
      sendError(res, 403, 'FORBIDDEN', 'Cross-site request refused');
      return null;
    }
    let resolved;
    try {
      resolved = await access.resolve(credentials);
    } catch (error) {
      log.error('[gateway] could not resolve the caller', error);
      sendError(res, 503, 'SERVICE_UNAVAILABLE', 'Sign-in is unavailable right now; try again shortly');
      return null;
    }
    if (!resolved) {
      if ('apiKey' in credentials) sendError(res, 401, 'UNAUTHENTICATED', 'This API key is unknown, revoked or expired');
      else sendError(res, 401, 'UNAUTHENTICATED', 'Your session has ended; sign in again');
      return null;
    }
    return resolved.identity;
  };

  /** Spends one request of the caller's bucket; answers 429 and returns false when it is empty. */
  const withinRate = async (req: IncomingMessage, res: ServerResponse, identity: Identity): Promise<boolean> => {
    const bucketKey =
      identity.kind === 'partner'
        ? `key:${identity.keyId}`
        : identity.kind === 'staff'
          ? `user:${identity.userId}`
          : `ip:${clientAddress(req, config.trustProxy)}`;
    const limits = config.rateLimits;
    const limit = identity.kind === 'partner' ? limits.partner : identity.kind === 'staff' ? limits.staff : limits.anonymous;
    const wait = await limiter.take(bucketKey, limit);
    if (wait) sendError(res, 429, 'RATE_LIMITED', `Too many requests; retry in ${wait} s`, { 'retry-after': String(wait) });
    return !wait;
  };

  const upload = async (req: IncomingMessage, res: ServerResponse) => {
    const identity = await identify(req, res);
    if (!identity || !(await withinRate(req, res, identity))) return;
    await proxyUpload(req, res, identity, {
      subgraphs,
      secret: config.gatewaySecret,
      maxUploadBytes: config.maxUploadBytes,
      idleTimeoutMs: Math.max(config.upstreamTimeoutMs, 60_000),
      requestId: randomUUID(),
    });
  };

  /** GraphQL over HTTP: the caller identified and within its rate, then the runtime. */
  const graphql = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' && req.method !== 'GET') return sendError(res, 405, 'BAD_REQUEST', 'Use POST (or GET for queries)', { allow: 'GET, POST' });
    const contentType = String(req.headers['content-type'] ?? '');
    // Only JSON: a cross-site page cannot send it without a preflight, which this gateway never grants (no CORS).
    if (req.method === 'POST' && !/^application\/(graphql-response\+)?json\b/.test(contentType)) {
      return sendError(res, 415, 'BAD_REQUEST', 'Send the operation as application/json');
    }
    const identity = await identify(req, res);
    if (!identity || !(await withinRate(req, res, identity))) return;

    let body: Buffer | undefined;
    if (req.method === 'POST') {
      try {
        body = await readBody(req, config.maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLarge) return sendError(res, 413, 'BAD_REQUEST', `Request larger than ${config.maxBodyBytes} bytes`, { connection: 'close' });
        throw error;
      }
    }
    if (body) {
      let params: { query?: unknown; variables?: unknown } | undefined;
      try {
        params = JSON.parse(body.toString('utf8'));
      } catch {
        params = undefined; // the runtime answers a malformed body itself
      }
      // Leaves room for the operation text and the federation envelope in each subgraph request.
      if (params && forwardedVariableBytes(params.query, params.variables) > MAX_BODY_BYTES * 0.9) {
        return sendError(res, 413, 'BAD_REQUEST', 'This operation repeats large variables in too many fields; send them once, or in several requests');
      }
    }
    let url = new URL(req.url ?? '/graphql', `http://${req.headers.host ?? 'gateway'}`);
    if (identity.kind === 'anonymous' && config.anonymousTrustedDocumentsOnly) {
      // Anonymous callers (public dashboards) run registered operations only.
      let params: Record<string, unknown>;
      try {
        params = body ? JSON.parse(body.toString('utf8')) : Object.fromEntries([...url.searchParams].map(([k, v]) => [k, k === 'variables' || k === 'extensions' ? JSON.parse(v) : v]));
      } catch {
        return sendError(res, 400, 'BAD_REQUEST', 'The request is not valid JSON');
      }
      if (Array.isArray(params) || typeof params !== 'object' || params === null) return sendError(res, 400, 'BAD_REQUEST', 'Send one operation');
      const trusted = resolveTrusted(manifest, params);
      if ('status' in trusted) return sendError(res, trusted.status, trusted.code, trusted.message);
      if (body) body = Buffer.from(JSON.stringify(trusted.params));
      else {
        url = new URL(url.pathname, url);
        for (const [key, value] of Object.entries(trusted.params)) if (value !== undefined) url.searchParams.set(key, typeof value === 'string' ? value : JSON.stringify(value));
      }
    }
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined && key !== 'content-length' && key !== 'cookie' && key !== 'authorization' && key !== 'x-api-key') headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    // The runtime adopts an incoming x-request-id: one id from the response header down to the subgraphs' audit rows.
    const requestId = randomUUID();
    headers.set('x-request-id', requestId);
    const response = await runtime.fetch(
      new Request(url, { method: req.method, headers, body: body ? new Uint8Array(body) : undefined }),
      { identity, requestId, req, res },
    );
    const outHeaders: Record<string, string> = { 'x-request-id': requestId };
    response.headers.forEach((value, key) => (outHeaders[key] = value));
    delete outHeaders['content-length'];
    res.writeHead(response.status, outHeaders);
    res.end(Buffer.from(await response.arrayBuffer()));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const pathname = new URL(req.url ?? '/', 'http://gateway').pathname;
    if (pathname === '/health') {
      const states = await subgraphHealth(subgraphs);
      const up = Object.values(states).every((s) => s === 'up');
      res.writeHead(up ? 200 : 503, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ service: 'gateway', status: up ? 'ok' : 'degraded', subgraphs: states }));
      return;
    }
    if (pathname === '/graphql') return graphql(req, res);
    if (pathname.startsWith('/uploads/')) return upload(req, res);
    if (pathname.startsWith('/auth/oidc/')) return handleOidc(req, res, pathname, config, access, limiter, oidc, log);
    if (pathname.startsWith('/auth/')) return handleAuth(req, res, pathname, config, access, limiter);
    if (config.adminUiDir && (await serveStatic(config.adminUiDir, req, res))) return;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  };

  const metrics = config.metricsPort !== undefined ? new ServiceMetrics('gateway') : undefined;
  const observe = metrics?.httpObserver();
  const server = http.createServer((req, res) => {
    if (observe) {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const route = /^\/(graphql|uploads|auth|health)\b/.exec(new URL(req.url ?? '/', 'http://gateway').pathname)?.[1] ?? 'static';
        observe(route, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
      });
    }
    handle(req, res).catch((error) => {
      log.error('[gateway] unhandled error', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const metricsServer = metrics ? await startMetricsServer(metrics, config.host, config.metricsPort ?? 0) : undefined;
  return {
    url: `http://${config.host}:${port}/graphql`,
    port,
    metricsUrl: metricsServer?.url,
    async close() {
      await metricsServer?.close();
      await closeHttpServer(server);
      await runtime.dispose();
      await limiter.close?.();
      await revocations?.quit();
    },
  };
}
