// Inputs of the actor mutations: types and lengths here; identifier and consistency rules live in actor.rules.ts.
import { ArrayMaxSize, IsBoolean, IsEnum, IsIn, IsLatitude, IsLongitude, IsOptional, IsString, IsUrl, Length, MaxLength, Matches } from 'class-validator';
import { Field, Float, InputType } from 'type-graphql';
import { ActorStatus, EssStatus, InclusionType, LegalFamily } from '../../identifiers/codes';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: 'Fields of an actor. On update, an omitted field is left as it is and null clears it.' })
export class ActorFieldsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  name?: string;

  @Field(() => String, { nullable: true, description: 'INSEE catégorie juridique (4 digits).' })
  @IsOptional()
  @IsString()
  legalFormCode?: string | null;

  @Field(() => LegalFamily, { nullable: true, description: 'Only needed when the code cannot tell, e.g. a SCIC (a SARL, SA or SAS): COOPERATIVE.' })
  @IsOptional()
  @IsEnum(LegalFamily)
  legalFamily?: LegalFamily | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  siren?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  siret?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  rna?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true sets essStatus to ESS, false to NOT_ESS.' })
  @IsOptional()
  @IsBoolean()
  essMember?: boolean;

  @Field(() => EssStatus, { nullable: true, description: 'ESS status in full; an actor created without one is UNKNOWN (not ESS).' })
  @IsOptional()
  @IsEnum(EssStatus)
  essStatus?: EssStatus;

  @Field(() => String, { nullable: true, description: 'Date of the ESUS approval (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'must be a date like 2024-03-08' })
  esusApprovedOn?: string | null;

  @Field(() => InclusionType, { nullable: true })
  @IsOptional()
  @IsEnum(InclusionType)
  inclusionType?: InclusionType;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  nafCode?: string | null;

  @Field(() => String, { nullable: true, description: 'INSEE headcount band code (NN, 00, 01, 02, 03, 11, 12, 21, …).' })
  @IsOptional()
  @IsString()
  headcountBand?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  street?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  communeCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  communeName?: string | null;

  @Field(() => String, { nullable: true, description: 'Département the actor belongs to; defaults to the commune’s.' })
  @IsOptional()
  @IsString()
  authority?: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLatitude()
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLongitude()
  longitude?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be a web address starting with https://' })
  @MaxLength(500)
  website?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 80, { each: true })
  sectors?: string[];

  @Field(() => ActorStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ActorStatus))
  status?: ActorStatus;
}

@InputType({ description: 'A new actor; name and either a commune or an authority are required.' })
export class CreateActorInput extends ActorFieldsInput {}

@InputType({ description: 'Changes to an actor.' })
export class UpdateActorInput extends ActorFieldsInput {}
