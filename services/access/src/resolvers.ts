// The access part of the graph: the caller (`me`), accounts, sessions and API keys.
import { ConnectionType, PageArgs, Role, type RequestContext } from '@ess/kit';
import { Arg, Args, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ApiKey, CreatedApiKey } from './api-key/api-key.entity';
import type { ApiKeyService } from './api-key/api-key.service';
import { CreateApiKeyInput } from './api-key/dto/api-key.input';
import type { Loaders } from './loaders';
import { Session } from './session/session.entity';
import type { SessionService } from './session/session.service';
import { CreateUserInput, UpdateUserInput } from './user/dto/user.input';
import { StaffUser } from './user/user.entity';
import type { UserService } from './user/user.service';

const StaffUserConnection = ConnectionType(StaffUser, 'StaffUser');
type StaffUserConnection = InstanceType<typeof StaffUserConnection>;
const ApiKeyConnection = ConnectionType(ApiKey, 'ApiKey');
type ApiKeyConnection = InstanceType<typeof ApiKeyConnection>;

type Context = RequestContext<Loaders>;

@ObjectType({ description: 'Who is calling: a staff account, a partner key, or nobody (anonymous).' })
export class Me {
  @Field({ description: 'staff, partner or anonymous.' })
  kind: string;

  @Field(() => StaffUser, { nullable: true })
  user: StaffUser | null;

  @Field(() => ApiKey, { nullable: true })
  apiKey: ApiKey | null;

  @Field(() => [String], { description: 'Scopes the caller holds (all for staff).' })
  scopes: string[];
}

@Resolver()
export class AccessResolver {
  constructor(
    private readonly userService: UserService,
    private readonly sessionService: SessionService,
    private readonly keyService: ApiKeyService,
  ) {}

  @Authorized(Role.Public)
  @Query(() => Me, { description: 'The caller as the platform sees them.' })
  async me(@Ctx() context: Context): Promise<Me> {
    const identity = context.identity;
    const me = Object.assign(new Me(), { kind: identity.kind, user: null as StaffUser | null, apiKey: null as ApiKey | null, scopes: [] as string[] });
    if (identity.kind === 'staff') {
      me.user = await context.loaders.userByIdLoader.load(identity.userId);
      me.scopes = ['read:actors', 'read:contacts', 'read:procurement', 'read:commons', 'read:plans', 'read:metrics'];
    } else if (identity.kind === 'partner') {
      me.apiKey = await context.loaders.apiKeyByIdLoader.load(identity.keyId);
      me.scopes = identity.scopes;
    }
    return me;
  }

  @Authorized(Role.Admin)
  @Query(() => StaffUserConnection, { nullable: true, description: 'Accounts of the authorities the admin manages.' })
  async users(@Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<StaffUserConnection> {
    return StaffUserConnection.from(await this.userService.list(context, page));
  }

  @Authorized(Role.Admin)
  @Mutation(() => StaffUser)
  createUser(@Ctx() context: Context, @Arg('input', () => CreateUserInput) input: CreateUserInput): Promise<StaffUser> {
    return this.userService.create(context, input);
  }

  @Authorized(Role.Admin)
  @Mutation(() => StaffUser, { description: 'Changes an account; changing its rights or deactivating it ends its sessions.' })
  updateUser(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateUserInput) input: UpdateUserInput,
  ): Promise<StaffUser> {
    return this.userService.update(context, id, version, input);
  }

  @Authorized(Role.Staff)
  @Mutation(() => Boolean)
  changePassword(@Ctx() context: Context, @Arg('currentPassword') currentPassword: string, @Arg('newPassword') newPassword: string): Promise<boolean> {
    return this.userService.changeOwnPassword(context, currentPassword, newPassword);
  }

  @Authorized(Role.Staff)
  @Query(() => [Session], { nullable: true, description: 'The 50 latest sessions of an account (yours, or as an admin of its authority).' })
  sessions(@Ctx() context: Context, @Arg('userId', () => ID) userId: string): Promise<Session[]> {
    return this.sessionService.listFor(context, userId);
  }

  @Authorized(Role.Staff)
  @Mutation(() => Session)
  revokeSession(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<Session> {
    return this.sessionService.revoke(context, id);
  }

  @Authorized(Role.Admin)
  @Query(() => ApiKeyConnection, { nullable: true, description: 'API keys of the authorities the admin manages, newest first.' })
  async apiKeys(@Ctx() context: Context, @Args(() => PageArgs) page: PageArgs): Promise<ApiKeyConnection> {
    return ApiKeyConnection.from(await this.keyService.list(context, page));
  }

  @Authorized(Role.Admin)
  @Mutation(() => CreatedApiKey, { description: 'Creates a key; the key is in the answer this once only.' })
  createApiKey(@Ctx() context: Context, @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput): Promise<CreatedApiKey> {
    return this.keyService.create(context, input);
  }

  @Authorized(Role.Admin)
  @Mutation(() => ApiKey, { description: 'Revokes a key at once (gateways may honour it for up to their cache time, 10 s by default).' })
  revokeApiKey(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<ApiKey> {
    return this.keyService.revoke(context, id);
  }
}
