// Checks every argument value of an operation before it runs, for what PostgreSQL would refuse with an internal error.
import {
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  Kind,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { DataSource } from 'typeorm';
import { BadInputError, type FieldProblem } from './errors';
import { isUuid } from './ids';

/**
 * Most items one list argument may hold. Bounds the bind parameters a statement built from a list can need
 * (PostgreSQL refuses more than 65 535) and the work one request asks for. syncEssActors, the largest, sends 10 000.
 */
export const MAX_LIST_ITEMS = 10_000;

/** Dates (YYYY-MM-DD, or an ISO date-time) are accepted within these years; PostgreSQL refuses year 0 and before. */
export const DATE_YEARS = { min: 1900, max: 2200 } as const;

const ISO_DATE_SHAPE = /^([+-]?\d{4,6})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
// A lone half of a surrogate pair: not Unicode, refused by jsonb and mangled in text.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_PROBLEMS = 20;

/** Why a date string cannot be stored, or null when it can (or is not shaped like a date). */
export function dateProblem(value: string): string | null {
  const match = ISO_DATE_SHAPE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < DATE_YEARS.min || year > DATE_YEARS.max) return `must be a date between ${DATE_YEARS.min} and ${DATE_YEARS.max}`;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCDate() !== day) return 'is not a calendar date';
  return null;
}

/** Why a string cannot be stored, or null. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(value)) return 'is not valid Unicode (lone surrogate)';
  return dateProblem(value);
}

function checkJson(value: unknown, path: string, problems: FieldProblem[]): void {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) problems.push({ field: path, message: problem });
  } else if (Array.isArray(value)) {
    if (value.length > MAX_LIST_ITEMS) problems.push({ field: path, message: `must hold at most ${MAX_LIST_ITEMS} items` });
    else value.forEach((item, i) => checkJson(item, `${path}.${i}`, problems));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = textProblem(key);
      if (problem) problems.push({ field: path, message: `key ${problem}` });
      checkJson(item, `${path}.${key}`, problems);
    }
  }
}

/**
 * Optional input fields whose explicit null is refused (`CreateActorInput.essMember`): the fields of an input named after
 * an entity (`CreateX`/`UpdateX`/`XInput` for entity `X`) whose column is NOT NULL (on `CreateX`, also with a default:
 * a required field is the service's to report). Omitting such a field leaves it as it is (or takes its default); null
 * would mean "clear it", which the record cannot hold (docs/decisions.md).
 */
export function notNullInputFields(schema: GraphQLSchema, dataSource: DataSource): Set<string> {
  const fields = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLInputObjectType)) continue;
    const entity = type.name.replace(/^(Create|Update)/, '').replace(/Input$/, '');
    const metadata = dataSource.entityMetadatas.find((m) => m.name === entity);
    if (!metadata) continue;
    for (const field of Object.keys(type.getFields())) {
      const column = metadata.columns.find((c) => c.propertyName === field);
      // On a creation a required field (no default) is left to the service, which reports it with the other problems.
      const creation = type.name.startsWith('Create');
      if (column && !column.isNullable && (!creation || column.default !== undefined)) fields.add(`${type.name}.${field}`);
    }
  }
  return fields;
}

function checkFields(value: Record<string, unknown>, type: GraphQLInputObjectType, prefix: string, problems: FieldProblem[], notNull: Set<string>): void {
  const fields = type.getFields();
  for (const [key, item] of Object.entries(value)) {
    if (!fields[key]) continue;
    if (item === null && notNull.has(`${type.name}.${key}`)) problems.push({ field: `${prefix}${key}`, message: 'must not be null (omit it to leave it as it is)' });
    else checkValue(item, fields[key].type, `${prefix}${key}`, problems, notNull);
  }
}

function checkValue(value: unknown, type: GraphQLInputType, path: string, problems: FieldProblem[], notNull: Set<string>): void {
  if (problems.length >= MAX_PROBLEMS || value === null || value === undefined) return;
  if (type instanceof GraphQLNonNull) return checkValue(value, type.ofType, path, problems, notNull);
  if (type instanceof GraphQLList) {
    if (!Array.isArray(value)) return checkValue(value, type.ofType, path, problems, notNull); // one value coerced to a list
    if (value.length > MAX_LIST_ITEMS) {
      problems.push({ field: path, message: `must hold at most ${MAX_LIST_ITEMS} items` });
      return;
    }
    value.forEach((item, i) => checkValue(item, type.ofType, `${path}.${i}`, problems, notNull));
    return;
  }
  if (type instanceof GraphQLInputObjectType) {
    if (typeof value !== 'object') return; // graphql-js refuses it with its own message
    checkFields(value as Record<string, unknown>, type, `${path}.`, problems, notNull);
    return;
  }
  if (type instanceof GraphQLScalarType) {
    if (type.name === 'ID') {
      if (!isUuid(value)) problems.push({ field: path, message: 'is not an id' });
      return;
    }
    if (type.name === 'JSON') return checkJson(value, path, problems);
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) problems.push({ field: path, message: problem });
    }
  }
}

/**
 * Every problem of the argument values of the operation (literals and variables), with the argument path
 * (`filter.networkId`, `contactIds.3`; the fields of `input` without the prefix); introspection and `_entities` representations (`_Any`) are left alone.
 */
export function inputProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  notNull: Set<string> = new Set(),
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.ARGUMENT](node) {
        const argument = typeInfo.getArgument();
        if (!argument) return false;
        // Fields of an argument named `input` are named alone (`name`, not `input.name`), as the services name them.
        const name = node.name.value;
        const value = valueFromASTUntyped(node.value, variables);
        const type = argument.type instanceof GraphQLNonNull ? argument.type.ofType : argument.type;
        if (name === 'input' && type instanceof GraphQLInputObjectType && value && typeof value === 'object' && !Array.isArray(value)) {
          checkFields(value as Record<string, unknown>, type, '', problems, notNull);
        } else {
          checkValue(value, argument.type, name, problems, notNull);
        }
        return false;
      },
    }),
  );
  return problems;
}

/** Throws BAD_USER_INPUT naming every bad argument value (see inputProblems). */
export function checkInputs(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  notNull: Set<string> = new Set(),
): void {
  const problems = inputProblems(schema, document, variables, notNull);
  if (!problems.length) return;
  const error = new BadInputError(problems);
  // Thrown before execution: without a status Apollo would answer HTTP 500 for the caller's mistake.
  error.extensions.http = { status: 400 };
  throw error;
}
