// Starts the actor registry subgraph from the environment (see README: configuration).
import 'reflect-metadata';
import { readSubgraphConfig, runSubgraphProcess } from '@ess/kit';
import { readActorsConfig } from './config';
import { createActorsSubgraph } from './subgraph';

// Both configurations are read before anything starts, so a bad variable stops the process before it touches the database.
const run = async () => {
  const actorsConfig = readActorsConfig();
  const subgraph = createActorsSubgraph(actorsConfig);
  await runSubgraphProcess(subgraph, readSubgraphConfig(subgraph.defaultPort));
};

run().catch((error) => {
  console.error(`[actors] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
