// Runs in its own process (spawned by main.ts): drives one autocannon run against a URL and prints one JSON line with
// the throughput, the latency percentiles computed from every response, and the failures (HTTP, transport, and answers
// carrying GraphQL errors). With `edits`, every request is built from the next record of the pool (see scenarios.ts).
import { editBody, versionOf, type EditTarget } from './scenarios';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon');

interface Args {
  url: string;
  body: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  edits?: EditTarget[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]) as Args;
  const latencies: number[] = [];
  let graphqlErrors = 0;
  let firstError: string | null = null;
  const countErrors = (body: string) => {
    if (!body.includes('"errors"')) return null;
    graphqlErrors++;
    if (!firstError) firstError = body.slice(0, 300);
    return body;
  };
  let requests: unknown[] | undefined;
  if (args.edits?.length) {
    const pool = args.edits;
    let cursor = 0;
    requests = [
      {
        setupRequest(request: Record<string, unknown>, context: { target?: EditTarget }) {
          const n = cursor++;
          const target = pool[n % pool.length];
          context.target = target;
          return { ...request, body: editBody(target, n) };
        },
        onResponse(_status: number, body: string, context: { target?: EditTarget }) {
          countErrors(body);
          try {
            const version = versionOf(JSON.parse(body));
            if (version !== undefined && context.target) context.target.version = version;
          } catch {
            // counted as an error above or by autocannon
          }
        },
      },
    ];
  } else {
    requests = [{ onResponse: (_status: number, body: string) => countErrors(body) }];
  }
  const instance = autocannon({
    url: args.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...args.headers },
    body: args.body,
    connections: args.connections,
    duration: args.seconds,
    requests,
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const total = result.requests.total as number;
  process.stdout.write(
    `${JSON.stringify({
      requestsPerSecond: total / args.seconds,
      total,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      graphqlErrors,
      firstError,
    })}\n`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
