// Every subgraph of the platform, in start order. Adding a subgraph: add it here, to docker/compose.yaml, and run `npm run schema`.
import { accessSubgraph } from '@ess/access';
import { actorsSubgraph } from '@ess/actors';
import { commonsSubgraph } from '@ess/commons';
import type { SubgraphDefinition } from '@ess/kit';
import { plansSubgraph } from '@ess/plans';
import { procurementSubgraph } from '@ess/procurement';

export const SUBGRAPHS: Array<SubgraphDefinition<any>> = [actorsSubgraph, procurementSubgraph, commonsSubgraph, plansSubgraph, accessSubgraph];
