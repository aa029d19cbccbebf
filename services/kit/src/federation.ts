// Builds a Federation 2 subgraph schema from type-graphql classes (the classes are the single source of the schema).
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { authChecker } from './auth';

export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable", "@external", "@requires", "@provides"])`;

type ResolverMap = Record<string, Record<string, unknown>>;

export interface FederatedSchemaOptions {
  resolvers: BuildSchemaOptions['resolvers'];
  orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
  /** Resolver instances built by the subgraph with their dependencies (constructor injection, no framework). */
  resolverInstances?: object[];
  /** `{ TypeName: { __resolveReference } }` for each entity this subgraph resolves. */
  referenceResolvers?: ResolverMap;
}

function instanceContainer(instances: object[]): NonNullable<BuildSchemaOptions['container']> {
  const byClass = new Map<unknown, object>(instances.map((instance) => [instance.constructor, instance]));
  return {
    get(someClass: unknown) {
      const instance = byClass.get(someClass);
      if (!instance) throw new Error(`No instance given for resolver ${(someClass as { name?: string }).name}`);
      return instance;
    },
  };
}

export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    container: instanceContainer(options.resolverInstances ?? []),
    authChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false },
    skipCheck: true,
  });
  const resolvers = createResolversMap(schema) as ResolverMap;
  for (const [typeName, fields] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...fields };
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    // The map mixes type resolvers and scalars; @apollo/subgraph accepts both at runtime.
    resolvers: resolvers as never,
  });
}
