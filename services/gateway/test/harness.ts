// Starts the real actors subgraph, the probe subgraph, a request-counting proxy in front of actors, and the gateway.
import { printSubgraphSchema } from '@apollo/subgraph';
import { actorsSubgraph } from '@ess/actors';
import type { RunningSubgraph } from '@ess/kit';
import { startCountingProxy, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { composeSupergraph } from '../src/compose';
import { accessSubgraph } from '@ess/access';
import type { GatewayConfig } from '../src/config';
import { testGatewayConfig } from '../src/testing';
import { startGateway, type RunningGateway } from '../src/gateway';
import { PROBE_SDL, startProbeSubgraph } from './probe-subgraph';

export interface Stack {
  actors: TestSubgraph;
  access?: TestSubgraph;
  probe: RunningSubgraph;
  gateway: RunningGateway;
  /** Bodies of the requests the gateway sent to the actors subgraph. */
  actorRequests: string[];
  /** Stops or restarts forwarding to the actors subgraph (simulates an outage). */
  setActorsDown(down: boolean): void;
  query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: { data?: T; errors?: any[] }; text: string; headers: Headers }>;
  close(): Promise<void>;
}

export const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export async function startStack(options: { upstreamTimeoutMs?: number; withAccess?: boolean; gateway?: Partial<GatewayConfig> } = {}): Promise<Stack> {
  const actors = await startTestSubgraph(actorsSubgraph, { seed: true });
  const access = options.withAccess ? await startTestSubgraph(accessSubgraph, { seed: true, secret: actors.secret }) : undefined;
  const probe = await startProbeSubgraph(actors.secret, actors.dataSource);
  const proxy = await startCountingProxy(actors.url);

  const supergraphSdl = composeSupergraph([
    { name: 'actors', url: proxy.url, sdl: printSubgraphSchema(await actorsSubgraph.buildSchema(actors.dataSource)) },
    { name: 'probe', url: probe.url, sdl: PROBE_SDL },
    ...(access ? [{ name: 'access', url: access.url, sdl: printSubgraphSchema(await accessSubgraph.buildSchema(access.dataSource)) }] : []),
  ]);
  const gateway = await startGateway(
    testGatewayConfig({ gatewaySecret: actors.secret, upstreamTimeoutMs: options.upstreamTimeoutMs ?? 5000, ...options.gateway }),
    { supergraphSdl, log: silentLog },
  );
  return {
    actors,
    access,
    probe,
    gateway,
    actorRequests: proxy.bodies,
    setActorsDown(value) {
      proxy.down = value;
    },
    async query(query, variables, headers = {}) {
      const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      const text = await response.text();
      return { status: response.status, body: JSON.parse(text), text, headers: response.headers };
    },
    async close() {
      await gateway.close();
      await proxy.close();
      await probe.close();
      await access?.close();
      await actors.close();
    },
  };
}
