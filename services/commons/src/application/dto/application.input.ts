// Inputs of the application, review and decision mutations: shapes here, rules in the services.
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { DATE_MESSAGE, ISO_DATE_RULE, SPDX_MESSAGE, SPDX_RULE } from '../../shared/validation';
import { ApplicationStatus } from '../application.entity';

export const MAX_PARTNERS = 50;

@InputType({ description: 'A document of an application.' })
export class DocumentInput {
  @Field()
  @IsString()
  @Length(1, 300)
  title: string;

  @Field({ description: 'http(s) link.' })
  @IsString()
  @MaxLength(2000)
  url: string;
}

@InputType({ description: 'Fields of an application. On update, an omitted field is left as it is and null clears it.' })
export class ApplicationFieldsInput {
  @Field(() => ID, { nullable: true, description: 'Registry id of the lead structure.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an actor id' })
  leadActorId?: string;

  @Field(() => [ID], { nullable: true, description: 'Registry ids of the partner structures (the group is the lead and its partners, all distinct).' })
  @IsOptional()
  @ArrayMaxSize(MAX_PARTNERS)
  @IsUUID('all', { each: true, message: 'must be actor ids' })
  partnerIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Needs of the call the application answers.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'must be need ids' })
  needIds?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'The common the group proposes.' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  proposedCommon?: string;

  @Field(() => String, { nullable: true, description: 'SPDX identifier, one of the call’s accepted licences.' })
  @IsOptional()
  @Matches(SPDX_RULE, SPDX_MESSAGE)
  licence?: string;

  @Field(() => Float, { nullable: true, description: 'Money requested, euros.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  requestedAmount?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  requestedSkills?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  requestedPremises?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  requestedEquipment?: string | null;

  @Field(() => [DocumentInput], { nullable: true, description: 'Replaces the documents.' })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  documents?: DocumentInput[];
}

@InputType()
export class CreateApplicationInput extends ApplicationFieldsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a call id' })
  callId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be an actor id' })
  declare leadActorId: string;

  @Field()
  @IsString()
  @Length(1, 300)
  declare title: string;

  @Field()
  @IsString()
  @Length(1, 5000)
  declare proposedCommon: string;

  @Field()
  @Matches(SPDX_RULE, SPDX_MESSAGE)
  declare licence: string;
}

@InputType()
export class UpdateApplicationInput extends ApplicationFieldsInput {}

@InputType({ description: 'Filters of a list of applications.' })
export class ApplicationFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a call id' })
  callId?: string;

  @Field(() => [ApplicationStatus], { nullable: true })
  @IsOptional()
  @IsEnum(ApplicationStatus, { each: true })
  statuses?: ApplicationStatus[];

  @Field(() => ID, { nullable: true, description: 'Applications this actor takes part in (lead or partner).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an actor id' })
  actorId?: string;
}

@InputType({ description: 'Filters of a nested list of applications.' })
export class NestedApplicationFilter {
  @Field(() => [ApplicationStatus], { nullable: true })
  @IsOptional()
  @IsEnum(ApplicationStatus, { each: true })
  statuses?: ApplicationStatus[];
}

@InputType({ description: 'A score for one criterion of the call.' })
export class ScoreInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a criterion id' })
  criterionId: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(100)
  score: number;
}

@InputType({ description: 'A juror’s review: a score for every criterion of the call and a comment.' })
export class ReviewInput {
  @Field(() => [ScoreInput])
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  scores: ScoreInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  comment?: string | null;
}

@InputType({ description: 'The decision on an application under review.' })
export class DecisionInput {
  @Field()
  @IsBoolean()
  accepted: boolean;

  @Field()
  @IsString()
  @Length(1, 10_000)
  reasons: string;

  @Field(() => Float, { nullable: true, description: 'Money granted, euros; counts against the call’s envelope.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  grantedAmount?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  grantedSkills?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  grantedPremises?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  grantedEquipment?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today by default.' })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  decidedOn?: string | null;
}
