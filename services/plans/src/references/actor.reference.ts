// Resolves Actor references: any registry actor may take part here, and the reference itself is the stub.
import { actorRef, type ActorRef } from './external.types';

export function resolveActorReference(reference: { id: string }): ActorRef {
  return actorRef(reference.id);
}
