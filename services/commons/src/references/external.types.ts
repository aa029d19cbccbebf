// Entities owned by other subgraphs, referenced here by id only (federation entity references; this subgraph never reads their tables).
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** An actor of the registry; this subgraph adds the applications it takes part in and the commons it maintains. */
@ObjectType('Actor')
@Directive('@key(fields: "id")')
export class ActorRef {
  @Field(() => ID)
  id: string;
}

export const actorRef = (id: string): ActorRef => Object.assign(new ActorRef(), { id });
