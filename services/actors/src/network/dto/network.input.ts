import { IsEnum, IsOptional, IsString, IsUrl, Length, MaxLength, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DEPARTMENT_CODE } from '@ess/kit';
import { NetworkKind } from '../network.entity';

@InputType({ description: 'Fields of a network. On update, an omitted field is left as it is.' })
export class NetworkInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  acronym?: string | null;

  @Field(() => NetworkKind, { nullable: true })
  @IsOptional()
  @IsEnum(NetworkKind)
  kind?: NetworkKind;

  @Field(() => String, { nullable: true, description: 'Département code, for a departmental network.' })
  @IsOptional()
  @Matches(DEPARTMENT_CODE, { message: 'must be a département INSEE code like 30 or 07' })
  authority?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be a web address starting with https://' })
  website?: string | null;

  @Field(() => ID, { nullable: true, description: 'The registry actor that runs the network.' })
  @IsOptional()
  carrierActorId?: string | null;
}
