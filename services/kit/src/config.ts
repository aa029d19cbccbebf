// Parses environment variables once, collecting every bad key before failing, so a service never starts half-configured.

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Env = process.env) {}

  string(key: string, options: { default?: string; optional?: false }): string;
  string(key: string, options: { optional: true }): string | undefined;
  string(key: string): string;
  string(key: string, options: { default?: string; optional?: boolean } = {}): string | undefined {
    const raw = this.env[key];
    if (raw === undefined || raw === '') {
      if (options.default !== undefined) return options.default;
      if (options.optional) return undefined;
      this.problems.push(`${key} is required`);
      return '';
    }
    return raw;
  }

  int(key: string, options: { default?: number; min?: number; max?: number } = {}): number {
    const raw = this.env[key];
    if (raw === undefined || raw === '') {
      if (options.default !== undefined) return options.default;
      this.problems.push(`${key} is required`);
      return 0;
    }
    const value = Number(raw);
    if (!Number.isInteger(value)) {
      this.problems.push(`${key} must be an integer, got "${raw}"`);
      return 0;
    }
    if (options.min !== undefined && value < options.min) this.problems.push(`${key} must be >= ${options.min}`);
    if (options.max !== undefined && value > options.max) this.problems.push(`${key} must be <= ${options.max}`);
    return value;
  }

  bool(key: string, options: { default: boolean }): boolean {
    const raw = this.env[key];
    if (raw === undefined || raw === '') return options.default;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${key} must be true or false, got "${raw}"`);
    return options.default;
  }

  url(key: string, options: { optional: true }): string | undefined;
  url(key: string, options?: { default?: string }): string;
  url(key: string, options: { default?: string; optional?: boolean } = {}): string | undefined {
    const raw = this.env[key] || options.default;
    if (!raw) {
      if (options.optional) return undefined;
      this.problems.push(`${key} is required`);
      return '';
    }
    try {
      new URL(raw);
    } catch {
      this.problems.push(`${key} must be a URL`);
    }
    return raw;
  }

  oneOf<T extends string>(key: string, values: readonly T[], options: { default: T }): T {
    const raw = this.env[key];
    if (raw === undefined || raw === '') return options.default;
    if (!(values as readonly string[]).includes(raw)) {
      this.problems.push(`${key} must be one of ${values.join(', ')}, got "${raw}"`);
      return options.default;
    }
    return raw as T;
  }

  /** Adds a problem found by a rule spanning several keys. */
  fail(problem: string): void {
    this.problems.push(problem);
  }

  /** Throws a ConfigError naming every bad key, if any. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}

/** Settings every subgraph shares: where to listen, which database, the gateway's signing secret. */
export interface SubgraphConfig {
  host: string;
  port: number;
  databaseUrl: string;
  gatewaySecret: string;
  production: boolean;
  loadDemoData: boolean;
  /** Background jobs this replica runs at once (JOBS_CONCURRENCY, default 2; 0: this replica runs none). */
  jobConcurrency?: number;
  /** Schedules the periodic jobs (JOBS_PERIODIC, default true); queued jobs still run when false. */
  periodicJobs?: boolean;
  /** Print every SQL statement (debugging). */
  logSql?: boolean;
  /** REDIS_URL: replicas share replay nonces (and the access subgraph announces revocations) through it; unset, per process. */
  redisUrl?: string;
  /** METRICS_PORT: Prometheus metrics on GET /metrics of this port (internal network only); unset, no metrics. */
  metricsPort?: number;
}

export function readSubgraphConfig(defaultPort: number, env: Env = process.env): SubgraphConfig {
  const reader = new EnvReader(env);
  const production = reader.oneOf('NODE_ENV', ['development', 'production', 'test'], { default: 'development' }) === 'production';
  const config: SubgraphConfig = {
    host: reader.string('HOST', { default: '127.0.0.1' }),
    port: reader.int('PORT', { default: defaultPort, min: 0, max: 65535 }),
    databaseUrl: reader.url('DATABASE_URL'),
    gatewaySecret: reader.string('GATEWAY_SECRET'),
    production,
    loadDemoData: reader.bool('LOAD_DEMO_DATA', { default: !production }),
    jobConcurrency: reader.int('JOBS_CONCURRENCY', { default: 2, min: 0, max: 64 }),
    periodicJobs: reader.bool('JOBS_PERIODIC', { default: true }),
    logSql: reader.bool('LOG_SQL', { default: false }),
    redisUrl: reader.url('REDIS_URL', { optional: true }),
    metricsPort: env.METRICS_PORT ? reader.int('METRICS_PORT', { min: 0, max: 65535 }) : undefined,
  };
  if (config.gatewaySecret && config.gatewaySecret.length < 32) reader.fail('GATEWAY_SECRET must be at least 32 characters');
  reader.done();
  return config;
}
