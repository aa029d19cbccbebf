// An application to a call by a group of structures (a lead and partners), the jurors' reviews and the decision.
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numeric } from '@ess/kit';

export enum ApplicationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  WITHDRAWN = 'WITHDRAWN',
  ELIGIBLE = 'ELIGIBLE',
  INELIGIBLE = 'INELIGIBLE',
  UNDER_REVIEW = 'UNDER_REVIEW',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(ApplicationStatus, {
  name: 'ApplicationStatus',
  description: 'Draft, submitted (in the open period), withdrawn, eligible or ineligible (with a reason), under review, accepted or rejected (by a decision).',
});

export enum ApplicationMemberRole {
  LEAD = 'LEAD',
  PARTNER = 'PARTNER',
}

@ObjectType('ApplicationDocument', { description: 'A document of an application: a title and a link.' })
export class ApplicationDocument {
  @Field()
  title: string;

  @Field()
  url: string;
}

@Entity({ schema: 'commons', name: 'application' })
@ObjectType({ description: 'An application to a call by a group of structures, proposing a common under an open licence.' })
@Directive('@key(fields: "id")')
export class Application {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'call_id' })
  callId: string;

  @Field(() => ID, { description: 'Registry id of the lead structure.' })
  @Column('uuid', { name: 'lead_actor_id' })
  leadActorId: string;

  @Field()
  @Column('text')
  title: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

  @Field({ description: 'The common the group proposes to build.' })
  @Column('text', { name: 'proposed_common' })
  proposedCommon: string;

  @Field({ description: 'SPDX identifier of its licence, one of the call’s.' })
  @Column('text')
  licence: string;

  @Field(() => Float, { nullable: true, description: 'Money requested, in euros.' })
  @Column('numeric', { name: 'requested_amount', nullable: true, transformer: numeric })
  requestedAmount: number | null;

  @Field(() => String, { nullable: true, description: 'Skills requested (e.g. legal, digital).' })
  @Column('text', { name: 'requested_skills', nullable: true })
  requestedSkills: string | null;

  @Field(() => String, { nullable: true, description: 'Premises requested.' })
  @Column('text', { name: 'requested_premises', nullable: true })
  requestedPremises: string | null;

  @Field(() => String, { nullable: true, description: 'Equipment requested.' })
  @Column('text', { name: 'requested_equipment', nullable: true })
  requestedEquipment: string | null;

  @Field(() => [ApplicationDocument])
  @Column('jsonb')
  documents: ApplicationDocument[];

  @Field(() => ApplicationStatus)
  @Column('text')
  status: ApplicationStatus;

  @Field(() => String, { nullable: true, description: 'Why the application is ineligible.' })
  @Column('text', { name: 'ineligibility_reason', nullable: true })
  ineligibilityReason: string | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

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

@Entity({ schema: 'commons', name: 'application_member' })
export class ApplicationMember {
  @PrimaryColumn('uuid', { name: 'application_id' })
  applicationId: string;

  @PrimaryColumn('uuid', { name: 'actor_id' })
  actorId: string;

  @Column('text')
  role: ApplicationMemberRole;

  @Column('int')
  position: number;
}

@Entity({ schema: 'commons', name: 'application_need' })
export class ApplicationNeed {
  @PrimaryColumn('uuid', { name: 'application_id' })
  applicationId: string;

  @PrimaryColumn('uuid', { name: 'need_id' })
  needId: string;

  @Column('uuid', { name: 'call_id' })
  callId: string;
}

@ObjectType({ description: 'A juror’s score for one criterion.' })
export class CriterionScore {
  @Field(() => ID)
  criterionId: string;

  @Field(() => Int)
  score: number;
}

@Entity({ schema: 'commons', name: 'review' })
@ObjectType({ description: 'A juror’s review of an application: a score per criterion of the call and a comment.' })
export class Review {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'jury_member_id' })
  juryMemberId: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  comment: string | null;

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

@Entity({ schema: 'commons', name: 'review_score' })
export class ReviewScore {
  @PrimaryColumn('uuid', { name: 'review_id' })
  reviewId: string;

  @PrimaryColumn('uuid', { name: 'criterion_id' })
  criterionId: string;

  @Column('int')
  score: number;
}

@Entity({ schema: 'commons', name: 'decision' })
@ObjectType({ description: 'The decision on an application: accepted or rejected with reasons, and the support granted by kind.' })
export class Decision {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('uuid', { name: 'call_id' })
  callId: string;

  @Field()
  @Column('boolean')
  accepted: boolean;

  @Field()
  @Column('text')
  reasons: string;

  @Field(() => Float, { description: 'Money granted, in euros (counts against the call’s envelope).' })
  @Column('numeric', { name: 'granted_amount', transformer: numeric })
  grantedAmount: number;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'granted_skills', nullable: true })
  grantedSkills: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'granted_premises', nullable: true })
  grantedPremises: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'granted_equipment', nullable: true })
  grantedEquipment: string | null;

  @Field({ description: 'YYYY-MM-DD' })
  @Column('date', { name: 'decided_on' })
  decidedOn: string;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Int)
  @Column('int', { default: 1 })
  version: number;
}

/** Score of an application: per review, the weighted scores over the weighted maxima (0–100); then the mean of reviews. */
@ObjectType({ description: 'Score of an application, computed in SQL: each review’s weighted share of the maximum (0–100), averaged over reviews.' })
export class ApplicationScore {
  @Field(() => Int)
  reviewCount: number;

  @Field(() => Float, { nullable: true, description: '0 to 100, two decimals; null without reviews.' })
  score: number | null;
}


export function applicationValues(a: Application, members: string[], needIds: string[]) {
  return {
    callId: a.callId,
    leadActorId: a.leadActorId,
    members,
    needIds,
    title: a.title,
    description: a.description,
    proposedCommon: a.proposedCommon,
    licence: a.licence,
    requestedAmount: a.requestedAmount,
    requestedSkills: a.requestedSkills,
    requestedPremises: a.requestedPremises,
    requestedEquipment: a.requestedEquipment,
    documents: a.documents,
    status: a.status,
    ineligibilityReason: a.ineligibilityReason,
    version: a.version,
  };
}
