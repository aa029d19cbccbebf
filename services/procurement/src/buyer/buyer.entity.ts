// A purchasing entity of an authority (the DECP acheteur), identified by its SIRET.
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ schema: 'procurement', name: 'buyer' })
@ObjectType({ description: 'A buyer (acheteur) of an authority: the département itself or one of its purchasing entities.' })
export class Buyer {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'SIRET of the buyer (DECP acheteur.id).' })
  @Column('text')
  siret: string;

  @Field()
  @Column('text')
  name: string;

  @Field({ description: 'INSEE code of the département (authority) the buyer belongs to.' })
  @Column('text', { name: 'authority_code' })
  authorityCode: string;

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
