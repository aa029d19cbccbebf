// `npm start`: the whole platform on one machine: PostgreSQL (embedded unless DATABASE_URL is set), every subgraph
// and the gateway as separate processes talking HTTP, demo data on first start; Ctrl-C stops everything.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@ess/kit';
import { readLauncherConfig, ROOT } from './config';
import { SUBGRAPHS } from './subgraphs';

function prefixOutput(child: ChildProcess, name: string): void {
  const write = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) stream.write(`${name.padEnd(8)}| ${line}\n`);
  };
  child.stdout?.on('data', write(process.stdout));
  child.stderr?.on('data', write(process.stderr));
}

/** Polls a health URL until it answers 200; false when the process exited first or the time ran out. */
async function waitHealthy(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return true;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  return false;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Restart delay after the n-th failure in a row: 0.5 s, 1 s, 2 s … up to 30 s. */
function restartDelay(failuresInARow: number): number {
  return Math.min(500 * 2 ** Math.max(0, failuresInARow - 1), 30_000);
}

/** A process that stayed healthy this long is considered recovered: its next crash starts the backoff again. */
const STABLE_AFTER_MS = 30_000;
/** At the first start, a service that fails this many times in a row stops the launch (a bug or a bad setting). */
const FIRST_START_ATTEMPTS = 3;

interface Service {
  name: string;
  script: string;
  env: Record<string, string | undefined>;
  health: string;
  child?: ChildProcess;
}

async function main(): Promise<void> {
  const config = readLauncherConfig();
  const services: Service[] = [];
  let embedded: EmbeddedPostgresHandle | undefined;
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.info('\nStopping the platform…');
    await Promise.all(
      [...services].reverse().map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
    if (embedded) await embedded.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  /**
   * Runs a service and keeps it running: a crash (or kill -9) is logged and the process started again with backoff,
   * while the others keep serving (the gateway answers partially meanwhile). Resolves once it is first healthy.
   */
  const supervise = (service: Service): Promise<void> =>
    new Promise<void>((ready, failed) => {
      let everReady = false;
      let failures = 0;
      void (async () => {
        while (!stopping) {
          const child = spawn(process.execPath, ['--enable-source-maps', path.join(ROOT, service.script)], {
            env: service.env,
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          service.child = child;
          prefixOutput(child, service.name);
          const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)));
          const healthy = await waitHealthy(service.health, child);
          const healthyAt = Date.now();
          if (healthy && !everReady) {
            everReady = true;
            ready();
          }
          if (!healthy && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          const how = await exited;
          if (stopping) return;
          failures = healthy && Date.now() - healthyAt > STABLE_AFTER_MS ? 1 : failures + 1;
          if (!everReady && failures >= FIRST_START_ATTEMPTS) {
            failed(new Error(`${service.name} failed to start ${failures} times in a row (last: ${how})`));
            return;
          }
          const delay = restartDelay(failures);
          console.error(`${service.name} stopped unexpectedly (${how}); restarting it in ${delay} ms (failure ${failures} in a row)`);
          await sleep(delay);
        }
      })();
    });

  /** The embedded server is restarted the same way; the services' pools reconnect by themselves. */
  const superviseEmbedded = (handle: EmbeddedPostgresHandle) => {
    let failures = 0;
    handle.onUnexpectedExit(async (code, signal) => {
      if (stopping) return;
      console.error(`PostgreSQL stopped unexpectedly (${signal ?? `code ${code}`}); restarting it`);
      for (;;) {
        try {
          await handle.restart();
          console.info(`PostgreSQL restarted on 127.0.0.1:${handle.port}`);
          failures = 0;
          return;
        } catch (error) {
          failures++;
          const delay = restartDelay(failures);
          console.error(`PostgreSQL did not restart (${error instanceof Error ? error.message : String(error)}); next try in ${delay} ms`);
          await sleep(delay);
          if (stopping) return;
        }
      }
    });
  };

  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const dataDir = path.join(config.dataDir, 'postgres');
      console.info(`Starting embedded PostgreSQL (data in ${path.relative(process.cwd(), dataDir) || dataDir})…`);
      embedded = await startEmbeddedPostgres({ dataDir, port: config.embeddedPort, stopOnSignals: false });
      superviseEmbedded(embedded);
      databaseUrl = embedded.url.replace(/\/postgres$/, '/ess');
    }
    await ensureDatabase(databaseUrl);
    const gatewaySecret = config.gatewaySecret ?? randomBytes(32).toString('hex');
    const common = { ...config.inherited, DATABASE_URL: databaseUrl, GATEWAY_SECRET: gatewaySecret, HOST: '127.0.0.1' };

    const start = (name: string, script: string, env: Record<string, string | undefined>, health: string) => {
      const service: Service = { name, script, env, health };
      services.push(service);
      return supervise(service);
    };

    // Every service learns where every subgraph is (the gateway to route, procurement to follow the registry's feed).
    const ports = Object.fromEntries(SUBGRAPHS.map((d) => [d.name, String(config.subgraphPorts[d.name])]));
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((d) => [`SUBGRAPH_${d.name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[d.name]}/graphql`]));
    await Promise.all(
      SUBGRAPHS.map((definition) =>
        start(
          definition.name,
          `services/${definition.name}/dist/main.js`,
          { ...common, ...subgraphUrls, PORT: ports[definition.name] },
          `http://127.0.0.1:${ports[definition.name]}/health`,
        ),
      ),
    );
    await start(
      'gateway',
      'services/gateway/dist/main.js',
      { ...common, ...subgraphUrls, PORT: String(config.gatewayPort) },
      `http://127.0.0.1:${config.gatewayPort}/health`,
    );

    const base = `http://127.0.0.1:${config.gatewayPort}`;
    console.info(
      [
        '',
        'The ESS platform is running:',
        `  Admin app     ${base}/`,
        `  GraphQL API   ${base}/graphql`,
        `  Health        ${base}/health`,
        `  Database      ${embedded ? `embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in .data/postgres)` : 'DATABASE_URL'}`,
        'A service that stops is restarted. Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    console.error(`The platform could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
  }
}

void main();
