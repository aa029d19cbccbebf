export { procurementSubgraph } from './subgraph';
export { DEMO_BUYERS, demoBuyerId, demoSpaserPlanId } from './demo/demo-data';
// For command-line tools and benchmarks that run the services without a server.
export { DecpImportService } from './decp/decp-import.service';
export { IndicatorsService } from './indicators/indicators.service';
export { EssFeedPuller, ESS_FEED_PULL, essFeedPullJob } from './ess/ess-feed-puller';
export { EssSyncService } from './ess/ess-sync.service';
