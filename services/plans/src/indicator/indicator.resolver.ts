// The indicator part of the graph: arguments in, service or loader out; the tracking status comes from SQL.
import { HistoryConnection, PageArgs, Role } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Action } from '../action/action.entity';
import { IndicatorConnection, IndicatorValueConnection, type Context } from '../connections';
import { historyOf, pageWindow } from '@ess/kit';
import { Plan } from '../plan/plan.entity';
import { CreateIndicatorInput, IndicatorValueInput, UpdateIndicatorInput } from './dto/indicator.input';
import { Indicator, IndicatorTracking } from './indicator.entity';
import type { IndicatorService } from './indicator.service';

@Resolver(() => Indicator)
export class IndicatorResolver {
  constructor(private readonly service: IndicatorService) {}

  @Authorized(Role.Public)
  @Query(() => Indicator, { nullable: true })
  indicator(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<Indicator | null> {
    return context.loaders.indicatorByIdLoader.load(id);
  }

  @Authorized(Role.Public)
  @Query(() => IndicatorConnection, { nullable: true, description: 'Indicators, of one plan or of all, by title.' })
  async indicators(@Args(() => PageArgs) page: PageArgs, @Arg('planId', () => ID, { nullable: true }) planId?: string): Promise<IndicatorConnection> {
    return IndicatorConnection.from(await this.service.list(planId, page));
  }

  @Authorized(Role.Editor)
  @Mutation(() => Indicator)
  createIndicator(@Ctx() context: Context, @Arg('input', () => CreateIndicatorInput) input: CreateIndicatorInput): Promise<Indicator> {
    return this.service.create(context, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Indicator, { description: 'Changes an indicator; fails with CONFLICT when `version` is not the latest.' })
  updateIndicator(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateIndicatorInput) input: UpdateIndicatorInput,
  ): Promise<Indicator> {
    return this.service.update(context, id, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Boolean, { description: 'Deletes an indicator and its values.' })
  deleteIndicator(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number): Promise<boolean> {
    return this.service.delete(context, id, version);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Indicator, { description: 'Records the value measured on a date (replacing that date’s value); the indicator’s version moves on.' })
  recordIndicatorValue(
    @Ctx() context: Context,
    @Arg('indicatorId', () => ID) indicatorId: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => IndicatorValueInput) input: IndicatorValueInput,
  ): Promise<Indicator> {
    return this.service.recordValue(context, indicatorId, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Indicator, { description: 'Removes the value of a date.' })
  removeIndicatorValue(
    @Ctx() context: Context,
    @Arg('indicatorId', () => ID) indicatorId: string,
    @Arg('version', () => Int) version: number,
    @Arg('measuredOn') measuredOn: string,
  ): Promise<Indicator> {
    return this.service.removeValue(context, indicatorId, version, measuredOn);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Plan, { nullable: true })
  plan(@Root() indicator: Indicator, @Ctx() context: Context): Promise<Plan | null> {
    return context.loaders.planByIdLoader.load(indicator.planId);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Action, { nullable: true })
  action(@Root() indicator: Indicator, @Ctx() context: Context): Promise<Action | null> {
    return indicator.actionId ? context.loaders.actionByIdLoader.load(indicator.actionId) : Promise.resolve(null);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => IndicatorValueConnection, { description: 'Measured values, oldest first.' })
  async values(@Root() indicator: Indicator, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<IndicatorValueConnection> {
    return IndicatorValueConnection.from(await context.loaders.valuesPageByIndicatorLoader.load({ parentId: indicator.id, ...pageWindow(page) }));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => IndicatorTracking, { description: 'On track, late, achieved or without data (computed in SQL).' })
  tracking(@Root() indicator: Indicator, @Ctx() context: Context): Promise<IndicatorTracking> {
    return context.loaders.indicatorTrackingByIdLoader.load(indicator.id);
  }

  @Authorized(Role.Staff)
  @FieldResolver(() => HistoryConnection, { description: 'Who changed what and when (values included), newest first (staff only).' })
  history(@Root() indicator: Indicator, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<HistoryConnection> {
    return historyOf(context.loaders, 'Indicator', indicator.id, page);
  }
}
