// Fields this subgraph adds to the registry's Actor: the contracts it was awarded and their amount.
import { PageArgs, pageWindow, Role, type RequestContext } from '@ess/kit';
import { Args, Authorized, Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { ContractConnection } from '../contract/contract.resolver';
import type { Loaders } from '../loaders';
import { RegistryActor } from './registry-actor';

type Context = RequestContext<Loaders>;

// Nullable fields: an outage of this subgraph must cost only these fields of an Actor, never the whole answer.
@Resolver(() => RegistryActor)
export class RegistryActorResolver {
  @Authorized(Role.Public)
  @FieldResolver(() => ContractConnection, { nullable: true, description: 'Contracts awarded to this SIRET (initially or by a modification), newest first.' })
  async awardedContracts(@Root() actor: RegistryActor, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<ContractConnection | null> {
    if (!actor.siret) return null;
    return ContractConnection.from(await context.loaders.awardedContractsPageLoader.load({ parentId: actor.siret, ...pageWindow(page) }));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Float, { nullable: true, description: 'Current amount (euros excl. tax) of the contracts it holds today, shared evenly with co-awardees.' })
  awardedAmount(@Root() actor: RegistryActor, @Ctx() context: Context): Promise<number> | null {
    return actor.siret ? context.loaders.awardedAmountBySiretLoader.load(actor.siret) : null;
  }
}
