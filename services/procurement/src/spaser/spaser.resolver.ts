// The SPASER part of the graph: plans, their objectives, and the indicator kinds.
import { ConnectionType, HistoryConnection, historyOf, PageArgs, Role, type RequestContext } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Loaders } from '../loaders';
import { CreateSpaserPlanInput, IndicatorKindInput, SpaserObjectiveInput, SpaserPlanFilter, UpdateSpaserPlanInput } from './dto/spaser.input';
import { IndicatorKind, SpaserObjective, SpaserPlan } from './spaser.entity';
import type { SpaserService } from './spaser.service';

export const SpaserPlanConnection = ConnectionType(SpaserPlan, 'SpaserPlan');
export type SpaserPlanConnection = InstanceType<typeof SpaserPlanConnection>;
export const IndicatorKindConnection = ConnectionType(IndicatorKind, 'IndicatorKind');
export type IndicatorKindConnection = InstanceType<typeof IndicatorKindConnection>;

type Context = RequestContext<Loaders>;

// A SPASER is public by law (L2111-3: published, with its yearly follow-up): plans, objectives and kinds are public.
@Resolver(() => SpaserPlan)
export class SpaserPlanResolver {
  constructor(private readonly service: SpaserService) {}

  @Authorized(Role.Public)
  @Query(() => SpaserPlan, { nullable: true })
  spaserPlan(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<SpaserPlan | null> {
    return context.loaders.spaserPlanByIdLoader.load(id);
  }

  @Authorized(Role.Public)
  @Query(() => SpaserPlanConnection, { nullable: true, description: 'SPASER plans, latest period first.' })
  async spaserPlans(
    @Ctx() context: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => SpaserPlanFilter, { nullable: true }) filter?: SpaserPlanFilter,
  ): Promise<SpaserPlanConnection> {
    const result = await this.service.list(filter, page);
    // objectives name their plan: the page already holds it
    for (const { node } of result.edges) context.loaders.spaserPlanByIdLoader.prime(node.id, node);
    return SpaserPlanConnection.from(result);
  }

  @Authorized(Role.Public)
  @Query(() => IndicatorKindConnection, { nullable: true, description: 'Kinds of SPASER indicators, by code, with the national references.' })
  async indicatorKinds(@Args(() => PageArgs) page: PageArgs): Promise<IndicatorKindConnection> {
    return IndicatorKindConnection.from(await this.service.listKinds(page));
  }

  @Authorized(Role.Editor)
  @Mutation(() => SpaserPlan, { description: 'Creates the SPASER of an authority the caller edits.' })
  createSpaserPlan(@Ctx() context: Context, @Arg('input', () => CreateSpaserPlanInput) input: CreateSpaserPlanInput): Promise<SpaserPlan> {
    return this.service.create(context, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => SpaserPlan, { description: 'Changes a SPASER (status, adoption, period…); fails with CONFLICT when `version` is not the latest.' })
  updateSpaserPlan(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateSpaserPlanInput) input: UpdateSpaserPlanInput,
  ): Promise<SpaserPlan> {
    return this.service.update(context, id, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => SpaserPlan, { description: 'Adds a target to a SPASER; `planVersion` is the plan’s (CONFLICT when stale).' })
  addSpaserObjective(
    @Ctx() context: Context,
    @Arg('planId', () => ID) planId: string,
    @Arg('planVersion', () => Int) planVersion: number,
    @Arg('input', () => SpaserObjectiveInput) input: SpaserObjectiveInput,
  ): Promise<SpaserPlan> {
    return this.service.addObjective(context, planId, planVersion, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => SpaserObjective, { description: 'Changes a target; fails with CONFLICT when `version` is not the latest.' })
  updateSpaserObjective(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => SpaserObjectiveInput) input: SpaserObjectiveInput,
  ): Promise<SpaserObjective> {
    return this.service.updateObjective(context, id, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => SpaserPlan, { description: 'Removes a target from its SPASER.' })
  removeSpaserObjective(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number): Promise<SpaserPlan> {
    return this.service.removeObjective(context, id, version);
  }

  @Authorized(Role.Admin)
  @Mutation(() => IndicatorKind, { description: 'Adds a kind of indicator, shared by all authorities and followed by hand (admins).' })
  createIndicatorKind(@Ctx() context: Context, @Arg('input', () => IndicatorKindInput) input: IndicatorKindInput): Promise<IndicatorKind> {
    return this.service.createKind(context, input);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [SpaserObjective], { description: 'Targets, by year.' })
  objectives(@Root() plan: SpaserPlan, @Ctx() context: Context): Promise<SpaserObjective[]> {
    return context.loaders.objectivesByPlanIdLoader.load(plan.id);
  }

  @Authorized(Role.Staff)
  @FieldResolver(() => HistoryConnection, { description: 'Who changed what and when, objectives included, newest first (staff only).' })
  async history(@Root() plan: SpaserPlan, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<HistoryConnection> {
    return historyOf(context.loaders, 'SpaserPlan', plan.id, page);
  }
}

@Resolver(() => SpaserObjective)
export class SpaserObjectiveResolver {
  @Authorized(Role.Public)
  @FieldResolver(() => IndicatorKind, { nullable: true })
  indicatorKind(@Root() objective: SpaserObjective, @Ctx() context: Context): Promise<IndicatorKind | null> {
    return context.loaders.indicatorKindByCodeLoader.load(objective.indicatorKindCode);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => SpaserPlan, { nullable: true })
  plan(@Root() objective: SpaserObjective, @Ctx() context: Context): Promise<SpaserPlan | null> {
    return context.loaders.spaserPlanByIdLoader.load(objective.planId);
  }
}
