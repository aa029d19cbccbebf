// An action of a plan: what is done, by whom, with which partners, budget and progress, and what it produces elsewhere.
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numeric } from '@ess/kit';

export enum ActionStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  SUSPENDED = 'SUSPENDED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ActionStatus, { name: 'ActionStatus', description: 'Planned, under way, done (progress 100), suspended, cancelled (left out of roll-ups).' });

@Entity({ schema: 'plans', name: 'action' })
@ObjectType({ description: 'An action of a plan, under one axis; it may be a sub-action of another action of the same plan.' })
@Directive('@key(fields: "id")')
export class Action {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'plan_id' })
  planId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'axis_id' })
  axisId: string;

  @Field(() => ID, { nullable: true, description: 'The action this one details, if it is a sub-action.' })
  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Field(() => Int, { description: 'Place in its axis, from 1.' })
  @Column('int')
  position: number;

  @Field()
  @Column('text')
  title: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'Department or service leading the action.' })
  @Column('text', { name: 'lead_service', nullable: true })
  leadService: string | null;

  @Field(() => ActionStatus)
  @Column('text')
  status: ActionStatus;

  @Field(() => Int, { description: 'Progress in percent, 0 to 100.' })
  @Column('int')
  progress: number;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Column('date', { name: 'start_on', nullable: true })
  startOn: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Column('date', { name: 'end_on', nullable: true })
  endOn: string | null;

  @Field(() => Float, { nullable: true, description: 'Planned budget in euros.' })
  @Column('numeric', { name: 'planned_budget', nullable: true, transformer: numeric })
  plannedBudget: number | null;

  @Field(() => Float, { nullable: true, description: 'Budget committed so far, in euros.' })
  @Column('numeric', { name: 'committed_budget', nullable: true, transformer: numeric })
  committedBudget: number | null;

  /** Call for commons this action produces (commons subgraph). */
  @Column('uuid', { name: 'call_id', nullable: true })
  callId: string | null;

  /** SPASER this action produces (procurement subgraph). */
  @Column('uuid', { name: 'spaser_plan_id', nullable: true })
  spaserPlanId: string | null;

  /** Network this action builds (actor registry). */
  @Column('uuid', { name: 'network_id', nullable: true })
  networkId: string | null;

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

@Entity({ schema: 'plans', name: 'action_partner' })
export class ActionPartner {
  @PrimaryColumn('uuid', { name: 'action_id' })
  actionId: string;

  @PrimaryColumn('uuid', { name: 'actor_id' })
  actorId: string;

  @Column('int')
  position: number;
}

@Entity({ schema: 'plans', name: 'milestone' })
@ObjectType({ description: 'A dated step of an action, done or not.' })
export class Milestone {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'action_id' })
  actionId: string;

  @Field()
  @Column('text')
  title: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Column('date', { name: 'due_on' })
  dueOn: string;

  @Field()
  @Column('boolean', { default: false })
  done: boolean;

  @Field(() => String, { nullable: true, description: 'When it was done (YYYY-MM-DD).' })
  @Column('date', { name: 'done_on', nullable: true })
  doneOn: string | null;
}

export interface MilestoneValues {
  title: string;
  dueOn: string;
  done: boolean;
  doneOn: string | null;
}

export function actionValues(action: Action, partners: string[], milestones: MilestoneValues[]) {
  return {
    planId: action.planId,
    axisId: action.axisId,
    parentId: action.parentId,
    position: action.position,
    title: action.title,
    description: action.description,
    leadService: action.leadService,
    status: action.status,
    progress: action.progress,
    startOn: action.startOn,
    endOn: action.endOn,
    plannedBudget: action.plannedBudget,
    committedBudget: action.committedBudget,
    callId: action.callId,
    spaserPlanId: action.spaserPlanId,
    networkId: action.networkId,
    partners,
    milestones,
    version: action.version,
  };
}
