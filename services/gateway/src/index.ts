export { composeSchemas, composeSupergraph, CompositionError, type SubgraphSdl } from './compose';
export { readGatewayConfig, type GatewayConfig } from './config';
export { startGateway, subgraphsOf, type RunningGateway, type RuntimeOverrides } from './gateway';
export { testGatewayConfig } from './testing';
export { buildManifest, documentId, loadManifest, type Manifest } from './trusted-documents';
