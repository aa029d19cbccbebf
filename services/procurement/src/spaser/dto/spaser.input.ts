// Inputs of the SPASER mutations: types and formats here; period, status and target rules live in the service.
import { ArrayMaxSize, IsEnum, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';
import { DEPARTMENT_CODE, ISO_DATE } from '../../common/identifiers';
import { IndicatorUnit, SpaserStatus } from '../spaser.entity';

@InputType({ description: 'Fields of a SPASER. On update, an omitted field is left as it is.' })
export class SpaserPlanFieldsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  @Field(() => SpaserStatus, { nullable: true })
  @IsOptional()
  @IsEnum(SpaserStatus)
  status?: SpaserStatus;

  @Field(() => String, { nullable: true, description: 'Adoption by the assembly (YYYY-MM-DD); required once adopted.' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'must be a date like 2024-03-08' })
  adoptedOn?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2015)
  @Max(2100)
  periodStart?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2015)
  @Max(2100)
  periodEnd?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;
}

@InputType({ description: 'A new SPASER of an authority; title, status, periodStart and periodEnd are required.' })
export class CreateSpaserPlanInput extends SpaserPlanFieldsInput {
  @Field({ description: 'Département code, e.g. 30.' })
  @Matches(DEPARTMENT_CODE, { message: 'must be a département INSEE code like 30 or 07' })
  authority: string;
}

@InputType({ description: 'Changes to a SPASER.' })
export class UpdateSpaserPlanInput extends SpaserPlanFieldsInput {}

@InputType({ description: 'A target of a SPASER. On update, an omitted field is left as it is and null clears it.' })
export class SpaserObjectiveInput {
  @Field(() => String, { nullable: true, description: 'Code of an indicator kind (see indicatorKinds).' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  indicatorKind?: string;

  @Field(() => Float, { nullable: true, description: 'Value aimed at; a percentage (0 to 100) for shares.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  targetValue?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2015)
  @Max(2100)
  targetYear?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  baselineValue?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  baselineYear?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;
}

@InputType({ description: 'A new kind of indicator, followed by hand (the platform computes only its built-in kinds).' })
export class IndicatorKindInput {
  @Field({ description: 'Stable code in capitals, e.g. CIRCULAR_ECONOMY_SHARE.' })
  @Matches(/^[A-Z][A-Z0-9_]{1,59}$/, { message: 'must be capitals, digits and underscores, like CIRCULAR_ECONOMY_SHARE' })
  code: string;

  @Field()
  @IsString()
  @Length(1, 300)
  label: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @Field(() => IndicatorUnit)
  @IsEnum(IndicatorUnit)
  unit: IndicatorUnit;
}

@InputType({ description: 'Filters of the SPASER list.' })
export class SpaserPlanFilter {
  @Field(() => [String], { nullable: true })
  authorities?: string[];

  @Field(() => [SpaserStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(4)
  statuses?: SpaserStatus[];
}
