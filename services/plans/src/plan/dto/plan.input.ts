// Inputs of the plan mutations and list: types and lengths here; consistency rules in plan.service.ts.
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { AUTHORITY_CODE, AUTHORITY_MESSAGE, DATE_MESSAGE, ISO_DATE_RULE, KIND_CODE } from '../../common/validation';
import { PlanStatus } from '../plan.entity';

@InputType({ description: 'Fields of a plan. On update, an omitted field is left as it is and null clears it.' })
export class PlanFieldsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'Plan kind code (see planKinds); ESS_PLAN by default.' })
  @IsOptional()
  @Matches(KIND_CODE, { message: 'must be a plan kind code like ESS_PLAN' })
  kind?: string;

  @Field(() => PlanStatus, { nullable: true })
  @IsOptional()
  @IsEnum(PlanStatus)
  status?: PlanStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  adoptedOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  decidingBody?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  decisionReference?: string | null;

  @Field(() => String, { nullable: true, description: 'Start of the period (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  startOn?: string | null;

  @Field(() => String, { nullable: true, description: 'End of the period (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  endOn?: string | null;

  @Field(() => [String], { nullable: true, description: 'INSEE codes of the authorities the plan belongs to (one or several).' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Matches(AUTHORITY_CODE, { each: true, ...AUTHORITY_MESSAGE })
  authorities?: string[];
}

@InputType({ description: 'A new plan: title and authorities are required.' })
export class CreatePlanInput extends PlanFieldsInput {}

@InputType({ description: 'Changes to a plan.' })
export class UpdatePlanInput extends PlanFieldsInput {}

@InputType({ description: 'Filters of the plan list; they all apply together.' })
export class PlanFilter {
  @Field(() => [String], { nullable: true, description: 'Plans of any of these authorities.' })
  @IsOptional()
  @ArrayMaxSize(120)
  authorities?: string[];

  @Field(() => [PlanStatus], { nullable: true })
  @IsOptional()
  statuses?: PlanStatus[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  kinds?: string[];

  @Field(() => String, { nullable: true, description: 'Words to find in the title or summary (French, accents and case optional).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
