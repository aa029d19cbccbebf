// This subgraph's projection of the registry: the ESS status of actors by SIRET, as the registry last published it.
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'procurement', name: 'ess_actor' })
@ObjectType('AwardeeEssStatus', { description: 'What the registry last published about an awardee (the procurement indicators count on it).' })
export class EssActor {
  @PrimaryColumn('text')
  siret: string;

  @Column('uuid', { name: 'actor_id' })
  actorId: string;

  @Column('text', { nullable: true })
  name: string | null;

  @Field({ description: 'Member of the ESS according to the registry.' })
  @Column('boolean', { name: 'ess_member' })
  essMember: boolean;

  @Field({ description: 'Inclusion structure type in the registry (NONE, EI, AI, ACI, ETTI, EITI, EA, ESAT, GEIQ).' })
  @Column('text', { name: 'inclusion_type' })
  inclusionType: string;

  @Column('timestamptz', { name: 'source_updated_at', nullable: true })
  sourceUpdatedAt: Date | null;

  @Field({ description: 'When this subgraph last received it.' })
  @Column('timestamptz', { name: 'synced_at' })
  syncedAt: Date;
}
