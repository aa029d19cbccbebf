import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const handle = globalThis.__ESS_EMBEDDED_PG__;
  if (handle) {
    await handle.stop();
    globalThis.__ESS_EMBEDDED_PG__ = undefined;
    delete process.env.DATABASE_URL;
  }
  if (globalThis.__ESS_EMBEDDED_PG_DIR__) await rm(globalThis.__ESS_EMBEDDED_PG_DIR__, { recursive: true, force: true });
}
