// The training part of the graph.
import { ConnectionType, PageArgs, Role, type RequestContext } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Loaders } from '../loaders';
import { SpaserPlan } from '../spaser/spaser.entity';
import { CreateTrainingSessionInput, TrainingSessionFilter, UpdateTrainingSessionInput } from './dto/training.input';
import { TrainingSession } from './training.entity';
import type { TrainingService } from './training.service';

export const TrainingSessionConnection = ConnectionType(TrainingSession, 'TrainingSession');
export type TrainingSessionConnection = InstanceType<typeof TrainingSessionConnection>;

type Context = RequestContext<Loaders>;

// Internal staff training, not open data: staff and keys with read:procurement (for the SPASER's yearly report).
@Resolver(() => TrainingSession)
export class TrainingSessionResolver {
  constructor(private readonly service: TrainingService) {}

  @Authorized(Role.Staff, 'read:procurement')
  @Query(() => TrainingSessionConnection, { nullable: true, description: 'Training sessions for buyers, latest first.' })
  async trainingSessions(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => TrainingSessionFilter, { nullable: true }) filter?: TrainingSessionFilter): Promise<TrainingSessionConnection> {
    return TrainingSessionConnection.from(await this.service.list(filter, page));
  }

  @Authorized(Role.Editor)
  @Mutation(() => TrainingSession, { description: 'Records a training session of an authority the caller edits.' })
  createTrainingSession(@Ctx() context: Context, @Arg('input', () => CreateTrainingSessionInput) input: CreateTrainingSessionInput): Promise<TrainingSession> {
    return this.service.create(context, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => TrainingSession, { description: 'Changes a training session; fails with CONFLICT when `version` is not the latest.' })
  updateTrainingSession(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateTrainingSessionInput) input: UpdateTrainingSessionInput,
  ): Promise<TrainingSession> {
    return this.service.update(context, id, version, input);
  }

  @Authorized(Role.Staff, 'read:procurement')
  @FieldResolver(() => SpaserPlan, { nullable: true })
  spaserPlan(@Root() session: TrainingSession, @Ctx() context: Context): Promise<SpaserPlan | null> {
    return session.spaserPlanId ? context.loaders.spaserPlanByIdLoader.load(session.spaserPlanId) : Promise.resolve(null);
  }
}
