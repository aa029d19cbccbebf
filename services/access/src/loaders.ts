// Per-request loaders of the access subgraph.
import { isUuid, oneByKeyLoader } from '@ess/kit';
import { In, type DataSource } from 'typeorm';
import { ApiKey } from './api-key/api-key.entity';
import { StaffUser } from './user/user.entity';

export function createLoaders(dataSource: DataSource) {
  return {
    userByIdLoader: oneByKeyLoader<string, StaffUser>(async (ids) => {
      const valid = ids.filter(isUuid);
      return valid.length ? dataSource.getRepository(StaffUser).findBy({ id: In(valid) }) : [];
    }, (u) => u.id),
    apiKeyByIdLoader: oneByKeyLoader<string, ApiKey>(async (ids) => {
      const valid = ids.filter(isUuid);
      return valid.length ? dataSource.getRepository(ApiKey).findBy({ id: In(valid) }) : [];
    }, (k) => k.id),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
