import { ArrayMaxSize, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DATE_MESSAGE, ISO_DATE_RULE } from '../../common/validation';
import { EventKind } from '../event.entity';

@InputType({ description: 'Fields of an event. On update, an omitted field is left as it is and null clears it.' })
export class EventFieldsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  @Field(() => EventKind, { nullable: true })
  @IsOptional()
  @IsEnum(EventKind)
  kind?: EventKind;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  heldOn?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;
}

@InputType({ description: 'A new event of a plan: title, kind and date are required.' })
export class CreateEventInput extends EventFieldsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a plan id' })
  planId: string;
}

@InputType({ description: 'Changes to an event.' })
export class UpdateEventInput extends EventFieldsInput {}

@InputType({ description: 'Filters of the event list; they all apply together.' })
export class EventFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a plan id' })
  planId?: string;

  @Field(() => [String], { nullable: true, description: 'Events of plans of any of these authorities.' })
  @IsOptional()
  @ArrayMaxSize(120)
  authorities?: string[];

  @Field(() => String, { nullable: true, description: 'From this date (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  from?: string;

  @Field(() => String, { nullable: true, description: 'Until this date (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  to?: string;
}
