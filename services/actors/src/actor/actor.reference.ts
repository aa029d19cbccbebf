// Resolves Actor entity references from other subgraphs, by id or SIRET, through the request's loaders.
import type { RequestContext } from '@ess/kit';
import type { Loaders } from '../loaders';
import type { Actor } from './actor.entity';

export function resolveActorReference(reference: { id?: string; siret?: string }, context: RequestContext<Loaders>): Promise<Actor | null> {
  if (reference.id) return context.loaders.actorByIdLoader.load(reference.id);
  if (reference.siret) return context.loaders.actorBySiretLoader.load(reference.siret);
  return Promise.resolve(null);
}
