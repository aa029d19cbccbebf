import { IsInt, IsOptional, IsString, Length, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'A new axis of a plan.' })
export class CreateAxisInput {
  @Field()
  @IsString()
  @Length(1, 300)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @Field(() => Int, { nullable: true, description: 'Where to insert it, from 1; at the end by default.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  position?: number;
}

@InputType({ description: 'Changes to an axis (use moveAxis to reorder).' })
export class UpdateAxisInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;
}
