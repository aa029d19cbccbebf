// Resolves Plan entity references from other subgraphs by id, through the request's loader.
import type { RequestContext } from '@ess/kit';
import type { Loaders } from '../loaders';
import type { Plan } from './plan.entity';

export function resolvePlanReference(reference: { id: string }, context: RequestContext<Loaders>): Promise<Plan | null> {
  return context.loaders.planByIdLoader.load(reference.id);
}
