// The shape the supergraph relies on: entity keys, nullable root fields and extension fields, a declared rule on every field.
import { printSubgraphSchema } from '@apollo/subgraph';
import { createDataSource } from '@ess/kit';
import { buildSchema, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { procurementSubgraph } from '../src';

describe('procurement schema', () => {
  let sdl: string;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    const dataSource = createDataSource({ url: 'postgres://none/none', schema: 'procurement', entities: procurementSubgraph.entities, migrations: [] });
    sdl = printSubgraphSchema(await procurementSubgraph.buildSchema(dataSource));
    schema = buildSchema(sdl.replace(/extend schema[^\n]*\n(\s+@link[^\n]*\n)?/, ''), { assumeValidSDL: true });
  });

  it('keys Actor by siret, SpaserPlan and Contract by id', () => {
    expect(sdl).toMatch(/type Actor\s+@key\(fields: "siret"\)/);
    expect(sdl).toMatch(/type SpaserPlan\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Contract\s+@key\(fields: "id"\)/);
  });

  it('has nullable root queries and nullable fields on the registry’s Actor', () => {
    const query = schema.getQueryType()!;
    const nonNull = Object.values(query.getFields()).filter((f) => isNonNullType(f.type) && !f.name.startsWith('_'));
    expect(nonNull.map((f) => f.name)).toEqual([]);
    const actor = schema.getType('Actor');
    expect(isObjectType(actor)).toBe(true);
    for (const field of Object.values((actor as any).getFields()) as Array<{ name: string; type: unknown }>) expect(isNonNullType(field.type)).toBe(false);
  });

  it('declares who may call every query, mutation and field resolver', () => {
    const storage = getMetadataStorage();
    const declared = new Set(storage.authorizedFields.filter((f) => f.roles.length > 0).map((f) => `${f.target.name}.${f.fieldName}`));
    // jest gives each test file its own modules: the storage holds this subgraph's resolvers (and the kit's) only
    const handlers = [
      ...storage.queries.map((q) => `query ${q.target.name}.${q.methodName}`),
      ...storage.mutations.map((m) => `mutation ${m.target.name}.${m.methodName}`),
      ...storage.fieldResolvers.filter((f) => f.kind === 'external').map((f) => `field ${f.target.name}.${f.methodName}`),
    ];
    expect(handlers.length).toBeGreaterThan(20);
    expect(handlers.filter((h) => !declared.has(h.split(' ')[1]))).toEqual([]);
  });
});
