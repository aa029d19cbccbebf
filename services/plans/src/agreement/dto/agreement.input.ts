// Inputs of the agreement mutations and list: shapes here; SIRET, amounts, dates and schedule rules in agreement.service.ts.
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { RNA, RNA_MESSAGE } from '@ess/kit';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { AUTHORITY_CODE, AUTHORITY_MESSAGE, DATE_MESSAGE, ISO_DATE_RULE } from '../../common/validation';
import { AgreementNature, AgreementStatus, PaymentTerms } from '../agreement.entity';
import { SCDL_MAX_TEXT } from '../scdl';

export const MAX_INSTALMENTS = 60;

@InputType({ description: 'A scheduled payment.' })
export class InstalmentInput {
  @Field({ description: 'YYYY-MM-DD' })
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  dueOn: string;

  @Field(() => Float, { description: 'Euros, not negative.' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  amount: number;

  @Field(() => String, { nullable: true, description: 'When it was paid (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  paidOn?: string | null;
}

@InputType({ description: 'Fields of an agreement. On update, an omitted field is left as it is and null clears it.' })
export class AgreementFieldsInput {
  @Field(() => ID, { nullable: true, description: 'The action of the plan the agreement implements.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an action id' })
  actionId?: string;

  @Field(() => String, { nullable: true, description: 'The granting authority, one of the plan’s (defaults to the plan’s only authority).' })
  @IsOptional()
  @Matches(AUTHORITY_CODE, AUTHORITY_MESSAGE)
  authority?: string;

  @Field(() => ID, { nullable: true, description: 'The actor funded (actor registry id).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an actor id' })
  actorId?: string;

  @Field(() => String, { nullable: true, description: 'Name of the beneficiary, copied from the registry when the agreement is made.' })
  @IsOptional()
  @IsString()
  @Length(1, 140)
  beneficiaryName?: string;

  @Field(() => String, {
    nullable: true,
    description: 'SIRET of the beneficiary, kept for the SCDL export (an association may give only its RNA).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  beneficiarySiret?: string | null;

  @Field(() => String, { nullable: true, description: 'RNA number (W + 9 digits) of an association.' })
  @IsOptional()
  @Matches(RNA, { message: RNA_MESSAGE })
  beneficiaryRna?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 256 characters (SCDL objet).' })
  @IsOptional()
  @IsString()
  @Length(1, SCDL_MAX_TEXT)
  object?: string;

  @Field(() => Float, { nullable: true, description: 'Euros, not negative.' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  amount?: number;

  @Field(() => AgreementNature, { nullable: true })
  @IsOptional()
  @IsEnum(AgreementNature)
  nature?: AgreementNature;

  @Field(() => PaymentTerms, { nullable: true })
  @IsOptional()
  @IsEnum(PaymentTerms)
  paymentTerms?: PaymentTerms;

  @Field(() => String, { nullable: true, description: 'At most 256 characters (SCDL conditionsVersement).' })
  @IsOptional()
  @IsString()
  @MaxLength(SCDL_MAX_TEXT)
  paymentTermsNote?: string | null;

  @Field(() => [InstalmentInput], { nullable: true, description: 'The payment schedule; replaces it.' })
  @IsOptional()
  @ArrayMaxSize(MAX_INSTALMENTS)
  @ValidateNested({ each: true })
  instalments?: InstalmentInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  signedOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  startOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(ISO_DATE_RULE, DATE_MESSAGE)
  endOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  decisionReference?: string | null;

  @Field(() => AgreementStatus, { nullable: true })
  @IsOptional()
  @IsEnum(AgreementStatus)
  status?: AgreementStatus;

  @Field(() => String, { nullable: true, description: 'RAE number (at most 5 characters).' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{1,5}$/, { message: 'must be at most 5 letters or digits' })
  raeId?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  euNotified?: boolean;

  @Field(() => Float, { nullable: true, description: '0.01 to 1 (1 for a single beneficiary).' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(1)
  subsidyShare?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  aidScheme?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  multiFunder?: boolean;
}

@InputType({ description: 'A new agreement: action, actor, beneficiary name, SIRET or RNA, object, amount and nature are required.' })
export class CreateAgreementInput extends AgreementFieldsInput {}

@InputType({ description: 'Changes to an agreement.' })
export class UpdateAgreementInput extends AgreementFieldsInput {}

@InputType({ description: 'Filters of the agreement list; they all apply together.' })
export class AgreementFilter {
  @Field(() => [String], { nullable: true, description: 'Granting authorities.' })
  @IsOptional()
  @ArrayMaxSize(120)
  authorities?: string[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a plan id' })
  planId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be an actor id' })
  actorId?: string;

  @Field(() => [AgreementStatus], { nullable: true })
  @IsOptional()
  statuses?: AgreementStatus[];

  @Field(() => Int, { nullable: true, description: 'Year of signature.' })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2200)
  year?: number;
}
