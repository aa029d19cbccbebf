// The systems under test, on one scratch database, each service in its own process:
// - five subgraph processes (actors, procurement, commons, plans, access), as `npm start` and the containers run them;
// - gateway processes on the same subgraphs: `ours` (startGateway), `hive-router` (ours with the Rust query planner),
//   `apollo` (@apollo/gateway), and `counting` (ours, through counting proxies in this process: SQL statements per request);
// - `monolith`: one process with the same gateway code and every subgraph's resolvers executed in-process.
// This process only orchestrates, generates the data, and reads /proc of the others.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { composeSupergraph } from '@ess/gateway';
import { createScratchDatabase } from '@ess/kit';
import { startCountingProxy, type CountingProxy } from '@ess/kit/testing';
import { DataSource } from 'typeorm';
import { BENCH_DEMO_PASSWORD, BENCH_EDITOR, DEFINITIONS } from './definitions';
import type { GatewayKind } from './gateway-worker';
import { startWorker, type Worker } from './proc';

export const SIDES: GatewayKind[] = ['ours', 'monolith', 'monolith-rust', 'hive-router', 'apollo'];

export interface Side {
  kind: GatewayKind;
  url: string;
  /** The processes that serve this side: the gateway, and the subgraphs unless in-process. */
  processes: Array<{ service: string; pid: number }>;
}

export interface Stack {
  db: DataSource;
  databaseUrl: string;
  seedSeconds: number;
  sides: Partial<Record<GatewayKind, Side>>;
  /** Sides that could not start, with the reason. */
  failed: Partial<Record<GatewayKind, string>>;
  /** Session cookie of a Gard editor (staff), for the edits scenario. */
  staffCookie: string;
  /** Starts the gateways once the data is in place. */
  startGateways(): Promise<void>;
  /** One more gateway of ours serving a built admin SPA (stopped with the stack). */
  startSpaGateway(adminUiDir: string): Promise<string>;
  post(url: string, body: string, headers?: Record<string, string>): Promise<any>;
  /** One request through the counting gateway: the SQL statements each subgraph ran for it. */
  countFederated(body: string, headers?: Record<string, string>): Promise<{ statements: number; perSubgraph: Record<string, number>; json: any }>;
  /** One request to the monolith: the SQL statements it ran. */
  countMonolith(body: string, headers?: Record<string, string>): Promise<{ statements: number; json: any }>;
  close(): Promise<void>;
}

export async function startStack(serverUrl: string, options: { sides?: GatewayKind[]; monolithProcesses?: number; dedupe?: boolean } = {}): Promise<Stack> {
  const scratch = await createScratchDatabase(serverUrl, 'bench');
  const secret = [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const subgraphs: Array<{ name: string; worker: Worker; url: string; sdl: string }> = [];
  const gateways: Worker[] = [];
  const proxies: Array<{ name: string; proxy: CountingProxy }> = [];
  const db = new DataSource({ type: 'postgres', url: scratch.url, extra: { max: 4, application_name: 'bench' } });
  const close = async () => {
    for (const gateway of gateways) await gateway.stop().catch(() => undefined);
    for (const { proxy } of proxies) await proxy.close().catch(() => undefined);
    for (const { worker } of [...subgraphs].reverse()) await worker.stop().catch(() => undefined);
    if (db.isInitialized) await db.destroy();
    await scratch.drop();
  };
  try {
    const seedStart = performance.now();
    for (const definition of DEFINITIONS) {
      const worker = await startWorker(
        definition.name,
        'subgraph-worker.js',
        { name: definition.name, databaseUrl: scratch.url, secret, loadDemoData: true },
        { DEMO_PASSWORD: BENCH_DEMO_PASSWORD },
      );
      subgraphs.push({ name: definition.name, worker, url: worker.ready.url, sdl: worker.ready.sdl });
    }
    const seedSeconds = (performance.now() - seedStart) / 1000;
    await db.initialize();
    const supergraphSdl = composeSupergraph(subgraphs.map(({ name, url, sdl }) => ({ name, url, sdl })));
    const subgraphProcesses = subgraphs.map((s) => ({ service: s.name, pid: s.worker.pid }));

    const sides: Stack['sides'] = {};
    const failed: Stack['failed'] = {};
    let counting: Worker | undefined;
    let staffCookie = '';
    const post = async (url: string, body: string, headers: Record<string, string> = {}) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      const text = await response.text();
      try {
        return JSON.parse(text);
      } catch {
        return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 200)}` }] };
      }
    };
    const stack: Stack = {
      db,
      databaseUrl: scratch.url,
      seedSeconds,
      sides,
      failed,
      get staffCookie() {
        return staffCookie;
      },
      async startGateways() {
        for (const kind of options.sides ?? SIDES) {
          try {
            // BENCH_PROFILE=<kind>: a V8 CPU profile of that gateway process, written to bench-results/profiles when it stops
            // (for a monolith, that is its cluster primary, which only forks)
            const profile = process.env.BENCH_PROFILE === kind ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(__dirname, '../../../bench-results/profiles')}`] : [];
            const worker = await startWorker(`gateway ${kind}`, 'gateway-worker.js', { kind, supergraphSdl, secret, databaseUrl: scratch.url, processes: options.monolithProcesses ?? 1, dedupe: options.dedupe ?? false }, {}, profile);
            gateways.push(worker);
            sides[kind] = {
              kind,
              url: worker.ready.url,
              processes: kind.startsWith('monolith')
                ? (worker.ready.pids as number[]).map((pid, i) => ({ service: `${kind} ${i + 1}`, pid }))
                : [{ service: `gateway (${kind})`, pid: worker.pid }, ...subgraphProcesses],
            };
          } catch (error) {
            failed[kind] = String((error as Error).message).split('\n').slice(0, 3).join(' ');
          }
        }
        for (const s of subgraphs) proxies.push({ name: s.name, proxy: await startCountingProxy(s.url) });
        const proxied = composeSupergraph(subgraphs.map(({ name, sdl }, i) => ({ name, sdl, url: proxies[i].proxy.url })));
        counting = await startWorker('gateway counting', 'gateway-worker.js', { kind: 'ours', supergraphSdl: proxied, secret, databaseUrl: scratch.url });
        gateways.push(counting);
        const base = new URL(counting.ready.url).origin;
        const response = await fetch(`${base}/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: BENCH_EDITOR, password: BENCH_DEMO_PASSWORD }),
        });
        if (response.status !== 200) throw new Error(`sign-in of ${BENCH_EDITOR}: ${response.status} ${await response.text()}`);
        staffCookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
      },
      async startSpaGateway(adminUiDir) {
        const worker = await startWorker('gateway spa', 'gateway-worker.js', { kind: 'ours', supergraphSdl, secret, databaseUrl: scratch.url, adminUiDir });
        gateways.push(worker);
        return worker.ready.url;
      },
      post,
      async countFederated(body, headers) {
        if (!counting) throw new Error('gateways not started');
        for (const { proxy } of proxies) proxy.reset();
        const json = await post(counting.ready.url, body, headers);
        const perSubgraph = Object.fromEntries(proxies.filter(({ proxy }) => proxy.requests > 0).map(({ name, proxy }) => [name, proxy.statements]));
        return { statements: Object.values(perSubgraph).reduce((a, b) => a + b, 0), perSubgraph, json };
      },
      async countMonolith(body, headers) {
        const monolith = gateways.find((g) => g.name === 'gateway monolith');
        if (!monolith || !sides.monolith) throw new Error('no monolith');
        const before = await monolith.call<number>('statements');
        const json = await post(sides.monolith.url, body, headers);
        return { statements: (await monolith.call<number>('statements')) - before, json };
      },
      close,
    };
    return stack;
  } catch (error) {
    await close();
    throw error;
  }
}
