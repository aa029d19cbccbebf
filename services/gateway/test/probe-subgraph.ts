// A second, tiny subgraph for the gateway's tests: it extends Actor and can be slow or fail on demand.
import { buildSubgraphSchema } from '@apollo/subgraph';
import { startSubgraphServer, type RunningSubgraph } from '@ess/kit';
import { parse } from 'graphql';
import type { DataSource } from 'typeorm';

export const PROBE_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
  type Actor @key(fields: "id") {
    id: ID!
    "Length of the id: lets tests see that the gateway joined both subgraphs."
    probeScore: Int
  }
  type Query {
    probeActors(ids: [ID!]!): [Actor]
    probeHello: String
    probeSlow(ms: Int!): String
    probeCrash: String
  }
`;

export async function startProbeSubgraph(secret: string, dataSource: DataSource): Promise<RunningSubgraph> {
  const schema = buildSubgraphSchema({
    typeDefs: parse(PROBE_SDL),
    resolvers: {
      Query: {
        probeActors: (_: unknown, { ids }: { ids: string[] }) => ids.map((id) => ({ __typename: 'Actor', id })),
        probeHello: () => 'hello from probe',
        probeSlow: async (_: unknown, { ms }: { ms: number }) => {
          await new Promise((resolve) => setTimeout(resolve, ms).unref());
          return 'late';
        },
        probeCrash: () => {
          throw new Error('connect ECONNREFUSED 10.1.2.3:5432 at internal/db.js:42');
        },
      },
      Actor: {
        __resolveReference: (ref: { id: string }) => ref,
        probeScore: (actor: { id: string }) => actor.id.length,
      },
    } as never,
  });
  return startSubgraphServer({ name: 'probe', schema, dataSource, gatewaySecret: secret, createLoaders: () => ({}), log: { info: () => undefined, error: () => undefined } });
}
