// The axis part of the graph: arguments in, service or loader out.
import { HistoryConnection, PageArgs, Role } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { NestedActionFilter } from '../action/dto/action.input';
import { ActionConnection, type Context } from '../connections';
import { historyOf, pageWindow } from '@ess/kit';
import { Plan } from '../plan/plan.entity';
import { AgreementYearTotal, BudgetSummary, ProgressSummary } from '../rollup/rollup.types';
import { Axis } from './axis.entity';
import type { AxisService } from './axis.service';
import { CreateAxisInput, UpdateAxisInput } from './dto/axis.input';

@Resolver(() => Axis)
export class AxisResolver {
  constructor(private readonly service: AxisService) {}

  @Authorized(Role.Public)
  @Query(() => Axis, { nullable: true })
  axis(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<Axis | null> {
    return context.loaders.axisByIdLoader.load(id);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Axis, { description: 'Adds an axis to a plan, at the end or at a position.' })
  createAxis(@Ctx() context: Context, @Arg('planId', () => ID) planId: string, @Arg('input', () => CreateAxisInput) input: CreateAxisInput): Promise<Axis> {
    return this.service.create(context, planId, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Axis, { description: 'Changes an axis; fails with CONFLICT when `version` is not the latest.' })
  updateAxis(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateAxisInput) input: UpdateAxisInput,
  ): Promise<Axis> {
    return this.service.update(context, id, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Axis, { description: 'Moves an axis to a position (1 = first); the others are renumbered.' })
  moveAxis(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('position', () => Int) position: number,
  ): Promise<Axis> {
    return this.service.move(context, id, version, position);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Boolean, { description: 'Deletes an axis without actions; the following axes move up.' })
  deleteAxis(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number): Promise<boolean> {
    return this.service.delete(context, id, version);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Plan, { nullable: true })
  plan(@Root() axis: Axis, @Ctx() context: Context): Promise<Plan | null> {
    return context.loaders.planByIdLoader.load(axis.planId);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => ActionConnection, { description: 'Actions of the axis, in order (sub-actions included unless filtered out).' })
  async actions(
    @Root() axis: Axis,
    @Ctx() context: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => NestedActionFilter, { nullable: true }) filter?: NestedActionFilter,
  ): Promise<ActionConnection> {
    return ActionConnection.from(await context.loaders.actionsPageByAxisLoader.load({ parentId: axis.id, ...pageWindow(page), filter: filter ?? undefined }));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => ProgressSummary, {
    description: 'Progress of the axis: average of its actions (sub-actions included, cancelled ones left out), equal weights.',
  })
  async progress(@Root() axis: Axis, @Ctx() context: Context): Promise<ProgressSummary> {
    return (await context.loaders.rollupByAxisIdLoader.load(axis.id)).progress;
  }

  @Authorized(Role.Public)
  @FieldResolver(() => BudgetSummary, {
    description: 'Planned and committed budget of the axis’s actions (sub-actions included, cancelled ones left out).',
  })
  async budget(@Root() axis: Axis, @Ctx() context: Context): Promise<BudgetSummary> {
    return (await context.loaders.rollupByAxisIdLoader.load(axis.id)).budget;
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [AgreementYearTotal], { description: 'Amounts of signed agreements of the axis’s actions, per year of signature.' })
  agreementTotals(@Root() axis: Axis, @Ctx() context: Context): Promise<AgreementYearTotal[]> {
    return context.loaders.agreementTotalsByAxisIdLoader.load(axis.id);
  }

  @Authorized(Role.Staff)
  @FieldResolver(() => HistoryConnection, { description: 'Who changed what and when, newest first (staff only).' })
  history(@Root() axis: Axis, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<HistoryConnection> {
    return historyOf(context.loaders, 'Axis', axis.id, page);
  }
}
