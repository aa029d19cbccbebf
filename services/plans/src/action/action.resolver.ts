// The action part of the graph: arguments in, service or loader out; partners and products are entity references.
import { HistoryConnection, IDEMPOTENCY_KEY_DESCRIPTION, PageArgs, Role } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Axis } from '../axis/axis.entity';
import { ActionConnection, AgreementConnection, IndicatorConnection, type Context } from '../connections';
import { historyOf, pageWindow } from '@ess/kit';
import { Plan } from '../plan/plan.entity';
import { ActorRef, actorRef, CallRef, callRef, NetworkRef, networkRef, SpaserPlanRef, spaserPlanRef } from '../references/external.types';
import { Action, Milestone } from './action.entity';
import type { ActionService } from './action.service';
import { ActionFilter, CreateActionInput, UpdateActionInput } from './dto/action.input';

@Resolver(() => Action)
export class ActionResolver {
  constructor(private readonly service: ActionService) {}

  @Authorized(Role.Public)
  @Query(() => Action, { nullable: true })
  action(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<Action | null> {
    return context.loaders.actionByIdLoader.load(id);
  }

  @Authorized(Role.Public)
  @Query(() => ActionConnection, { nullable: true, description: 'Actions matching the filters, by title.' })
  async actions(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => ActionFilter, { nullable: true }) filter?: ActionFilter): Promise<ActionConnection> {
    return ActionConnection.from(await this.service.list(filter, page));
  }

  @Authorized(Role.Editor)
  @Mutation(() => Action, { description: 'Adds an action under an axis (at the end or at a position), possibly as a sub-action.' })
  createAction(
    @Ctx() context: Context,
    @Arg('input', () => CreateActionInput) input: CreateActionInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null,
  ): Promise<Action> {
    return this.service.create(context, input, idempotencyKey);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Action, { description: 'Changes an action; fails with CONFLICT when `version` is not the latest.' })
  updateAction(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateActionInput) input: UpdateActionInput,
  ): Promise<Action> {
    return this.service.update(context, id, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Action, { description: 'Moves an action to a position (1 = first) of its axis or of another axis of the plan; the others are renumbered.' })
  moveAction(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('position', () => Int) position: number,
    @Arg('axisId', () => ID, { nullable: true }) axisId?: string,
  ): Promise<Action> {
    return this.service.move(context, id, version, position, axisId);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Boolean, { description: 'Deletes an action nothing depends on; the next ones move up.' })
  deleteAction(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number): Promise<boolean> {
    return this.service.delete(context, id, version);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Plan, { nullable: true })
  plan(@Root() action: Action, @Ctx() context: Context): Promise<Plan | null> {
    return context.loaders.planByIdLoader.load(action.planId);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Axis, { nullable: true })
  axis(@Root() action: Action, @Ctx() context: Context): Promise<Axis | null> {
    return context.loaders.axisByIdLoader.load(action.axisId);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Action, { nullable: true, description: 'The action this one details.' })
  parent(@Root() action: Action, @Ctx() context: Context): Promise<Action | null> {
    return action.parentId ? context.loaders.actionByIdLoader.load(action.parentId) : Promise.resolve(null);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => ActionConnection, { description: 'Sub-actions, in plan order.' })
  async subActions(@Root() action: Action, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<ActionConnection> {
    return ActionConnection.from(await context.loaders.subActionsPageLoader.load({ parentId: action.id, ...pageWindow(page) }));
  }

  @Authorized(Role.Public)
  // Nullable: the partners' fields come from the registry, whose outage must not blank the whole action.
  @FieldResolver(() => [ActorRef], { nullable: true, description: 'Partner actors (at most 50), resolved by the actor registry.' })
  async partners(@Root() action: Action, @Ctx() context: Context): Promise<ActorRef[]> {
    return (await context.loaders.partnerIdsByActionIdLoader.load(action.id)).map(actorRef);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [Milestone], { description: 'Dated steps, by date (at most 50).' })
  milestones(@Root() action: Action, @Ctx() context: Context): Promise<Milestone[]> {
    return context.loaders.milestonesByActionIdLoader.load(action.id);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => CallRef, { nullable: true, description: 'The call for commons the action produces.' })
  callForCommons(@Root() action: Action): CallRef | null {
    return callRef(action.callId);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => SpaserPlanRef, { nullable: true, description: 'The SPASER the action produces.' })
  spaserPlan(@Root() action: Action): SpaserPlanRef | null {
    return spaserPlanRef(action.spaserPlanId);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => NetworkRef, { nullable: true, description: 'The network the action builds.' })
  network(@Root() action: Action): NetworkRef | null {
    return networkRef(action.networkId);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => IndicatorConnection, { description: 'Indicators of the action, by title.' })
  async indicators(@Root() action: Action, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<IndicatorConnection> {
    return IndicatorConnection.from(await context.loaders.indicatorsPageByActionLoader.load({ parentId: action.id, ...pageWindow(page) }));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => AgreementConnection, { description: 'Agreements implementing the action, newest first.' })
  async agreements(@Root() action: Action, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<AgreementConnection> {
    return AgreementConnection.from(await context.loaders.agreementsPageByActionLoader.load({ parentId: action.id, ...pageWindow(page) }));
  }

  @Authorized(Role.Staff)
  @FieldResolver(() => HistoryConnection, { description: 'Who changed what and when, newest first (staff only).' })
  history(@Root() action: Action, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<HistoryConnection> {
    return historyOf(context.loaders, 'Action', action.id, page);
  }
}
