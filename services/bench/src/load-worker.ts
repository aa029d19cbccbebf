// Runs in its own process (spawned by main.ts): drives one autocannon run against a URL and prints one JSON line with
// the throughput, the latency percentiles computed from every response, and the failures.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon');

interface Args {
  url: string;
  body: string;
  connections: number;
  seconds: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]) as Args;
  const latencies: number[] = [];
  const instance = autocannon({
    url: args.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: args.body,
    connections: args.connections,
    duration: args.seconds,
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
    })}\n`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
