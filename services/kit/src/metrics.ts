// Prometheus metrics of one service (prom-client), served on an internal port (METRICS_PORT) that the gateway never exposes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { statementsRun } from './database';
import { closeHttpServer } from './server';

export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'operation' | 'outcome'>;
  readonly duration: Histogram<'operation'>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    // Process CPU, memory, GC, and nodejs_eventloop_lag_seconds (event-loop lag).
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'ess_graphql_requests_total',
      help: 'GraphQL operations served, by operation name and outcome (ok, or the first error code)',
      labelNames: ['operation', 'outcome'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'ess_graphql_duration_seconds',
      help: 'Time to answer a GraphQL operation, by operation name',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  /** HTTP answers of the gateway by route kind and status (its GraphQL runs in the Hive runtime, not Apollo). */
  httpObserver(): (route: string, status: number, seconds: number) => void {
    const answers = new Counter({
      name: 'ess_http_responses_total',
      help: 'HTTP answers by route (graphql, uploads, auth, health, static) and status',
      labelNames: ['route', 'status'],
      registers: [this.registry],
    });
    const duration = new Histogram({
      name: 'ess_http_duration_seconds',
      help: 'Time to answer an HTTP request, by route',
      labelNames: ['route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    return (route, status, seconds) => {
      answers.inc({ route, status: String(status) });
      duration.observe({ route }, seconds);
    };
  }

  /** SQL statements and pool use, read at scrape time (nothing is added to each statement's path). */
  watchDatabase(dataSource: DataSource): void {
    let reported = 0;
    new Counter({
      name: 'ess_sql_statements_total',
      help: 'SQL statements run by this process',
      registers: [this.registry],
      collect() {
        const total = statementsRun(dataSource);
        this.inc(Math.max(0, total - reported));
        reported = total;
      },
    });
    new Gauge({
      name: 'ess_db_pool_connections',
      help: 'PostgreSQL pool connections: total, idle, and requests waiting for one',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const pool = (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
        if (!pool) return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }

  /** Counts and times each operation; operations without a name are grouped as "anonymous" (label values stay few). */
  apolloPlugin<C extends object>(): ApolloServerPlugin<C> {
    const { requests, duration } = this;
    return {
      async requestDidStart() {
        const stop = duration.startTimer();
        let outcome = 'ok';
        return {
          async didEncounterErrors({ errors }) {
            outcome = String(errors[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
          },
          // The name is known once the operation is resolved, even when another plugin then refused it.
          async willSendResponse({ operationName, request }) {
            const operation = (operationName ?? request.operationName ?? 'anonymous').slice(0, 64);
            stop({ operation });
            requests.inc({ operation, outcome });
          },
        };
      },
    };
  }
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/** GET /metrics on its own port: keep it on the internal network (scraped by Prometheus), never published. */
export async function startMetricsServer(metrics: ServiceMetrics, host: string, port: number): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return { url: `http://${host}:${bound}/metrics`, close: () => closeHttpServer(server) };
}
