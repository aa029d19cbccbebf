// Dated public events of a plan: assembly sessions that adopt it, public meetings, workshops.
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum EventKind {
  ASSEMBLY_SESSION = 'ASSEMBLY_SESSION',
  PUBLIC_MEETING = 'PUBLIC_MEETING',
  WORKSHOP = 'WORKSHOP',
  OTHER = 'OTHER',
}
registerEnumType(EventKind, { name: 'EventKind', description: 'Session of an assembly (adoption, decisions), public meeting, workshop, other.' });

@Entity({ schema: 'plans', name: 'event' })
@ObjectType('Event', { description: 'A dated public event of a plan, e.g. « Gard : l’ESS en commun(s) » on 26 November 2024 at Pont-du-Gard.' })
@Directive('@key(fields: "id")')
export class PlanEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'plan_id' })
  planId: string;

  @Field()
  @Column('text')
  title: string;

  @Field(() => EventKind)
  @Column('text')
  kind: EventKind;

  @Field({ description: 'YYYY-MM-DD' })
  @Column('date', { name: 'held_on' })
  heldOn: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  place: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Int, { description: 'Increases with every change; send it back with an edit.' })
  @Column('int', { default: 1 })
  version: number;
}

export function eventValues(e: PlanEvent) {
  return { planId: e.planId, title: e.title, kind: e.kind, heldOn: e.heldOn, place: e.place, description: e.description, version: e.version };
}
