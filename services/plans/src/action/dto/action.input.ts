// Inputs of the action mutations: types, ranges and lengths here; consistency rules in action.service.ts.
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { DATE_MESSAGE, ISO_DATE_RULE } from '../../common/validation';
import { ActionStatus } from '../action.entity';

export const MAX_PARTNERS = 50;
export const MAX_MILESTONES = 50;

@InputType({ description: 'A dated step of an action.' })
export class MilestoneInput {
  @Field()
  @IsString()
  @Length(1, 300)
  title: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  dueOn: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  done?: boolean;

  @Field(() => String, { nullable: true, description: 'When it was done (YYYY-MM-DD); only for a done milestone.' })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  doneOn?: string | null;
}

@InputType({ description: 'Fields of an action. On update, an omitted field is left as it is and null clears it.' })
export class ActionFieldsInput {
  @Field(() => ID, { nullable: true, description: 'The action of the same plan this one details (one level of sub-actions).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an action id' })
  parentId?: string | null;

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

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  leadService?: string | null;

  @Field(() => ActionStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ActionStatus)
  status?: ActionStatus;

  @Field(() => Int, { nullable: true, description: '0 to 100.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  startOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  endOn?: string | null;

  @Field(() => Float, { nullable: true, description: 'Euros, not negative.' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  plannedBudget?: number | null;

  @Field(() => Float, { nullable: true, description: 'Euros, not negative.' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  committedBudget?: number | null;

  @Field(() => ID, { nullable: true, description: 'The call for commons this action produces (commons subgraph).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a call id' })
  callId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The SPASER this action produces (procurement subgraph).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a SPASER id' })
  spaserPlanId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The network this action builds (actor registry).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a network id' })
  networkId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Partner actors (registry ids), in the order to show them; replaces the list.' })
  @IsOptional()
  @ArrayMaxSize(MAX_PARTNERS)
  @IsUUID('all', { each: true, message: 'must be actor ids' })
  partnerIds?: string[];

  @Field(() => [MilestoneInput], { nullable: true, description: 'Replaces the list of milestones.' })
  @IsOptional()
  @ArrayMaxSize(MAX_MILESTONES)
  @ValidateNested({ each: true })
  milestones?: MilestoneInput[];
}

@InputType({ description: 'A new action: axis and title are required.' })
export class CreateActionInput extends ActionFieldsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an axis id' })
  axisId: string;

  @Field(() => Int, { nullable: true, description: 'Where to insert it in its axis, from 1; at the end by default.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  position?: number;
}

@InputType({ description: 'Changes to an action (use moveAction to reorder or change its axis).' })
export class UpdateActionInput extends ActionFieldsInput {}

@InputType({ description: 'Filters of an action list; they all apply together.' })
export class ActionFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a plan id' })
  planId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be an axis id' })
  axisId?: string;

  @Field(() => [String], { nullable: true, description: 'Actions of plans of any of these authorities.' })
  @IsOptional()
  @ArrayMaxSize(120)
  authorities?: string[];

  @Field(() => [ActionStatus], { nullable: true })
  @IsOptional()
  statuses?: ActionStatus[];

  @Field(() => Boolean, { nullable: true, description: 'Only actions that are not sub-actions.' })
  @IsOptional()
  topLevelOnly?: boolean;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a call id' })
  callId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a SPASER id' })
  spaserPlanId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a network id' })
  networkId?: string;

  @Field(() => String, { nullable: true, description: 'Words to find in the title or description (French, accents and case optional).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}

@InputType({ description: 'Filters of the actions of a plan or axis.' })
export class NestedActionFilter {
  @Field(() => [ActionStatus], { nullable: true })
  @IsOptional()
  statuses?: ActionStatus[];

  @Field(() => Boolean, { nullable: true, description: 'Only actions that are not sub-actions.' })
  @IsOptional()
  topLevelOnly?: boolean;
}
