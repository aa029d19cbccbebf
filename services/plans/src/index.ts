export { plansSubgraph } from './subgraph';
export { DEMO_PLAN_IDS, demoCallId, demoSpaserPlanId } from './demo/demo-data';
export { SCDL_COLUMNS } from './agreement/scdl';
