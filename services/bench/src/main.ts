// npm run bench [-- --size=demo|medium|large --seed=1 --seconds=5 --rounds=3 --connections=10 --no-load]
//
// 1. starts the five subgraphs on a scratch database of DATABASE_URL (demo data), then generates the chosen size on top;
// 2. checks each scenario answers without errors, and counts its SQL statements at list sizes 10 and 100, federated and
//    monolith (they must be equal across sizes: no N+1);
// 3. federation cost: autocannon in a separate process against the federated gateway and the monolith, alternating,
//    after a warm-up; prints a markdown table and writes it to bench-results/latest.md.
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generate, SIZES, type LoadReport, type Size } from './generate';
import { SCENARIOS, type Scenario } from './scenarios';
import { startStack, type Stack } from './stack';

const ROOT = path.resolve(__dirname, '../../..');

function option(name: string, fallback: string): string {
  const found = process.argv.slice(2).find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

const SIZE = option('size', 'medium') as Size['name'];
const SEED = Number(option('seed', '1'));
const SECONDS = Number(option('seconds', '5'));
const WARMUP_SECONDS = Number(option('warmup', '3'));
const ROUNDS = Number(option('rounds', '3'));
const CONNECTIONS = Number(option('connections', '10'));
const LOAD = !process.argv.includes('--no-load');

interface Run {
  requestsPerSecond: number;
  total: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU of this process (which hosts every server) per request, in ms. */
  cpuMsPerRequest: number;
}

function loadRun(url: string, body: string, seconds: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const cpuBefore = process.cpuUsage();
    const child = spawn(process.execPath, [path.join(__dirname, 'load-worker.js'), JSON.stringify({ url, body, connections: CONNECTIONS, seconds })], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      const cpu = process.cpuUsage(cpuBefore);
      if (code !== 0) return reject(new Error(`load worker exited with ${code}`));
      const run = JSON.parse(out.trim().split('\n').pop() as string);
      resolve({ ...run, cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, run.total) });
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

function firstError(json: any): string | null {
  if (json?.errors?.length) return `${json.errors[0].message} (${json.errors[0].extensions?.code ?? ''} at ${(json.errors[0].path ?? []).join('.')})`;
  if (!json?.data) return 'no data';
  return null;
}

interface SqlRow {
  scenario: string;
  federated: Record<number, number>;
  monolith: Record<number, number>;
  perSubgraph: Record<string, number>;
  /** Size of the federated answer at list size 100, in bytes. */
  bytes: number;
  errors: string[];
}

async function countSql(stack: Stack, scenario: Scenario): Promise<SqlRow> {
  const row: SqlRow = { scenario: scenario.name, federated: {}, monolith: {}, perSubgraph: {}, bytes: 0, errors: [] };
  for (const size of [10, 100]) {
    const body = scenario.body(size);
    const fed = await stack.countFederated(body);
    const mono = await stack.countMonolith(body);
    row.federated[size] = fed.statements;
    row.monolith[size] = mono.statements;
    if (size === 100) {
      row.perSubgraph = fed.perSubgraph;
      row.bytes = JSON.stringify(fed.json).length;
      if (process.env.BENCH_DEBUG) console.log(JSON.stringify(fed.json).slice(0, 1500));
    }
    for (const [side, json] of [['federated', fed.json], ['monolith', mono.json]] as const) {
      const error = firstError(json);
      if (error) row.errors.push(`${side} @${size}: ${error}`);
    }
  }
  return row;
}

interface LoadRow {
  scenario: string;
  size: number;
  federated: Run[];
  monolith: Run[];
}

async function compare(stack: Stack, scenario: Scenario): Promise<LoadRow> {
  const body = scenario.body(scenario.loadSize);
  const targets = { federated: stack.federatedUrl, monolith: stack.monolithUrl } as const;
  await loadRun(targets.federated, body, WARMUP_SECONDS);
  await loadRun(targets.monolith, body, WARMUP_SECONDS);
  const row: LoadRow = { scenario: scenario.name, size: scenario.loadSize, federated: [], monolith: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['federated', 'monolith'] as const) : (['monolith', 'federated'] as const);
    for (const side of order) {
      const run = await loadRun(targets[side], body, SECONDS);
      row[side].push(run);
      console.log(
        `  ${scenario.name.padEnd(13)} round ${round + 1} ${side.padEnd(9)} ${fmt(run.requestsPerSecond).padStart(7)} req/s  p50 ${fmt(run.p50)} ms  p99 ${fmt(run.p99)} ms` +
          (run.non2xx || run.errors || run.timeouts ? `  (non-2xx ${run.non2xx}, errors ${run.errors}, timeouts ${run.timeouts})` : ''),
      );
    }
  }
  return row;
}

function markdown(load: LoadReport, seedSeconds: number, sql: SqlRow[], rows: LoadRow[]): string {
  const lines = [
    `# Benchmark results`,
    '',
    `${new Date().toISOString()} · size \`${load.size}\` (seed ${SEED}) · Node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'} · load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    '',
    `Demo data seeded in ${fmt(seedSeconds)} s (migrations included); generated rows loaded in ${fmt(load.seconds)} s. Rows: ${Object.entries(load.rows).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}.`,
    '',
    '## SQL statements per request',
    '',
    '| scenario | federated, 10 | federated, 100 | monolith, 10 | monolith, 100 | equal across sizes | per subgraph (100) | answer at 100 |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- | ---: |',
    ...sql.map(
      (r) =>
        `| ${r.scenario} | ${r.federated[10]} | ${r.federated[100]} | ${r.monolith[10]} | ${r.monolith[100]} | ${r.federated[10] === r.federated[100] && r.monolith[10] === r.monolith[100] ? 'yes' : '**no**'} | ${Object.entries(r.perSubgraph).map(([k, v]) => `${k} ${v}`).join(', ')} | ${fmt(r.bytes / 1024)} KiB |`,
    ),
    '',
  ];
  const errors = sql.flatMap((r) => r.errors.map((e) => `- ${r.scenario}: ${e}`));
  if (errors.length) lines.push('Errors in answers:', '', ...errors, '');
  if (rows.length) {
    lines.push(
      `## Federation cost (${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s after a ${WARMUP_SECONDS} s warm-up each; medians of rounds)`,
      '',
      '| scenario | list size | federated req/s | monolith req/s | ratio | federated p50/p95/p99 ms | monolith p50/p95/p99 ms | CPU ms/request fed / mono | failures |',
      '| --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- |',
    );
    for (const r of rows) {
      const f = (runs: Run[], key: keyof Run) => median(runs.map((x) => x[key] as number));
      const fed = f(r.federated, 'requestsPerSecond');
      const mono = f(r.monolith, 'requestsPerSecond');
      const failures = [...r.federated, ...r.monolith].reduce((a, x) => a + x.non2xx + x.errors + x.timeouts, 0);
      lines.push(
        `| ${r.scenario} | ${r.size} | ${fmt(fed)} | ${fmt(mono)} | ${fmt((fed / mono) * 100, 0)} % ${fed / mono >= 0.7 ? '' : '(below 70 %)'} | ${fmt(f(r.federated, 'p50'))} / ${fmt(f(r.federated, 'p95'))} / ${fmt(f(r.federated, 'p99'))} | ${fmt(f(r.monolith, 'p50'))} / ${fmt(f(r.monolith, 'p95'))} / ${fmt(f(r.monolith, 'p99'))} | ${fmt(f(r.federated, 'cpuMsPerRequest'), 2)} / ${fmt(f(r.monolith, 'cpuMsPerRequest'), 2)} | ${failures} |`,
      );
    }
    lines.push(
      '',
      'Federated: the real gateway (`startGateway`: auth, limits, cost, signing) → HTTP → five subgraphs (Apollo Server, signature check). ' +
        'Monolith: one stitched schema of the same subgraph schemas and resolvers, executed in-process (graphql-yoga; no HTTP hop, no signing, no gateway plugins). ' +
        'Both sides run in the bench process (one event loop each way); autocannon runs in a child process. ' +
        `Memory: RSS of the bench process at the end ${fmt(process.memoryUsage().rss / 2 ** 20, 0)} MiB.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const size = SIZES[SIZE];
  if (!size) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  console.log(`Starting the subgraphs on a scratch database of ${serverUrl.replace(/:[^:@/]+@/, ':***@')} with the demo data…`);
  const stack = await startStack(serverUrl);
  try {
    console.log(`Demo data and migrations: ${fmt(stack.seedSeconds)} s. Generating size ${size.name} (seed ${SEED})…`);
    // the kit's logger warns about every statement over a second: expected for bulk inserts, so not printed here
    const warn = console.warn;
    console.warn = (...args: unknown[]) => (String(args[0]).startsWith('[sql slow') ? undefined : warn(...args));
    const load = await generate(stack.db, size, SEED).finally(() => (console.warn = warn));
    console.log(`Loaded in ${fmt(load.seconds)} s: ${JSON.stringify(load.rows)}`);

    const sql: SqlRow[] = [];
    for (const scenario of SCENARIOS) {
      const row = await countSql(stack, scenario);
      sql.push(row);
      console.log(`SQL ${scenario.name}: federated ${row.federated[10]} / ${row.federated[100]}, monolith ${row.monolith[10]} / ${row.monolith[100]} ${row.errors.length ? `ERRORS: ${row.errors.join('; ')}` : ''}`);
    }
    const rows: LoadRow[] = [];
    if (LOAD) {
      console.log(`Load: ${CONNECTIONS} connections, warm-up ${WARMUP_SECONDS} s, ${ROUNDS} rounds of ${SECONDS} s per side`);
      for (const scenario of SCENARIOS) rows.push(await compare(stack, scenario));
    }
    const report = markdown(load, stack.seedSeconds, sql, rows);
    console.log(`\n${report}`);
    await mkdir(path.join(ROOT, 'bench-results'), { recursive: true });
    await writeFile(path.join(ROOT, 'bench-results/latest.md'), report);
    console.log('Written to bench-results/latest.md');
  } finally {
    await stack.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
