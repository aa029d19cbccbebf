// An ESS structure of the registry, as stored and as exposed (only the fields declared with @Field reach the graph).
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ActorStatus, EssStatus, ESUS_YEARS, HEADCOUNT_LABELS, InclusionType, LEGAL_FORM_LABELS, LegalFamily, type HeadcountBand } from '../identifiers/codes';

@ObjectType({ description: 'Legal form: the INSEE code when known, and the readable family.' })
export class LegalForm {
  @Field(() => String, { nullable: true, description: 'INSEE catégorie juridique (4 digits).' })
  code: string | null;

  @Field(() => LegalFamily)
  family: LegalFamily;

  @Field(() => String, { nullable: true, description: 'French label of the code, when the platform knows it.' })
  label: string | null;
}

@ObjectType({ description: "ESUS approval (agrément entreprise solidaire d'utilité sociale), valid 5 years." })
export class EsusApproval {
  @Field({ description: 'Date of the approval (YYYY-MM-DD).' })
  approvedOn: string;

  @Field({ description: 'End of validity, 5 years later (YYYY-MM-DD).' })
  expiresOn: string;

  @Field({ description: 'Whether the approval is still valid today.' })
  valid: boolean;
}

@ObjectType({ description: 'INSEE headcount band (tranche d’effectifs).' })
export class Headcount {
  @Field()
  code: string;

  @Field()
  label: string;
}

@ObjectType()
export class Address {
  @Field(() => String, { nullable: true })
  street: string | null;

  @Field(() => String, { nullable: true })
  postalCode: string | null;

  @Field(() => String, { nullable: true, description: 'INSEE commune code (COG).' })
  communeCode: string | null;

  @Field(() => String, { nullable: true })
  communeName: string | null;
}

@ObjectType({ description: 'WGS 84 point.' })
export class GeoPoint {
  @Field(() => Float)
  latitude: number;

  @Field(() => Float)
  longitude: number;
}

export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(y + years, m - 1, d));
  return date.toISOString().slice(0, 10);
}

@Entity({ schema: 'actors', name: 'actor' })
@ObjectType({ description: 'A structure of the social and solidarity economy known to the registry.' })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "siret")')
export class Actor {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column('text')
  name: string;

  @Column('text', { name: 'legal_form_code', nullable: true })
  legalFormCode: string | null;

  @Column('text', { name: 'legal_family' })
  legalFamily: LegalFamily;

  @Field(() => String, { nullable: true, description: 'SIREN (9 digits) of the legal unit.' })
  @Column('text', { nullable: true })
  siren: string | null;

  @Field(() => String, { nullable: true, description: 'SIRET (14 digits) of the establishment.' })
  @Column('text', { nullable: true })
  siret: string | null;

  @Field(() => String, { nullable: true, description: 'RNA number of an association (W + 9 digits).' })
  @Column('text', { nullable: true })
  rna: string | null;

  @Field(() => EssStatus, { description: 'ESS status: ESS, NOT_ESS or UNKNOWN (SIRENE economieSocialeSolidaireUniteLegale O, N or empty).' })
  @Column('text', { name: 'ess_status', default: EssStatus.UNKNOWN })
  essStatus: EssStatus;

  /** Computed by PostgreSQL from ess_status (a generated column): never written by the application. */
  @Field(() => Boolean, { description: 'Member of the ESS: true only when essStatus is ESS (an unknown status is not ESS).' })
  @Column({ type: 'boolean', name: 'ess_member', insert: false, update: false })
  essMember: boolean;

  @Column('date', { name: 'esus_approved_on', nullable: true })
  esusApprovedOn: string | null;

  @Field(() => InclusionType)
  @Column('text', { name: 'inclusion_type', default: InclusionType.NONE })
  inclusionType: InclusionType;

  @Field(() => String, { nullable: true, description: 'Main activity, NAF rév. 2 code.' })
  @Column('text', { name: 'naf_code', nullable: true })
  nafCode: string | null;

  @Column('text', { name: 'headcount_band', nullable: true })
  headcountBand: HeadcountBand | null;

  @Column('text', { nullable: true })
  street: string | null;

  @Column('text', { name: 'postal_code', nullable: true })
  postalCode: string | null;

  @Column('text', { name: 'commune_code', nullable: true })
  communeCode: string | null;

  @Column('text', { name: 'commune_name', nullable: true })
  communeName: string | null;

  @Field({ description: 'INSEE code of the département (authority) the actor belongs to.' })
  @Column('text', { name: 'authority_code' })
  authorityCode: string;

  @Column('double precision', { nullable: true })
  latitude: number | null;

  @Column('double precision', { nullable: true })
  longitude: number | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  website: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

  @Field(() => [String], { description: 'Activity sectors (social action, early childhood, mobility, food, integration…).' })
  @Column('text', { array: true, default: () => "'{}'" })
  sectors: string[];

  @Field(() => ActorStatus)
  @Column('text', { default: ActorStatus.ACTIVE })
  status: ActorStatus;

  /** Since when the actor has its status; kept by a database trigger, read by the retention of contacts. */
  @Column({ type: 'timestamptz', name: 'status_changed_at', insert: false, update: false })
  statusChangedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When staff archived the record (hidden from lists by default).' })
  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt: Date | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Int, { description: 'Increases with every change; send it back with an edit.' })
  @Column('int', { default: 1 })
  version: number;

  @Field(() => LegalForm)
  legalForm(): LegalForm {
    return { code: this.legalFormCode, family: this.legalFamily, label: this.legalFormCode ? (LEGAL_FORM_LABELS[this.legalFormCode] ?? null) : null };
  }

  @Field(() => EsusApproval, { nullable: true })
  esus(): EsusApproval | null {
    if (!this.esusApprovedOn) return null;
    const expiresOn = addYears(this.esusApprovedOn, ESUS_YEARS);
    return { approvedOn: this.esusApprovedOn, expiresOn, valid: expiresOn > new Date().toISOString().slice(0, 10) };
  }

  @Field(() => Headcount, { nullable: true })
  headcount(): Headcount | null {
    return this.headcountBand ? { code: this.headcountBand, label: HEADCOUNT_LABELS[this.headcountBand] ?? this.headcountBand } : null;
  }

  @Field(() => Address)
  address(): Address {
    return { street: this.street, postalCode: this.postalCode, communeCode: this.communeCode, communeName: this.communeName };
  }

  @Field(() => GeoPoint, { nullable: true })
  location(): GeoPoint | null {
    return this.latitude != null && this.longitude != null ? { latitude: this.latitude, longitude: this.longitude } : null;
  }
}
