// Inputs of the common mutations.
import { ArrayMaxSize, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DATE_MESSAGE, ISO_DATE_RULE, SPDX_MESSAGE, SPDX_RULE } from '../../shared/validation';
import { CommonStatus } from '../common.entity';

@InputType({ description: 'A follow-up step of a common.' })
export class CommonMilestoneInput {
  @Field()
  @IsString()
  @Length(1, 300)
  title: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  dueOn: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD when done.' })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  doneOn?: string | null;
}

@InputType({ description: 'Fields of a common. On update, an omitted field is left as it is and null clears it.' })
export class CommonFieldsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'SPDX identifier, one of the call’s accepted licences.' })
  @IsOptional()
  @Matches(SPDX_RULE, SPDX_MESSAGE)
  licence?: string;

  @Field(() => [String], { nullable: true, description: 'http(s) links: repository, documentation, site.' })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  links?: string[];

  @Field(() => CommonStatus, { nullable: true })
  @IsOptional()
  @IsEnum(CommonStatus)
  status?: CommonStatus;

  @Field(() => [ID], { nullable: true, description: 'Registry actors maintaining it (replaces the list).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'must be actor ids' })
  maintainerIds?: string[];

  @Field(() => [CommonMilestoneInput], { nullable: true, description: 'Replaces the follow-up milestones.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  milestones?: CommonMilestoneInput[];
}

@InputType()
export class CreateCommonInput extends CommonFieldsInput {
  @Field(() => ID, { description: 'The accepted application that produced it.' })
  @IsUUID('all', { message: 'must be an application id' })
  applicationId: string;

  @Field()
  @IsString()
  @Length(1, 300)
  declare name: string;

  @Field()
  @Matches(SPDX_RULE, SPDX_MESSAGE)
  declare licence: string;
}

@InputType()
export class UpdateCommonInput extends CommonFieldsInput {}

@InputType({ description: 'A reuse of a common by an actor.' })
export class ReuseInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an actor id' })
  actorId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  since: string;
}

@InputType({ description: 'Filters of the list of commons.' })
export class CommonFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a call id' })
  callId?: string;

  @Field(() => [CommonStatus], { nullable: true })
  @IsOptional()
  @IsEnum(CommonStatus, { each: true })
  statuses?: CommonStatus[];
}
