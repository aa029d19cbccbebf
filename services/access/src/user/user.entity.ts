// A staff account: who a person is on the platform, their role and the authorities (départements) they work for.
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum StaffRole {
  ADMIN = 'ADMIN',
  EDITOR = 'EDITOR',
  VIEWER = 'VIEWER',
}
registerEnumType(StaffRole, { name: 'StaffRole', description: 'Admins manage accounts and keys; editors change records; viewers read.' });

@Entity({ schema: 'access', name: 'staff_user' })
@ObjectType({ description: 'A staff account of one or more authorities.' })
export class StaffUser {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column('text')
  email: string;

  @Field()
  @Column('text', { name: 'display_name' })
  displayName: string;

  @Field(() => StaffRole)
  @Column('text')
  role: StaffRole;

  @Field(() => [String], { description: 'INSEE codes of the départements the account works for.' })
  @Column('text', { array: true })
  authorities: string[];

  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash: string | null;

  @Column('text', { name: 'oidc_subject', nullable: true })
  oidcSubject: string | null;

  @Field()
  @Column('boolean', { default: true })
  active: boolean;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'last_sign_in_at', nullable: true })
  lastSignInAt: Date | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Int)
  @Column('int', { default: 1 })
  version: number;
}

/** What the audit log keeps of an account: never the password hash. */
export function auditedUser(user: StaffUser) {
  return { email: user.email, displayName: user.displayName, role: user.role, authorities: user.authorities, active: user.active };
}
