// The actor part of the graph: arguments in, service or loader out.
import { BadInputError, ConnectionType, HistoryConnection, historyOf, PageArgs, Role, IDEMPOTENCY_KEY_DESCRIPTION, type RequestContext } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Contact } from '../contact/contact.entity';
import { assertCanReadContacts } from '../contact/contact.service';
import type { Loaders } from '../loaders';
import { recordContactReads } from '../personal-data/access-log';
import { Network } from '../network/network.entity';
import { Actor } from './actor.entity';
import type { ActorService } from './actor.service';
import { ActorFilter, ActorOrder } from './dto/actor.filter';
import { CreateActorInput, UpdateActorInput } from './dto/actor.input';

export const ActorConnection = ConnectionType(Actor, 'Actor');
export type ActorConnection = InstanceType<typeof ActorConnection>;

type Context = RequestContext<Loaders>;

@Resolver(() => Actor)
export class ActorResolver {
  constructor(private readonly service: ActorService) {}

  @Authorized(Role.Public)
  @Query(() => Actor, { nullable: true, description: 'One actor, by id or by SIRET.' })
  async actor(
    @Ctx() context: Context,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('siret', () => String, { nullable: true }) siret?: string,
  ): Promise<Actor | null> {
    if ((id == null) === (siret == null)) throw BadInputError.field('id', 'give either id or siret');
    return id != null ? context.loaders.actorByIdLoader.load(id) : context.loaders.actorBySiretLoader.load(siret!.replace(/\s/g, ''));
  }

  @Authorized(Role.Public)
  @Query(() => ActorConnection, { nullable: true, description: 'Actors matching the filters, a page at a time, in a stable order (name by default).' })
  async actors(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ActorFilter, { nullable: true }) filter?: ActorFilter,
    @Arg('orderBy', () => ActorOrder, { nullable: true }) orderBy?: ActorOrder,
  ): Promise<ActorConnection> {
    return ActorConnection.from(await this.service.list(filter, orderBy, page));
  }

  @Authorized(Role.Editor)
  @Mutation(() => Actor, { description: 'Registers an actor in an authority the caller edits.' })
  createActor(
    @Ctx() context: Context,
    @Arg('input', () => CreateActorInput) input: CreateActorInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey?: string | null,
  ): Promise<Actor> {
    return this.service.create(context, input, idempotencyKey);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Actor, { description: 'Changes an actor; fails with CONFLICT when `version` is not the latest.' })
  updateActor(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateActorInput) input: UpdateActorInput,
  ): Promise<Actor> {
    return this.service.update(context, id, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Actor, { description: 'Hides an actor from default lists, keeping its links and history.' })
  archiveActor(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number): Promise<Actor> {
    return this.service.setArchived(context, id, version, true);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Actor, { description: 'Brings an archived actor back.' })
  restoreActor(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number): Promise<Actor> {
    return this.service.setArchived(context, id, version, false);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [Network], { description: 'Networks the actor belongs to.' })
  networks(@Root() actor: Actor, @Ctx() context: Context): Promise<Network[]> {
    return context.loaders.networksByActorIdLoader.load(actor.id);
  }

  @Authorized(Role.Staff)
  @FieldResolver(() => HistoryConnection, { description: 'Who changed what and when, newest first (staff only).' })
  async history(@Root() actor: Actor, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<HistoryConnection> {
    return historyOf(context.loaders, 'Actor', actor.id, page);
  }

  @Authorized(Role.Staff, 'read:contacts')
  @FieldResolver(() => [Contact], { nullable: true, description: 'Contact persons (personal data; every read is logged).' })
  async contacts(@Root() actor: Actor, @Ctx() context: Context): Promise<Contact[]> {
    assertCanReadContacts(context.identity, actor.authorityCode);
    const contacts = await context.loaders.contactsByActorIdLoader.load(actor.id);
    await recordContactReads(context, contacts);
    return contacts;
  }
}
