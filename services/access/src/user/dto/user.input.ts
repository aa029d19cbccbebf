import { ArrayMaxSize, ArrayMinSize, IsEmail, IsEnum, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DEPARTMENT_CODE as DEPARTMENT } from '@ess/kit';
import { Field, InputType } from 'type-graphql';
import { StaffRole } from '../user.entity';

@InputType()
export class CreateUserInput {
  @Field()
  @IsEmail({}, { message: 'must be an email address' })
  email: string;

  @Field()
  @IsString()
  @Length(1, 120)
  displayName: string;

  @Field(() => StaffRole)
  @IsEnum(StaffRole)
  role: StaffRole;

  @Field(() => [String])
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(DEPARTMENT, { each: true, message: 'must be département INSEE codes like 30 or 07' })
  authorities: string[];

  @Field(() => String, { nullable: true, description: 'Initial password (at least 12 characters); none for accounts that sign in with OpenID Connect.' })
  @IsOptional()
  @IsString()
  password?: string | null;
}

@InputType({ description: 'Changes to an account; an omitted field is left as it is.' })
export class UpdateUserInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  displayName?: string;

  @Field(() => StaffRole, { nullable: true })
  @IsOptional()
  @IsEnum(StaffRole)
  role?: StaffRole;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(DEPARTMENT, { each: true, message: 'must be département INSEE codes like 30 or 07' })
  authorities?: string[];

  @Field(() => Boolean, { nullable: true, description: 'false deactivates the account and ends its sessions.' })
  @IsOptional()
  active?: boolean;
}
