// Resolves Network entity references from other subgraphs by id, through the request's loader.
import type { RequestContext } from '@ess/kit';
import type { Loaders } from '../loaders';
import type { Network } from './network.entity';

export function resolveNetworkReference(reference: { id: string }, context: RequestContext<Loaders>): Promise<Network | null> {
  return context.loaders.networkByIdLoader.load(reference.id);
}
