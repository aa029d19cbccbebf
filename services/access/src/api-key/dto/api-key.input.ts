import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { DEPARTMENT_CODE, SCOPES } from '@ess/kit';

@InputType()
export class CreateApiKeyInput {
  @Field({ description: 'Who the key is for, e.g. "CRESS Occitanie – observatoire".' })
  @IsString()
  @Length(1, 120)
  name: string;

  @Field({ description: 'Authority whose admins will manage the key (one of yours).' })
  @Matches(DEPARTMENT_CODE, { message: 'must be a département INSEE code like 30' })
  authority: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Authorities whose personal data the key may read: some of yours (all of yours when omitted).',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(120)
  @Matches(/^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2A|2B|97[1-6])$/, { each: true, message: 'must be département INSEE codes like 30' })
  authorities?: string[] | null;

  @Field(() => [String], { description: `Among ${SCOPES.join(', ')}.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(SCOPES.length)
  @IsIn([...SCOPES], { each: true, message: `must be among ${SCOPES.join(', ')}` })
  scopes: string[];

  @Field({ description: 'Expiry date (YYYY-MM-DD), at most 2 years ahead.' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2027-06-30' })
  expiresOn: string;
}
