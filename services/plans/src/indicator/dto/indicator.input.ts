import { IsNumber, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { DATE_MESSAGE, ISO_DATE_RULE } from '../../common/validation';

@InputType({ description: 'Fields of an indicator. On update, an omitted field is left as it is and null clears it.' })
export class IndicatorFieldsInput {
  @Field(() => ID, { nullable: true, description: 'The action of the plan it measures; null for the whole plan.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an action id' })
  actionId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. %, €, structures' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  unit?: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  baseline?: number;

  @Field(() => String, { nullable: true, description: 'Date of the baseline (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  baselineOn?: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  target?: number;

  @Field(() => String, { nullable: true, description: 'Date by which the target should be reached (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  targetOn?: string;
}

@InputType({ description: 'A new indicator of a plan (or of one of its actions).' })
export class CreateIndicatorInput extends IndicatorFieldsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a plan id' })
  planId: string;
}

@InputType({ description: 'Changes to an indicator.' })
export class UpdateIndicatorInput extends IndicatorFieldsInput {}

@InputType({ description: 'A value measured on a date (replaces the value of that date, if any).' })
export class IndicatorValueInput {
  @Field({ description: 'YYYY-MM-DD, not before the baseline nor in the future.' })
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  measuredOn: string;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string | null;
}
