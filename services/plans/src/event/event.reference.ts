// Resolves Event entity references from other subgraphs by id, through the request's loader.
import type { RequestContext } from '@ess/kit';
import type { Loaders } from '../loaders';
import type { PlanEvent } from './event.entity';

export function resolveEventReference(reference: { id: string }, context: RequestContext<Loaders>): Promise<PlanEvent | null> {
  return context.loaders.eventByIdLoader.load(reference.id);
}
