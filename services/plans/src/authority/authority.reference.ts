// Resolves Authority entity references from other subgraphs by code, through the request's loader.
import type { RequestContext } from '@ess/kit';
import type { Loaders } from '../loaders';
import type { Authority } from './authority.entity';

export function resolveAuthorityReference(reference: { code: string }, context: RequestContext<Loaders>): Promise<Authority | null> {
  return context.loaders.authorityByCodeLoader.load(reference.code);
}
