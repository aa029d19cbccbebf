// A partner's API key: shown once at creation, stored as a digest, with scopes, an expiry and revocation.
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ schema: 'access', name: 'api_key' })
@ObjectType({ description: 'An API key for a partner (CRESS, networks, researchers…). The key itself is never shown again.' })
export class ApiKey {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column('text')
  name: string;

  @Field({ description: 'Authority whose admins manage the key.' })
  @Column('text')
  authority: string;

  @Field(() => [String], { description: 'Authorities whose personal data (contacts…) the key reads: within its creator’s.' })
  @Column('text', { array: true })
  authorities: string[];

  @Field({ description: 'First characters of the key, to recognise it.' })
  @Column('text')
  prefix: string;

  @Column('text', { name: 'key_digest', select: false })
  keyDigest: string;

  @Field(() => [String])
  @Column('text', { array: true })
  scopes: string[];

  @Field()
  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Field()
  @Column('text', { name: 'created_by' })
  createdBy: string;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Int)
  @Column('int', { default: 1 })
  version: number;

  @Field({ description: 'Neither revoked nor expired.' })
  active(): boolean {
    return !this.revokedAt && this.expiresAt.getTime() > Date.now();
  }
}

@ObjectType({ description: 'A new key: `key` is shown this once; store it safely.' })
export class CreatedApiKey {
  @Field()
  key: string;

  @Field(() => ApiKey)
  apiKey: ApiKey;
}
