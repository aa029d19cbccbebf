// The procurement indicators of an authority for a year, each against the SPASER's target and the national reference.
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReservedBasis } from '../common/codes';
import { IndicatorKind, SpaserPlan } from '../spaser/spaser.entity';

export enum TargetStatus {
  ON_TRACK = 'ON_TRACK',
  BEHIND = 'BEHIND',
  NO_DATA = 'NO_DATA',
}
registerEnumType(TargetStatus, { name: 'ProcurementTargetStatus', description: 'At or above the value expected this year, below it, or nothing to measure.' });

@ObjectType({ description: 'Reserved contracts of one legal basis (null: the basis was not recorded, as in DECP files).' })
export class ReservedBasisFigure {
  @Field(() => ReservedBasis, { nullable: true })
  basis: ReservedBasis | null;

  @Field(() => Int)
  count: number;

  @Field(() => Float)
  amount: number;
}

@ObjectType({ description: 'A target and where the year stands against it.' })
export class TargetComparison {
  @Field({ description: 'Where the target comes from: the SPASER’s title, or the national plan (PNAD 2022-2025).' })
  source: string;

  @Field(() => Float)
  targetValue: number;

  @Field(() => Int)
  targetYear: number;

  @Field(() => Float, { nullable: true })
  baselineValue: number | null;

  @Field(() => Int, { nullable: true })
  baselineYear: number | null;

  @Field(() => Float, { description: 'Value expected this year: on the straight line from the baseline to the target, or the target itself.' })
  expectedValue: number;

  @Field(() => TargetStatus)
  status: TargetStatus;
}

@ObjectType({ description: 'One computed indicator for the year.' })
export class IndicatorResult {
  @Field(() => IndicatorKind)
  kind: IndicatorKind;

  @Field(() => Float, { nullable: true, description: 'The value (percent for shares); null when there is nothing to measure.' })
  value: number | null;

  @Field(() => TargetComparison, { nullable: true, description: 'Against the SPASER’s own objective for this indicator, when it has one.' })
  spaserTarget: TargetComparison | null;

  @Field(() => TargetComparison, { nullable: true, description: 'Against the national reference (PNAD), when there is one.' })
  nationalTarget: TargetComparison | null;
}

@ObjectType({ description: 'Procurement indicators of an authority for the contracts notified in a year (public, aggregated).' })
export class ProcurementIndicators {
  @Field()
  authority: string;

  @Field(() => Int)
  year: number;

  @Field(() => ID, { nullable: true, description: 'The buyer the figures are restricted to; null: all the authority’s buyers.' })
  buyerId: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the figures last changed (a write to one of the contracts, its awardees or their ESS status); they are kept current in ' +
      'each write’s transaction, so they are exact as of the answer. Null: no contract.',
  })
  asOf: Date | null;

  @Field(() => Int)
  contractCount: number;

  @Field(() => Float, { description: 'Current amount excl. tax of the contracts (after modifications).' })
  totalAmount: number;

  @Field(() => Int)
  socialConsiderationCount: number;

  @Field(() => Float, { nullable: true, description: 'Percent of contracts with at least one social consideration.' })
  socialConsiderationShare: number | null;

  @Field(() => Int)
  environmentalConsiderationCount: number;

  @Field(() => Float, { nullable: true, description: 'Percent of contracts with at least one environmental consideration.' })
  environmentalConsiderationShare: number | null;

  @Field(() => Int)
  reservedContractCount: number;

  @Field(() => [ReservedBasisFigure])
  reservedByBasis: ReservedBasisFigure[];

  @Field(() => Int)
  insertionHoursPlanned: number;

  @Field(() => Int)
  insertionHoursAchieved: number;

  @Field(() => Float, { description: 'Current amount awarded to ESS actors (per the registry), shared evenly between co-awardees.' })
  essAmount: number;

  @Field(() => Float, { nullable: true, description: 'Percent of the amount awarded to ESS actors.' })
  essSpendShare: number | null;

  @Field(() => Int, { description: 'Contracts with at least one ESS actor among their current awardees.' })
  essContractCount: number;

  @Field(() => SpaserPlan, { nullable: true, description: 'The SPASER the targets come from: the one covering the year, else the one in preparation.' })
  spaserPlan: SpaserPlan | null;

  @Field(() => [IndicatorResult])
  indicators: IndicatorResult[];
}
