export { commonsSubgraph, createCommonsSubgraph } from './subgraph';
export { DEMO_CALL_ID, DEMO_COMMONS } from './demo/demo-data';
