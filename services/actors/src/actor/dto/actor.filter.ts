import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ActorStatus, EssStatus, InclusionType, LegalFamily } from '../../identifiers/codes';

@InputType({ description: 'Filters of the actor list; they all apply together.' })
export class ActorFilter {
  @Field(() => [String], { nullable: true, description: 'Département codes.' })
  authorities?: string[];

  @Field(() => [LegalFamily], { nullable: true })
  legalFamilies?: LegalFamily[];

  @Field(() => Boolean, { nullable: true, description: 'true: ESS status ESS; false: NOT_ESS or UNKNOWN.' })
  essMember?: boolean;

  @Field(() => [EssStatus], { nullable: true })
  essStatuses?: EssStatus[];

  @Field(() => Boolean, { nullable: true, description: 'true: a valid ESUS approval; false: none or expired.' })
  esus?: boolean;

  @Field(() => [InclusionType], { nullable: true })
  inclusionTypes?: InclusionType[];

  @Field(() => ID, { nullable: true, description: 'Members of this network.' })
  networkId?: string;

  @Field(() => [String], { nullable: true, description: 'INSEE commune codes.' })
  communeCodes?: string[];

  @Field(() => String, { nullable: true })
  sector?: string;

  @Field(() => ActorStatus, { nullable: true })
  status?: ActorStatus;

  @Field(() => String, { nullable: true, description: 'Words to find in the name, description or commune (French, accents optional).' })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field(() => Boolean, { nullable: true, description: 'Include archived actors (default false).' })
  includeArchived?: boolean;
}

export enum ActorOrderField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ActorOrderField, { name: 'ActorOrderField' });

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

@InputType()
export class ActorOrder {
  @Field(() => ActorOrderField, { defaultValue: ActorOrderField.NAME })
  field: ActorOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction: OrderDirection;
}
