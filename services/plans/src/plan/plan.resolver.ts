// The plan part of the graph: arguments in, service or loader out; roll-ups come from their SQL loaders.
import { HistoryConnection, PageArgs, Role } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { NestedActionFilter } from '../action/dto/action.input';
import { Authority, PlanKind } from '../authority/authority.entity';
import { Axis } from '../axis/axis.entity';
import { ActionConnection, AgreementConnection, EventConnection, IndicatorConnection, PlanConnection, type Context } from '../connections';
import { historyOf, pageWindow } from '@ess/kit';
import { AgreementTotal, BudgetSummary, IndicatorCounts, ProgressSummary } from '../rollup/rollup.types';
import { CreatePlanInput, PlanFilter, UpdatePlanInput } from './dto/plan.input';
import { Plan } from './plan.entity';
import type { PlanService } from './plan.service';

@Resolver(() => Plan)
export class PlanResolver {
  constructor(private readonly service: PlanService) {}

  @Authorized(Role.Public)
  @Query(() => Plan, { nullable: true })
  plan(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<Plan | null> {
    return context.loaders.planByIdLoader.load(id);
  }

  @Authorized(Role.Public)
  @Query(() => PlanConnection, { nullable: true, description: 'Plans matching the filters, by title.' })
  async plans(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => PlanFilter, { nullable: true }) filter?: PlanFilter): Promise<PlanConnection> {
    return PlanConnection.from(await this.service.list(filter, page));
  }

  @Authorized(Role.Editor)
  @Mutation(() => Plan, { description: 'Creates a plan of authorities the caller edits (all of them).' })
  createPlan(@Ctx() context: Context, @Arg('input', () => CreatePlanInput) input: CreatePlanInput): Promise<Plan> {
    return this.service.create(context, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Plan, { description: 'Changes a plan (staff of any of its authorities); fails with CONFLICT when `version` is not the latest.' })
  updatePlan(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdatePlanInput) input: UpdatePlanInput,
  ): Promise<Plan> {
    return this.service.update(context, id, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Boolean, { description: 'Deletes a plan that holds nothing yet; a plan with content is closed instead.' })
  deletePlan(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number): Promise<boolean> {
    return this.service.delete(context, id, version);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => PlanKind, { nullable: true })
  kind(@Root() plan: Plan, @Ctx() context: Context): Promise<PlanKind | null> {
    return context.loaders.planKindByCodeLoader.load(plan.kindCode);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [Authority], { description: 'The authorities the plan belongs to (one or several).' })
  authorities(@Root() plan: Plan, @Ctx() context: Context): Promise<Authority[]> {
    return context.loaders.authoritiesByPlanIdLoader.load(plan.id);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [Axis], { description: 'The axes, in order (at most 20).' })
  axes(@Root() plan: Plan, @Ctx() context: Context): Promise<Axis[]> {
    return context.loaders.axesByPlanIdLoader.load(plan.id);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => ActionConnection, { description: 'Actions of the plan in plan order (axis, then position in the axis).' })
  async actions(
    @Root() plan: Plan,
    @Ctx() context: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => NestedActionFilter, { nullable: true }) filter?: NestedActionFilter,
  ): Promise<ActionConnection> {
    return ActionConnection.from(await context.loaders.actionsPageByPlanLoader.load({ parentId: plan.id, ...pageWindow(page), filter: filter ?? undefined }));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => IndicatorConnection, { description: 'Indicators of the plan and of its actions, by title.' })
  async indicators(@Root() plan: Plan, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<IndicatorConnection> {
    return IndicatorConnection.from(await context.loaders.indicatorsPageByPlanLoader.load({ parentId: plan.id, ...pageWindow(page) }));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => AgreementConnection, { description: 'Agreements implementing the plan, newest first.' })
  async agreements(@Root() plan: Plan, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<AgreementConnection> {
    return AgreementConnection.from(await context.loaders.agreementsPageByPlanLoader.load({ parentId: plan.id, ...pageWindow(page) }));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => EventConnection, { description: 'Public events of the plan, by date.' })
  async events(@Root() plan: Plan, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<EventConnection> {
    return EventConnection.from(await context.loaders.eventsPageByPlanLoader.load({ parentId: plan.id, ...pageWindow(page) }));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => ProgressSummary, {
    description: 'Progress of the plan: average of its actions (sub-actions included, cancelled ones left out), equal weights.',
  })
  async progress(@Root() plan: Plan, @Ctx() context: Context): Promise<ProgressSummary> {
    return (await context.loaders.rollupByPlanIdLoader.load(plan.id)).progress;
  }

  @Authorized(Role.Public)
  @FieldResolver(() => BudgetSummary, {
    description: 'Planned and committed budget of the plan’s actions (sub-actions included, cancelled ones left out).',
  })
  async budget(@Root() plan: Plan, @Ctx() context: Context): Promise<BudgetSummary> {
    return (await context.loaders.rollupByPlanIdLoader.load(plan.id)).budget;
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [AgreementTotal], { description: 'Amounts of signed agreements per axis and per year of signature.' })
  agreementTotals(@Root() plan: Plan, @Ctx() context: Context): Promise<AgreementTotal[]> {
    return context.loaders.agreementTotalsByPlanIdLoader.load(plan.id);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => IndicatorCounts, { description: 'Indicators of the plan (and of its actions) on track, late, achieved, without data.' })
  indicatorCounts(@Root() plan: Plan, @Ctx() context: Context): Promise<IndicatorCounts> {
    return context.loaders.indicatorCountsByPlanIdLoader.load(plan.id);
  }

  @Authorized(Role.Staff)
  @FieldResolver(() => HistoryConnection, { description: 'Who changed what and when, newest first (staff only).' })
  history(@Root() plan: Plan, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<HistoryConnection> {
    return historyOf(context.loaders, 'Plan', plan.id, page);
  }
}
