// The launcher's configuration (`npm start`): the only place of the platform that reads process.env.
import path from 'node:path';
import { EnvReader } from '@ess/kit';
import { SUBGRAPHS } from './subgraphs';

export const ROOT = path.resolve(__dirname, '../../..');

export interface LauncherConfig {
  databaseUrl?: string;
  embeddedPort: number;
  dataDir: string;
  gatewayPort: number;
  gatewaySecret?: string;
  /** The port of each subgraph (`<NAME>_PORT`, else its default). */
  subgraphPorts: Record<string, number>;
  /** The environment the services inherit (their own config.ts reads what they need from it). */
  inherited: Record<string, string | undefined>;
}

export function readLauncherConfig(environment: Record<string, string | undefined> = process.env): LauncherConfig {
  const env = new EnvReader(environment);
  const config: LauncherConfig = {
    databaseUrl: env.url('DATABASE_URL', { optional: true }),
    embeddedPort: env.int('EMBEDDED_PG_PORT', { default: 54329, min: 1024, max: 65535 }),
    dataDir: path.resolve(ROOT, env.string('DATA_DIR', { default: '.data' })),
    gatewayPort: env.int('PORT', { default: 4000, min: 1, max: 65535 }),
    gatewaySecret: env.string('GATEWAY_SECRET', { optional: true }),
    subgraphPorts: Object.fromEntries(
      SUBGRAPHS.map((d) => [d.name, env.int(`${d.name.toUpperCase()}_PORT`, { default: d.defaultPort, min: 1, max: 65535 })]),
    ),
    inherited: { ...environment },
  };
  env.done();
  return config;
}
