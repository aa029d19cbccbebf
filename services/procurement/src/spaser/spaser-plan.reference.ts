// Resolves SpaserPlan entity references from other subgraphs by id, through the request's loader.
import type { RequestContext } from '@ess/kit';
import type { Loaders } from '../loaders';
import type { SpaserPlan } from './spaser.entity';

export function resolveSpaserPlanReference(reference: { id: string }, context: RequestContext<Loaders>): Promise<SpaserPlan | null> {
  return context.loaders.spaserPlanByIdLoader.load(reference.id);
}
