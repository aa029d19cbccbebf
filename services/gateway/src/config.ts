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
  /** Largest file accepted on POST /uploads/<subgraph>/<name> (streamed, never held in memory); default 200 MiB. */
  maxUploadBytes?: number;
  /** Requests a minute and burst size, per caller kind; sign-in attempts per address. */
  rateLimits: Record<'anonymous' | 'partner' | 'staff' | 'signIn', { perMinute: number; capacity: number }>;
  limits: { maxDepth: number; maxAliases: number; maxTokens: number; maxCost: number; defaultPageSize: number };
  /** Take the caller's address from X-Forwarded-For (behind a trusted proxy only). */
  trustProxy: boolean;
  /**
   * REDIS_URL: rate-limit buckets shared by every gateway replica, and revocations announced by the access subgraph
   * dropped from the credential cache at once. Unset (one gateway, `npm start`): both stay in this process.
   */
  redisUrl?: string;
  /** METRICS_PORT: Prometheus metrics on GET /metrics of this separate port (internal network only); unset, none. */
  metricsPort?: number;
  /** Staff sign-in with OpenID Connect (ProConnect, Keycloak…); null when OIDC_ISSUER is unset. */
  oidc: OidcConfig | null;
  /** Anonymous callers may run only the operations of this manifest (schema/trusted-documents.json). */
  anonymousTrustedDocumentsOnly: boolean;
  trustedDocumentsPath: string;
}

export interface OidcConfig {
  /** The provider's issuer identifier (a discovery URL is trimmed to it, so the issuer stays checked). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** This gateway's callback as registered at the provider, ending in /auth/oidc/callback. */
  redirectUri: string;
  scopes: string;
  /** The provider asserts only verified addresses and sends no email_verified claim (ProConnect). */
  emailAlwaysVerified: boolean;
}

const OIDC_DISCOVERY_SUFFIX = /\/\.well-known\/openid-configuration\/?$/;

function readOidcConfig(reader: EnvReader, env: Record<string, string | undefined>, production: boolean): OidcConfig | null {
  const issuer = reader.url('OIDC_ISSUER', { optional: true });
  if (!issuer) {
    const stray = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'].filter((key) => env[key]);
    if (stray.length) reader.fail(`OIDC_ISSUER is required when ${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set`);
    return null;
  }
  const config: OidcConfig = {
    issuer: issuer.replace(OIDC_DISCOVERY_SUFFIX, ''),
    clientId: reader.string('OIDC_CLIENT_ID'),
    clientSecret: reader.string('OIDC_CLIENT_SECRET'),
    redirectUri: reader.url('OIDC_REDIRECT_URI'),
    scopes: reader.string('OIDC_SCOPES', { default: 'openid email profile' }).trim().split(/\s+/).join(' '),
    emailAlwaysVerified: reader.bool('OIDC_EMAIL_ALWAYS_VERIFIED', { default: false }),
  };
  if (!config.scopes.split(' ').includes('openid')) reader.fail('OIDC_SCOPES must include openid');
  for (const [key, value] of [['OIDC_ISSUER', config.issuer], ['OIDC_REDIRECT_URI', config.redirectUri]] as const) {
    const url = URL.canParse(value) ? new URL(value) : null;
    if (url && production && url.protocol !== 'https:') reader.fail(`${key} must be an https URL in production`);
    if (url && url.protocol !== 'https:' && url.protocol !== 'http:') reader.fail(`${key} must be an http(s) URL`);
  }
  const redirect = URL.canParse(config.redirectUri) ? new URL(config.redirectUri) : null;
  if (redirect && (!redirect.pathname.endsWith('/auth/oidc/callback') || redirect.search || redirect.hash)) {
    reader.fail('OIDC_REDIRECT_URI must end with /auth/oidc/callback, without query or fragment');
  }
  return config;
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
    maxUploadBytes: reader.int('MAX_UPLOAD_BYTES', { default: 200 * 1024 * 1024, min: 1024, max: 4 * 1024 * 1024 * 1024 }),
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
    redisUrl: reader.url('REDIS_URL', { optional: true }),
    metricsPort: env.METRICS_PORT ? reader.int('METRICS_PORT', { min: 0, max: 65535 }) : undefined,
    oidc: null,
    anonymousTrustedDocumentsOnly: reader.bool('TRUSTED_DOCUMENTS_ONLY', { default: production }),
    trustedDocumentsPath: path.resolve(REPO_ROOT, reader.string('TRUSTED_DOCUMENTS_PATH', { default: 'schema/trusted-documents.json' })),
  };
  config.oidc = readOidcConfig(reader, env, production);
  // A burst never exceeds a minute's allowance.
  for (const limit of Object.values(config.rateLimits)) limit.capacity = Math.max(1, Math.min(limit.capacity, limit.perMinute));
  if (config.gatewaySecret && config.gatewaySecret.length < 32) reader.fail('GATEWAY_SECRET must be at least 32 characters');
  reader.done();
  return config;
}
