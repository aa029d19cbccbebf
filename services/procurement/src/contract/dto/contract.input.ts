// Inputs of the contract mutations: types, lengths and formats here; consistency rules live in contract.rules.ts.
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import {
  AwardeeIdType,
  Ccag,
  ContractNature,
  EnvironmentalConsideration,
  ExecutionMode,
  OperatorGrouping,
  PlaceCodeType,
  PriceForm,
  PriceType,
  Procedure,
  ReservedBasis,
  SocialConsideration,
  Technique,
} from '../../common/codes';
import { CPV_CODE, ISO_DATE } from '../../common/identifiers';

const DATE_MESSAGE = { message: 'must be a date like 2024-03-08' };

@InputType({ description: 'An awardee (DECP titulaire).' })
export class AwardeeInput {
  @Field(() => AwardeeIdType, { defaultValue: AwardeeIdType.SIRET })
  @IsEnum(AwardeeIdType)
  idType: AwardeeIdType;

  @Field({ description: 'The identifier of that type: a SIRET (14 digits), a VAT number…' })
  @IsString()
  @Length(1, 64)
  identifier: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  name?: string | null;
}

@InputType({ description: 'Main place of execution (DECP lieuExecution).' })
export class PlaceOfExecutionInput {
  @Field()
  @IsString()
  @Length(1, 10)
  code: string;

  @Field(() => PlaceCodeType)
  @IsEnum(PlaceCodeType)
  typeCode: PlaceCodeType;
}

@InputType({ description: 'Fields of a contract. On update, an omitted field is left as it is and null clears it.' })
export class ContractFieldsInput {
  @Field(() => String, { nullable: true, description: 'The buyer’s number for the contract (DECP id), 1 to 16 characters.' })
  @IsOptional()
  @IsString()
  @Length(1, 16)
  decpId?: string;

  @Field(() => ContractNature, { nullable: true })
  @IsOptional()
  @IsEnum(ContractNature)
  nature?: ContractNature;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  object?: string;

  @Field(() => String, { nullable: true, description: 'CPV code, 8 digits and optionally the check digit: 45233140-2.' })
  @IsOptional()
  @Matches(CPV_CODE, { message: 'must be a CPV code: 8 digits, optionally -check digit (45233140-2)' })
  cpvCode?: string;

  @Field(() => Procedure, { nullable: true })
  @IsOptional()
  @IsEnum(Procedure)
  procedure?: Procedure;

  @Field(() => [Technique], { nullable: true })
  @IsOptional()
  @IsEnum(Technique, { each: true })
  @ArrayMaxSize(7)
  techniques?: Technique[];

  @Field(() => [ExecutionMode], { nullable: true })
  @IsOptional()
  @IsEnum(ExecutionMode, { each: true })
  @ArrayMaxSize(4)
  executionModes?: ExecutionMode[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 16)
  frameworkAgreementId?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  innovative?: boolean | null;

  @Field(() => Ccag, { nullable: true })
  @IsOptional()
  @IsEnum(Ccag)
  ccag?: Ccag | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  offersReceived?: number | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  advanceGranted?: boolean | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  advanceRate?: number | null;

  @Field(() => OperatorGrouping, { nullable: true })
  @IsOptional()
  @IsEnum(OperatorGrouping)
  operatorGrouping?: OperatorGrouping | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  subcontractingDeclared?: boolean | null;

  @Field(() => PlaceOfExecutionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  placeOfExecution?: PlaceOfExecutionInput | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  durationMonths?: number;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @Matches(ISO_DATE, DATE_MESSAGE)
  notifiedOn?: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @Matches(ISO_DATE, DATE_MESSAGE)
  publishedOn?: string | null;

  @Field(() => Float, { nullable: true, description: 'Euros excl. tax.' })
  @IsOptional()
  @IsNumber()
  amount?: number;

  @Field(() => PriceForm, { nullable: true })
  @IsOptional()
  @IsEnum(PriceForm)
  priceForm?: PriceForm | null;

  @Field(() => [PriceType], { nullable: true })
  @IsOptional()
  @IsEnum(PriceType, { each: true })
  @ArrayMaxSize(4)
  priceTypes?: PriceType[];

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  originEu?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  originFrance?: number | null;

  @Field(() => [AwardeeInput], { nullable: true, description: 'Awardees as notified (on update: replaces them).' })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  awardees?: AwardeeInput[];

  @Field(() => [SocialConsideration], { nullable: true })
  @IsOptional()
  @IsEnum(SocialConsideration, { each: true })
  @ArrayMaxSize(4)
  socialConsiderations?: SocialConsideration[];

  @Field(() => [EnvironmentalConsideration], { nullable: true })
  @IsOptional()
  @IsEnum(EnvironmentalConsideration, { each: true })
  @ArrayMaxSize(3)
  environmentalConsiderations?: EnvironmentalConsideration[];

  @Field(() => ReservedBasis, { nullable: true })
  @IsOptional()
  @IsEnum(ReservedBasis)
  reservedBasis?: ReservedBasis | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  insertionHoursPlanned?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  insertionHoursAchieved?: number | null;
}

@InputType({ description: 'A new contract of a buyer; decpId, object, cpvCode, procedure, durationMonths, notifiedOn, amount, awardees and both considerations are required.' })
export class CreateContractInput extends ContractFieldsInput {
  @Field(() => ID)
  @IsString()
  buyerId: string;
}

@InputType({ description: 'Changes to a contract.' })
export class UpdateContractInput extends ContractFieldsInput {}

@InputType({ description: 'A modification (avenant) of a contract: its date and what it changes.' })
export class ModificationInput {
  @Field(() => Int, { nullable: true, description: 'DECP modification id; defaults to the next one.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  decpId?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  object?: string | null;

  @Field({ description: 'YYYY-MM-DD.' })
  @Matches(ISO_DATE, DATE_MESSAGE)
  notifiedOn: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(ISO_DATE, DATE_MESSAGE)
  publishedOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'New duration in months.' })
  @IsOptional()
  @IsInt()
  durationMonths?: number | null;

  @Field(() => Float, { nullable: true, description: 'New amount excl. tax.' })
  @IsOptional()
  @IsNumber()
  amount?: number | null;

  @Field(() => [AwardeeInput], { nullable: true, description: 'Awardees after the modification, when it changes them.' })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  awardees?: AwardeeInput[];
}
