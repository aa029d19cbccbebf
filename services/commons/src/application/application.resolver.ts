// Applications, reviews and decisions in the graph: arguments in, service or loader out; members are registry actors.
import { HistoryConnection, PageArgs, Role } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Call, JuryMember } from '../call/call.entity';
import { Common } from '../common/common.entity';
import { ApplicationConnection, seesDrafts, visibleStatuses, type Context } from '../connections';
import { historyOf } from '@ess/kit';
import { ActorRef, actorRef } from '../references/external.types';
import { Need } from '../workshop/workshop.entity';
import { Application, ApplicationMemberRole, ApplicationStatus, ApplicationScore, CriterionScore, Decision, Review } from './application.entity';
import type { ApplicationService } from './application.service';
import { ApplicationFilter, CreateApplicationInput, DecisionInput, ReviewInput, UpdateApplicationInput } from './dto/application.input';

@Resolver(() => Application)
export class ApplicationResolver {
  constructor(private readonly service: ApplicationService) {}

  @Authorized(Role.Public)
  @Query(() => Application, { nullable: true })
  async application(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<Application | null> {
    const application = await context.loaders.applicationByIdLoader.load(id);
    return application && (application.status !== ApplicationStatus.DRAFT || seesDrafts(context)) ? application : null;
  }

  @Authorized(Role.Public)
  @Query(() => ApplicationConnection, { nullable: true, description: 'Applications matching the filters, by title (drafts for staff only).' })
  async applications(@Ctx() context: Context, @Args(() => PageArgs) page: PageArgs, @Arg('filter', () => ApplicationFilter, { nullable: true }) filter?: ApplicationFilter): Promise<ApplicationConnection> {
    return ApplicationConnection.from(await this.service.list({ ...filter, statuses: visibleStatuses(context, filter?.statuses)?.statuses }, page));
  }

  @Authorized(Role.Editor)
  @Mutation(() => Application, { description: 'Creates a draft application of a group of structures (call in co-construction or open).' })
  createApplication(@Ctx() context: Context, @Arg('input', () => CreateApplicationInput) input: CreateApplicationInput): Promise<Application> {
    return this.service.create(context, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Application, { description: 'Changes a draft application.' })
  updateApplication(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Arg('input', () => UpdateApplicationInput) input: UpdateApplicationInput): Promise<Application> {
    return this.service.update(context, id, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Application, { description: 'Submits a draft, only while the call is open and within its period.' })
  submitApplication(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number): Promise<Application> {
    return this.service.submit(context, id, version);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Application, { description: 'Withdraws an application before its review.' })
  withdrawApplication(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number): Promise<Application> {
    return this.service.withdraw(context, id, version);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Application, { description: 'Declares a submitted application eligible, or ineligible with a reason.' })
  screenApplication(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('eligible') eligible: boolean,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ): Promise<Application> {
    return this.service.screen(context, id, version, eligible, reason);
  }

  @Authorized(Role.Staff)
  @Mutation(() => Review, { description: 'The caller, a juror of the call, reviews an application under review (never one of a structure they belong to).' })
  reviewApplication(@Ctx() context: Context, @Arg('applicationId', () => ID) applicationId: string, @Arg('input', () => ReviewInput) input: ReviewInput): Promise<Review> {
    return this.service.review(context, applicationId, input);
  }

  @Authorized(Role.Staff)
  @Mutation(() => Review, { description: 'The juror changes their review.' })
  updateReview(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Arg('input', () => ReviewInput) input: ReviewInput): Promise<Review> {
    return this.service.updateReview(context, id, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Decision, { description: 'Accepts or rejects an application under review; the money granted stays within the call’s envelope.' })
  decideApplication(@Ctx() context: Context, @Arg('applicationId', () => ID) applicationId: string, @Arg('version', () => Int) version: number, @Arg('input', () => DecisionInput) input: DecisionInput): Promise<Decision> {
    return this.service.decide(context, applicationId, version, input);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Call, { nullable: true })
  call(@Root() application: Application, @Ctx() context: Context): Promise<Call | null> {
    return context.loaders.callByIdLoader.load(application.callId);
  }

  @Authorized(Role.Public)
  // Nullable: the lead's fields come from the registry, whose outage must not blank the application.
  @FieldResolver(() => ActorRef, { nullable: true, description: 'The lead structure, resolved by the registry.' })
  lead(@Root() application: Application): ActorRef {
    return actorRef(application.leadActorId);
  }

  @Authorized(Role.Public)
  // Nullable: the partners' fields come from the registry, whose outage must not blank the application.
  @FieldResolver(() => [ActorRef], { nullable: true, description: 'Partner structures in order, resolved by the registry.' })
  async partners(@Root() application: Application, @Ctx() context: Context): Promise<ActorRef[]> {
    const members = await context.loaders.membersByApplicationIdLoader.load(application.id);
    return members.filter((m) => m.role === ApplicationMemberRole.PARTNER).map((m) => actorRef(m.actorId));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Int, { description: 'Structures in the group, lead included.' })
  async groupSize(@Root() application: Application, @Ctx() context: Context): Promise<number> {
    return (await context.loaders.membersByApplicationIdLoader.load(application.id)).length;
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [Need], { description: 'Needs of the call the application answers.' })
  needs(@Root() application: Application, @Ctx() context: Context): Promise<Need[]> {
    return context.loaders.needsByApplicationIdLoader.load(application.id);
  }

  @Authorized(Role.Staff, 'read:commons')
  @FieldResolver(() => [Review], { nullable: true, description: 'Jurors’ reviews (staff and partners with read:commons).' })
  reviews(@Root() application: Application, @Ctx() context: Context): Promise<Review[]> {
    return context.loaders.reviewsByApplicationIdLoader.load(application.id);
  }

  @Authorized(Role.Staff, 'read:commons')
  @FieldResolver(() => ApplicationScore, { nullable: true, description: 'Score computed from the reviews.' })
  score(@Root() application: Application, @Ctx() context: Context): Promise<ApplicationScore> {
    return context.loaders.scoreByApplicationIdLoader.load(application.id);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Decision, { nullable: true })
  decision(@Root() application: Application, @Ctx() context: Context): Promise<Decision | null> {
    return context.loaders.decisionByApplicationIdLoader.load(application.id);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [Common], { description: 'Commons the application produced.' })
  commons(@Root() application: Application, @Ctx() context: Context): Promise<Common[]> {
    return context.loaders.commonsByApplicationIdLoader.load(application.id);
  }

  @Authorized(Role.Staff)
  @FieldResolver(() => HistoryConnection)
  history(@Root() application: Application, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<HistoryConnection> {
    return historyOf(context.loaders, 'Application', application.id, page);
  }
}

@Resolver(() => Review)
export class ReviewResolver {
  @Authorized(Role.Staff, 'read:commons')
  @FieldResolver(() => JuryMember, { nullable: true })
  juror(@Root() review: Review, @Ctx() context: Context): Promise<JuryMember | null> {
    return context.loaders.jurorByIdLoader.load(review.juryMemberId);
  }

  @Authorized(Role.Staff, 'read:commons')
  @FieldResolver(() => [CriterionScore], { description: 'Scores in the order of the call’s criteria.' })
  scores(@Root() review: Review, @Ctx() context: Context): Promise<CriterionScore[]> {
    return context.loaders.scoresByReviewIdLoader.load(review.id);
  }

  @Authorized(Role.Staff)
  @FieldResolver(() => HistoryConnection)
  history(@Root() review: Review, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<HistoryConnection> {
    return historyOf(context.loaders, 'Review', review.id, page);
  }
}
