import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { DEPARTMENT_CODE } from '../../common/identifiers';

@InputType({ description: 'A new buyer of an authority.' })
export class CreateBuyerInput {
  @Field({ description: 'SIRET (14 digits).' })
  @IsString()
  @MaxLength(30)
  siret: string;

  @Field()
  @IsString()
  @Length(1, 300)
  name: string;

  @Field({ description: 'Département code, e.g. 30.' })
  @Matches(DEPARTMENT_CODE, { message: 'must be a département INSEE code like 30 or 07' })
  authority: string;
}

@InputType({ description: 'Changes to a buyer; its SIRET and authority do not change (contracts are filed under them).' })
export class UpdateBuyerInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  name?: string;
}

@InputType({ description: 'Filters of the buyer list.' })
export class BuyerFilter {
  @Field(() => [String], { nullable: true, description: 'Département codes.' })
  authorities?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(30)
  siret?: string;
}
