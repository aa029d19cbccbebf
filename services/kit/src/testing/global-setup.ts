// Jest global setup: use DATABASE_URL when set, otherwise start an embedded PostgreSQL for the whole run.
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../embedded-postgres';

declare global {
  var __ESS_EMBEDDED_PG__: EmbeddedPostgresHandle | undefined;
  var __ESS_EMBEDDED_PG_DIR__: string | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  // One folder per run, so parallel runs (two checkouts, two terminals) never share a server.
  const dataDir = path.resolve(__dirname, `../../../../.data/test-postgres-${process.pid}`);
  await rm(dataDir, { recursive: true, force: true });
  globalThis.__ESS_EMBEDDED_PG_DIR__ = dataDir;
  const handle = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  globalThis.__ESS_EMBEDDED_PG__ = handle;
  process.env.DATABASE_URL = handle.url;
  process.env.ESS_EMBEDDED_TEST_DB = '1';
}
