// Resolves Call entity references from other subgraphs by id, through the request's loader.
import type { RequestContext } from '@ess/kit';
import type { Loaders } from '../loaders';
import type { Call } from './call.entity';

export function resolveCallReference(reference: { id: string }, context: RequestContext<Loaders>): Promise<Call | null> {
  return context.loaders.callByIdLoader.load(reference.id);
}
