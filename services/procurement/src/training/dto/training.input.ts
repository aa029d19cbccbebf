import { ArrayMaxSize, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DEPARTMENT_CODE, ISO_DATE } from '../../common/identifiers';

@InputType({ description: 'Fields of a training session. On update, an omitted field is left as it is.' })
export class TrainingSessionFieldsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  topic?: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'must be a date like 2024-03-08' })
  heldOn?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  organiser?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  buyersTrained?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'The SPASER the session serves, of the same authority.' })
  @IsOptional()
  spaserPlanId?: string | null;
}

@InputType({ description: 'A new training session; topic, heldOn, organiser and buyersTrained are required.' })
export class CreateTrainingSessionInput extends TrainingSessionFieldsInput {
  @Field({ description: 'Département code, e.g. 30.' })
  @Matches(DEPARTMENT_CODE, { message: 'must be a département INSEE code like 30 or 07' })
  authority: string;
}

@InputType({ description: 'Changes to a training session.' })
export class UpdateTrainingSessionInput extends TrainingSessionFieldsInput {}

@InputType({ description: 'Filters of the training session list.' })
export class TrainingSessionFilter {
  @Field(() => [String], { nullable: true })
  authorities?: string[];

  @Field(() => [Int], { nullable: true })
  @IsOptional()
  @IsInt({ each: true })
  @ArrayMaxSize(30)
  years?: number[];

  @Field(() => ID, { nullable: true })
  spaserPlanId?: string;
}
