// The network part of the graph.
import { ConnectionType, PageArgs, pageWindow, Role, type RequestContext } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Actor } from '../actor/actor.entity';
import { ActorConnection } from '../actor/actor.resolver';
import type { Loaders } from '../loaders';
import { NetworkInput } from './dto/network.input';
import { Network, NetworkKind } from './network.entity';
import type { NetworkService } from './network.service';

export const NetworkConnection = ConnectionType(Network, 'Network');
export type NetworkConnection = InstanceType<typeof NetworkConnection>;

type Context = RequestContext<Loaders>;

@Resolver(() => Network)
export class NetworkResolver {
  constructor(private readonly service: NetworkService) {}

  @Authorized(Role.Public)
  @Query(() => Network, { nullable: true })
  network(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<Network | null> {
    return context.loaders.networkByIdLoader.load(id);
  }

  @Authorized(Role.Public)
  @Query(() => NetworkConnection, { nullable: true, description: 'Networks, by name.' })
  async networks(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('kind', () => NetworkKind, { nullable: true }) kind?: NetworkKind,
    @Arg('authority', () => String, { nullable: true }) authority?: string,
  ): Promise<NetworkConnection> {
    return NetworkConnection.from(await this.service.list({ kind, authority }, page));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => ActorConnection, { description: 'Member actors, by name (archived ones left out).' })
  async members(@Root() network: Network, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<ActorConnection> {
    return ActorConnection.from(await context.loaders.membersPageLoader.load({ parentId: network.id, ...pageWindow(page) }));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Int)
  memberCount(@Root() network: Network, @Ctx() context: Context): Promise<number> {
    return context.loaders.memberCountByNetworkIdLoader.load(network.id);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Actor, { nullable: true, description: 'The registry actor that runs the network.' })
  carrier(@Root() network: Network, @Ctx() context: Context): Promise<Actor | null> {
    return network.carrierActorId ? context.loaders.actorByIdLoader.load(network.carrierActorId) : Promise.resolve(null);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Network)
  createNetwork(@Ctx() context: Context, @Arg('input', () => NetworkInput) input: NetworkInput): Promise<Network> {
    return this.service.create(context, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Network, { description: 'Changes a network; fails with CONFLICT when `version` is not the latest.' })
  updateNetwork(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => NetworkInput) input: NetworkInput,
  ): Promise<Network> {
    return this.service.update(context, id, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Network, { description: 'Adds an actor to a network (nothing changes if it is already a member).' })
  addNetworkMember(
    @Ctx() context: Context,
    @Arg('networkId', () => ID) networkId: string,
    @Arg('actorId', () => ID) actorId: string,
    @Arg('joinedOn', () => String, { nullable: true }) joinedOn?: string,
  ): Promise<Network> {
    return this.service.addMember(context, networkId, actorId, joinedOn ?? null);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Network)
  removeNetworkMember(@Ctx() context: Context, @Arg('networkId', () => ID) networkId: string, @Arg('actorId', () => ID) actorId: string): Promise<Network> {
    return this.service.removeMember(context, networkId, actorId);
  }
}
