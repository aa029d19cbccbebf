// What a subgraph is made of, and how one is started from its configuration (main.ts of each subgraph calls this).
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { SubgraphConfig } from './config';
import { createDataSource, ensureDatabase, openDatabase, type DataSourceOptions } from './database';
import { JobRunner, type JobHandler, type PeriodicJob } from './job-runner';
import { JobQueue } from './jobs';
import type { NonceStore } from './identity';
import { connectRedis, NO_REVOCATION_PUBLISHER, RedisNonceStore, RedisRevocationPublisher, type RevocationPublisher } from './shared-state';
import { ServiceMetrics, startMetricsServer, type MetricsServer } from './metrics';
import { startSubgraphServer, type InternalRoute, type RunningSubgraph } from './server';
import type { UploadRoute } from './uploads';

/** A subgraph's background work: job handlers by kind, periodic jobs, and uploads that create jobs. */
export interface SubgraphJobs {
  handlers: Record<string, JobHandler<never>>;
  periodic?: PeriodicJob[];
  /** POST /uploads/<name> (through the gateway's /uploads/<subgraph>/<name>). */
  uploads?: Record<string, UploadRoute>;
}

/** What the replicas of a subgraph share (through Redis when REDIS_URL is set; otherwise nothing leaves the process). */
export interface SharedServices {
  revocations: RevocationPublisher;
}

export interface SubgraphDefinition<Loaders = unknown> {
  /** Service name, also its PostgreSQL schema and its schema/<name>.graphql file. */
  name: string;
  defaultPort: number;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  buildSchema(dataSource: DataSource, shared?: SharedServices): Promise<GraphQLSchema>;
  createLoaders(dataSource: DataSource): Loaders;
  /** Loads the demo data when the subgraph's tables are empty. */
  seedDemoData?(dataSource: DataSource): Promise<void>;
  /** Runs at every start after the migrations and the demo data (first admin account, background syncs). */
  onStart?(dataSource: DataSource): Promise<void>;
  /** POST /internal/<name> endpoints only the gateway may call. */
  internalRoutes?(dataSource: DataSource, shared?: SharedServices): Record<string, InternalRoute>;
  /** Background jobs, run by a JobRunner in every replica (each job once across them); its tables come from jobsMigration. */
  jobs?(dataSource: DataSource): SubgraphJobs;
}

export interface StartedSubgraph extends RunningSubgraph {
  dataSource: DataSource;
  /** Where Prometheus scrapes this replica (METRICS_PORT), if set. */
  metricsUrl?: string;
}

export async function startSubgraph<Loaders>(
  definition: SubgraphDefinition<Loaders>,
  config: SubgraphConfig,
  /** nonceStore: shared by the replicas of this subgraph when there are several (the default is per process). */
  options: { exposeStatementCount?: boolean; nonceStore?: NonceStore } = {},
): Promise<StartedSubgraph> {
  await ensureDatabase(config.databaseUrl);
  const dataSource = createDataSource({
    url: config.databaseUrl,
    schema: definition.name,
    entities: definition.entities,
    migrations: definition.migrations,
    logSql: config.logSql,
  });
  await openDatabase(dataSource, definition.name);
  if (config.loadDemoData && definition.seedDemoData) await definition.seedDemoData(dataSource);
  if (definition.onStart) await definition.onStart(dataSource);
  const redis = config.redisUrl ? connectRedis(config.redisUrl) : undefined;
  const shared: SharedServices = { revocations: redis ? new RedisRevocationPublisher(redis) : NO_REVOCATION_PUBLISHER };
  const schema = await definition.buildSchema(dataSource, shared);
  const metrics = config.metricsPort !== undefined ? new ServiceMetrics(definition.name) : undefined;
  metrics?.watchDatabase(dataSource);
  const jobs = definition.jobs?.(dataSource);
  // No handlers (a subgraph without background work): nothing to poll for.
  const runner = jobs && Object.keys(jobs.handlers).length
    ? new JobRunner({
        dataSource,
        schema: definition.name,
        handlers: jobs.handlers,
        periodic: config.periodicJobs === false ? [] : jobs.periodic,
        concurrency: config.jobConcurrency,
      })
    : undefined;
  const server = await startSubgraphServer({
    name: definition.name,
    schema,
    dataSource,
    gatewaySecret: config.gatewaySecret,
    createLoaders: () => definition.createLoaders(dataSource),
    host: config.host,
    port: config.port,
    exposeStatementCount: options.exposeStatementCount ?? !config.production,
    internalRoutes: definition.internalRoutes?.(dataSource, shared),
    uploads: jobs?.uploads
      ? { queue: new JobQueue(dataSource, definition.name), routes: jobs.uploads, onQueued: () => runner?.wake() }
      : undefined,
    plugins: metrics ? [metrics.apolloPlugin()] : [],
    nonceStore: options.nonceStore ?? (redis ? new RedisNonceStore(redis, `ess:nonce:${definition.name}:`) : undefined),
  });
  runner?.start();
  const metricsServer: MetricsServer | undefined = metrics ? await startMetricsServer(metrics, config.host, config.metricsPort ?? 0) : undefined;
  return {
    ...server,
    dataSource,
    metricsUrl: metricsServer?.url,
    async close() {
      await metricsServer?.close();
      await server.close();
      await runner?.stop();
      await dataSource.destroy();
      await redis?.quit();
    },
  };
}

/** Runs a subgraph as a process: starts it, reports where, and stops cleanly on SIGINT/SIGTERM. */
export async function runSubgraphProcess<Loaders>(definition: SubgraphDefinition<Loaders>, config: SubgraphConfig): Promise<void> {
  const started = await startSubgraph(definition, config);
  console.info(`[${definition.name}] subgraph ready at ${started.url}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await started.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
