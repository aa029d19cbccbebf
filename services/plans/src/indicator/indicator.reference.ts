// Resolves Indicator entity references from other subgraphs by id, through the request's loader.
import type { RequestContext } from '@ess/kit';
import type { Loaders } from '../loaders';
import type { Indicator } from './indicator.entity';

export function resolveIndicatorReference(reference: { id: string }, context: RequestContext<Loaders>): Promise<Indicator | null> {
  return context.loaders.indicatorByIdLoader.load(reference.id);
}
