// Roll-ups of a plan and its axes, computed by PostgreSQL (one statement per roll-up for any number of plans or axes).
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Progress of a plan or axis: the average progress of its actions, each counting the same (equal weights); ' +
    'sub-actions count like any action, in their own axis; cancelled actions are left out.',
})
export class ProgressSummary {
  @Field(() => Int, { description: 'Actions counted, sub-actions included (cancelled ones left out).' })
  actionCount: number;

  @Field(() => Float, { nullable: true, description: 'Percent, 0 to 100, two decimals; null without actions.' })
  progress: number | null;
}

@ObjectType({
  description: 'Planned and committed budget of the actions, each its own, sub-actions included (cancelled ones left out), in euros.',
})
export class BudgetSummary {
  @Field(() => Float)
  planned: number;

  @Field(() => Float)
  committed: number;

  @Field(() => Float, { nullable: true, description: 'committed / planned (4 decimals); null when nothing is planned.' })
  commitmentRate: number | null;
}

@ObjectType({ description: 'Agreements signed in a year (signed or closed ones), in euros.' })
export class AgreementYearTotal {
  @Field(() => Int, { description: 'Year of signature.' })
  year: number;

  @Field(() => Int)
  agreementCount: number;

  @Field(() => Float)
  amount: number;
}

@ObjectType({ description: 'Agreements of a plan signed in a year for the actions of one axis (signed or closed ones), in euros.' })
export class AgreementTotal extends AgreementYearTotal {
  @Field(() => ID)
  axisId: string;
}

@ObjectType({ description: 'How many indicators are in each status (see IndicatorStatus).' })
export class IndicatorCounts {
  @Field(() => Int)
  total: number;

  @Field(() => Int)
  onTrack: number;

  @Field(() => Int)
  late: number;

  @Field(() => Int)
  achieved: number;

  @Field(() => Int)
  noData: number;
}

export interface Rollup {
  progress: ProgressSummary;
  budget: BudgetSummary;
}
