export { actorsSubgraph } from './subgraph';
export { DEMO_ACTORS, DEMO_NETWORKS, demoActorId, demoNetworkId } from './demo/demo-data';
