// Starts the access subgraph from the environment (see README: configuration).
import 'reflect-metadata';
import { readSubgraphConfig, runSubgraphProcess } from '@ess/kit';
import { readAccessConfig } from './config';
import { accessSubgraph } from './subgraph';

try {
  readAccessConfig();
  runSubgraphProcess(accessSubgraph, readSubgraphConfig(accessSubgraph.defaultPort)).catch((error) => {
    console.error(`[access] failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
} catch (error) {
  console.error(`[access] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
