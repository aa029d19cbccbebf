import { getMetadataStorage } from 'type-graphql';
import { createDataSource, Role, SCOPES } from '@ess/kit';
import { SUBGRAPHS } from '../src/subgraphs';

// Every root field and every field resolver states who may call it (@Authorized with roles); none is open by omission.
describe('authorization declarations', () => {
  beforeAll(async () => {
    for (const definition of SUBGRAPHS) {
      await definition.buildSchema(createDataSource({ url: 'postgres://none/none', schema: definition.name, entities: definition.entities, migrations: [] }));
    }
  });

  it('covers every query, mutation and field resolver of every subgraph', () => {
    const storage = getMetadataStorage();
    const declared = new Set(storage.authorizedFields.filter((f) => f.roles.length > 0).map((f) => `${f.target.name}.${f.fieldName}`));
    const handlers = [
      ...storage.queries.map((q) => ({ kind: 'query', key: `${q.target.name}.${q.methodName}` })),
      ...storage.mutations.map((m) => ({ kind: 'mutation', key: `${m.target.name}.${m.methodName}` })),
      // 'external' field resolvers are those of @Resolver classes (they reach data); 'internal' ones compute from the parent.
      ...storage.fieldResolvers.filter((f) => f.kind === 'external').map((f) => ({ kind: 'field', key: `${f.target.name}.${f.methodName}` })),
    ];
    expect(handlers.length).toBeGreaterThan(10);
    const missing = handlers.filter((h) => !declared.has(h.key)).map((h) => `${h.kind} ${h.key}`);
    expect(missing).toEqual([]);
  });

  it('names only known roles', () => {
    // The kit's roles (SYSTEM included: the platform alone, e.g. the registry's feed) and scopes.
    const known = new Set<string>([...Object.values(Role), ...SCOPES]);
    expect(known).toEqual(new Set(['SYSTEM', 'PUBLIC', 'STAFF', 'EDITOR', 'ADMIN', 'read:actors', 'read:contacts', 'read:procurement', 'read:commons', 'read:plans', 'read:metrics']));
    const unknown = getMetadataStorage()
      .authorizedFields.flatMap((f) => f.roles.map((role) => `${f.target.name}.${f.fieldName}: ${String(role)}`))
      .filter((entry) => !known.has(entry.split(': ')[1]));
    expect(unknown).toEqual([]);
  });
});
