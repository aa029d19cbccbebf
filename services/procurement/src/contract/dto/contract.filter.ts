import { ArrayMaxSize, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ContractNature, Procedure, ReservedBasis } from '../../common/codes';
import { ISO_DATE } from '../../common/identifiers';
import { OrderDirection } from '../../common/order';

@InputType({ description: 'Filters of the contract list; they all apply together.' })
export class ContractFilter {
  @Field(() => [String], { nullable: true, description: 'Département codes.' })
  authorities?: string[];

  @Field(() => [ID], { nullable: true })
  buyerIds?: string[];

  @Field(() => [Int], { nullable: true, description: 'Years of notification.' })
  @IsOptional()
  @IsInt({ each: true })
  @Min(2000, { each: true })
  @Max(2100, { each: true })
  @ArrayMaxSize(30)
  years?: number[];

  @Field(() => String, { nullable: true, description: 'Notified on or after (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'must be a date like 2024-03-08' })
  notifiedFrom?: string;

  @Field(() => String, { nullable: true, description: 'Notified on or before (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'must be a date like 2024-03-08' })
  notifiedTo?: string;

  @Field(() => [ContractNature], { nullable: true })
  natures?: ContractNature[];

  @Field(() => [Procedure], { nullable: true })
  procedures?: Procedure[];

  @Field(() => Boolean, { nullable: true, description: 'With (true) or without (false) a social consideration.' })
  hasSocialConsideration?: boolean;

  @Field(() => Boolean, { nullable: true })
  hasEnvironmentalConsideration?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Reserved contracts only (true) or none of them (false).' })
  reserved?: boolean;

  @Field(() => [ReservedBasis], { nullable: true })
  reservedBases?: ReservedBasis[];

  @Field(() => String, { nullable: true, description: 'Contracts with this SIRET among their awardees (initial or after a modification).' })
  @IsOptional()
  @MaxLength(30)
  awardeeSiret?: string;

  @Field(() => String, { nullable: true, description: 'CPV codes starting with these digits (e.g. 45 for works).' })
  @IsOptional()
  @Matches(/^\d{1,8}$/, { message: 'must be 1 to 8 digits' })
  cpvPrefix?: string;

  @Field(() => String, { nullable: true, description: 'Words in the object or the DECP id.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;
}

export enum ContractOrderField {
  NOTIFIED_ON = 'NOTIFIED_ON',
  AMOUNT = 'AMOUNT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ContractOrderField, { name: 'ContractOrderField' });

@InputType()
export class ContractOrder {
  @Field(() => ContractOrderField, { defaultValue: ContractOrderField.NOTIFIED_ON })
  field: ContractOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC })
  direction: OrderDirection;
}
