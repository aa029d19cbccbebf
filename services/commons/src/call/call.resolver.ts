// The call part of the graph: arguments in, service or loader out.
import { HistoryConnection, PageArgs, Role } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { NestedApplicationFilter } from '../application/dto/application.input';
import { ApplicationConnection, CallConnection, CommonConnection, visibleStatuses, NeedConnection, WorkshopConnection, type Context } from '../connections';
import { historyOf, pageWindow } from '@ess/kit';
import { CommonsMetrics } from '../metrics/metrics.types';
import { Call, CallStatus, Challenge, Criterion, JuryMember } from './call.entity';
import type { CallService } from './call.service';
import { CallFilter, CreateCallInput, JurorInput, UpdateCallInput } from './dto/call.input';

@Resolver(() => Call)
export class CallResolver {
  constructor(private readonly service: CallService) {}

  @Authorized(Role.Public)
  @Query(() => Call, { nullable: true })
  call(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<Call | null> {
    return context.loaders.callByIdLoader.load(id);
  }

  @Authorized(Role.Public)
  @Query(() => CallConnection, { nullable: true, description: 'Calls for commons matching the filters, by title.' })
  async calls(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => CallFilter, { nullable: true }) filter?: CallFilter): Promise<CallConnection> {
    return CallConnection.from(await this.service.list(filter, page));
  }

  @Authorized(Role.Public)
  @Query(() => CommonsMetrics, { nullable: true, description: 'Metrics of all the calls for commons of an authority.' })
  commonsMetrics(@Ctx() context: Context, @Arg('authorityCode') authorityCode: string): Promise<CommonsMetrics> {
    return context.loaders.metricsByAuthorityLoader.load(authorityCode);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Call, { description: 'Creates a call in DRAFT.' })
  createCall(@Ctx() context: Context, @Arg('input', () => CreateCallInput) input: CreateCallInput): Promise<Call> {
    return this.service.create(context, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Call, { description: 'Changes a call (rules freeze as it moves on); fails with CONFLICT when `version` is not the latest.' })
  updateCall(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Arg('input', () => UpdateCallInput) input: UpdateCallInput): Promise<Call> {
    return this.service.update(context, id, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Call, { description: 'Moves a call to the next status of its lifecycle; a refused step says why (BAD_USER_INPUT on status).' })
  transitionCall(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Arg('status', () => CallStatus) status: CallStatus): Promise<Call> {
    return this.service.transition(context, id, version, status);
  }

  @Authorized(Role.Editor)
  @Mutation(() => JuryMember, { description: 'Adds a juror to a call, with the structures they declare belonging to; bumps the call’s version.' })
  addJuror(@Ctx() context: Context, @Arg('callId', () => ID) callId: string, @Arg('version', () => Int) version: number, @Arg('input', () => JurorInput) input: JurorInput): Promise<JuryMember> {
    return this.service.addJuror(context, callId, version, input);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [Challenge])
  challenges(@Root() call: Call, @Ctx() context: Context): Promise<Challenge[]> {
    return context.loaders.challengesByCallIdLoader.load(call.id);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [Criterion], { description: 'Review criteria, in order.' })
  criteria(@Root() call: Call, @Ctx() context: Context): Promise<Criterion[]> {
    return context.loaders.criteriaByCallIdLoader.load(call.id);
  }

  @Authorized(Role.Staff, 'read:commons')
  @FieldResolver(() => [JuryMember], { nullable: true, description: 'The jury, by name (staff and partners with read:commons).' })
  jury(@Root() call: Call, @Ctx() context: Context): Promise<JuryMember[]> {
    return context.loaders.juryByCallIdLoader.load(call.id);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => WorkshopConnection, { description: 'Co-construction workshops, by date.' })
  async workshops(@Root() call: Call, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<WorkshopConnection> {
    return WorkshopConnection.from(await context.loaders.workshopsPageByCallLoader.load({ parentId: call.id, ...pageWindow(page) }));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => NeedConnection, { description: 'Needs co-defined for the call, oldest first.' })
  async needs(@Root() call: Call, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<NeedConnection> {
    return NeedConnection.from(await context.loaders.needsPageByCallLoader.load({ parentId: call.id, ...pageWindow(page) }));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => ApplicationConnection, { description: 'Applications to the call, by title (drafts for staff only).' })
  async applications(
    @Root() call: Call,
    @Ctx() context: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => NestedApplicationFilter, { nullable: true }) filter?: NestedApplicationFilter,
  ): Promise<ApplicationConnection> {
    return ApplicationConnection.from(await context.loaders.applicationsPageByCallLoader.load({ parentId: call.id, ...pageWindow(page), filter: visibleStatuses(context, filter?.statuses) }));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => CommonConnection, { description: 'Commons the call funded, by name.' })
  async commons(@Root() call: Call, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<CommonConnection> {
    return CommonConnection.from(await context.loaders.commonsPageByCallLoader.load({ parentId: call.id, ...pageWindow(page) }));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => CommonsMetrics, { description: 'Metrics of the call, computed in SQL.' })
  metrics(@Root() call: Call, @Ctx() context: Context): Promise<CommonsMetrics> {
    return context.loaders.metricsByCallIdLoader.load(call.id);
  }

  @Authorized(Role.Staff)
  @FieldResolver(() => HistoryConnection, { description: 'Who changed what and when, newest first (staff only).' })
  history(@Root() call: Call, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<HistoryConnection> {
    return historyOf(context.loaders, 'Call', call.id, page);
  }
}
