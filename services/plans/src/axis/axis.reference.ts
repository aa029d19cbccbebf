// Resolves Axis entity references from other subgraphs by id, through the request's loader.
import type { RequestContext } from '@ess/kit';
import type { Loaders } from '../loaders';
import type { Axis } from './axis.entity';

export function resolveAxisReference(reference: { id: string }, context: RequestContext<Loaders>): Promise<Axis | null> {
  return context.loaders.axisByIdLoader.load(reference.id);
}
