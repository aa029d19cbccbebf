// The contract part of the graph: arguments in, service or loader out.
import { ConnectionType, HistoryConnection, historyOf, PageArgs, Role, type RequestContext } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RegistryActor } from '../actor/registry-actor';
import { Buyer } from '../buyer/buyer.entity';
import { EssActor } from '../ess/ess-actor.entity';
import type { Loaders } from '../loaders';
import { Contract, ContractAwardee, ContractModification } from './contract.entity';
import type { ContractService } from './contract.service';
import { ContractFilter, ContractOrder } from './dto/contract.filter';
import { CreateContractInput, ModificationInput, UpdateContractInput } from './dto/contract.input';

export const ContractConnection = ConnectionType(Contract, 'Contract');
export type ContractConnection = InstanceType<typeof ContractConnection>;

type Context = RequestContext<Loaders>;

/**
 * Contracts are public: their essential data is open data by law (DECP, published on data.gouv.fr from 40 000 €), the
 * awardees included; what the platform adds (reserved basis, insertion hours) is the SPASER's follow-up, published yearly.
 * Only the history (who on the staff changed what) is for staff.
 */
@Resolver(() => Contract)
export class ContractResolver {
  constructor(private readonly service: ContractService) {}

  @Authorized(Role.Public)
  @Query(() => Contract, { nullable: true })
  contract(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<Contract | null> {
    return context.loaders.contractByIdLoader.load(id);
  }

  @Authorized(Role.Public)
  @Query(() => ContractConnection, { nullable: true, description: 'Contracts matching the filters, a page at a time (newest notification first by default).' })
  async contracts(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ContractFilter, { nullable: true }) filter?: ContractFilter,
    @Arg('orderBy', () => ContractOrder, { nullable: true }) orderBy?: ContractOrder,
  ): Promise<ContractConnection> {
    return ContractConnection.from(await this.service.list(filter, orderBy, page));
  }

  @Authorized(Role.Editor)
  @Mutation(() => Contract, { description: 'Records a contract of a buyer of an authority the caller edits.' })
  createContract(@Ctx() context: Context, @Arg('input', () => CreateContractInput) input: CreateContractInput): Promise<Contract> {
    return this.service.create(context, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Contract, {
    description:
      'Changes a contract; fails with CONFLICT when `version` is not the latest. Once published (publishedOn set), its DECP data are ' +
      'refused with BAD_USER_INPUT on each field (initial data never change: use addContractModification); reservedBasis and insertion hours stay editable.',
  })
  updateContract(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateContractInput) input: UpdateContractInput,
  ): Promise<Contract> {
    return this.service.update(context, id, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Contract, { description: 'Records a modification (avenant) of a contract; fails with CONFLICT when `version` is not the latest.' })
  addContractModification(
    @Ctx() context: Context,
    @Arg('contractId', () => ID) contractId: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => ModificationInput) input: ModificationInput,
  ): Promise<Contract> {
    return this.service.addModification(context, contractId, version, input);
  }

  @Authorized(Role.Editor)
  @Mutation(() => Boolean, { description: 'Deletes a contract entered by mistake; its history stays.' })
  deleteContract(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number): Promise<boolean> {
    return this.service.remove(context, id, version);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => Buyer, { nullable: true })
  buyer(@Root() contract: Contract, @Ctx() context: Context): Promise<Buyer | null> {
    return context.loaders.buyerByIdLoader.load(contract.buyerId);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [ContractAwardee], { description: 'Awardees as notified (DECP titulaires).' })
  async awardees(@Root() contract: Contract, @Ctx() context: Context): Promise<ContractAwardee[]> {
    return (await context.loaders.awardeesByContractIdLoader.load(contract.id)).filter((a) => a.modificationId === null);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [ContractAwardee], { description: 'Awardees today: those of the latest modification that changed them, or the initial ones.' })
  async currentAwardees(@Root() contract: Contract, @Ctx() context: Context): Promise<ContractAwardee[]> {
    return (await context.loaders.awardeesByContractIdLoader.load(contract.id)).filter((a) => a.current);
  }

  @Authorized(Role.Public)
  @FieldResolver(() => [ContractModification], { description: 'Modifications in order of notification.' })
  modifications(@Root() contract: Contract, @Ctx() context: Context): Promise<ContractModification[]> {
    return context.loaders.modificationsByContractIdLoader.load(contract.id);
  }

  @Authorized(Role.Staff)
  @FieldResolver(() => HistoryConnection, { description: 'Who changed what and when, newest first (staff only).' })
  async history(@Root() contract: Contract, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<HistoryConnection> {
    return historyOf(context.loaders, 'Contract', contract.id, page);
  }
}

@Resolver(() => ContractModification)
export class ContractModificationResolver {
  @Authorized(Role.Public)
  @FieldResolver(() => [ContractAwardee], { description: 'Awardees after the modification (empty when it did not change them).' })
  async awardees(@Root() modification: ContractModification, @Ctx() context: Context): Promise<ContractAwardee[]> {
    return (await context.loaders.awardeesByContractIdLoader.load(modification.contractId)).filter((a) => a.modificationId === modification.id);
  }
}

@Resolver(() => ContractAwardee)
export class ContractAwardeeResolver {
  /**
   * A reference only for SIRETs the registry published (its projection here): a reference to an actor the registry
   * does not have would come back from it as null and fail the gateway's query on the actor's non-null fields.
   */
  @Authorized(Role.Public)
  @FieldResolver(() => RegistryActor, { nullable: true, description: 'The registry actor with this SIRET (null when the awardee has no SIRET or the registry does not know it).' })
  async actor(@Root() awardee: ContractAwardee, @Ctx() context: Context): Promise<RegistryActor | null> {
    if (!awardee.siret) return null;
    return (await context.loaders.essActorBySiretLoader.load(awardee.siret)) ? RegistryActor.of(awardee.siret) : null;
  }

  @Authorized(Role.Public)
  @FieldResolver(() => EssActor, { nullable: true, description: 'The ESS status the registry published for this SIRET (what the indicators count).' })
  ess(@Root() awardee: ContractAwardee, @Ctx() context: Context): Promise<EssActor | null> {
    return awardee.siret ? context.loaders.essActorBySiretLoader.load(awardee.siret) : Promise.resolve(null);
  }
}
