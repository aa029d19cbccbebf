// Dashboard metrics at size: each metric query of the dashboard, alone, through our federated gateway (median of several
// runs), beside a full scan of its main table in PostgreSQL (index scans off). A ratio well below 1 means the metric
// reads through indexes or aggregates; near or above 1 means it costs a scan of the whole table (or more).
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';

export interface MetricRow {
  metric: string;
  table: string;
  rows: number;
  queryMs: number;
  scanMs: number;
  error?: string;
}

const METRICS: Array<{ metric: string; table: string; query: string; variables: Record<string, unknown> }> = [
  {
    metric: 'procurementIndicators (Gard, 2025)',
    table: 'procurement.contract',
    query: `query M($authority: String!, $year: Int!) { procurementIndicators(authority: $authority, year: $year) {
      asOf contractCount totalAmount socialConsiderationShare environmentalConsiderationShare reservedContractCount insertionHoursAchieved essSpendShare
      indicators { kind { code } value } } }`,
    variables: { authority: '30', year: 2025 },
  },
  {
    metric: 'plans progress, budget, indicator counts (10 plans)',
    table: 'plans.action',
    query: `query M { plans(first: 10) { nodes { id progress { actionCount progress } budget { planned committed commitmentRate }
      indicatorCounts { total onTrack late achieved noData } axes { id progress { progress } budget { planned committed } } } } }`,
    variables: {},
  },
  {
    metric: 'actor counts by legal family (Gard)',
    table: 'actors.actor',
    query: `query M($a: [String!]) { all: actors(first: 0, filter: { authorities: $a }) { totalCount }
      associations: actors(first: 0, filter: { authorities: $a, legalFamilies: [ASSOCIATION] }) { totalCount }
      cooperatives: actors(first: 0, filter: { authorities: $a, legalFamilies: [COOPERATIVE] }) { totalCount } }`,
    variables: { a: ['30'] },
  },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function fullScanMs(db: DataSource, table: string): Promise<{ ms: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    await db.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off; SET LOCAL enable_bitmapscan = off');
      const start = performance.now();
      // reads every row's every column: what a metric computed without index or aggregate would have to do
      const [row] = await manager.query(`SELECT count(*)::int AS n, sum(length(t::text))::bigint AS bytes FROM ${table} t`);
      times.push(performance.now() - start);
      rows = row.n;
    });
  }
  return { ms: median(times), rows };
}

export async function dashboardMetrics(db: DataSource, gatewayUrl: string, runs = 9): Promise<MetricRow[]> {
  const result: MetricRow[] = [];
  for (const m of METRICS) {
    const body = JSON.stringify({ query: m.query, variables: m.variables });
    const times: number[] = [];
    let error: string | undefined;
    for (let i = 0; i < runs + 2; i++) {
      const start = performance.now();
      const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = (await response.json()) as { errors?: Array<{ message: string }> };
      if (i >= 2) times.push(performance.now() - start); // two warm-up requests (plan cache, connections)
      if (json.errors?.length) error = json.errors[0].message;
    }
    const scan = await fullScanMs(db, m.table);
    result.push({ metric: m.metric, table: m.table, rows: scan.rows, queryMs: median(times), scanMs: scan.ms, error });
  }
  return result;
}
