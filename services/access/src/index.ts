export { accessSubgraph } from './subgraph';
export { newKey } from './api-key/api-key.service';
