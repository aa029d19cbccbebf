// One read of a contact's personal data: who, when, in which request, which contact, and why. Append-only.
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Why personal data was read: shown in the graph (`read`), or handed over to the person (`access-request`). */
export type AccessPurpose = 'read' | 'access-request';

@Entity({ schema: 'actors', name: 'personal_data_access' })
@ObjectType({ description: "One read of a contact's personal data (the access log, admins only)." })
export class PersonalDataAccess {
  @Field(() => ID)
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Field()
  @Column({ type: 'timestamptz', insert: false, update: false })
  at: Date;

  @Field({ description: 'Who read it: staff:<user id>, key:<key id>, or system.' })
  @Column('text')
  who: string;

  @Field(() => String, { nullable: true, description: 'The request that read it (matches the server logs).' })
  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;

  @Field(() => ID)
  @Column('uuid', { name: 'contact_id' })
  contactId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'actor_id' })
  actorId: string;

  @Field({ description: 'read (shown in the graph) or access-request (exported for the person).' })
  @Column('text')
  purpose: string;
}
