import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'What a sync from the registry changed.' })
export class EssActorSyncReport {
  @Field(() => Int)
  received: number;

  @Field(() => Int)
  inserted: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int)
  removed: number;

  @Field(() => Int, { description: 'Messages older than what is stored, left aside.' })
  stale: number;
}

@ObjectType({ description: 'Where the projection of the registry stands.' })
export class EssActorSyncStatus {
  @Field(() => Int, { description: 'Registry actors known by SIRET.' })
  actors: number;

  @Field(() => Int, { description: 'Of which members of the ESS.' })
  essMembers: number;

  @Field(() => Date, { nullable: true })
  lastSyncedAt: Date | null;
}
