// Settings of the access subgraph beyond the common ones, read once from the environment.
import { EnvReader } from '@ess/kit';

export interface AccessConfig {
  sessionTtlHours: number;
  adminEmail: string;
  adminPassword?: string;
  adminAuthorities: string[];
  demoPassword?: string;
}

export function readAccessConfig(env: Record<string, string | undefined> = process.env): AccessConfig {
  const reader = new EnvReader(env);
  const config: AccessConfig = {
    sessionTtlHours: reader.int('SESSION_TTL_HOURS', { default: 12, min: 1, max: 24 * 30 }),
    adminEmail: reader.string('ADMIN_EMAIL', { default: 'admin@localhost' }).toLowerCase(),
    adminPassword: reader.string('ADMIN_PASSWORD', { optional: true }),
    adminAuthorities: reader.string('ADMIN_AUTHORITIES', { default: '30,26,07' }).split(',').map((a) => a.trim()).filter(Boolean),
    demoPassword: reader.string('DEMO_PASSWORD', { optional: true }),
  };
  if (config.adminPassword && config.adminPassword.length < 12) reader.fail('ADMIN_PASSWORD must be at least 12 characters');
  reader.done();
  return config;
}
