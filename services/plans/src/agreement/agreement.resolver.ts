// The agreement part of the graph: arguments in, service or loader out; the SCDL export returns the file's content.
import { HistoryConnection, IDEMPOTENCY_KEY_DESCRIPTION, PageArgs, Role } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Action } from '../action/action.entity';
import { Authority } from '../authority/authority.entity';
import { AgreementConnection, type Context } from '../connections';
import { historyOf } from '@ess/kit';
import { Plan } from '../plan/plan.entity';
import { ActorRef, actorRef } from '../references/external.types';
import { Agreement, Instalment } from './agreement.entity';
import type { AgreementService } from './agreement.service';
import { AgreementFilter, CreateAgreementInput, UpdateAgreementInput } from './dto/agreement.input';
import { ScdlFormat, type ScdlExportService } from './scdl';
import type { ScdlImportService } from './scdl-import';
import { ScdlImportReport } from './scdl-import.types';

@Resolver(() => Agreement)
export class AgreementResolver {
  constructor(
    private readonly service: AgreementService,
    private readonly scdl: ScdlExportService,
    private readonly scdlImport: ScdlImportService,
  ) {}

  @Authorized(Role.Public)
  @Query(() => Agreement, { nullable: true })
  agreement(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<Agreement | null> {
    return context.loaders.agreementByIdLoader.load(id);
  }

  @Authorized(Role.Public)
  @Query(() => AgreementConnection, { nullable: true, description: 'Agreements matching the filters, newest first.' })
  async agreements(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => AgreementFilter, { nullable: true }) filter?: AgreementFilter): Promise<AgreementConnection> {
    return AgreementConnection.from(await this.service.list(filter, page));
  }

  @Authorized(Role.Public)
  @Query(() => String, {
    nullable: true,
    description:
      'The agreements an authority signed in a year, in the national SCDL subsidies format 2.1.1 ' +
      '(the 16 columns nomAttribuant … dispositifAide), as the content of a CSV or JSON file.',
  })
  agreementsScdl(
    @Arg('authority') authority: string,
    @Arg('year', () => Int) year: number,
    @Arg('format', () => ScdlFormat, { defaultValue: ScdlFormat.CSV }) format: ScdlFormat,
  ): Promise<string> {
    return this.scdl.export(authority, year, format);
  }

  @Authorized(Role.Editor)
  @Mutation(() => ScdlImportReport, {
    description:
      'Imports an SCDL subsidies file (UTF-8 or Windows-1252, ; or ,) as signed agreements of an action. ' +
      'A subsidy is found again by its date, beneficiary, decision and object: a second import updates, never duplicates. ' +
      'With bad rows nothing is written unless skipInvalidRows; dryRun only reports (the preview). ' +
      'Beneficiaries are linked to registry actors by SIRET when an agreement already did.',
  })
  importScdl(
    @Ctx() context: Context,
    @Arg('authority', { description: 'The granting authority (the file’s idAttribuant must be its SIRET).' }) authority: string,
    @Arg('actionId', () => ID, { description: 'The action of one of the authority’s plans the subsidies are filed under.' })
    actionId: string,
    @Arg('file', { description: 'The bytes of the CSV file, base64-encoded.' }) file: string,
    @Arg('skipInvalidRows', () => Boolean, { defaultValue: false }) skipInvalidRows: boolean,
    @Arg('dryRun', () => Boolean, { defaultValue: false }) dryRun: boolean,
  ): Promise<ScdlImportReport> {
    return this.scdlImport.importFile(context, file, { authority, actionId, skipInvalidRows, dryRun });
  }

  @Authorized(Role.Editor)
  @Mutation(() => Agreement, { description: 'Records an agreement granted by an authority the caller edits.' })
  createAgreement(
    @Ctx() context: Context,
    @Arg('input', () => CreateAgreementInput) input: CreateAgreementInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null,
  ): Promise<Agreement> {
    return this.service.create(context, input, idempotencyKey);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Agreement, { description: 'Changes an agreement; fails with CONFLICT when `version` is not the latest.' })
  updateAgreement(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateAgreementInput) input: UpdateAgreementInput,
  ): Promise<Agreement> {
    return this.service.update(context, id, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Boolean, { description: 'Deletes a draft agreement (a signed one is cancelled instead).' })
  deleteAgreement(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number): Promise<boolean> {
    return this.service.delete(context, id, version);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => ActorRef, { nullable: true, description: 'The actor funded (actor registry).' })
  actor(@Root() agreement: Agreement): ActorRef | null {
    return agreement.actorId ? actorRef(agreement.actorId) : null;
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Authority, { nullable: true, description: 'The granting authority.' })
  authority(@Root() agreement: Agreement, @Ctx() context: Context): Promise<Authority | null> {
    return context.loaders.authorityByCodeLoader.load(agreement.authorityCode);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Plan, { nullable: true })
  plan(@Root() agreement: Agreement, @Ctx() context: Context): Promise<Plan | null> {
    return context.loaders.planByIdLoader.load(agreement.planId);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Action, { nullable: true, description: 'The action the agreement implements.' })
  action(@Root() agreement: Agreement, @Ctx() context: Context): Promise<Action | null> {
    return context.loaders.actionByIdLoader.load(agreement.actionId);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [Instalment], { description: 'Payment schedule, by date (at most 60).' })
  instalments(@Root() agreement: Agreement, @Ctx() context: Context): Promise<Instalment[]> {
    return context.loaders.instalmentsByAgreementIdLoader.load(agreement.id);
  }

  @Authorized(Role.Staff)
  @FieldResolver(() => HistoryConnection, { description: 'Who changed what and when, newest first (staff only).' })
  history(@Root() agreement: Agreement, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<HistoryConnection> {
    return historyOf(context.loaders, 'Agreement', agreement.id, page);
  }
}
