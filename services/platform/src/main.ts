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

async function waitHealthy(name: string, url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} did not become healthy at ${url} within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  const config = readLauncherConfig();
  const children: Array<{ name: string; child: ChildProcess }> = [];
  let embedded: EmbeddedPostgresHandle | undefined;
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.info('\nStopping the platform…');
    await Promise.all(
      children.reverse().map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
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

  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const dataDir = path.join(config.dataDir, 'postgres');
      console.info(`Starting embedded PostgreSQL (data in ${path.relative(process.cwd(), dataDir) || dataDir})…`);
      embedded = await startEmbeddedPostgres({ dataDir, port: config.embeddedPort });
      databaseUrl = embedded.url.replace(/\/postgres$/, '/ess');
    }
    await ensureDatabase(databaseUrl);
    const gatewaySecret = config.gatewaySecret ?? randomBytes(32).toString('hex');
    const common = { ...config.inherited, DATABASE_URL: databaseUrl, GATEWAY_SECRET: gatewaySecret, HOST: '127.0.0.1' };

    const start = async (name: string, script: string, env: Record<string, string | undefined>, health: string) => {
      const child = spawn(process.execPath, ['--enable-source-maps', path.join(ROOT, script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push({ name, child });
      prefixOutput(child, name);
      child.on('exit', (code) => {
        if (!stopping) {
          console.error(`${name} stopped unexpectedly (code ${code}); stopping the platform.`);
          void stop(1);
        }
      });
      await waitHealthy(name, health, child);
    };

    // Every service learns where every subgraph is (the gateway to route, procurement to follow the registry's feed).
    const ports = Object.fromEntries(SUBGRAPHS.map((d) => [d.name, String(config.subgraphPorts[d.name])]));
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((d) => [`SUBGRAPH_${d.name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[d.name]}/graphql`]));
    await Promise.all(
      SUBGRAPHS.map((definition) =>
        start(definition.name, `services/${definition.name}/dist/main.js`, { ...common, ...subgraphUrls, PORT: ports[definition.name] }, `http://127.0.0.1:${ports[definition.name]}/health`),
      ),
    );
    await start('gateway', 'services/gateway/dist/main.js', { ...common, ...subgraphUrls, PORT: String(config.gatewayPort) }, `http://127.0.0.1:${config.gatewayPort}/health`);

    const base = `http://127.0.0.1:${config.gatewayPort}`;
    console.info(
      [
        '',
        'The ESS platform is running:',
        `  Admin app     ${base}/`,
        `  GraphQL API   ${base}/graphql`,
        `  Health        ${base}/health`,
        `  Database      ${embedded ? `embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in .data/postgres)` : 'DATABASE_URL'}`,
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    console.error(`The platform could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
  }
}

void main();
