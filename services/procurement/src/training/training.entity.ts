// A training session for buyers, such as the Gard's workshop on new practices for selection juries.
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ schema: 'procurement', name: 'training_session' })
@ObjectType({ description: 'A training session for the buyers of an authority.' })
export class TrainingSession {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column('text', { name: 'authority_code' })
  authorityCode: string;

  @Field({ description: 'What was taught, e.g. new practices for selection juries.' })
  @Column('text')
  topic: string;

  @Field({ description: 'YYYY-MM-DD.' })
  @Column('date', { name: 'held_on' })
  heldOn: string;

  @Field({ description: 'Directorate or body that ran it.' })
  @Column('text')
  organiser: string;

  @Field(() => Int)
  @Column('int', { name: 'buyers_trained' })
  buyersTrained: number;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

  @Column('uuid', { name: 'spaser_plan_id', nullable: true })
  spaserPlanId: string | null;

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
