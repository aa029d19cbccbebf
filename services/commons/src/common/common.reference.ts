// Resolves Common entity references from other subgraphs by id, through the request's loader.
import type { RequestContext } from '@ess/kit';
import type { Loaders } from '../loaders';
import type { Common } from './common.entity';

export function resolveCommonReference(reference: { id: string }, context: RequestContext<Loaders>): Promise<Common | null> {
  return context.loaders.commonByIdLoader.load(reference.id);
}
