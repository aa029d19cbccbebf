// Commons in the graph: arguments in, service or loader out; maintainers and reusers are registry actors.
import { HistoryConnection, PageArgs, Role } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Application } from '../application/application.entity';
import { CommonConnection, type Context } from '../connections';
import { historyOf } from '@ess/kit';
import { ActorRef, actorRef } from '../references/external.types';
import { Common, CommonMilestone, CommonReuse } from './common.entity';
import type { CommonService } from './common.service';
import { CommonFilter, CreateCommonInput, ReuseInput, UpdateCommonInput } from './dto/common.input';

@Resolver(() => Common)
export class CommonResolver {
  constructor(private readonly service: CommonService) {}

  @Authorized(Role.Public)
  @Query(() => Common, { nullable: true })
  common(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<Common | null> {
    return context.loaders.commonByIdLoader.load(id);
  }

  @Authorized(Role.Public)
  @Query(() => CommonConnection, { nullable: true, description: 'Commons matching the filters, by name.' })
  async commons(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => CommonFilter, { nullable: true }) filter?: CommonFilter): Promise<CommonConnection> {
    return CommonConnection.from(await this.service.list(filter, page));
  }

  @Authorized(Role.Editor)
  @Mutation(() => Common, { description: 'Records the common an accepted application produced.' })
  createCommon(@Ctx() context: Context, @Arg('input', () => CreateCommonInput) input: CreateCommonInput): Promise<Common> {
    return this.service.create(context, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Common)
  updateCommon(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Arg('input', () => UpdateCommonInput) input: UpdateCommonInput): Promise<Common> {
    return this.service.update(context, id, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Common, { description: 'Records that another actor reuses the common; bumps its version.' })
  recordCommonReuse(@Ctx() context: Context, @Arg('commonId', () => ID) commonId: string, @Arg('version', () => Int) version: number, @Arg('input', () => ReuseInput) input: ReuseInput): Promise<Common> {
    return this.service.recordReuse(context, commonId, version, input);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Application, { nullable: true })
  application(@Root() common: Common, @Ctx() context: Context): Promise<Application | null> {
    return context.loaders.applicationByIdLoader.load(common.applicationId);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [ActorRef], { nullable: true, description: 'Maintaining actors, resolved by the registry.' })
  async maintainers(@Root() common: Common, @Ctx() context: Context): Promise<ActorRef[]> {
    return (await context.loaders.maintainerIdsByCommonIdLoader.load(common.id)).map(actorRef);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [CommonMilestone], { description: 'Follow-up milestones by date.' })
  milestones(@Root() common: Common, @Ctx() context: Context): Promise<CommonMilestone[]> {
    return context.loaders.milestonesByCommonIdLoader.load(common.id);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [CommonReuse], { description: 'Reuses by other actors, oldest first.' })
  reuses(@Root() common: Common, @Ctx() context: Context): Promise<CommonReuse[]> {
    return context.loaders.reusesByCommonIdLoader.load(common.id);
  }

  @Authorized(Role.Staff)
  @FieldResolver(() => HistoryConnection)
  history(@Root() common: Common, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<HistoryConnection> {
    return historyOf(context.loaders, 'Common', common.id, page);
  }
}

@Resolver(() => CommonReuse)
export class CommonReuseResolver {
  @Authorized(Role.Public)
  @FieldResolver(() => ActorRef, { nullable: true, description: 'The reusing actor, resolved by the registry.' })
  actor(@Root() reuse: CommonReuse): ActorRef {
    return actorRef(reuse.actorId);
  }
}
