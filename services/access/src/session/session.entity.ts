// A signed-in staff session: the browser holds the token in an HttpOnly cookie; the database only its digest.
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ schema: 'access', name: 'session' })
@ObjectType({ description: 'A staff session (a signed-in browser).' })
export class Session {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { name: 'token_digest', select: false })
  tokenDigest: string;

  @Field(() => ID)
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Field()
  @Column('timestamptz', { name: 'last_seen_at' })
  lastSeenAt: Date;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'user_agent', nullable: true })
  userAgent: string | null;

  @Column('text', { nullable: true })
  address: string | null;

  @Field()
  active(): boolean {
    return !this.revokedAt && this.expiresAt.getTime() > Date.now();
  }
}
