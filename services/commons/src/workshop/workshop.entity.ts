// Co-construction workshops of a call and the needs ESS structures defined in them.
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum NeedTerritoryKind {
  RURAL = 'RURAL',
  PRIORITY_DISTRICT = 'PRIORITY_DISTRICT',
  URBAN = 'URBAN',
  DEPARTEMENT_WIDE = 'DEPARTEMENT_WIDE',
  OTHER = 'OTHER',
}
registerEnumType(NeedTerritoryKind, {
  name: 'NeedTerritoryKind',
  description: 'Where a need is: a rural area, a priority urban district (QPV), another urban area, the whole département, other.',
});

@Entity({ schema: 'commons', name: 'workshop' })
@ObjectType({ description: 'A co-construction workshop of a call: who took part and what was said.' })
export class Workshop {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'call_id' })
  callId: string;

  @Field()
  @Column('text')
  title: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Column('date', { name: 'held_on' })
  heldOn: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  place: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  facilitator: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  minutes: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Int)
  @Column('int', { default: 1 })
  version: number;
}

@Entity({ schema: 'commons', name: 'workshop_participant' })
export class WorkshopParticipant {
  @PrimaryColumn('uuid', { name: 'workshop_id' })
  workshopId: string;

  @PrimaryColumn('uuid', { name: 'actor_id' })
  actorId: string;

  @Column('int')
  position: number;
}

@Entity({ schema: 'commons', name: 'need' })
@ObjectType({ description: 'A need co-defined by ESS structures for a challenge of the call, on a territory.' })
export class Need {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'call_id' })
  callId: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'workshop_id', nullable: true })
  workshopId: string | null;

  @Field(() => ID)
  @Column('uuid', { name: 'challenge_id' })
  challengeId: string;

  @Field()
  @Column('text')
  description: string;

  @Field(() => NeedTerritoryKind)
  @Column('text', { name: 'territory_kind' })
  territoryKind: NeedTerritoryKind;

  @Field(() => String, { nullable: true, description: 'INSEE code of the commune (e.g. 30189 for Nîmes).' })
  @Column('text', { name: 'commune_code', nullable: true })
  communeCode: string | null;

  @Field(() => String, { nullable: true, description: 'SIREN of the EPCI (9 digits).' })
  @Column('text', { name: 'epci_code', nullable: true })
  epciCode: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Int)
  @Column('int', { default: 1 })
  version: number;
}
