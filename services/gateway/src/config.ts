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
  };
  if (config.gatewaySecret && config.gatewaySecret.length < 32) reader.fail('GATEWAY_SECRET must be at least 32 characters');
  reader.done();
  return config;
}
