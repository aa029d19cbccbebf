// The gateway's configuration, read once from the environment; fails naming every bad key.
import path from 'node:path';
import { EnvReader } from '@ess/kit';

export interface GatewayConfig {
  host: string;
  port: number;
  production: boolean;
  gatewaySecret: string;
  supergraphPath: string;
  /** Subgraph URL overrides by subgraph name (SUBGRAPH_<NAME>_URL), e.g. inside containers. */
  subgraphUrls: Record<string, string>;
  upstreamTimeoutMs: number;
  adminUiDir: string | null;
  /** How long a resolved session or key is trusted before asking the access subgraph again. */
  authCacheTtlMs: number;
  secureCookies: boolean;
  maxBodyBytes: number;
  /** Requests a minute and burst size, per caller kind; sign-in attempts per address. */
  rateLimits: Record<'anonymous' | 'partner' | 'staff' | 'signIn', { perMinute: number; capacity: number }>;
  limits: { maxDepth: number; maxAliases: number; maxTokens: number; maxCost: number; defaultPageSize: number };
  /** Take the caller's address from X-Forwarded-For (behind a trusted proxy only). */
  trustProxy: boolean;
}

const REPO_ROOT = path.resolve(__dirname, '../../..');

export function readGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const reader = new EnvReader(env);
  const production = reader.oneOf('NODE_ENV', ['development', 'production', 'test'], { default: 'development' }) === 'production';
  const subgraphUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (match && value) subgraphUrls[match[1].toLowerCase()] = reader.url(key);
  }
  const config: GatewayConfig = {
    host: reader.string('HOST', { default: '127.0.0.1' }),
    port: reader.int('PORT', { default: 4000, min: 0, max: 65535 }),
    production,
    gatewaySecret: reader.string('GATEWAY_SECRET'),
    supergraphPath: path.resolve(REPO_ROOT, reader.string('SUPERGRAPH_PATH', { default: 'schema/supergraph.graphql' })),
    subgraphUrls,
    upstreamTimeoutMs: reader.int('UPSTREAM_TIMEOUT_MS', { default: 5000, min: 100, max: 120_000 }),
    adminUiDir: path.resolve(REPO_ROOT, reader.string('ADMIN_UI_DIR', { default: 'admin-ui/dist' })),
    authCacheTtlMs: reader.int('AUTH_CACHE_TTL_MS', { default: 10_000, min: 0, max: 300_000 }),
    secureCookies: reader.bool('SECURE_COOKIES', { default: production }),
    maxBodyBytes: reader.int('MAX_BODY_BYTES', { default: 1024 * 1024, min: 1024, max: 50 * 1024 * 1024 }),
    rateLimits: {
      anonymous: { perMinute: reader.int('RATE_LIMIT_ANONYMOUS_PER_MINUTE', { default: 120, min: 1 }), capacity: 60 },
      partner: { perMinute: reader.int('RATE_LIMIT_PARTNER_PER_MINUTE', { default: 600, min: 1 }), capacity: 120 },
      staff: { perMinute: reader.int('RATE_LIMIT_STAFF_PER_MINUTE', { default: 1200, min: 1 }), capacity: 300 },
      signIn: { perMinute: reader.int('RATE_LIMIT_SIGN_IN_PER_MINUTE', { default: 10, min: 1 }), capacity: 5 },
    },
    limits: {
      maxDepth: reader.int('MAX_QUERY_DEPTH', { default: 12, min: 2 }),
      maxAliases: reader.int('MAX_QUERY_ALIASES', { default: 20, min: 0 }),
      maxTokens: reader.int('MAX_QUERY_TOKENS', { default: 4000, min: 100 }),
      maxCost: reader.int('MAX_QUERY_COST', { default: 20_000, min: 10 }),
      defaultPageSize: 20,
    },
    trustProxy: reader.bool('TRUST_PROXY', { default: false }),
  };
  // A burst never exceeds a minute's allowance.
  for (const limit of Object.values(config.rateLimits)) limit.capacity = Math.max(1, Math.min(limit.capacity, limit.perMinute));
  if (config.gatewaySecret && config.gatewaySecret.length < 32) reader.fail('GATEWAY_SECRET must be at least 32 characters');
  reader.done();
  return config;
}
