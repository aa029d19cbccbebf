// Jest global setup: use DATABASE_URL when set, otherwise start an embedded PostgreSQL for the whole run.
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../embedded-postgres';

declare global {
  var __ESS_EMBEDDED_PG__: EmbeddedPostgresHandle | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const dataDir = path.resolve(__dirname, '../../../../.data/test-postgres');
  await rm(dataDir, { recursive: true, force: true });
  const handle = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  globalThis.__ESS_EMBEDDED_PG__ = handle;
  process.env.DATABASE_URL = handle.url;
  process.env.ESS_EMBEDDED_TEST_DB = '1';
}
