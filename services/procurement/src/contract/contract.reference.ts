// Resolves Contract entity references from other subgraphs by id, through the request's loader.
import type { RequestContext } from '@ess/kit';
import type { Loaders } from '../loaders';
import type { Contract } from './contract.entity';

export function resolveContractReference(reference: { id: string }, context: RequestContext<Loaders>): Promise<Contract | null> {
  return context.loaders.contractByIdLoader.load(reference.id);
}
