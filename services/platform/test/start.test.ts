import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from '@ess/kit';

const ROOT = path.resolve(__dirname, '../../..');
const run = promisify(execFile);

interface Platform {
  child: ChildProcess;
  output: () => string;
}

/** Runs what `npm start` runs after its build: the launcher, with no DATABASE_URL (embedded PostgreSQL). */
async function launch(env: Record<string, string>): Promise<Platform> {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(ROOT, 'services/platform/dist/main.js')], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`platform did not start:\n${output}`)), 90_000);
    const check = () => {
      if (output.includes('The ESS platform is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`platform exited with ${code}:\n${output}`));
    });
  });
  return { child, output: () => output };
}

async function stop(platform: Platform): Promise<number | null> {
  if (platform.child.exitCode !== null) return platform.child.exitCode;
  const exited = new Promise<number | null>((resolve) => platform.child.once('exit', (code) => resolve(code)));
  platform.child.kill('SIGINT');
  return exited;
}

describe('npm start', () => {
  let dataDir: string;
  const running: Platform[] = [];

  beforeAll(async () => {
    await run('npx', ['tsc', '-b', 'services/platform'], { cwd: ROOT, timeout: 120_000 });
    dataDir = await mkdtemp(path.join(tmpdir(), 'ess-start-'));
  }, 150_000);

  afterAll(async () => {
    for (const platform of running) await stop(platform);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('brings the platform up on embedded PostgreSQL with demo data, stops cleanly, and keeps data across a restart', async () => {
    const env = {
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(await freePort()),
      ACTORS_PORT: String(await freePort()),
    };
    const graphql = `http://127.0.0.1:${env.PORT}/graphql`;
    const query = async (q: string) => (await (await fetch(graphql, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) })).json()) as any;

    let platform = await launch(env);
    running.push(platform);
    expect(platform.output()).toContain(`http://127.0.0.1:${env.PORT}/`);
    const first = await query('{ actors(first: 100) { totalCount nodes { name } } }');
    expect(first.errors).toBeUndefined();
    expect(first.data.actors.nodes.map((n: { name: string }) => n.name)).toContain('SCIC Gard et Autonomie');

    // Data written before a restart must survive it (the embedded server keeps its folder).
    const db = new Client({ connectionString: `postgres://postgres:ess-embedded@127.0.0.1:${env.EMBEDDED_PG_PORT}/ess` });
    await db.connect();
    await db.query(`INSERT INTO actors.actor (name, legal_family, authority_code, siret, siren) VALUES ('Créée avant le redémarrage', 'ASSOCIATION', '30', '35600000049837', '356000000')`);
    await db.end();

    expect(await stop(platform)).toBe(0);
    running.pop();
    // Ctrl-C stops every process, PostgreSQL included: the ports are free again.
    await expect(fetch(graphql)).rejects.toThrow();

    platform = await launch(env);
    running.push(platform);
    const after = await query('{ actor(siret: "35600000049837") { name } actors(first: 1) { totalCount } }');
    expect(after.data.actor).toEqual({ name: 'Créée avant le redémarrage' });
    expect(after.data.actors.totalCount).toBe(first.data.actors.totalCount + 1);
  }, 240_000);
});
