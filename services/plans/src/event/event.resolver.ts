// The event part of the graph: arguments in, service or loader out.
import { HistoryConnection, PageArgs, Role } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { EventConnection, type Context } from '../connections';
import { historyOf } from '@ess/kit';
import { Plan } from '../plan/plan.entity';
import { CreateEventInput, EventFilter, UpdateEventInput } from './dto/event.input';
import { PlanEvent } from './event.entity';
import type { EventService } from './event.service';

@Resolver(() => PlanEvent)
export class EventResolver {
  constructor(private readonly service: EventService) {}

  @Authorized(Role.Public)
  @Query(() => PlanEvent, { nullable: true })
  event(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<PlanEvent | null> {
    return context.loaders.eventByIdLoader.load(id);
  }

  @Authorized(Role.Public)
  @Query(() => EventConnection, { nullable: true, description: 'Public events of plans matching the filters, by date.' })
  async events(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => EventFilter, { nullable: true }) filter?: EventFilter): Promise<EventConnection> {
    return EventConnection.from(await this.service.list(filter, page));
  }

  @Authorized(Role.Editor)
  @Mutation(() => PlanEvent)
  createEvent(@Ctx() context: Context, @Arg('input', () => CreateEventInput) input: CreateEventInput): Promise<PlanEvent> {
    return this.service.create(context, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => PlanEvent, { description: 'Changes an event; fails with CONFLICT when `version` is not the latest.' })
  updateEvent(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateEventInput) input: UpdateEventInput,
  ): Promise<PlanEvent> {
    return this.service.update(context, id, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Boolean)
  deleteEvent(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number): Promise<boolean> {
    return this.service.delete(context, id, version);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Plan, { nullable: true })
  plan(@Root() event: PlanEvent, @Ctx() context: Context): Promise<Plan | null> {
    return context.loaders.planByIdLoader.load(event.planId);
  }

  @Authorized(Role.Staff)
  @FieldResolver(() => HistoryConnection, { description: 'Who changed what and when, newest first (staff only).' })
  history(@Root() event: PlanEvent, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<HistoryConnection> {
    return historyOf(context.loaders, 'Event', event.id, page);
  }
}
