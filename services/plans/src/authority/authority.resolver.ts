// Authorities and plan kinds in the graph: arguments in, service or loader out.
import { HistoryConnection, PageArgs, Role } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AuthorityConnection, PlanConnection, PlanKindConnection, type Context } from '../connections';
import { historyOf, pageWindow } from '@ess/kit';
import { Authority, PlanKind } from './authority.entity';
import type { AuthorityService } from './authority.service';
import { CreateAuthorityInput, CreatePlanKindInput, UpdateAuthorityInput, UpdatePlanKindInput } from './dto/authority.input';

@Resolver(() => Authority)
export class AuthorityResolver {
  constructor(private readonly service: AuthorityService) {}

  @Authorized(Role.Public)
  @Query(() => Authority, { nullable: true, description: 'One authority, by INSEE code.' })
  authority(@Ctx() context: Context, @Arg('code') code: string): Promise<Authority | null> {
    return context.loaders.authorityByCodeLoader.load(code);
  }

  @Authorized(Role.Public)
  @Query(() => AuthorityConnection, { nullable: true, description: 'The authorities, by code.' })
  async authorities(@Args(() => PageArgs) page: PageArgs): Promise<AuthorityConnection> {
    return AuthorityConnection.from(await this.service.list(page));
  }

  @Authorized(Role.Public)
  @Query(() => PlanKindConnection, { nullable: true, description: 'The kinds of plans, by label.' })
  async planKinds(@Args(() => PageArgs) page: PageArgs): Promise<PlanKindConnection> {
    return PlanKindConnection.from(await this.service.listKinds(page));
  }

  @Authorized(Role.Public)
  @FieldResolver(() => PlanConnection, { description: 'Plans of the authority (alone or with others), by title.' })
  async plans(@Root() authority: Authority, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<PlanConnection> {
    return PlanConnection.from(await context.loaders.plansPageByAuthorityLoader.load({ parentId: authority.code, ...pageWindow(page) }));
  }

  @Authorized(Role.Staff)
  @FieldResolver(() => HistoryConnection, { description: 'Who changed what and when, newest first (staff only).' })
  history(@Root() authority: Authority, @Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<HistoryConnection> {
    return historyOf(context.loaders, 'Authority', authority.code, page);
  }

  @Authorized(Role.Admin)
  @Mutation(() => Authority, { description: 'Registers an authority (its own admins, or the platform).' })
  createAuthority(@Ctx() context: Context, @Arg('input', () => CreateAuthorityInput) input: CreateAuthorityInput): Promise<Authority> {
    return this.service.create(context, input);
  }

  @Authorized(Role.Admin)
  @Mutation(() => Authority, { description: 'Changes an authority (its admins); fails with CONFLICT when `version` is not the latest.' })
  updateAuthority(
    @Ctx() context: Context,
    @Arg('code') code: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateAuthorityInput) input: UpdateAuthorityInput,
  ): Promise<Authority> {
    return this.service.update(context, code, version, input);
  }

  @Authorized(Role.Admin)
  @Mutation(() => PlanKind, { description: 'Adds a kind of plan (reference data shared by all authorities).' })
  createPlanKind(@Ctx() context: Context, @Arg('input', () => CreatePlanKindInput) input: CreatePlanKindInput): Promise<PlanKind> {
    return this.service.createKind(context, input);
  }

  @Authorized(Role.Admin)
  @Mutation(() => PlanKind, { description: 'Renames a kind of plan; fails with CONFLICT when `version` is not the latest.' })
  updatePlanKind(
    @Ctx() context: Context,
    @Arg('code') code: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdatePlanKindInput) input: UpdatePlanKindInput,
  ): Promise<PlanKind> {
    return this.service.updateKind(context, code, version, input);
  }
}
