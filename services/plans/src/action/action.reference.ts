// Resolves Action entity references from other subgraphs by id, through the request's loader.
import type { RequestContext } from '@ess/kit';
import type { Loaders } from '../loaders';
import type { Action } from './action.entity';

export function resolveActionReference(reference: { id: string }, context: RequestContext<Loaders>): Promise<Action | null> {
  return context.loaders.actionByIdLoader.load(reference.id);
}
