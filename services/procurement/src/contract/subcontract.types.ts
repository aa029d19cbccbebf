// The subcontracting acts of a contract as the graph shows them: read-only, as published in the DECP (stored as lists).
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AwardeeIdType, PriceVariation } from '../common/codes';

@ObjectType({ description: 'A subcontractor (DECP sousTraitant).' })
export class Subcontractor {
  @Field(() => AwardeeIdType)
  idType: AwardeeIdType;

  @Field()
  identifier: string;
}

@ObjectType({ description: 'A special act of subcontracting (DECP acteSousTraitance), as published.' })
export class SubcontractingAct {
  @Field(() => Int, { description: 'DECP id of the act, unique within the contract.' })
  decpId: number;

  @Field(() => Subcontractor)
  subcontractor: Subcontractor;

  @Field(() => Int, { nullable: true })
  durationMonths: number | null;

  @Field(() => String, { nullable: true })
  notifiedOn: string | null;

  @Field(() => String, { nullable: true })
  publishedOn: string | null;

  @Field(() => Float, { nullable: true, description: 'Amount excl. tax.' })
  amount: number | null;

  @Field(() => PriceVariation, { nullable: true })
  priceVariation: PriceVariation | null;
}

@ObjectType({ description: 'A modification of a subcontracting act (DECP modificationActeSousTraitance).' })
export class SubcontractingActModification {
  @Field(() => Int, { description: 'The DECP id of the act it modifies.' })
  subcontractId: number;

  @Field(() => Int, { nullable: true })
  durationMonths: number | null;

  @Field(() => String, { nullable: true })
  notifiedOn: string | null;

  @Field(() => String, { nullable: true })
  publishedOn: string | null;

  @Field(() => Float, { nullable: true })
  amount: number | null;
}
