// Limits on what one operation may ask: depth, aliases, tokens, directives (graphql-armor) and a cost that counts list sizes.
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import type { Identity } from '@ess/kit';
import {
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  /** Page size assumed for a paginated field whose size is not given. */
  defaultPageSize: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 12, maxAliases: 20, maxTokens: 4000, maxCost: 20_000, defaultPageSize: 20 };

function argumentNumber(value: ValueNode | undefined, variables: Record<string, unknown>): number | undefined {
  if (!value) return undefined;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}

/**
 * Cost of a selection: each object field costs 1 plus its children, multiplied by the page size it asks for
 * (`first`/`last`, or the default page size for a paginated field).
 */
export function operationCost(
  schema: GraphQLSchema,
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  defaultPageSize: number,
  seen: Set<string> = new Set(),
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!selection.selectionSet) continue;
      const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
      const field = fields[selection.name.value];
      if (!field) continue;
      const child = getNamedType(field.type);
      if (!isCompositeType(child)) continue;
      const paginated = field.args.some((a) => a.name === 'first' || a.name === 'last');
      const size = argumentNumber(selection.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last')?.value, variables);
      const multiplier = paginated ? Math.max(1, size ?? defaultPageSize) : 1;
      cost += 1 + multiplier * operationCost(schema, child, selection.selectionSet, fragments, variables, defaultPageSize, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
      cost += operationCost(schema, (condition as GraphQLCompositeType) ?? type, selection.selectionSet, fragments, variables, defaultPageSize, seen);
    } else {
      const fragment = fragments[selection.name.value];
      if (!fragment || seen.has(fragment.name.value)) continue;
      const condition = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType;
      cost += operationCost(schema, condition, fragment.selectionSet, fragments, variables, defaultPageSize, new Set([...seen, fragment.name.value]));
    }
  }
  return cost;
}

/** Refuses operations above the cost limit before any subgraph is called. */
export function costLimitPlugin(limits: QueryLimits): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const definition of args.document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
      const operation = args.document.definitions.find(
        (d: DefinitionNode) => d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName),
      );
      if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return;
      const root = operation.operation === 'mutation' ? args.schema.getMutationType() : args.schema.getQueryType();
      if (!root) return;
      const cost = operationCost(args.schema, root, operation.selectionSet, fragments, (args.variableValues ?? {}) as Record<string, unknown>, limits.defaultPageSize);
      if (cost > limits.maxCost) {
        setResultAndStopExecution({
          errors: [new GraphQLError(`This operation would cost ${cost}, above the limit of ${limits.maxCost}: ask for smaller pages or fewer fields`, { extensions: { code: 'QUERY_TOO_COMPLEX', cost, limit: limits.maxCost } })],
        });
      }
    },
  };
}

/** Depth, aliases, tokens, directives; field suggestions hidden from everyone but staff in production. */
export function armorPlugins(limits: QueryLimits, production: boolean): GatewayPlugin[] {
  const armor = new EnvelopArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, exposeLimits: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: true },
    maxTokens: { n: limits.maxTokens, exposeLimits: true },
    maxDirectives: { n: 20, exposeLimits: true },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  });
  return armor.protect().plugins as GatewayPlugin[];
}

/** In production, only staff may introspect the graph. */
export function introspectionPlugin(production: boolean): GatewayPlugin {
  return {
    onValidate({ addValidationRule, context }) {
      const identity = (context as { identity?: Identity }).identity;
      if (production && identity?.kind !== 'staff') addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/**
 * Bytes of variables the gateway would forward to subgraphs: a variable is copied into each subgraph request once per
 * field that uses it (aliases included). Past the subgraphs' body limit (MAX_BODY_BYTES of the kit) the subgraph would
 * close the connection, read as an outage; the gateway refuses such an operation up front instead.
 */
export function forwardedVariableBytes(query: unknown, variables: unknown): number {
  if (typeof query !== 'string' || !variables || typeof variables !== 'object') return 0;
  let total = 0;
  for (const [name, value] of Object.entries(variables as Record<string, unknown>)) {
    if (!/^\w+$/.test(name)) continue;
    const uses = Math.max(0, (query.match(new RegExp(`\\$${name}\\b`, 'g'))?.length ?? 0) - 1); // minus its declaration
    total += uses * Buffer.byteLength(JSON.stringify(value) ?? '');
  }
  return total;
}
