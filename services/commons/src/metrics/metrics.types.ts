// Metrics of the calls for commons, computed by PostgreSQL for a call or for all calls of an authority.
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { SupportKind } from '../call/call.entity';

@ObjectType({ description: 'Support granted of one kind: how many decisions grant it, and for money the amount in euros.' })
export class GrantedSupport {
  @Field(() => SupportKind)
  kind: SupportKind;

  @Field(() => Int)
  grantCount: number;

  @Field(() => Float, { nullable: true, description: 'Euros, for MONEY only.' })
  amount: number | null;
}

@ObjectType({
  description:
    'Metrics of calls for commons. Applications counted are those ever submitted (withdrawn ones included, drafts left out); ' +
    'an application is from a rural area or a priority district when it answers at least one need located there; ' +
    'the acceptance rate is accepted / decided; alive commons are emerging or active.',
})
export class CommonsMetrics {
  @Field(() => Int)
  callCount: number;

  @Field(() => Int)
  applicationCount: number;

  @Field(() => Int, { description: 'Distinct structures (lead or partner) in the applications counted.' })
  structuresInvolved: number;

  @Field(() => Float, { nullable: true, description: 'Average number of structures per application, two decimals.' })
  averageGroupSize: number | null;

  @Field(() => Float, { nullable: true, description: 'Share (0–1, four decimals) of applications answering a need in a rural area or a priority urban district.' })
  ruralOrPriorityShare: number | null;

  @Field(() => Int)
  decidedCount: number;

  @Field(() => Int)
  acceptedCount: number;

  @Field(() => Float, { nullable: true, description: 'accepted / decided, four decimals; null before any decision.' })
  acceptanceRate: number | null;

  @Field(() => [GrantedSupport], { description: 'Support granted by kind, in the order MONEY, SKILLS, PREMISES, EQUIPMENT.' })
  supportGranted: GrantedSupport[];

  @Field(() => Int)
  commonCount: number;

  @Field(() => Int)
  commonsAlive: number;
}
