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

/** Every port the launcher binds, free ones: the tests run beside a developer's `npm start` (ports 4000–4005). */
async function freePorts(dataDir: string): Promise<Record<string, string>> {
  const env: Record<string, string> = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), PORT: String(await freePort()) };
  for (const name of ['ACTORS', 'PROCUREMENT', 'COMMONS', 'PLANS', 'ACCESS']) env[`${name}_PORT`] = String(await freePort());
  return env;
}

/** The launcher's children: pid and the script each runs. */
async function childrenOf(pid: number): Promise<Array<{ pid: number; args: string }>> {
  const { stdout } = await run('ps', ['-o', 'pid=,args=', '--ppid', String(pid)]).catch(() => ({ stdout: '' }));
  return stdout
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), args: m[2] }));
}

async function pidOf(launcher: number, script: string): Promise<number> {
  const found = (await childrenOf(launcher)).find((c) => c.args.includes(script));
  if (!found) throw new Error(`no child runs ${script}`);
  return found.pid;
}

/** Polls until `ok` holds; returns the milliseconds it took. */
async function timeUntil(ok: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await ok().catch(() => false)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not recovered within ${timeoutMs} ms`);
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
    const env = await freePorts(dataDir);
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

  it('restarts a killed subgraph, gateway or PostgreSQL while the rest keep serving', async () => {
    const supervised = await mkdtemp(path.join(tmpdir(), 'ess-supervised-'));
    const env = await freePorts(supervised);
    const base = `http://127.0.0.1:${env.PORT}`;
    const spanning = '{ actors(first: 3) { nodes { name } } calls(first: 3) { nodes { title } } plans(first: 3) { nodes { title } } }';
    const ask = async () => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: spanning }),
        signal: AbortSignal.timeout(10_000),
      });
      return (await response.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string; path?: string[] }> };
    };
    const complete = async () => {
      const answer = await ask();
      return !answer.errors && Boolean(answer.data?.actors && answer.data?.calls && answer.data?.plans);
    };

    const platform = await launch(env);
    running.push(platform);
    try {
      const launcher = platform.child.pid!;
      expect(await complete()).toBe(true);

      // kill -9 of one subgraph: the others keep answering, the missing part is named, then it comes back.
      const commons = await pidOf(launcher, 'services/commons/dist/main.js');
      process.kill(commons, 'SIGKILL');
      const partial = await ask();
      expect(partial.data?.actors).toBeTruthy();
      expect(partial.data?.plans).toBeTruthy();
      expect(partial.errors?.length).toBeGreaterThan(0);
      const commonsBack = await timeUntil(complete, 30_000);
      expect(await pidOf(launcher, 'services/commons/dist/main.js')).not.toBe(commons);
      expect(platform.output()).toMatch(/commons stopped unexpectedly \(SIGKILL\); restarting it/);

      // kill -9 of the gateway: it is started again on the same port.
      const gateway = await pidOf(launcher, 'services/gateway/dist/main.js');
      process.kill(gateway, 'SIGKILL');
      const gatewayBack = await timeUntil(complete, 30_000);

      // kill -9 of PostgreSQL: restarted on its folder; the services reconnect without being restarted.
      const services = async () => (await childrenOf(launcher)).filter((c) => c.args.includes('/dist/main.js')).map((c) => c.pid).sort();
      const before = await services();
      expect(before.length).toBe(6);
      const { stdout } = await run('head', ['-n', '1', path.join(supervised, 'postgres', 'postmaster.pid')]);
      process.kill(Number(stdout.trim()), 'SIGKILL');
      const databaseBack = await timeUntil(complete, 30_000);
      expect(platform.output()).toMatch(/PostgreSQL stopped unexpectedly/);
      const restarted = platform.output().split('\n').filter((line) => /stopped unexpectedly/.test(line) && !/commons|gateway|PostgreSQL/.test(line));
      expect(restarted).toEqual([]);
      expect(await services()).toEqual(before);

      console.info(`recovery: commons ${commonsBack} ms, gateway ${gatewayBack} ms, PostgreSQL ${databaseBack} ms`);
      expect(await stop(platform)).toBe(0);
      running.pop();
    } finally {
      await rm(supervised, { recursive: true, force: true });
    }
  }, 240_000);
});
