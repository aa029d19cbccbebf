// What a funded application produced: a common with its licence, maintainers, links, follow-up milestones and reuses.
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum CommonStatus {
  EMERGING = 'EMERGING',
  ACTIVE = 'ACTIVE',
  DORMANT = 'DORMANT',
  ENDED = 'ENDED',
}
registerEnumType(CommonStatus, { name: 'CommonStatus', description: 'Emerging and active commons are alive; dormant and ended ones are not.' });

export const ALIVE_STATUSES = [CommonStatus.EMERGING, CommonStatus.ACTIVE];

@Entity({ schema: 'commons', name: 'common' })
@ObjectType({ description: 'A common produced by a funded application, shared under an open licence.' })
@Directive('@key(fields: "id")')
export class Common {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'call_id' })
  callId: string;

  @Field()
  @Column('text')
  name: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

  @Field({ description: 'SPDX identifier.' })
  @Column('text')
  licence: string;

  @Field(() => [String])
  @Column('text', { array: true })
  links: string[];

  @Field(() => CommonStatus)
  @Column('text')
  status: CommonStatus;

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

@Entity({ schema: 'commons', name: 'common_maintainer' })
export class CommonMaintainer {
  @PrimaryColumn('uuid', { name: 'common_id' })
  commonId: string;

  @PrimaryColumn('uuid', { name: 'actor_id' })
  actorId: string;

  @Column('int')
  position: number;
}

@Entity({ schema: 'commons', name: 'common_milestone' })
@ObjectType({ description: 'A follow-up step of a common.' })
export class CommonMilestone {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'common_id' })
  commonId: string;

  @Field()
  @Column('text')
  title: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Column('date', { name: 'due_on' })
  dueOn: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD when done.' })
  @Column('date', { name: 'done_on', nullable: true })
  doneOn: string | null;
}

@Entity({ schema: 'commons', name: 'common_reuse' })
@ObjectType({ description: 'A reuse of a common by another actor.' })
export class CommonReuse {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'common_id' })
  commonId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'actor_id' })
  actorId: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

  @Field({ description: 'YYYY-MM-DD' })
  @Column('date')
  since: string;
}
