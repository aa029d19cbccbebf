// An indicator of a plan or of one of its actions: a unit, a baseline, a target by a date, and dated measured values.
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numeric } from '@ess/kit';

export enum IndicatorStatus {
  NO_DATA = 'NO_DATA',
  ON_TRACK = 'ON_TRACK',
  LATE = 'LATE',
  ACHIEVED = 'ACHIEVED',
}
registerEnumType(IndicatorStatus, {
  name: 'IndicatorStatus',
  description:
    'From the latest value: ACHIEVED when it reaches the target; LATE when the target date has passed, or when it is behind the straight path from the baseline to the target at its date; otherwise ON_TRACK; NO_DATA without values.',
});

@Entity({ schema: 'plans', name: 'indicator' })
@ObjectType({ description: 'An indicator with a baseline, a target and dated values; it belongs to a plan, and possibly to one of its actions.' })
@Directive('@key(fields: "id")')
export class Indicator {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'plan_id' })
  planId: string;

  @Field(() => ID, { nullable: true, description: 'The action measured, or null for an indicator of the whole plan.' })
  @Column('uuid', { name: 'action_id', nullable: true })
  actionId: string | null;

  @Field()
  @Column('text')
  title: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

  @Field({ description: 'Unit of the values, e.g. %, €, structures.' })
  @Column('text')
  unit: string;

  @Field(() => Float)
  @Column('numeric', { transformer: numeric })
  baseline: number;

  @Field({ description: 'Date of the baseline (YYYY-MM-DD).' })
  @Column('date', { name: 'baseline_on' })
  baselineOn: string;

  @Field(() => Float)
  @Column('numeric', { transformer: numeric })
  target: number;

  @Field({ description: 'Date by which the target should be reached (YYYY-MM-DD).' })
  @Column('date', { name: 'target_on' })
  targetOn: string;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Int, { description: 'Increases with every change (values included); send it back with an edit.' })
  @Column('int', { default: 1 })
  version: number;
}

@Entity({ schema: 'plans', name: 'indicator_value' })
@ObjectType({ description: 'A value of an indicator measured on a date.' })
export class IndicatorValue {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'indicator_id' })
  indicatorId: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Column('date', { name: 'measured_on' })
  measuredOn: string;

  @Field(() => Float)
  @Column('numeric', { transformer: numeric })
  value: number;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  comment: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@ObjectType({ description: 'Where an indicator stands against its path from baseline to target (computed in SQL).' })
export class IndicatorTracking {
  @Field(() => IndicatorStatus)
  status: IndicatorStatus;

  @Field(() => Float, { nullable: true, description: 'The latest value.' })
  latestValue: number | null;

  @Field(() => String, { nullable: true, description: 'Date of the latest value.' })
  latestOn: string | null;

  @Field(() => Float, { nullable: true, description: 'The value expected on that date on the straight path from the baseline to the target.' })
  expectedValue: number | null;
}

export function indicatorValues(indicator: Indicator) {
  return {
    planId: indicator.planId,
    actionId: indicator.actionId,
    title: indicator.title,
    description: indicator.description,
    unit: indicator.unit,
    baseline: indicator.baseline,
    baselineOn: indicator.baselineOn,
    target: indicator.target,
    targetOn: indicator.targetOn,
    version: indicator.version,
  };
}
