// Workshops and needs in the graph: arguments in, service or loader out; participants are registry actors.
import { HistoryConnection, PageArgs, Role } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Call, Challenge } from '../call/call.entity';
import { NeedConnection, type Context } from '../connections';
import { historyOf, pageWindow } from '@ess/kit';
import { ActorRef, actorRef } from '../references/external.types';
import { CreateNeedInput, CreateWorkshopInput, UpdateNeedInput, UpdateWorkshopInput } from './dto/workshop.input';
import { Need, Workshop } from './workshop.entity';
import type { WorkshopService } from './workshop.service';

@Resolver(() => Workshop)
export class WorkshopResolver {
  constructor(private readonly service: WorkshopService) {}

  @Authorized(Role.Public)
  @Query(() => Workshop, { nullable: true })
  workshop(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<Workshop | null> {
    return context.loaders.workshopByIdLoader.load(id);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Workshop, { description: 'Records a co-construction workshop of a call (while it is in draft or co-construction).' })
  createWorkshop(@Ctx() context: Context, @Arg('input', () => CreateWorkshopInput) input: CreateWorkshopInput): Promise<Workshop> {
    return this.service.createWorkshop(context, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Workshop)
  updateWorkshop(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Arg('input', () => UpdateWorkshopInput) input: UpdateWorkshopInput): Promise<Workshop> {
    return this.service.updateWorkshop(context, id, version, input);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Call, { nullable: true })
  call(@Root() workshop: Workshop, @Ctx() context: Context): Promise<Call | null> {
    return context.loaders.callByIdLoader.load(workshop.callId);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [ActorRef], { nullable: true, description: 'Participating actors, resolved by the registry.' })
  async participants(@Root() workshop: Workshop, @Ctx() context: Context): Promise<ActorRef[]> {
    return (await context.loaders.participantIdsByWorkshopIdLoader.load(workshop.id)).map(actorRef);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => NeedConnection, { description: 'Needs the workshop produced.' })
  async needs(@Root() workshop: Workshop, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<NeedConnection> {
    return NeedConnection.from(await context.loaders.needsPageByWorkshopLoader.load({ parentId: workshop.id, ...pageWindow(page) }));
  }

  @Authorized(Role.Staff)
  @FieldResolver(() => HistoryConnection)
  history(@Root() workshop: Workshop, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<HistoryConnection> {
    return historyOf(context.loaders, 'Workshop', workshop.id, page);
  }
}

@Resolver(() => Need)
export class NeedResolver {
  constructor(private readonly service: WorkshopService) {}

  @Authorized(Role.Editor)
  @Mutation(() => Need, { description: 'Records a need for a challenge of a call (while it is in draft or co-construction).' })
  createNeed(@Ctx() context: Context, @Arg('input', () => CreateNeedInput) input: CreateNeedInput): Promise<Need> {
    return this.service.createNeed(context, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Need)
  updateNeed(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Arg('input', () => UpdateNeedInput) input: UpdateNeedInput): Promise<Need> {
    return this.service.updateNeed(context, id, version, input);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Challenge, { nullable: true })
  challenge(@Root() need: Need, @Ctx() context: Context): Promise<Challenge | null> {
    return context.loaders.challengeByIdLoader.load(need.challengeId);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Workshop, { nullable: true })
  workshop(@Root() need: Need, @Ctx() context: Context): Promise<Workshop | null> {
    return need.workshopId ? context.loaders.workshopByIdLoader.load(need.workshopId) : Promise.resolve(null);
  }

  @Authorized(Role.Staff)
  @FieldResolver(() => HistoryConnection)
  history(@Root() need: Need, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<HistoryConnection> {
    return historyOf(context.loaders, 'Need', need.id, page);
  }
}
