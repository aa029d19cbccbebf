// What the personal-data operations answer: an access request's export, an erasure, a retention run.
import { ConnectionType, HistoryEntry } from '@ess/kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PersonalDataAccess } from './personal-data-access.entity';

export const PersonalDataAccessConnection = ConnectionType(PersonalDataAccess, 'PersonalDataAccess');
export type PersonalDataAccessConnection = InstanceType<typeof PersonalDataAccessConnection>;

@ObjectType({ description: 'The actor a contact belongs to, as an access request shows it.' })
export class ExportedActor {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;
}

// Its own type, not Contact: the export is a document handed over, and Contact stays reachable through Actor.contacts only.
@ObjectType({ description: 'A contact as an access request hands it over (personal data).' })
export class ExportedContact {
  @Field(() => ID)
  id: string;

  @Field()
  firstName: string;

  @Field()
  lastName: string;

  @Field(() => String, { nullable: true })
  role: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => Date, { nullable: true })
  erasedAt: Date | null;
}

@ObjectType({ description: 'Everything the registry holds about a contact, for an access request (RGPD art. 15).' })
export class ContactDataExport {
  @Field()
  exportedAt: Date;

  @Field(() => ExportedContact)
  contact: ExportedContact;

  @Field(() => ExportedActor)
  actor: ExportedActor;

  @Field(() => [HistoryEntry], { description: "Every audit entry about the contact, oldest first." })
  history: HistoryEntry[];

  @Field(() => [PersonalDataAccess], { description: "Every logged read of the contact's data, oldest first (this export included)." })
  accesses: PersonalDataAccess[];

  @Field({ description: 'The same, as a JSON document ready to hand over to the person.' })
  json: string;
}

@ObjectType({ description: 'A contact after erasure: a placeholder name, no role, email or phone, its audit entries anonymised.' })
export class ErasedContact {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  actorId: string;

  @Field(() => Int)
  version: number;

  @Field()
  erasedAt: Date;

  @Field(() => Int, { description: 'Audit entries whose personal values were replaced.' })
  auditEntriesAnonymised: number;
}

@ObjectType({ description: 'What the retention rule found (dry run) or erased: contacts of actors ceased or archived before the cutoff.' })
export class RetentionReport {
  @Field({ description: 'True when nothing was changed.' })
  dryRun: boolean;

  @Field(() => Int)
  retentionMonths: number;

  @Field({ description: 'Actors ceased or archived before this moment have their contacts anonymised.' })
  cutoff: Date;

  @Field(() => Int)
  contactCount: number;

  @Field(() => [ID])
  contactIds: string[];

  @Field(() => Int, { description: 'Audit entries whose personal values were replaced (0 in a dry run).' })
  auditEntriesAnonymised: number;
}
