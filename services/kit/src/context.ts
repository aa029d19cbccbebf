// What every resolver receives: the request id, the caller's identity, and this request's loaders.
import type { Identity } from './identity';

export interface RequestContext<Loaders = unknown> {
  requestId: string;
  identity: Identity;
  loaders: Loaders;
}
