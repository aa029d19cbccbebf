// The authorities (départements) every record of the platform belongs to, and the kinds of plans they adopt.
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ schema: 'plans', name: 'authority' })
@ObjectType({ description: 'A département (or another authority), identified by its INSEE code; every record belongs to one.' })
@Directive('@key(fields: "code")')
export class Authority {
  @Field({ description: 'INSEE code of the département: 30 (Gard), 26 (Drôme), 07 (Ardèche)…' })
  @PrimaryColumn('text')
  code: string;

  @Field({ description: 'Name of the département, e.g. Gard.' })
  @Column('text')
  name: string;

  @Field({ description: 'Official name of the authority as grantor, e.g. Département du Gard (SCDL nomAttribuant).' })
  @Column('text', { name: 'official_name' })
  officialName: string;

  @Field(() => String, { nullable: true, description: 'SIRET of the authority (SCDL idAttribuant).' })
  @Column('text', { nullable: true })
  siret: string | null;

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

@Entity({ schema: 'plans', name: 'plan_kind' })
@ObjectType({ description: 'A kind of plan (ESS plan…): reference data, so a new kind needs no change of the model.' })
export class PlanKind {
  @Field({ description: 'Code in UPPER_SNAKE, e.g. ESS_PLAN.' })
  @PrimaryColumn('text')
  code: string;

  @Field()
  @Column('text')
  label: string;

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

export function authorityValues(a: Authority) {
  return { code: a.code, name: a.name, officialName: a.officialName, siret: a.siret };
}

export function planKindValues(k: PlanKind) {
  return { code: k.code, label: k.label };
}
