// The access subgraph: staff accounts, sessions and partner API keys, and the endpoints the gateway uses to resolve callers.
import { buildFederatedSchema, type SubgraphDefinition } from '@ess/kit';
import type { DataSource } from 'typeorm';
import { ApiKey } from './api-key/api-key.entity';
import { ApiKeyService } from './api-key/api-key.service';
import { createDemoAccounts, createFirstAdmin } from './bootstrap';
import { readAccessConfig } from './config';
import { internalRoutes } from './internal';
import { createLoaders, type Loaders } from './loaders';
import { CreateAccess1763790000000 } from './migrations/1763790000000-CreateAccess';
import { KeyAuthoritiesAndSignInThrottle1765200000000 } from './migrations/1765200000000-KeyAuthoritiesAndSignInThrottle';
import { AccessResolver } from './resolvers';
import { Session } from './session/session.entity';
import { SessionService } from './session/session.service';
import { StaffUser } from './user/user.entity';
import { UserService } from './user/user.service';

export const accessSubgraph: SubgraphDefinition<Loaders> = {
  name: 'access',
  defaultPort: 4005,
  entities: [StaffUser, Session, ApiKey],
  migrations: [CreateAccess1763790000000, KeyAuthoritiesAndSignInThrottle1765200000000],
  createLoaders,
  onStart: (dataSource) => createFirstAdmin(dataSource, readAccessConfig()),
  seedDemoData: (dataSource) => createDemoAccounts(dataSource, readAccessConfig()),
  internalRoutes: (dataSource: DataSource, shared) =>
    internalRoutes(new SessionService(dataSource, readAccessConfig().sessionTtlHours, shared?.revocations), new ApiKeyService(dataSource, shared?.revocations)),
  buildSchema(dataSource: DataSource, shared) {
    const config = readAccessConfig();
    return buildFederatedSchema({
      resolvers: [AccessResolver],
      resolverInstances: [
        new AccessResolver(
          new UserService(dataSource),
          new SessionService(dataSource, config.sessionTtlHours, shared?.revocations),
          new ApiKeyService(dataSource, shared?.revocations),
        ),
      ],
    });
  },
};
