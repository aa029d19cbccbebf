// Starts the actor registry subgraph from the environment (see README: configuration).
import 'reflect-metadata';
import { readSubgraphConfig, runSubgraphProcess } from '@ess/kit';
import { actorsSubgraph } from './subgraph';

runSubgraphProcess(actorsSubgraph, readSubgraphConfig(actorsSubgraph.defaultPort)).catch((error) => {
  console.error(`[actors] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
