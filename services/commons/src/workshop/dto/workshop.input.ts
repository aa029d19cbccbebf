// Inputs of the workshop and need mutations.
import { ArrayMaxSize, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DATE_MESSAGE, EPCI_CODE, ISO_DATE_RULE } from '../../shared/validation';
import { NeedTerritoryKind } from '../workshop.entity';

@InputType({ description: 'Fields of a workshop. On update, an omitted field is left as it is and null clears it.' })
export class WorkshopFieldsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

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
  @MaxLength(300)
  facilitator?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50_000)
  minutes?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Registry actors who took part (replaces the list).' })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'must be actor ids' })
  participantIds?: string[];
}

@InputType()
export class CreateWorkshopInput extends WorkshopFieldsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a call id' })
  callId: string;

  @Field()
  @IsString()
  @Length(1, 300)
  declare title: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  declare heldOn: string;
}

@InputType()
export class UpdateWorkshopInput extends WorkshopFieldsInput {}

@InputType({ description: 'Fields of a need.' })
export class NeedFieldsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  description?: string;

  @Field(() => ID, { nullable: true, description: 'A challenge of the same call.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a challenge id' })
  challengeId?: string;

  @Field(() => ID, { nullable: true, description: 'The workshop of the same call that produced it.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a workshop id' })
  workshopId?: string | null;

  @Field(() => NeedTerritoryKind, { nullable: true })
  @IsOptional()
  @IsEnum(NeedTerritoryKind)
  territoryKind?: NeedTerritoryKind;

  @Field(() => String, { nullable: true, description: "INSEE commune code, e.g. 30189: a commune of the call's département." })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  communeCode?: string | null;

  @Field(() => String, { nullable: true, description: 'SIREN of the EPCI (9 digits).' })
  @IsOptional()
  @Matches(EPCI_CODE, { message: 'must be the 9-digit SIREN of an EPCI' })
  epciCode?: string | null;
}

@InputType()
export class CreateNeedInput extends NeedFieldsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a call id' })
  callId: string;

  @Field()
  @IsString()
  @Length(1, 5000)
  declare description: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be a challenge id' })
  declare challengeId: string;

  @Field(() => NeedTerritoryKind)
  @IsEnum(NeedTerritoryKind)
  declare territoryKind: NeedTerritoryKind;
}

@InputType()
export class UpdateNeedInput extends NeedFieldsInput {}
