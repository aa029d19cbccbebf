// An ESS plan (schéma départemental): who adopted it and when, its period and status; axes, actions and the rest hang from it.
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { yearOf } from '../common/values';

export enum PlanStatus {
  DRAFT = 'DRAFT',
  ADOPTED = 'ADOPTED',
  IN_PROGRESS = 'IN_PROGRESS',
  CLOSED = 'CLOSED',
}
registerEnumType(PlanStatus, { name: 'PlanStatus', description: 'Draft, adopted by the assembly, being carried out, closed.' });

@Entity({ schema: 'plans', name: 'plan' })
@ObjectType({ description: 'A plan of one or several authorities, e.g. the ESS plan of the Gard adopted on 8 March 2024.' })
@Directive('@key(fields: "id")')
export class Plan {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column('text')
  title: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  summary: string | null;

  @Field({ description: 'Code of the plan kind (see planKinds), e.g. ESS_PLAN.' })
  @Column('text', { name: 'kind' })
  kindCode: string;

  @Field(() => PlanStatus)
  @Column('text')
  status: PlanStatus;

  @Field(() => String, { nullable: true, description: 'Date of adoption (YYYY-MM-DD).' })
  @Column('date', { name: 'adopted_on', nullable: true })
  adoptedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Body that adopted the plan, e.g. the departmental assembly.' })
  @Column('text', { name: 'deciding_body', nullable: true })
  decidingBody: string | null;

  @Field(() => String, { nullable: true, description: 'Reference of the deliberation.' })
  @Column('text', { name: 'decision_reference', nullable: true })
  decisionReference: string | null;

  @Field(() => String, { nullable: true, description: 'Start of the period (YYYY-MM-DD).' })
  @Column('date', { name: 'start_on', nullable: true })
  startOn: string | null;

  @Field(() => String, { nullable: true, description: 'End of the period (YYYY-MM-DD).' })
  @Column('date', { name: 'end_on', nullable: true })
  endOn: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Int, { description: 'Increases with every change; send it back with an edit.' })
  @Column('int', { default: 1 })
  version: number;

  @Field(() => Int, { nullable: true })
  startYear(): number | null {
    return yearOf(this.startOn);
  }

  @Field(() => Int, { nullable: true })
  endYear(): number | null {
    return yearOf(this.endOn);
  }
}

@Entity({ schema: 'plans', name: 'plan_authority' })
export class PlanAuthority {
  @PrimaryColumn('uuid', { name: 'plan_id' })
  planId: string;

  @PrimaryColumn('text', { name: 'authority_code' })
  authorityCode: string;
}

export function planValues(plan: Plan, authorities: string[]) {
  return {
    title: plan.title,
    summary: plan.summary,
    kind: plan.kindCode,
    status: plan.status,
    adoptedOn: plan.adoptedOn,
    decidingBody: plan.decidingBody,
    decisionReference: plan.decisionReference,
    startOn: plan.startOn,
    endOn: plan.endOn,
    authorities,
    version: plan.version,
  };
}
