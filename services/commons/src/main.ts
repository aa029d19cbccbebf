// Starts the calls for commons subgraph from the environment (see README: configuration).
import 'reflect-metadata';
import { readSubgraphConfig, runSubgraphProcess } from '@ess/kit';
import { commonsSubgraph } from './subgraph';

runSubgraphProcess(commonsSubgraph, readSubgraphConfig(commonsSubgraph.defaultPort)).catch((error) => {
  console.error(`[commons] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
