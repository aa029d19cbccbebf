// Builds a Federation 2 subgraph schema from type-graphql classes (the classes are the single source of the schema).
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { validateOrReject, getMetadataStorage as getValidationStorage } from 'class-validator';
import { ArgumentValidationError, buildSchema, createResolversMap, getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';
import { authChecker, Role } from './auth';

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

/** Whether class-validator has rules for a class (cached): `PageArgs` and filters without rules skip validation. */
const constrained = new WeakMap<object, boolean>();
function hasRules(type: unknown): boolean {
  if (typeof type !== 'function') return false;
  let known = constrained.get(type);
  if (known === undefined) {
    known = getValidationStorage().getTargetValidationMetadatas(type, '', false, false).length > 0;
    constrained.set(type, known);
  }
  return known;
}

/**
 * type-graphql's global validation runs class-validator on every argument object, per parent row for field arguments
 * (every `PageArgs` of every `_entities` field): only the input classes that declare rules are validated.
 */
async function validateInputs(value: unknown, type: unknown): Promise<void> {
  if (value === null || typeof value !== 'object' || !hasRules(type)) return;
  const options = { skipMissingProperties: true, forbidUnknownValues: false };
  try {
    const items = Array.isArray(value) ? value.filter((item) => item !== null && typeof item === 'object') : [value];
    await Promise.all(items.map((item) => validateOrReject(item as object, options)));
  } catch (errors) {
    throw new ArgumentValidationError(errors as never);
  }
}

/**
 * Fields open to anyone (`@Authorized(Role.Public)`) need no auth middleware: type-graphql would run it once per field
 * per entity. They keep their declaration (the declared tests read it); only the built schema leaves the check out.
 * Builds may overlap, so the declarations are set aside while any build runs and restored after the last.
 */
let buildsRunning = 0;
let declaredFields: ReturnType<typeof getMetadataStorage>['authorizedFields'] = [];
async function withoutPublicChecks<T>(build: () => Promise<T>): Promise<T> {
  const storage = getMetadataStorage();
  if (buildsRunning++ === 0) {
    declaredFields = storage.authorizedFields;
    storage.authorizedFields = declaredFields.filter((field) => !field.roles.includes(Role.Public));
  }
  try {
    return await build();
  } finally {
    if (--buildsRunning === 0) storage.authorizedFields = declaredFields;
  }
}

export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await withoutPublicChecks(() =>
    buildSchema({
      resolvers: options.resolvers,
      orphanedTypes: options.orphanedTypes,
      container: instanceContainer(options.resolverInstances ?? []),
      authChecker,
      authMode: 'error',
      validateFn: validateInputs,
      skipCheck: true,
    }),
  );
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
