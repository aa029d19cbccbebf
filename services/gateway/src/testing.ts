// Gateway settings for tests: no caches, no Secure cookies (plain http), generous rate limits.
import path from 'node:path';
import type { GatewayConfig } from './config';

export function testGatewayConfig(overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  const generous = { perMinute: 100_000, capacity: 10_000 };
  return {
    host: '127.0.0.1',
    port: 0,
    production: false,
    gatewaySecret: '',
    supergraphPath: '',
    subgraphUrls: {},
    upstreamTimeoutMs: 5000,
    adminUiDir: null,
    authCacheTtlMs: 0,
    secureCookies: false,
    maxBodyBytes: 1024 * 1024,
    rateLimits: { anonymous: generous, partner: generous, staff: generous, signIn: generous },
    limits: { maxDepth: 12, maxAliases: 20, maxTokens: 4000, maxCost: 20_000, defaultPageSize: 20 },
    trustProxy: false,
    oidc: null,
    anonymousTrustedDocumentsOnly: false,
    trustedDocumentsPath: path.resolve(__dirname, '../../../schema/trusted-documents.json'),
    ...overrides,
  };
}

