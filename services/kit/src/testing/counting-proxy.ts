// A proxy in front of one subgraph for tests and benchmarks: counts the requests and the SQL statements the subgraph
// reports for them, keeps the bodies, and can play an outage (drops connections while `down`).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { STATEMENTS_HEADER } from '../server';

export interface CountingProxy {
  url: string;
  /** SQL statements the subgraph reported for the POSTs since the last reset. */
  readonly statements: number;
  readonly requests: number;
  /** Bodies of the POSTs since the last reset. */
  readonly bodies: string[];
  down: boolean;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const state = { statements: 0, requests: 0, bodies: [] as string[], down: false };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      if (state.down) {
        req.socket.destroy();
        return;
      }
      const body = Buffer.concat(chunks).toString();
      try {
        const upstream = await fetch(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers as Record<string, string>, body: req.method === 'POST' ? body : undefined });
        if (req.method === 'POST') {
          state.requests++;
          state.bodies.push(body);
          state.statements += Number(upstream.headers.get(STATEMENTS_HEADER) ?? NaN);
        }
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(await upstream.text());
      } catch {
        res.writeHead(502);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    get statements() {
      return state.statements;
    },
    get requests() {
      return state.requests;
    },
    get bodies() {
      return state.bodies;
    },
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
    reset() {
      state.statements = 0;
      state.requests = 0;
      state.bodies.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
