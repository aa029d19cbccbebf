// The SPASER (code de la commande publique L2111-3) of an authority, its objectives, and the reference table of indicator kinds.
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericColumn } from '../common/columns';

export enum SpaserStatus {
  PLANNED = 'PLANNED',
  ADOPTED = 'ADOPTED',
  IN_FORCE = 'IN_FORCE',
  UNDER_REVIEW = 'UNDER_REVIEW',
}
registerEnumType(SpaserStatus, { name: 'SpaserStatus', description: 'Planned (in preparation), adopted by the assembly, in force, under review.' });

export enum IndicatorUnit {
  PERCENT = 'PERCENT',
  COUNT = 'COUNT',
  HOURS = 'HOURS',
  EUROS = 'EUROS',
}
registerEnumType(IndicatorUnit, { name: 'IndicatorUnit' });

@ObjectType({ description: 'A national reference target for an indicator (PNAD 2022-2025).' })
export class NationalTarget {
  @Field(() => Float)
  value: number;

  @Field(() => Int)
  year: number;

  @Field()
  source: string;
}

@Entity({ schema: 'procurement', name: 'indicator_kind' })
@ObjectType({ description: 'A kind of SPASER indicator; the platform computes some from the contracts, others are added as data and followed by hand.' })
export class IndicatorKind {
  @Field({ description: 'Stable code, e.g. SOCIAL_CONSIDERATION_SHARE.' })
  @PrimaryColumn('text')
  code: string;

  @Field({ description: 'French label.' })
  @Column('text')
  label: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

  @Field(() => IndicatorUnit)
  @Column('text')
  unit: IndicatorUnit;

  @Field({ description: 'Whether the platform computes it from the contracts (see procurementIndicators).' })
  @Column('boolean')
  computed: boolean;

  @Column('numeric', { name: 'national_target', precision: 14, scale: 2, nullable: true, transformer: numericColumn })
  nationalTargetValue: number | null;

  @Column('int', { name: 'national_target_year', nullable: true })
  nationalTargetYear: number | null;

  @Column('text', { name: 'national_source', nullable: true })
  nationalSource: string | null;

  @Field(() => NationalTarget, { nullable: true, description: 'National reference (PNAD), when there is one.' })
  nationalTarget(): NationalTarget | null {
    return this.nationalTargetValue !== null && this.nationalTargetYear !== null
      ? { value: this.nationalTargetValue, year: this.nationalTargetYear, source: this.nationalSource ?? 'national' }
      : null;
  }
}

@Entity({ schema: 'procurement', name: 'spaser_plan' })
@ObjectType({ description: 'A SPASER: an authority’s public scheme for socially and ecologically responsible purchasing.' })
@Directive('@key(fields: "id")')
export class SpaserPlan {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Département code of the authority.' })
  @Column('text', { name: 'authority_code' })
  authorityCode: string;

  @Field()
  @Column('text')
  title: string;

  @Field(() => SpaserStatus)
  @Column('text')
  status: SpaserStatus;

  @Field(() => String, { nullable: true, description: 'Adoption by the assembly (YYYY-MM-DD); none while planned.' })
  @Column('date', { name: 'adopted_on', nullable: true })
  adoptedOn: string | null;

  @Field(() => Int, { description: 'First year of the period covered.' })
  @Column('int', { name: 'period_start' })
  periodStart: number;

  @Field(() => Int, { description: 'Last year of the period covered.' })
  @Column('int', { name: 'period_end' })
  periodEnd: number;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

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

@Entity({ schema: 'procurement', name: 'spaser_objective' })
@ObjectType({ description: 'A target of a SPASER: an indicator, the value aimed at for a year, and where it started.' })
export class SpaserObjective {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'plan_id' })
  planId: string;

  @Column('text', { name: 'indicator_kind' })
  indicatorKindCode: string;

  @Field(() => Float, { description: 'Value aimed at (a percentage for shares, 0 to 100).' })
  @Column('numeric', { name: 'target_value', precision: 14, scale: 2, transformer: numericColumn })
  targetValue: number;

  @Field(() => Int)
  @Column('int', { name: 'target_year' })
  targetYear: number;

  @Field(() => Float, { nullable: true })
  @Column('numeric', { name: 'baseline_value', precision: 14, scale: 2, nullable: true, transformer: numericColumn })
  baselineValue: number | null;

  @Field(() => Int, { nullable: true })
  @Column('int', { name: 'baseline_year', nullable: true })
  baselineYear: number | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

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
