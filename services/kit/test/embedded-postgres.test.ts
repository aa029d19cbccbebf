import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Whatever DATABASE_URL says, the embedded server must work on its own (as root too, which PostgreSQL refuses by itself).
describe('embedded PostgreSQL', () => {
  it('starts a real server, keeps data across a restart, and stops', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ess-pg-'));
    try {
      const { stdout } = await run(
        process.execPath,
        ['-r', 'esbuild-register', path.join(__dirname, 'fixtures/embedded-roundtrip.ts'), path.join(dir, 'data')],
        { timeout: 60_000 },
      );
      const results = JSON.parse(stdout);
      expect(results.version).toMatch(/^PostgreSQL 18\./);
      expect(results.user).toBe('postgres');
      expect(results.afterRestart).toEqual([{ note: 'still here' }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
