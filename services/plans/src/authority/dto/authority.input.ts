import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { AUTHORITY_CODE, AUTHORITY_MESSAGE, KIND_CODE } from '../../common/validation';

@InputType({ description: 'A new authority.' })
export class CreateAuthorityInput {
  @Field()
  @Matches(AUTHORITY_CODE, AUTHORITY_MESSAGE)
  code: string;

  @Field()
  @IsString()
  @Length(1, 100)
  name: string;

  @Field({ description: 'e.g. Département du Gard' })
  @IsString()
  @Length(1, 140)
  officialName: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  siret?: string | null;
}

@InputType({ description: 'Changes to an authority; an omitted field is left as it is.' })
export class UpdateAuthorityInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 140)
  officialName?: string;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  siret?: string | null;
}

@InputType({ description: 'A new kind of plan.' })
export class CreatePlanKindInput {
  @Field({ description: 'UPPER_SNAKE code, e.g. CLIMATE_PLAN.' })
  @Matches(KIND_CODE, { message: 'must be an UPPER_SNAKE code like ESS_PLAN' })
  code: string;

  @Field()
  @IsString()
  @Length(1, 200)
  label: string;
}

@InputType()
export class UpdatePlanKindInput {
  @Field()
  @IsString()
  @Length(1, 200)
  label: string;
}
