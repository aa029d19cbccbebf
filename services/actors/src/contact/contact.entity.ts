// A person to reach at an actor: personal data, kept in its own table and shown only to callers allowed to see it.
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ schema: 'actors', name: 'contact' })
@ObjectType({ description: 'A contact person at an actor (personal data: staff and keys with read:contacts only).' })
export class Contact {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'actor_id' })
  actorId: string;

  @Field()
  @Column('text', { name: 'first_name' })
  firstName: string;

  @Field()
  @Column('text', { name: 'last_name' })
  lastName: string;

  @Field(() => String, { nullable: true, description: 'Role at the actor, e.g. directrice, président.' })
  @Column('text', { nullable: true })
  role: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  phone: string | null;

  @Field(() => Date, { nullable: true, description: 'When the contact was erased (RGPD): its personal values are gone, a placeholder stands in.' })
  @Column('timestamptz', { name: 'erased_at', nullable: true })
  erasedAt: Date | null;

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
