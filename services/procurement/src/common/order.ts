// Sort direction of the lists of this subgraph (same name and values as the registry's, so the supergraph merges them).
import { registerEnumType } from 'type-graphql';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });
