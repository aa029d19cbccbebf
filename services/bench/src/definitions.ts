// The subgraphs under test, in start order (the same list as services/platform/src/subgraphs.ts).
import { accessSubgraph } from '@ess/access';
import { actorsSubgraph } from '@ess/actors';
import { commonsSubgraph } from '@ess/commons';
import type { SubgraphDefinition } from '@ess/kit';
import { plansSubgraph } from '@ess/plans';
import { procurementSubgraph } from '@ess/procurement';

export const DEFINITIONS: Array<SubgraphDefinition<any>> = [actorsSubgraph, procurementSubgraph, commonsSubgraph, plansSubgraph, accessSubgraph];

/** The password of the demo staff accounts in the benchmark (the access subgraph reads DEMO_PASSWORD). */
export const BENCH_DEMO_PASSWORD = 'bench-demo-password';
export const BENCH_EDITOR = 'editeur.gard@demo.ess.local';
