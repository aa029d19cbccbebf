// Relay cursor connections: keyset pagination over a stable (sort value, id) order, so no row is seen twice or skipped.
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadInputError } from './errors';
import { rowReader } from './rows';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 500;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size from the start (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item already seen.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page size from the end (at most ${MAX_PAGE_SIZE}).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item already seen.' })
  before?: string | null;

}

/** Which page a connection's arguments ask for: `size` rows after `cursor` (forward) or before it (backward). */
export interface PageWindow {
  size: number;
  cursor: string | null;
  backward: boolean;
}

/**
 * The one reading of first/after/last/before every connection uses, root lists and child lists alike: `last`/`before`
 * page backward from the end (or from the cursor); mixing the two directions is the caller's mistake.
 */
export function pageWindow(args: PageArgs): PageWindow {
  checkSize(args.first, 'first');
  checkSize(args.last, 'last');
  if (args.first != null && args.last != null) throw BadInputError.field('last', 'cannot be used together with first');
  if (args.after != null && args.before != null) throw BadInputError.field('before', 'cannot be used together with after');
  if (args.last != null || args.before != null) {
    if (args.after != null) throw BadInputError.field('after', 'cannot be used together with last');
    if (args.first != null) throw BadInputError.field('first', 'cannot be used together with before');
    return { size: args.last ?? DEFAULT_PAGE_SIZE, cursor: args.before ?? null, backward: true };
  }
  return { size: args.first ?? DEFAULT_PAGE_SIZE, cursor: args.after ?? null, backward: false };
}

/** The page info of `size` rows read in the window's direction, `more` telling whether a row lay beyond them. */
export function pageInfoOf(window: PageWindow, edges: ReadonlyArray<{ cursor: string }>, more: boolean): PageInfo {
  return {
    hasNextPage: window.backward ? Boolean(window.cursor) : more,
    hasPreviousPage: window.backward ? more : Boolean(window.cursor),
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
}

// Shareable: every subgraph declares the same PageInfo, and a federated graph needs them all to say it may.
@ObjectType({ description: 'Where a page stands in its list.' })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Counted only when the client asks for it. */
  totalCount: () => Promise<number>;
}

/**
 * Builds the `<Name>Connection` and `<Name>Edge` object types for a node type.
 * `shareable`: for a connection the kit gives every subgraph (e.g. History), so they compose in one supergraph.
 */
export function ConnectionType<T extends object>(node: ClassType<T>, name: string, options: { shareable?: boolean } = {}) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => [node], { description: 'The nodes of the edges, for clients that need no cursors.' })
    nodes(): T[] {
      return this.edges.map((edge) => edge.node);
    }

    @Field(() => Int, { description: 'How many items match the filters, across all pages.' })
    totalCount(): Promise<number> {
      return this.count();
    }

    count: () => Promise<number>;

    static from(page: Page<T>): ConnectionClass {
      const connection = new ConnectionClass();
      connection.edges = page.edges;
      connection.pageInfo = page.pageInfo;
      connection.count = page.totalCount;
      return connection;
    }
  }
  if (options.shareable) {
    Directive('@shareable')(EdgeType);
    Directive('@shareable')(ConnectionClass);
  }
  return ConnectionClass;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, field: string): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === 2 && ['string', 'number'].includes(typeof values[0]) && typeof values[1] === 'string') return values;
  } catch {
    // reported below
  }
  throw BadInputError.field(field, 'is not a cursor returned by this list');
}

export interface SortKey<T> {
  /** SQL expression of the sort value, with the query's alias, e.g. `"actor"."name"`. Never null. */
  expression: string;
  /** The same value read from a loaded row, for the cursor. */
  value: (row: T) => string | number;
  direction: 'ASC' | 'DESC';
  /** SQL expression of the unique tie-breaker, e.g. `"actor"."id"`. */
  id: string;
  idValue: (row: T) => string;
}

/** PostgreSQL class 22 (data exception): a value that does not fit its column's type. */
function isDataException(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.code ?? e?.driverError?.code;
  return typeof code === 'string' && code.startsWith('22');
}

function checkSize(value: number | null | undefined, field: string): void {
  if (value == null) return;
  if (!Number.isInteger(value) || value < 0) throw BadInputError.field(field, 'must be a positive whole number');
  if (value > MAX_PAGE_SIZE) throw BadInputError.field(field, `must be at most ${MAX_PAGE_SIZE}`);
}

/**
 * Runs a filtered query one page at a time; filters must already be on the query builder. The rows are read as plain
 * objects of the query's main entity (its columns, no TypeORM hydration).
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
  sort: SortKey<T>,
): Promise<Page<T>> {
  const window = pageWindow(args);
  const { size, cursor, backward } = window;
  const cursorField = backward ? 'before' : 'after';
  const countQuery = query.clone();

  const page = query.clone();
  if (cursor) {
    const [value, id] = decodeCursor(cursor, cursorField);
    const ascending = sort.direction === 'ASC';
    const operator = !backward === ascending ? '>' : '<';
    page.andWhere(`(${sort.expression}, ${sort.id}) ${operator} (:cursorValue, :cursorId)`, { cursorValue: value, cursorId: id });
  }
  const direction = !backward ? sort.direction : sort.direction === 'ASC' ? 'DESC' : 'ASC';
  const main = query.expressionMap.mainAlias;
  if (!main?.hasMetadata) throw new Error('paginate needs a query builder over an entity');
  const reader = rowReader<T>(query.connection, main.target, main.name);
  page.select(reader.select).orderBy(sort.expression, direction).addOrderBy(sort.id, direction).limit(size + 1);
  const raw =
    size === 0
      ? []
      : await page.getRawMany().catch((error: unknown) => {
          // A forged cursor whose values PostgreSQL cannot cast (a non-UUID id, a non-date) is the caller's mistake.
          if (cursor && isDataException(error)) throw BadInputError.field(cursorField, 'is not a cursor returned by this list');
          throw error;
        });
  const more = raw.length > size;
  const items = raw.slice(0, size).map(reader.read);
  if (backward) items.reverse();
  const edges = items.map((node) => ({ node, cursor: encodeCursor([sort.value(node), sort.idValue(node)]) }));
  return { edges, pageInfo: pageInfoOf(window, edges, more), totalCount: () => countQuery.getCount() };
}
