// Starts the ESS plans subgraph from the environment (see README: configuration).
import 'reflect-metadata';
import { readSubgraphConfig, runSubgraphProcess } from '@ess/kit';
import { plansSubgraph } from './subgraph';

runSubgraphProcess(plansSubgraph, readSubgraphConfig(plansSubgraph.defaultPort)).catch((error) => {
  console.error(`[plans] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
