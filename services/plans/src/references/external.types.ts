// Entities owned by other subgraphs, referenced here by id only (federation entity references; this subgraph never reads their tables).
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** An actor of the registry; this subgraph adds the agreements that fund it and the actions it is partner of. */
@ObjectType('Actor')
@Directive('@key(fields: "id")')
export class ActorRef {
  @Field(() => ID)
  id: string;
}

/** A network of the actor registry that an action builds. */
@ObjectType('Network')
@Directive('@key(fields: "id", resolvable: false)')
export class NetworkRef {
  @Field(() => ID)
  id: string;
}

/** A call for commons (commons subgraph) that an action produces. */
@ObjectType('Call')
@Directive('@key(fields: "id", resolvable: false)')
export class CallRef {
  @Field(() => ID)
  id: string;
}

/** A SPASER (procurement subgraph) that an action produces. */
@ObjectType('SpaserPlan')
@Directive('@key(fields: "id", resolvable: false)')
export class SpaserPlanRef {
  @Field(() => ID)
  id: string;
}

export const actorRef = (id: string): ActorRef => Object.assign(new ActorRef(), { id });
export const networkRef = (id: string | null): NetworkRef | null => (id ? Object.assign(new NetworkRef(), { id }) : null);
export const callRef = (id: string | null): CallRef | null => (id ? Object.assign(new CallRef(), { id }) : null);
export const spaserPlanRef = (id: string | null): SpaserPlanRef | null => (id ? Object.assign(new SpaserPlanRef(), { id }) : null);
