// An agreement (convention) by which an authority funds an actor to carry out an action of a plan; published in the SCDL format.
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numeric } from '@ess/kit';

export enum AgreementNature {
  CASH = 'CASH',
  IN_KIND = 'IN_KIND',
  CASH_AND_IN_KIND = 'CASH_AND_IN_KIND',
}
registerEnumType(AgreementNature, {
  name: 'AgreementNature',
  description: 'Aid in cash (aide en numéraire), in kind (aide en nature), or both (SCDL « aide en numéraire;aide en nature »).',
});

export enum PaymentTerms {
  SINGLE = 'SINGLE',
  STAGED = 'STAGED',
  OTHER = 'OTHER',
}
registerEnumType(PaymentTerms, { name: 'PaymentTerms', description: 'SCDL conditionsVersement: unique, échelonné, autre (described in paymentTermsNote).' });

export enum AgreementStatus {
  DRAFT = 'DRAFT',
  SIGNED = 'SIGNED',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(AgreementStatus, { name: 'AgreementStatus', description: 'Draft, signed (published), closed (carried out), cancelled.' });

@Entity({ schema: 'plans', name: 'agreement' })
@ObjectType({ description: 'An agreement (convention) between an authority and an actor implementing an action of a plan.' })
@Directive('@key(fields: "id")')
export class Agreement {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'plan_id' })
  planId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'action_id' })
  actionId: string;

  @Field({ description: 'The granting authority (one of the plan’s).' })
  @Column('text', { name: 'authority_code' })
  authorityCode: string;

  /** The actor funded (actor registry id); null for a subsidy imported from an SCDL file whose beneficiary is not linked yet. */
  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Field({ description: 'Name of the beneficiary as when the agreement was made (SCDL nomBeneficiaire).' })
  @Column('text', { name: 'beneficiary_name' })
  beneficiaryName: string;

  @Field(() => String, {
    nullable: true,
    description: 'SIRET of the beneficiary (SCDL idBeneficiaire); an association may have only its RNA number.',
  })
  @Column('text', { name: 'beneficiary_siret', nullable: true })
  beneficiarySiret: string | null;

  @Field(() => String, { nullable: true, description: 'RNA number of an association beneficiary (SCDL rnaBeneficiaire).' })
  @Column('text', { name: 'beneficiary_rna', nullable: true })
  beneficiaryRna: string | null;

  @Field({ description: 'Object of the agreement (SCDL objet).' })
  @Column('text')
  object: string;

  @Field(() => Float, { description: 'Amount in euros (SCDL montant).' })
  @Column('numeric', { transformer: numeric })
  amount: number;

  @Field(() => AgreementNature)
  @Column('text')
  nature: AgreementNature;

  @Field(() => PaymentTerms)
  @Column('text', { name: 'payment_terms' })
  paymentTerms: PaymentTerms;

  @Field(() => String, { nullable: true, description: 'Free description of the payment terms (required for OTHER).' })
  @Column('text', { name: 'payment_terms_note', nullable: true })
  paymentTermsNote: string | null;

  @Field(() => String, { nullable: true, description: 'Date of signature (YYYY-MM-DD, SCDL dateConvention).' })
  @Column('date', { name: 'signed_on', nullable: true })
  signedOn: string | null;

  @Field(() => String, { nullable: true })
  @Column('date', { name: 'start_on', nullable: true })
  startOn: string | null;

  @Field(() => String, { nullable: true })
  @Column('date', { name: 'end_on', nullable: true })
  endOn: string | null;

  @Field(() => String, { nullable: true, description: 'Reference of the decision granting it (SCDL referenceDecision).' })
  @Column('text', { name: 'decision_reference', nullable: true })
  decisionReference: string | null;

  @Field(() => AgreementStatus)
  @Column('text')
  status: AgreementStatus;

  @Field(() => String, { nullable: true, description: 'Number in the register of aids to companies (SCDL idRAE).' })
  @Column('text', { name: 'rae_id', nullable: true })
  raeId: string | null;

  @Field({ description: 'De minimis aid notified to the European Commission (SCDL notificationUE).' })
  @Column('boolean', { name: 'eu_notified', default: false })
  euNotified: boolean;

  @Field(() => Float, { description: 'Share of the total going to this beneficiary, 0.01 to 1 (SCDL pourcentageSubvention).' })
  @Column('numeric', { name: 'subsidy_share', transformer: numeric, default: 1 })
  subsidyShare: number;

  @Field(() => String, { nullable: true, description: 'Aid scheme identifier (SCDL dispositifAide).' })
  @Column('text', { name: 'aid_scheme', nullable: true })
  aidScheme: string | null;

  @Field({ description: 'Funded by several funders (kept for the plan’s follow-up; not an SCDL column).' })
  @Column('boolean', { name: 'multi_funder', default: false })
  multiFunder: boolean;

  /** Identity of a subsidy imported from an SCDL file (see scdl-import.ts): a second import finds it again. */
  @Column('text', { name: 'source_key', nullable: true })
  sourceKey: string | null;

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

@Entity({ schema: 'plans', name: 'instalment' })
@ObjectType({ description: 'A scheduled payment of an agreement.' })
export class Instalment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'agreement_id' })
  agreementId: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Column('date', { name: 'due_on' })
  dueOn: string;

  @Field(() => Float)
  @Column('numeric', { transformer: numeric })
  amount: number;

  @Field(() => String, { nullable: true, description: 'When it was paid (YYYY-MM-DD).' })
  @Column('date', { name: 'paid_on', nullable: true })
  paidOn: string | null;
}

export interface InstalmentValues {
  dueOn: string;
  amount: number;
  paidOn: string | null;
}

export function agreementValues(a: Agreement, instalments: InstalmentValues[]) {
  return {
    planId: a.planId,
    actionId: a.actionId,
    authorityCode: a.authorityCode,
    actorId: a.actorId,
    beneficiaryName: a.beneficiaryName,
    beneficiarySiret: a.beneficiarySiret,
    beneficiaryRna: a.beneficiaryRna,
    object: a.object,
    amount: a.amount,
    nature: a.nature,
    paymentTerms: a.paymentTerms,
    paymentTermsNote: a.paymentTermsNote,
    signedOn: a.signedOn,
    startOn: a.startOn,
    endOn: a.endOn,
    decisionReference: a.decisionReference,
    status: a.status,
    raeId: a.raeId,
    euNotified: a.euNotified,
    subsidyShare: a.subsidyShare,
    aidScheme: a.aidScheme,
    multiFunder: a.multiFunder,
    instalments,
    version: a.version,
  };
}
