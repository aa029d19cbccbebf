// Starts the public procurement and SPASER subgraph from the environment (see README: configuration).
import 'reflect-metadata';
import { readSubgraphConfig, runSubgraphProcess } from '@ess/kit';
import { procurementSubgraph } from './subgraph';

runSubgraphProcess(procurementSubgraph, readSubgraphConfig(procurementSubgraph.defaultPort)).catch((error) => {
  console.error(`[procurement] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
