// What this subgraph adds to the registry's Actor: the applications it takes part in and the commons it maintains.
import { PageArgs, Role } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { NestedApplicationFilter } from '../application/dto/application.input';
import { ApplicationConnection, CommonConnection, visibleStatuses, type Context } from '../connections';
import { pageWindow } from '@ess/kit';
import { ActorRef } from './external.types';

@Resolver(() => ActorRef)
export class ActorExtensionResolver {
  @Authorized(Role.Public)
  @FieldResolver(() => ApplicationConnection, { nullable: true, description: 'Applications to calls for commons the actor takes part in, as lead or partner, by title (commons subgraph).' })
  async commonsApplications(
    @Root() actor: ActorRef,
    @Ctx() context: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => NestedApplicationFilter, { nullable: true }) filter?: NestedApplicationFilter,
  ): Promise<ApplicationConnection> {
    return ApplicationConnection.from(
      await context.loaders.applicationsPageByActorLoader.load({ parentId: actor.id, ...pageWindow(page), filter: visibleStatuses(context, filter?.statuses) }),
    );
  }

  @Authorized(Role.Public)
  @FieldResolver(() => CommonConnection, { nullable: true, description: 'Commons the actor maintains, by name (commons subgraph).' })
  async maintainedCommons(@Root() actor: ActorRef, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<CommonConnection> {
    return CommonConnection.from(await context.loaders.commonsPageByMaintainerLoader.load({ parentId: actor.id, ...pageWindow(page) }));
  }
}
