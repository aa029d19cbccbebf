export { actorsSubgraph, createActorsSubgraph } from './subgraph';
export { readActorsConfig, type ActorsConfig } from './config';
export {
  applyContactRetention,
  CONTACT_RETENTION,
  contactRetentionJob,
  type RetentionOptions,
} from './personal-data/personal-data.service';
export { DEMO_ACTORS, DEMO_NETWORKS, demoActorId, demoNetworkId } from './demo/demo-data';
