// Every root field and field resolver of this subgraph states who may call it (the platform checks it for all subgraphs).
import { createDataSource } from '@ess/kit';
import { getMetadataStorage } from 'type-graphql';
import { commonsSubgraph } from '../src';

it('every query, mutation and field resolver of the commons subgraph names its roles', async () => {
  const dataSource = createDataSource({ url: 'postgres://none/none', schema: 'commons', entities: commonsSubgraph.entities, migrations: [] });
  await commonsSubgraph.buildSchema(dataSource);
  const storage = getMetadataStorage();
  const declared = new Set(storage.authorizedFields.filter((f) => f.roles.length > 0).map((f) => `${f.target.name}.${f.fieldName}`));
  const handlers = [
    ...storage.queries.map((q) => `query ${q.target.name}.${q.methodName}`),
    ...storage.mutations.map((m) => `mutation ${m.target.name}.${m.methodName}`),
    ...storage.fieldResolvers.filter((f) => f.kind === 'external').map((f) => `field ${f.target.name}.${f.methodName}`),
  ];
  expect(handlers.length).toBeGreaterThan(40);
  expect(handlers.filter((h) => !declared.has(h.split(' ')[1]))).toEqual([]);
});
