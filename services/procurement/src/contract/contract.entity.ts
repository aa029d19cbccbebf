// A public contract in the DECP 2024 shape, its modifications and its awardees, as stored and as exposed.
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import {
  AwardeeIdType,
  Ccag,
  ContractNature,
  EnvironmentalConsideration,
  ExecutionMode,
  OperatorGrouping,
  PlaceCodeType,
  PriceForm,
  PriceType,
  Procedure,
  ReservedBasis,
  SocialConsideration,
  Technique,
} from '../common/codes';
import { numericColumn } from '../common/columns';
import type { SubcontractModificationValues, SubcontractValues } from './contract.rules';
import { SubcontractingAct, SubcontractingActModification } from './subcontract.types';

@ObjectType({ description: 'Main place of execution (DECP lieuExecution).' })
export class PlaceOfExecution {
  @Field()
  code: string;

  @Field(() => PlaceCodeType, { nullable: true })
  typeCode: PlaceCodeType | null;
}

@Entity({ schema: 'procurement', name: 'contract' })
@ObjectType({ description: 'A public contract (marché public) with its DECP essential data and what the SPASER follows.' })
@Directive('@key(fields: "id")')
export class Contract {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'buyer_id' })
  buyerId: string;

  @Field({ description: 'Authority (département code) of the buyer.' })
  @Column('text', { name: 'authority_code' })
  authorityCode: string;

  @Field({ description: 'DECP id: the buyer’s number for the contract, unique per buyer (1 to 16 characters).' })
  @Column('text', { name: 'decp_id' })
  decpId: string;

  @Field(() => ContractNature)
  @Column('text')
  nature: ContractNature;

  @Field({ description: 'Object of the contract or lot (DECP objet).' })
  @Column('text')
  object: string;

  @Field({ description: 'CPV code, e.g. 45233140-2.' })
  @Column('text', { name: 'cpv_code' })
  cpvCode: string;

  @Field(() => Procedure)
  @Column('text')
  procedure: Procedure;

  @Field(() => [Technique])
  @Column('text', { array: true })
  techniques: Technique[];

  @Field(() => [ExecutionMode])
  @Column('text', { name: 'execution_modes', array: true })
  executionModes: ExecutionMode[];

  @Field(() => String, { nullable: true, description: 'For a subsequent contract: the id of its framework agreement (DECP idAccordCadre).' })
  @Column('text', { name: 'framework_agreement_id', nullable: true })
  frameworkAgreementId: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Innovative works, supplies or services (DECP marcheInnovant).' })
  @Column('boolean', { nullable: true })
  innovative: boolean | null;

  @Field(() => Ccag, { nullable: true })
  @Column('text', { nullable: true })
  ccag: Ccag | null;

  @Field(() => Int, { nullable: true })
  @Column('int', { name: 'offers_received', nullable: true })
  offersReceived: number | null;

  @Field(() => Boolean, { nullable: true, description: 'An advance was granted (DECP attributionAvance).' })
  @Column('boolean', { name: 'advance_granted', nullable: true })
  advanceGranted: boolean | null;

  @Field(() => Float, { nullable: true, description: 'Rate of the advance, 0.1 = 10 % (DECP tauxAvance).' })
  @Column('double precision', { name: 'advance_rate', nullable: true })
  advanceRate: number | null;

  @Field(() => OperatorGrouping, { nullable: true })
  @Column('text', { name: 'operator_grouping', nullable: true })
  operatorGrouping: OperatorGrouping | null;

  @Field(() => Boolean, { nullable: true, description: 'Awardees declared subcontracting at notification (DECP sousTraitanceDeclaree).' })
  @Column('boolean', { name: 'subcontracting_declared', nullable: true })
  subcontractingDeclared: boolean | null;

  @Column('text', { name: 'place_code', nullable: true })
  placeCode: string | null;

  @Column('text', { name: 'place_type_code', nullable: true })
  placeTypeCode: PlaceCodeType | null;

  @Field(() => Int, { description: 'Initial duration in months (DECP dureeMois).' })
  @Column('int', { name: 'duration_months' })
  durationMonths: number;

  @Field({ description: 'Notification date (YYYY-MM-DD).' })
  @Column('date', { name: 'notified_on' })
  notifiedOn: string;

  @Field(() => String, { nullable: true, description: 'First publication of the essential data (YYYY-MM-DD).' })
  @Column('date', { name: 'published_on', nullable: true })
  publishedOn: string | null;

  @Field(() => Float, { description: 'Initial amount excl. tax, lump sum or estimated maximum (DECP montant).' })
  @Column('numeric', { precision: 15, scale: 2, transformer: numericColumn })
  amount: number;

  @Field(() => PriceForm, { nullable: true })
  @Column('text', { name: 'price_form', nullable: true })
  priceForm: PriceForm | null;

  @Field(() => [PriceType])
  @Column('text', { name: 'price_types', array: true })
  priceTypes: PriceType[];

  @Field(() => Float, { nullable: true, description: 'Share of products from the EU, 0.2 = 20 % (DECP origineUE).' })
  @Column('double precision', { name: 'origin_eu', nullable: true })
  originEu: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of French products (DECP origineFrance).' })
  @Column('double precision', { name: 'origin_france', nullable: true })
  originFrance: number | null;

  @Field(() => [SocialConsideration], { description: 'DECP considerationsSociales, as declared (empty for records of the 2019 format).' })
  @Column('text', { name: 'social_considerations', array: true })
  socialConsiderations: SocialConsideration[];

  @Field(() => [EnvironmentalConsideration], { description: 'DECP considerationsEnvironnementales, as declared.' })
  @Column('text', { name: 'environmental_considerations', array: true })
  environmentalConsiderations: EnvironmentalConsideration[];

  @Field(() => ReservedBasis, { nullable: true, description: 'Legal basis of a reserved contract; null when not reserved or not recorded.' })
  @Column('text', { name: 'reserved_basis', nullable: true })
  reservedBasis: ReservedBasis | null;

  @Field(() => Int, { nullable: true, description: 'Insertion hours the social clause asks for.' })
  @Column('int', { name: 'insertion_hours_planned', nullable: true })
  insertionHoursPlanned: number | null;

  @Field(() => Int, { nullable: true, description: 'Insertion hours achieved so far (reported by the clause facilitator).' })
  @Column('int', { name: 'insertion_hours_achieved', nullable: true })
  insertionHoursAchieved: number | null;

  @Field(() => [SubcontractingAct], { description: 'DECP actesSousTraitance, as published (changes are their modifications).' })
  @Column('jsonb', { default: () => "'[]'" })
  subcontracts: SubcontractValues[];

  @Field(() => [SubcontractingActModification], { description: 'DECP modificationsActesSousTraitance, as published.' })
  @Column('jsonb', { name: 'subcontract_modifications', default: () => "'[]'" })
  subcontractModifications: SubcontractModificationValues[];

  @Field(() => Float, { description: 'Amount after the latest modification that changed it.' })
  @Column('numeric', { name: 'current_amount', precision: 15, scale: 2, transformer: numericColumn })
  currentAmount: number;

  @Field(() => Int, { description: 'Duration after the latest modification that changed it.' })
  @Column('int', { name: 'current_duration_months' })
  currentDurationMonths: number;

  @Field({ description: 'At least one social consideration (clause, criterion or reserved contract): the PNAD count.' })
  @Column({ type: 'boolean', name: 'has_social', insert: false, update: false })
  hasSocialConsideration: boolean;

  @Field({ description: 'At least one environmental consideration (clause or criterion): the PNAD count.' })
  @Column({ type: 'boolean', name: 'has_environmental', insert: false, update: false })
  hasEnvironmentalConsideration: boolean;

  @Field({ description: 'Declared as a reserved contract ("Marché réservé").' })
  @Column({ type: 'boolean', name: 'is_reserved', insert: false, update: false })
  reserved: boolean;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Int)
  @Column('int', { default: 1 })
  version: number;

  @Field(() => PlaceOfExecution, { nullable: true })
  placeOfExecution(): PlaceOfExecution | null {
    return this.placeCode ? { code: this.placeCode, typeCode: this.placeTypeCode } : null;
  }
}

@Entity({ schema: 'procurement', name: 'contract_modification' })
@ObjectType({ description: 'A modification (avenant) of a contract after its first publication, with what it changed.' })
export class ContractModification {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'contract_id' })
  contractId: string;

  @Field(() => Int, { description: 'DECP modification id: 1, 2, 3… in order of notification.' })
  @Column('int', { name: 'decp_modification_id' })
  decpId: number;

  @Field(() => String, { nullable: true, description: 'What the modification is about (2019 objetModification).' })
  @Column('text', { nullable: true })
  object: string | null;

  @Field({ description: 'Notification of the modification (YYYY-MM-DD).' })
  @Column('date', { name: 'notified_on' })
  notifiedOn: string;

  @Field(() => String, { nullable: true })
  @Column('date', { name: 'published_on', nullable: true })
  publishedOn: string | null;

  @Field(() => Int, { nullable: true, description: 'New duration in months, when it changed.' })
  @Column('int', { name: 'duration_months', nullable: true })
  durationMonths: number | null;

  @Field(() => Float, { nullable: true, description: 'New amount excl. tax, when it changed.' })
  @Column('numeric', { precision: 15, scale: 2, nullable: true, transformer: numericColumn })
  amount: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ schema: 'procurement', name: 'contract_awardee' })
@ObjectType({ description: 'An awardee (DECP titulaire) of a contract or of one of its modifications.' })
export class ContractAwardee {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'contract_id' })
  contractId: string;

  @Column('uuid', { name: 'modification_id', nullable: true })
  modificationId: string | null;

  @Column('smallint')
  position: number;

  @Field(() => AwardeeIdType)
  @Column('text', { name: 'id_type' })
  idType: AwardeeIdType;

  @Field({ description: 'The identifier of the given type (a SIRET, a VAT number…).' })
  @Column('text')
  identifier: string;

  @Field(() => String, { nullable: true, description: 'Name, when the file or the staff gave it (the DECP 2024 titulaire has none).' })
  @Column('text', { nullable: true })
  name: string | null;

  @Field({ description: 'Among the contract’s awardees today (after its modifications).' })
  @Column('boolean', { name: 'is_current' })
  current: boolean;

  @Column({ type: 'text', insert: false, update: false, nullable: true })
  siret: string | null;
}
