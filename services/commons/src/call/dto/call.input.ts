// Inputs of the call mutations: types, ranges and lengths here; consistency and lifecycle rules in call.service.ts.
import { ArrayMaxSize, IsEnum, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { AUTHORITY_CODE, AUTHORITY_MESSAGE, DATE_MESSAGE, ISO_DATE_RULE, SPDX_RULE, SPDX_MESSAGE } from '../../shared/validation';
import { CallStatus, SupportKind } from '../call.entity';

@InputType({ description: 'A challenge of a call.' })
export class ChallengeInput {
  @Field()
  @IsString()
  @Length(1, 300)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;
}

@InputType({ description: 'A review criterion of a call.' })
export class CriterionInput {
  @Field()
  @IsString()
  @Length(1, 300)
  label: string;

  @Field(() => Int, { description: '1 to 100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  maxScore: number;

  @Field(() => Float, { nullable: true, defaultValue: 1, description: 'Positive; 1 by default.' })
  @IsOptional()
  @IsNumber()
  @Min(0.01)
  @Max(1000)
  weight?: number;
}

@InputType({ description: 'Fields of a call. On update, an omitted field is left as it is and null clears it.' })
export class CallFieldsInput {
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

  @Field(() => Int, { nullable: true, description: 'Minimum number of distinct structures per application, lead included.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  minStructures?: number;

  @Field(() => [String], { nullable: true, description: 'SPDX identifiers, e.g. CC-BY-SA-4.0, AGPL-3.0-or-later.' })
  @IsOptional()
  @ArrayMaxSize(30)
  @Matches(SPDX_RULE, { each: true, ...SPDX_MESSAGE })
  acceptedLicences?: string[];

  @Field(() => [SupportKind], { nullable: true })
  @IsOptional()
  @IsEnum(SupportKind, { each: true })
  supportKinds?: SupportKind[];

  @Field(() => Float, { nullable: true, description: 'Euros.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  budgetEnvelope?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  opensOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  closesOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  decisionOn?: string | null;

  @Field(() => [ChallengeInput], { nullable: true, description: 'Replaces the challenges (before needs refer to them).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  challenges?: ChallengeInput[];

  @Field(() => [CriterionInput], { nullable: true, description: 'Replaces the review criteria (until the review starts).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  criteria?: CriterionInput[];
}

@InputType()
export class CreateCallInput extends CallFieldsInput {
  @Field({ description: 'INSEE code of the authority running the call.' })
  @Matches(AUTHORITY_CODE, AUTHORITY_MESSAGE)
  authorityCode: string;

  @Field()
  @IsString()
  @Length(1, 300)
  declare title: string;
}

@InputType()
export class UpdateCallInput extends CallFieldsInput {}

@InputType({ description: 'Filters of the list of calls.' })
export class CallFilter {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @Matches(AUTHORITY_CODE, { each: true, ...AUTHORITY_MESSAGE })
  authorities?: string[];

  @Field(() => [CallStatus], { nullable: true })
  @IsOptional()
  @IsEnum(CallStatus, { each: true })
  statuses?: CallStatus[];
}

@InputType({ description: 'A juror of a call and the structures they belong to.' })
export class JurorInput {
  @Field({ description: 'Staff user id.' })
  @IsString()
  @Length(1, 200)
  userId: string;

  @Field()
  @IsString()
  @Length(1, 300)
  name: string;

  @Field(() => [ID], { nullable: true, description: 'Registry actors the juror belongs to.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'must be actor ids' })
  declaredActorIds?: string[];
}
