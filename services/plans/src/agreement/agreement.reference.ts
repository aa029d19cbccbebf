// Resolves Agreement entity references from other subgraphs by id, through the request's loader.
import type { RequestContext } from '@ess/kit';
import type { Loaders } from '../loaders';
import type { Agreement } from './agreement.entity';

export function resolveAgreementReference(reference: { id: string }, context: RequestContext<Loaders>): Promise<Agreement | null> {
  return context.loaders.agreementByIdLoader.load(reference.id);
}
