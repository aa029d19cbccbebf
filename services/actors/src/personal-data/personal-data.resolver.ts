// The personal-data part of the graph (admins): the access log, access requests, erasure and retention.
import { PageArgs, Role, type RequestContext } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Loaders } from '../loaders';
import type { PersonalDataService } from './personal-data.service';
import { ContactDataExport, ErasedContact, PersonalDataAccessConnection, RetentionReport } from './personal-data.types';

type Context = RequestContext<Loaders>;

@Resolver()
export class PersonalDataResolver {
  constructor(private readonly service: PersonalDataService) {}

  @Authorized(Role.Admin)
  @Query(() => PersonalDataAccessConnection, { description: "Who read a contact's personal data and when, newest first (admins of its authority)." })
  async personalDataAccesses(
    @Ctx() context: Context,
    @Arg('contactId', () => ID) contactId: string,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<PersonalDataAccessConnection> {
    return PersonalDataAccessConnection.from(await this.service.accesses(context, contactId, page));
  }

  @Authorized(Role.Admin)
  @Query(() => ContactDataExport, { description: 'Everything held about a contact, for an access request; logged as an access (admins of its authority).' })
  contactDataExport(@Ctx() context: Context, @Arg('contactId', () => ID) contactId: string): Promise<ContactDataExport> {
    return this.service.exportContact(context, contactId);
  }

  @Authorized(Role.Admin)
  @Mutation(() => ErasedContact, { description: 'Erases a contact (RGPD): its personal values are replaced, in the audit log too. Admins of its authority.' })
  eraseContact(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('reason', () => String, { description: 'Why (e.g. "demande du 12/03 par courrier"); no personal data.' }) reason: string,
  ): Promise<ErasedContact> {
    return this.service.erase(context, id, version, reason);
  }

  @Authorized(Role.Admin)
  @Mutation(() => RetentionReport, {
    description: 'Anonymises the contacts of actors ceased or archived for longer than the retention period (in the authorities of the caller). Reports only, by default.',
  })
  applyContactRetention(@Ctx() context: Context, @Arg('dryRun', () => Boolean, { defaultValue: true }) dryRun: boolean): Promise<RetentionReport> {
    return this.service.applyRetention(context, dryRun);
  }
}
