// The data source of a subgraph: one PostgreSQL schema it owns, reviewed migrations, and a count of SQL statements.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Client } from 'pg';
import { DataSource, type Logger, type MixedList, type EntitySchema } from 'typeorm';

/** Per-request tally of SQL statements, read by tests and benchmarks to prove there is no N+1. */
export interface StatementTally {
  count: number;
}

export const statementTally = new AsyncLocalStorage<StatementTally>();

/** A TypeORM logger that counts statements (and prints nothing unless asked). */
class CountingLogger implements Logger {
  total = 0;

  constructor(private readonly echo: boolean) {}

  logQuery(query: string): void {
    this.total++;
    const tally = statementTally.getStore();
    if (tally) tally.count++;
    if (this.echo) console.log(`[sql] ${query}`);
  }

  logQueryError(error: string | Error, query: string): void {
    if (this.echo) console.error(`[sql error] ${query}: ${String(error)}`);
  }

  logQuerySlow(time: number, query: string): void {
    console.warn(`[sql slow ${time} ms] ${query.slice(0, 500)}`);
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    if (this.echo) console.log(`[migration] ${message}`);
  }

  log(): void {}
}

export interface DataSourceOptions {
  url: string;
  /** The PostgreSQL schema this subgraph owns. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
  /** Prints every statement (LOG_SQL=true, read by the subgraph's config). */
  logSql?: boolean;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: true,
    logger: new CountingLogger(options.logSql ?? false),
    maxQueryExecutionTime: 1000,
    extra: { max: options.poolSize ?? 10, application_name: options.applicationName ?? options.schema },
  });
}

/** Total statements a data source ran since it started (tests read it around a request). */
export function statementsRun(dataSource: DataSource): number {
  return (dataSource.logger as CountingLogger).total;
}

/**
 * One advisory lock key for the migrations of every subgraph on a database. Subgraphs share database-wide objects
 * (extensions such as unaccent): two `CREATE EXTENSION IF NOT EXISTS` at the same moment race on pg_extension_name_index
 * and fail a first start; replicas of one subgraph would also run its migrations twice.
 */
export const MIGRATION_LOCK_KEY = 0x455353_4d4947; // 'ESS' 'MIG'

/**
 * Connects, creates the subgraph's schema if needed and applies pending migrations, one subgraph (or replica) at a
 * time: the advisory lock is held on a dedicated connection, so it is released even if the pool's connections die,
 * and a replica that waited finds the migrations done.
 */
export async function openDatabase(dataSource: DataSource, schema: string): Promise<DataSource> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const url = (dataSource.options as { url?: string }).url;
  const lock = new Client({ connectionString: url, application_name: `${schema}:migrations` });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    // Ending the session releases the lock too; unlock first so the next subgraph does not wait for the socket to close.
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
  return dataSource;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates the database named in `url` when it does not exist (the server's `postgres` database must be reachable). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name || name === 'postgres') return;
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created meanwhile by another service
      });
    }
  } finally {
    await client.end();
  }
}

/** A fresh, empty database on the same server, for one test file; `drop` removes it. */
export async function createScratchDatabase(serverUrl: string, prefix = 'ess_test'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
