// Resolves Application entity references from other subgraphs by id, through the request's loader.
import type { RequestContext } from '@ess/kit';
import type { Loaders } from '../loaders';
import type { Application } from './application.entity';

export function resolveApplicationReference(reference: { id: string }, context: RequestContext<Loaders>): Promise<Application | null> {
  return context.loaders.applicationByIdLoader.load(reference.id);
}
