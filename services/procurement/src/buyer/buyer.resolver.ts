// The buyer part of the graph: arguments in, service or loader out.
import { ConnectionType, PageArgs, Role, type RequestContext } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Loaders } from '../loaders';
import { Buyer } from './buyer.entity';
import type { BuyerService } from './buyer.service';
import { BuyerFilter, CreateBuyerInput, UpdateBuyerInput } from './dto/buyer.input';

export const BuyerConnection = ConnectionType(Buyer, 'Buyer');
export type BuyerConnection = InstanceType<typeof BuyerConnection>;

type Context = RequestContext<Loaders>;

// Buyers are public bodies named in the DECP open data: public.
@Resolver(() => Buyer)
export class BuyerResolver {
  constructor(private readonly service: BuyerService) {}

  @Authorized(Role.Public)
  @Query(() => Buyer, { nullable: true })
  buyer(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<Buyer | null> {
    return context.loaders.buyerByIdLoader.load(id);
  }

  @Authorized(Role.Public)
  @Query(() => BuyerConnection, { nullable: true, description: 'Buyers, by name.' })
  async buyers(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => BuyerFilter, { nullable: true }) filter?: BuyerFilter): Promise<BuyerConnection> {
    return BuyerConnection.from(await this.service.list(filter, page));
  }

  @Authorized(Role.Editor)
  @Mutation(() => Buyer, { description: 'Registers a buyer of an authority the caller edits.' })
  createBuyer(@Ctx() context: Context, @Arg('input', () => CreateBuyerInput) input: CreateBuyerInput): Promise<Buyer> {
    return this.service.create(context, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Buyer, { description: 'Renames a buyer; fails with CONFLICT when `version` is not the latest.' })
  updateBuyer(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateBuyerInput) input: UpdateBuyerInput,
  ): Promise<Buyer> {
    return this.service.update(context, id, version, input);
  }
}
