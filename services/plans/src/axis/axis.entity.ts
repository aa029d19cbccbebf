// An axis (orientation) of a plan, in the order the plan lists them.
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ schema: 'plans', name: 'axis' })
@ObjectType({ description: 'An axis of a plan, e.g. « Soutenir la coopération locale ».' })
@Directive('@key(fields: "id")')
export class Axis {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'plan_id' })
  planId: string;

  @Field(() => Int, { description: 'Place in the plan, from 1.' })
  @Column('int')
  position: number;

  @Field()
  @Column('text')
  title: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Int, { description: 'Increases with every change; send it back with an edit.' })
  @Column('int', { default: 1 })
  version: number;
}

export function axisValues(axis: Axis) {
  return { planId: axis.planId, position: axis.position, title: axis.title, description: axis.description, version: axis.version };
}
