// Resolves Actor references by SIRET: any SIRET is valid, the fields answer from this subgraph's own tables.
import { RegistryActor } from './registry-actor';

export function resolveActorReference(reference: { siret?: string | null }): RegistryActor {
  return RegistryActor.of(reference.siret ?? null);
}
