// A call for commons of an authority: its challenges, rules, envelope, dates, review criteria, jury and lifecycle.
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numeric } from '@ess/kit';

export enum CallStatus {
  DRAFT = 'DRAFT',
  CO_CONSTRUCTION = 'CO_CONSTRUCTION',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  DECIDED = 'DECIDED',
  FOLLOW_UP = 'FOLLOW_UP',
}
registerEnumType(CallStatus, {
  name: 'CallStatus',
  description: 'Lifecycle of a call, one step at a time: draft, co-construction (workshops, needs), open (submissions), closed, under review, decided, follow-up.',
});

/** The order of the lifecycle: a call moves to the next status only. */
export const CALL_LIFECYCLE: CallStatus[] = Object.values(CallStatus);

export enum SupportKind {
  MONEY = 'MONEY',
  SKILLS = 'SKILLS',
  PREMISES = 'PREMISES',
  EQUIPMENT = 'EQUIPMENT',
}
registerEnumType(SupportKind, { name: 'SupportKind', description: 'Kinds of support a call offers: money, skills, premises, equipment.' });

@Entity({ schema: 'commons', name: 'call' })
@ObjectType({ description: 'A call for commons (appel à communs): groups of ESS structures answer needs co-defined in workshops with shared, openly licensed solutions.' })
@Directive('@key(fields: "id")')
export class Call {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'INSEE code of the authority running the call (30 for the Gard).' })
  @Column('text', { name: 'authority_code' })
  authorityCode: string;

  @Field()
  @Column('text')
  title: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

  @Field(() => CallStatus)
  @Column('text')
  status: CallStatus;

  @Field(() => Int, { description: 'Minimum number of distinct structures in an application, lead included (Gard: 3).' })
  @Column('int', { name: 'min_structures' })
  minStructures: number;

  @Field(() => [String], { description: 'SPDX identifiers of the licences an application may choose (outputs are shared openly).' })
  @Column('text', { name: 'accepted_licences', array: true })
  acceptedLicences: string[];

  @Field(() => [SupportKind], { description: 'Kinds of support the call offers.' })
  @Column('text', { name: 'support_kinds', array: true })
  supportKinds: SupportKind[];

  @Field(() => Float, { nullable: true, description: 'Money the call may grant in total, in euros.' })
  @Column('numeric', { name: 'budget_envelope', nullable: true, transformer: numeric })
  budgetEnvelope: number | null;

  @Field(() => String, { nullable: true, description: 'First day of submissions (YYYY-MM-DD).' })
  @Column('date', { name: 'opens_on', nullable: true })
  opensOn: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of submissions (YYYY-MM-DD).' })
  @Column('date', { name: 'closes_on', nullable: true })
  closesOn: string | null;

  @Field(() => String, { nullable: true, description: 'Planned day of the decisions (YYYY-MM-DD).' })
  @Column('date', { name: 'decision_on', nullable: true })
  decisionOn: string | null;

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

@Entity({ schema: 'commons', name: 'challenge' })
@ObjectType('CallChallenge', { description: 'A challenge of a call, chosen upstream in the workshops.' })
export class Challenge {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'call_id' })
  callId: string;

  @Field(() => Int)
  @Column('int')
  position: number;

  @Field()
  @Column('text')
  title: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;
}

@Entity({ schema: 'commons', name: 'criterion' })
@ObjectType('CallCriterion', { description: 'A review criterion of a call: jurors score it from 0 to maxScore; its weight counts in the score.' })
export class Criterion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'call_id' })
  callId: string;

  @Field(() => Int)
  @Column('int')
  position: number;

  @Field()
  @Column('text')
  label: string;

  @Field(() => Int)
  @Column('int', { name: 'max_score' })
  maxScore: number;

  @Field(() => Float)
  @Column('numeric', { transformer: numeric })
  weight: number;
}

@Entity({ schema: 'commons', name: 'jury_member' })
@ObjectType({ description: 'A juror of a call: a staff user, with the structures they declared belonging to (they may not review those groups).' })
export class JuryMember {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'call_id' })
  callId: string;

  @Field({ description: 'Staff user id of the juror.' })
  @Column('text', { name: 'user_id' })
  userId: string;

  @Field()
  @Column('text')
  name: string;

  @Field(() => [ID], { description: 'Registry actors the juror belongs to (declaration of interests).' })
  @Column('uuid', { name: 'declared_actor_ids', array: true })
  declaredActorIds: string[];

  @Field(() => Int)
  @Column('int', { default: 1 })
  version: number;
}

export function callValues(call: Call, challenges: Array<{ title: string; description: string | null }>, criteria: Array<{ label: string; maxScore: number; weight: number }>) {
  return {
    authorityCode: call.authorityCode,
    title: call.title,
    description: call.description,
    status: call.status,
    minStructures: call.minStructures,
    acceptedLicences: call.acceptedLicences,
    supportKinds: call.supportKinds,
    budgetEnvelope: call.budgetEnvelope,
    opensOn: call.opensOn,
    closesOn: call.closesOn,
    decisionOn: call.decisionOn,
    challenges,
    criteria,
    version: call.version,
  };
}
