// What this subgraph adds to the registry's Actor: the agreements that fund it and the actions it is partner of.
import { PageArgs, Role } from '@ess/kit';
import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ActionConnection, AgreementConnection, type Context } from '../connections';
import { pageWindow } from '@ess/kit';
import { ActorRef } from './external.types';

@Resolver(() => ActorRef)
export class ActorExtensionResolver {
  @Authorized(Role.Public)
  @FieldResolver(() => AgreementConnection, { nullable: true, description: 'Agreements funding the actor, newest first (plans subgraph).' })
  async agreements(@Root() actor: ActorRef, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<AgreementConnection> {
    return AgreementConnection.from(await context.loaders.agreementsPageByActorLoader.load({ parentId: actor.id, ...pageWindow(page) }));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => ActionConnection, { nullable: true, description: 'Plan actions the actor is partner of, by title (plans subgraph).' })
  async partnerActions(@Root() actor: ActorRef, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<ActionConnection> {
    return ActionConnection.from(await context.loaders.partnerActionsPageLoader.load({ parentId: actor.id, ...pageWindow(page) }));
  }
}
