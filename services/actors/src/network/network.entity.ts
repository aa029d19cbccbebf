// A network of ESS actors: a network head (CRESS, URSCOP…), a PTCE such as Pôle Sud, or a departmental network.
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum NetworkKind {
  NETWORK_HEAD = 'NETWORK_HEAD',
  PTCE = 'PTCE',
  DEPARTMENTAL = 'DEPARTMENTAL',
  OTHER = 'OTHER',
}
registerEnumType(NetworkKind, {
  name: 'NetworkKind',
  description: 'Network head (CRESS, URSCOP, COORACE, ADIE…), territorial economic cooperation hub (PTCE), departmental network, other.',
});

@Entity({ schema: 'actors', name: 'network' })
@ObjectType({ description: 'A network that ESS actors belong to; an actor can belong to several.' })
@Directive('@key(fields: "id")')
export class Network {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column('text')
  name: string;

  @Field(() => String, { nullable: true, description: 'Short name, e.g. CRESS.' })
  @Column('text', { nullable: true })
  acronym: string | null;

  @Field(() => NetworkKind)
  @Column('text')
  kind: NetworkKind;

  @Field(() => String, { nullable: true, description: 'Département the network works in, when it is departmental.' })
  @Column('text', { name: 'authority_code', nullable: true })
  authorityCode: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  website: string | null;

  /** The structure that runs the network, when it is itself in the registry. */
  @Column('uuid', { name: 'carrier_actor_id', nullable: true })
  carrierActorId: string | null;

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

@Entity({ schema: 'actors', name: 'network_membership' })
export class NetworkMembership {
  @PrimaryColumn('uuid', { name: 'network_id' })
  networkId: string;

  @PrimaryColumn('uuid', { name: 'actor_id' })
  actorId: string;

  @Column('date', { name: 'joined_on', nullable: true })
  joinedOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
