// npm run bench [-- --size=demo|medium|large --seed=1 --seconds=5 --warmup=3 --rounds=3 --connections=10,50
//                  --sides=ours,monolith,monolith-rust,hive-router,apollo --monolith-processes=<cores> --dedupe --no-load --no-spa]
//
// 1. starts the five subgraphs, each in its own process, on a scratch database of DATABASE_URL (demo data), then
//    generates the chosen size on top (set-based SQL) and starts the gateways (each in its own process);
// 2. checks every side gives the same answer as our gateway for every scenario (a side that does not is reported, not loaded);
// 3. counts SQL statements per request at list sizes 10 and 100, federated and monolith (must be equal across sizes);
// 4. dashboard metric queries beside a full scan of their main table;
// 5. load: autocannon in a separate process against each side, alternating, after a warm-up, at each connection count;
//    CPU and RSS of every service process from /proc;
// 6. SPA figures (hook), then prints a markdown table and writes it to bench-results/latest.md.
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { generate, SIZES, type LoadReport, type Size } from './generate';
import type { GatewayKind } from './gateway-worker';
import { dashboardMetrics, type MetricRow } from './metrics';
import { sampleProcess } from './proc';
import { editBody, editTargets, SCENARIOS, type EditTarget } from './scenarios';
import { spaFigures, type SpaFigures } from './spa';
import { SIDES, startStack, type Side, type Stack } from './stack';

const ROOT = path.resolve(__dirname, '../../..');

function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const found = args.find((a) => a.startsWith(`--${name}=`));
  if (found) return found.slice(name.length + 3);
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] && !args[index + 1].startsWith('--') ? args[index + 1] : fallback;
}

const SIZE = option('size', 'medium') as Size['name'];
const SEED = Number(option('seed', '1'));
const SECONDS = Number(option('seconds', '5'));
const WARMUP_SECONDS = Number(option('warmup', '3'));
const ROUNDS = Number(option('rounds', '3'));
const CONNECTIONS = option('connections', '10,50').split(',').map(Number);
const SIDE_LIST = option('sides', SIDES.join(',')).split(',') as GatewayKind[];
const MONOLITH_PROCESSES = Number(option('monolith-processes', String(os.cpus().length)));
const LOAD = !process.argv.includes('--no-load');
const SPA = !process.argv.includes('--no-spa');
const DEDUPE = process.argv.includes('--dedupe');

const LABEL: Record<GatewayKind, string> = {
  ours: 'ours (federated)',
  monolith: 'monolith (in-process)',
  'monolith-rust': 'monolith + Rust planner',
  'hive-router': 'ours + Rust planner',
  apollo: '@apollo/gateway',
};

interface ProcessUse {
  service: string;
  cpuMs: number;
  maxRssBytes: number;
}

interface Run {
  requestsPerSecond: number;
  total: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  graphqlErrors: number;
  firstError: string | null;
  processes: ProcessUse[];
}

function loadRun(side: Side, body: string, seconds: number, connections: number, extra: { headers?: Record<string, string>; edits?: EditTarget[] } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const before = side.processes.map((p) => sampleProcess(p.pid));
    const maxRss = before.map((s) => s.rssBytes);
    const sampler = setInterval(() => {
      side.processes.forEach((p, i) => {
        try {
          maxRss[i] = Math.max(maxRss[i], sampleProcess(p.pid).rssBytes);
        } catch {
          // process gone: reported by the run's failures
        }
      });
    }, 250);
    const child = spawn(process.execPath, [path.join(__dirname, 'load-worker.js'), JSON.stringify({ url: side.url, body, connections, seconds, ...extra })], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 60) * 1000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      clearInterval(sampler);
      const after = side.processes.map((p) => sampleProcess(p.pid));
      if (code !== 0) return reject(new Error(`load worker exited with ${code}`));
      const run = JSON.parse(out.trim().split('\n').pop() as string);
      resolve({ ...run, processes: side.processes.map((p, i) => ({ service: p.service, cpuMs: after[i].cpuMs - before[i].cpuMs, maxRssBytes: maxRss[i] })) });
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const mib = (bytes: number) => fmt(bytes / 2 ** 20, 0);

function firstError(json: any): string | null {
  if (json?.errors?.length) return `${json.errors[0].message} (${json.errors[0].extensions?.code ?? ''} at ${(json.errors[0].path ?? []).join('.')})`;
  if (!json?.data) return 'no data';
  return null;
}

/** JSON with sorted keys: two answers are the same when their canonical forms are. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

// ---------- correctness of each side against ours ----------

interface Check {
  side: GatewayKind;
  ok: boolean;
  detail: string;
}

async function checkSides(stack: Stack): Promise<Check[]> {
  const checks: Check[] = [];
  const ours = stack.sides.ours;
  if (!ours) throw new Error(`our gateway did not start: ${stack.failed.ours}`);
  for (const kind of SIDE_LIST) {
    const side = stack.sides[kind];
    if (!side) {
      checks.push({ side: kind, ok: false, detail: `did not start: ${stack.failed[kind]}` });
      continue;
    }
    const problems: string[] = [];
    for (const scenario of SCENARIOS) {
      for (const size of [10, scenario.loadSize]) {
        const body = scenario.body(size);
        const [expected, got] = await Promise.all([stack.post(ours.url, body), stack.post(side.url, body)]);
        const error = firstError(got) ?? firstError(expected);
        if (error) problems.push(`${scenario.name} @${size}: ${error}`);
        else if (canonical(expected.data) !== canonical(got.data)) problems.push(`${scenario.name} @${size}: different data`);
      }
    }
    if (kind !== 'apollo') {
      const [target] = await editTargets(stack.db, 1);
      if (!target) problems.push('edits: no record to edit');
      else {
        const json = await stack.post(side.url, editBody(target, 0), { cookie: stack.staffCookie });
        const error = firstError(json);
        if (error) problems.push(`edits: ${error}`);
      }
    }
    checks.push({ side: kind, ok: problems.length === 0, detail: problems.length ? problems.slice(0, 3).join('; ') : `same answers as ours for ${SCENARIOS.length} scenarios at 2 sizes${kind === 'apollo' ? '' : ' and an edit'}` });
  }
  return checks;
}

// ---------- SQL statements per request ----------

interface SqlRow {
  scenario: string;
  federated: Record<number, number>;
  monolith: Record<number, number>;
  perSubgraph: Record<string, number>;
  bytes: number;
  errors: string[];
}

async function countSql(stack: Stack): Promise<SqlRow[]> {
  const rows: SqlRow[] = [];
  for (const scenario of SCENARIOS) {
    const row: SqlRow = { scenario: scenario.name, federated: {}, monolith: {}, perSubgraph: {}, bytes: 0, errors: [] };
    for (const size of [10, 100]) {
      const body = scenario.body(size);
      const fed = await stack.countFederated(body);
      const mono = stack.sides.monolith ? await stack.countMonolith(body) : { statements: NaN, json: fed.json };
      row.federated[size] = fed.statements;
      row.monolith[size] = mono.statements;
      if (size === 100) {
        row.perSubgraph = fed.perSubgraph;
        row.bytes = JSON.stringify(fed.json).length;
      }
      for (const [side, json] of [['federated', fed.json], ['monolith', mono.json]] as const) {
        const error = firstError(json);
        if (error) row.errors.push(`${side} @${size}: ${error}`);
      }
    }
    rows.push(row);
  }
  // resolve the staff session once (cached 10 s by the gateway): the access subgraph's internal call is not a GraphQL request
  await stack.countFederated(JSON.stringify({ query: '{ __typename }' }), { cookie: stack.staffCookie });
  // edits: one of each mutation, on records taken fresh (no list: the "sizes" are two different records)
  for (const kind of ['actor', 'indicator'] as const) {
    const row: SqlRow = { scenario: kind === 'actor' ? 'edits: updateActor' : 'edits: recordIndicatorValue', federated: {}, monolith: {}, perSubgraph: {}, bytes: 0, errors: [] };
    const targets = (await editTargets(stack.db, 4)).filter((t) => t.kind === kind);
    for (const [i, size] of [10, 100].entries()) {
      const target = targets[i];
      if (!target) {
        row.errors.push('no record to edit');
        continue;
      }
      const fed = await stack.countFederated(editBody(target, 1), { cookie: stack.staffCookie });
      target.version++;
      const mono = stack.sides.monolith ? await stack.countMonolith(editBody(target, 2), { cookie: stack.staffCookie }) : { statements: NaN, json: fed.json };
      row.federated[size] = fed.statements;
      row.monolith[size] = mono.statements;
      row.perSubgraph = fed.perSubgraph;
      row.bytes = JSON.stringify(fed.json).length;
      for (const [side, json] of [['federated', fed.json], ['monolith', mono.json]] as const) {
        const error = firstError(json);
        if (error) row.errors.push(`${side}: ${error}`);
      }
    }
    rows.push(row);
  }
  return rows;
}

// ---------- load ----------

interface LoadRow {
  scenario: string;
  size: number;
  connections: number;
  runs: Partial<Record<GatewayKind, Run[]>>;
}

async function compare(stack: Stack, sides: Side[], name: string, size: number, connections: number, body: string, edits: boolean): Promise<LoadRow> {
  const extra = async () => (edits ? { headers: { cookie: stack.staffCookie }, edits: await editTargets(stack.db) } : {});
  for (const side of sides) await loadRun(side, body, WARMUP_SECONDS, connections, await extra());
  const row: LoadRow = { scenario: name, size, connections, runs: {} };
  for (let round = 0; round < ROUNDS; round++) {
    // rotate the order each round, so that no side always runs first (or right after a warm machine)
    const order = sides.map((_, i) => sides[(i + round) % sides.length]);
    for (const side of order) {
      const run = await loadRun(side, body, SECONDS, connections, await extra());
      (row.runs[side.kind] ??= []).push(run);
      const failures = run.non2xx + run.errors + run.timeouts + run.graphqlErrors;
      console.log(
        `  ${name.padEnd(13)} c=${connections} round ${round + 1} ${side.kind.padEnd(11)} ${fmt(run.requestsPerSecond).padStart(7)} req/s  p50 ${fmt(run.p50)} ms  p99 ${fmt(run.p99)} ms` +
          (failures ? `  (non-2xx ${run.non2xx}, errors ${run.errors}, timeouts ${run.timeouts}, GraphQL errors ${run.graphqlErrors}: ${run.firstError ?? ''})` : ''),
      );
    }
  }
  return row;
}

// ---------- one caller at a time ----------

interface SequentialRow {
  scenario: string;
  side: GatewayKind;
  latencyMs: number;
  cpuMs: number;
}

/** One caller, one request at a time (after a warm-up): latency and CPU per request of each side, without queueing. */
async function sequential(stack: Stack, sides: Side[], count: number): Promise<SequentialRow[]> {
  const rows: SequentialRow[] = [];
  for (const scenario of SCENARIOS) {
    const body = scenario.body(scenario.loadSize);
    for (const side of sides) {
      for (let i = 0; i < 5; i++) await stack.post(side.url, body);
      const before = side.processes.map((p) => sampleProcess(p.pid).cpuMs);
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const start = performance.now();
        await stack.post(side.url, body);
        times.push(performance.now() - start);
      }
      const cpu = side.processes.reduce((a, p, i) => a + sampleProcess(p.pid).cpuMs - before[i], 0);
      rows.push({ scenario: scenario.name, side: side.kind, latencyMs: median(times), cpuMs: cpu / count });
      console.log(`  one caller ${scenario.name.padEnd(13)} ${side.kind.padEnd(13)} p50 ${fmt(median(times))} ms, CPU ${fmt(cpu / count)} ms/request`);
    }
  }
  return rows;
}

// ---------- report ----------

function summarize(runs: Run[]) {
  const m = (f: (r: Run) => number) => median(runs.map(f));
  const perRequest = (r: Run, filter: (service: string) => boolean) => r.processes.filter((p) => filter(p.service)).reduce((a, p) => a + p.cpuMs, 0) / Math.max(1, r.total);
  const isGateway = (s: string) => s.startsWith('gateway') || s.startsWith('monolith');
  return {
    rps: m((r) => r.requestsPerSecond),
    p50: m((r) => r.p50),
    p95: m((r) => r.p95),
    p99: m((r) => r.p99),
    cpuGateway: m((r) => perRequest(r, isGateway)),
    cpuSubgraphs: m((r) => perRequest(r, (s) => !isGateway(s))),
    cpuTotal: m((r) => perRequest(r, () => true)),
    gatewayCoreShare: m((r) => r.processes.filter((p) => isGateway(p.service)).reduce((a, p) => a + p.cpuMs, 0) / (SECONDS * 1000)),
    rssGateway: Math.max(...runs.flatMap((r) => r.processes.filter((p) => isGateway(p.service)).map((p) => p.maxRssBytes))),
    rssSubgraphs: Math.max(...runs.map((r) => r.processes.filter((p) => !isGateway(p.service)).reduce((a, p) => a + p.maxRssBytes, 0))),
    failures: runs.reduce((a, r) => a + r.non2xx + r.errors + r.timeouts + r.graphqlErrors, 0),
    perService: Object.fromEntries(
      (runs[0]?.processes ?? []).map((p) => [p.service, { cpu: median(runs.map((r) => (r.processes.find((q) => q.service === p.service)?.cpuMs ?? NaN) / Math.max(1, r.total))), rss: Math.max(...runs.map((r) => r.processes.find((q) => q.service === p.service)?.maxRssBytes ?? 0)) }]),
    ),
  };
}

function markdown(load: LoadReport, stack: Stack, checks: Check[], sql: SqlRow[], metrics: MetricRow[], single: SequentialRow[], rows: LoadRow[], spa: SpaFigures | null): string {
  const lines = [
    `# Benchmark results`,
    '',
    `${new Date().toISOString()} · size \`${load.size}\` (seed ${SEED}) · in-flight deduplication of identical subgraph requests ${DEDUPE ? "on (--dedupe)" : "off"} · Node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'} · load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    '',
    `Demo data seeded in ${fmt(stack.seedSeconds)} s (five subgraph processes, migrations included); generated rows loaded in ${fmt(load.seconds)} s. Rows: ${Object.entries(load.rows).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}.`,
    '',
    '## Sides and correctness',
    '',
    '| side | what it is | correct |',
    '| --- | --- | --- |',
    ...checks.map((c) => `| ${LABEL[c.side]} | ${DESCRIPTION[c.side]} | ${c.ok ? 'yes' : '**no**'}: ${c.detail.replace(/\|/g, '\\|')} |`),
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
    'Edits have no list: "10" and "100" are two different records; the count is per mutation (transaction, lock, versioned write, audit row).',
    '',
  ];
  const errors = sql.flatMap((r) => r.errors.map((e) => `- ${r.scenario}: ${e}`));
  if (errors.length) lines.push('Errors in answers:', '', ...errors, '');
  lines.push(
    `## Dashboard metrics at size \`${load.size}\``,
    '',
    'Each metric query alone through our gateway (median of 9 after 2 warm-up requests), beside a full scan of its main table (every column of every row, index scans off; median of 5).',
    '',
    '| metric | main table | rows | metric query ms | full scan ms | ratio |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...metrics.map((m) => `| ${m.metric}${m.error ? ` (**error**: ${m.error})` : ''} | ${m.table} | ${m.rows.toLocaleString('en')} | ${fmt(m.queryMs)} | ${fmt(m.scanMs)} | ${fmt(m.queryMs / m.scanMs, 2)} |`),
    '',
  );
  if (single.length) {
    const kinds = [...new Set(single.map((r) => r.side))];
    lines.push(
      '## One caller at a time (median latency, CPU ms per request over all the side\'s processes)',
      '',
      `| scenario | ${kinds.map((k) => LABEL[k]).join(' | ')} |`,
      `| --- | ${kinds.map(() => '---:').join(' | ')} |`,
      ...SCENARIOS.map(
        (sc) =>
          `| ${sc.name} (${sc.loadSize}) | ${kinds
            .map((k) => single.find((r) => r.scenario === sc.name && r.side === k))
            .map((r) => (r ? `${fmt(r.latencyMs)} ms, CPU ${fmt(r.cpuMs)}` : ''))
            .join(' | ')} |`,
      ),
      '',
    );
  }
  for (const connections of [...new Set(rows.map((r) => r.connections))]) {
    lines.push(
      `## Load at ${connections} connections (${ROUNDS} rounds of ${SECONDS} s per side, order rotated each round, after a ${WARMUP_SECONDS} s warm-up each; medians of rounds)`,
      '',
      '| scenario | list | side | req/s | vs ours | p50 / p95 / p99 ms | CPU ms/request gateway + subgraphs = total | gateway CPU (cores) | RSS MiB gateway / subgraphs | failures |',
      '| --- | ---: | --- | ---: | ---: | --- | --- | ---: | --- | ---: |',
    );
    for (const r of rows.filter((x) => x.connections === connections)) {
      const ours = r.runs.ours ? summarize(r.runs.ours) : null;
      for (const [kind, runs] of Object.entries(r.runs) as Array<[GatewayKind, Run[]]>) {
        const s = summarize(runs);
        if (median(runs.map((x) => x.total)) < 10) {
          lines.push(`| ${r.scenario} | ${r.size || '–'} | ${LABEL[kind]} | ${fmt(s.rps)} | – | too few answers in a round (median ${median(runs.map((x) => x.total))}): not comparable | | | | ${s.failures} |`);
          continue;
        }
        const vs = kind === 'ours' || !ours ? '' : kind.startsWith('monolith') ? `ours = ${fmt((ours.rps / s.rps) * 100, 0)} % of it` : `${fmt((s.rps / ours.rps) * 100, 0)} %`;
        lines.push(
          `| ${r.scenario} | ${r.size || '–'} | ${LABEL[kind]} | ${fmt(s.rps)} | ${vs} | ${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)} | ${fmt(s.cpuGateway, 2)} + ${fmt(s.cpuSubgraphs, 2)} = ${fmt(s.cpuTotal, 2)} | ${fmt(s.gatewayCoreShare, 2)} | ${mib(s.rssGateway)} / ${kind.startsWith('monolith') ? '–' : mib(s.rssSubgraphs)} | ${s.failures} |`,
        );
      }
    }
    lines.push('');
  }
  if (rows.length) {
    lines.push(
      '### Headline ratios (median throughput)',
      '',
      'Federation cost: the federated side\'s throughput as a share of the monolith\'s with the same planner (target ≥ 70 %), and the same in CPU efficiency (the monolith\'s CPU time per request, all its processes, over the federated side\'s, gateway and five subgraphs: ≥ 70 % means federation costs at most 43 % more CPU). Gateways: the alternative\'s throughput as a share of ours.',
      '',
      '| scenario | connections | ours / monolith | ours + Rust / monolith + Rust | CPU per request, monolith ÷ ours | CPU per request, monolith + Rust ÷ ours + Rust | Rust planner / ours | @apollo/gateway / ours |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const r of rows) {
      // sides with too few answers per round (the 100-actor page at 50 connections on a busy machine) are not compared
      const usable = (k: GatewayKind) => r.runs[k] && median((r.runs[k] as Run[]).map((x) => x.total)) >= 10;
      const rps = (k: GatewayKind) => (usable(k) ? summarize(r.runs[k] as Run[]).rps : NaN);
      const cpu = (k: GatewayKind) => (usable(k) ? summarize(r.runs[k] as Run[]).cpuTotal : NaN);
      const pct = (a: number, b: number, target = 0) =>
        Number.isFinite(a) && Number.isFinite(b) ? `${fmt((a / b) * 100, 0)} %${target && a / b < target ? ' (below target)' : ''}` : 'n/a';
      lines.push(
        `| ${r.scenario} | ${r.connections} | ${pct(rps('ours'), rps('monolith'), 0.7)} | ${pct(rps('hive-router'), rps('monolith-rust'), 0.7)} | ${pct(cpu('monolith'), cpu('ours'), 0.7)} | ${pct(cpu('monolith-rust'), cpu('hive-router'), 0.7)} | ${pct(rps('hive-router'), rps('ours'))} | ${pct(rps('apollo'), rps('ours'))} |`,
      );
    }
    lines.push('', '### CPU ms per request by process (median of rounds, last connection count)', '');
    const last = rows.filter((r) => r.connections === CONNECTIONS[CONNECTIONS.length - 1]);
    const services = [...new Set(last.flatMap((r) => Object.values(r.runs).flatMap((runs) => (runs as Run[])[0]?.processes.map((p) => p.service) ?? [])))];
    lines.push(`| scenario | side | ${services.join(' | ')} |`, `| --- | --- | ${services.map(() => '---:').join(' | ')} |`);
    for (const r of last) {
      for (const [kind, runs] of Object.entries(r.runs) as Array<[GatewayKind, Run[]]>) {
        const per = summarize(runs).perService;
        lines.push(`| ${r.scenario} | ${LABEL[kind]} | ${services.map((s) => (per[s] ? `${fmt(per[s].cpu, 2)} (${mib(per[s].rss)} MiB)` : '')).join(' | ')} |`);
      }
    }
    lines.push('');
  }
  lines.push('## SPA', '');
  if (!spa) lines.push('Not measured in this run (`--no-spa`).', '');
  else {
    const renders = spa.firstListRenderMs;
    lines.push(
      `- Initial JavaScript, gzipped (admin-ui/scripts/bundle-size.mjs): ${spa.initialJsGzipBytes === null ? 'not measured' : `${fmt(spa.initialJsGzipBytes / 1000)} kB`}`,
      `- Time to first actor-list render (headless Chromium, cold cache, signed-in Gard editor, /acteurs, size \`${load.size}\`): ${renders.length ? `median ${fmt(median(renders), 0)} ms over ${renders.length} loads (min ${fmt(Math.min(...renders), 0)}, max ${fmt(Math.max(...renders), 0)})` : 'not measured'}`,
      ...spa.notes.map((n) => `- ${n}`),
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

const DESCRIPTION: Record<GatewayKind, string> = {
  ours: 'startGateway (caller resolution, armor limits, cost limit, HMAC signing) → HTTP → five subgraph processes',
  monolith: `the same startGateway code and plugins with every subgraph schema and resolver executed in-process (no HTTP, JSON or signature between gateway and subgraphs; same SQL, same loaders), as a node:cluster of ${MONOLITH_PROCESSES} process(es) on one port`,
  'monolith-rust': 'the monolith above with `unifiedGraphHandler` from @graphql-hive/router-runtime (Rust query planner)',
  'hive-router': 'startGateway with `unifiedGraphHandler` from @graphql-hive/router-runtime (Rust query planner), same subgraph processes',
  apollo: '@apollo/gateway 2.14 on @apollo/server 5 (standalone), RemoteGraphQLDataSource signing each subgraph request (anonymous); no limits, no caller resolution',
};

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const size = SIZES[SIZE];
  if (!size) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  console.log(`Starting the five subgraph processes on a scratch database of ${serverUrl.replace(/:[^:@/]+@/, ':***@')} with the demo data…`);
  const stack = await startStack(serverUrl, { sides: SIDE_LIST.includes('ours') ? SIDE_LIST : ['ours', ...SIDE_LIST], monolithProcesses: MONOLITH_PROCESSES, dedupe: DEDUPE });
  try {
    console.log(`Demo data and migrations: ${fmt(stack.seedSeconds)} s. Generating size ${size.name} (seed ${SEED})…`);
    // the kit's logger warns about every statement over a second: expected for bulk inserts, so not printed here
    const warn = console.warn;
    console.warn = (...args: unknown[]) => (String(args[0]).startsWith('[sql slow') ? undefined : warn(...args));
    const load = await generate(stack.db, size, SEED).finally(() => (console.warn = warn));
    console.log(`Loaded in ${fmt(load.seconds)} s: ${JSON.stringify(load.rows)}`);
    await stack.startGateways();
    const checks = await checkSides(stack);
    for (const c of checks) console.log(`Check ${c.side}: ${c.ok ? 'ok' : 'FAILED'} — ${c.detail}`);

    const sql = await countSql(stack);
    for (const row of sql) console.log(`SQL ${row.scenario}: federated ${row.federated[10]} / ${row.federated[100]}, monolith ${row.monolith[10]} / ${row.monolith[100]} ${row.errors.length ? `ERRORS: ${row.errors.join('; ')}` : ''}`);
    const metrics = await dashboardMetrics(stack.db, (stack.sides.ours as Side).url);
    for (const m of metrics) console.log(`Metric ${m.metric}: ${fmt(m.queryMs)} ms; full scan of ${m.table} (${m.rows} rows) ${fmt(m.scanMs)} ms${m.error ? ` ERROR ${m.error}` : ''}`);

    const rows: LoadRow[] = [];
    let single: SequentialRow[] = [];
    if (LOAD) {
      const good = checks.filter((c) => c.ok).map((c) => stack.sides[c.side] as Side);
      console.log('One caller at a time:');
      single = await sequential(stack, good, Number(option('sequential', '30')));
      console.log(`Load: ${CONNECTIONS.join(' and ')} connections, warm-up ${WARMUP_SECONDS} s, ${ROUNDS} rounds of ${SECONDS} s per side; sides ${good.map((s) => s.kind).join(', ')}`);
      for (const connections of CONNECTIONS) {
        for (const scenario of SCENARIOS) rows.push(await compare(stack, good, scenario.name, scenario.loadSize, connections, scenario.body(scenario.loadSize), false));
        // edits need a staff session: @apollo/gateway has no caller resolution, so it does not take part
        rows.push(await compare(stack, good.filter((s) => s.kind !== 'apollo'), 'edits', 0, connections, '{}', true));
      }
    }
    const spa = SPA ? await spaFigures(stack) : null;
    const report = markdown(load, stack, checks, sql, metrics, single, rows, spa);
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
