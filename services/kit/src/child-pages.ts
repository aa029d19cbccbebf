// Pages of child records for many parents at once: one statement ranks each parent's children (a window per parent),
// one loads the records; the number of statements does not depend on how many parents or children there are.
import { BadInputError } from './errors';
import { decodeCursor, encodeCursor, type Edge, type Page } from './pagination';
import { isUuid } from './ids';
import DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';

export interface ChildPageKey<F = unknown> {
  parentId: string;
  first: number;
  after: string | null;
  /** Filters of the list; keys with equal filters are answered by the same statement. */
  filter?: F;
}

export interface ChildPagesSpec<F> {
  entity: EntityTarget<ObjectLiteral>;
  /** FROM clause of the ranking; the child table is aliased `c`. */
  from: string;
  /** SQL of a row's parent id, e.g. `c.plan_id`. */
  parent: string;
  /** Whether parent ids are UUIDs (ids from other subgraphs are checked before they reach a cast). */
  uuidParents?: boolean;
  /** Extra conditions from the list's filters, with named parameters (`:name`). */
  where?: (filter: F | undefined) => { sql: string; params: Record<string, unknown> } | null;
  /** The sort value (never null) and its PostgreSQL type; ties are broken by `c.id` in the same direction. */
  sort: { sql: string; type: 'int' | 'text' | 'date' | 'timestamptz'; direction: 'ASC' | 'DESC' };
}

interface Ranked {
  parent_id: string;
  id: string;
  sort_value: string;
}

/** PostgreSQL class 22 (data exception): a forged cursor whose value does not cast. */
function isDataException(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.code ?? e?.driverError?.code;
  return typeof code === 'string' && code.startsWith('22');
}

const badCursor = () => BadInputError.field('after', 'is not a cursor returned by this list');

/** A per-request loader of `{ parentId, first, after, filter }` pages, with a batched `totalCount`. */
export function childPagesLoader<T extends { id: string }, F = undefined>(dataSource: DataSource, spec: ChildPagesSpec<F>): DataLoader<ChildPageKey<F>, Page<T>, string> {
  const filterKey = (filter: F | undefined) => JSON.stringify(filter ?? null);
  const keyOf = (key: ChildPageKey<F>) => `${key.parentId}|${key.first}|${key.after ?? ''}|${filterKey(key.filter)}`;
  const direction = spec.sort.direction;
  const validParents = (ids: readonly string[]) => (spec.uuidParents === false ? [...ids] : ids.filter(isUuid));

  function query(sql: string, params: Record<string, unknown>): Promise<any[]> {
    const [text, values] = dataSource.driver.escapeQueryWithParameters(sql, params);
    return dataSource.query(text, values);
  }

  const counts = new DataLoader<{ parentId: string; filter?: F }, number, string>(
    async (keys) => {
      const result = new Map<string, number>();
      const groups = new Map<string, Array<{ parentId: string; filter?: F }>>();
      for (const key of keys) groups.set(filterKey(key.filter), [...(groups.get(filterKey(key.filter)) ?? []), key]);
      for (const group of groups.values()) {
        const parents = validParents(group.map((k) => k.parentId));
        if (!parents.length) continue;
        const extra = spec.where?.(group[0].filter);
        const rows: Array<{ parent_id: string; count: number }> = await query(
          `SELECT ${spec.parent} AS parent_id, count(*)::int AS count FROM ${spec.from}
           WHERE ${spec.parent} = ANY(:parents) ${extra ? `AND ${extra.sql}` : ''} GROUP BY 1`,
          { parents, ...(extra?.params ?? {}) },
        );
        for (const row of rows) result.set(`${row.parent_id}|${filterKey(group[0].filter)}`, row.count);
      }
      return keys.map((key) => result.get(`${key.parentId}|${filterKey(key.filter)}`) ?? 0);
    },
    { cacheKeyFn: (key) => `${key.parentId}|${filterKey(key.filter)}` },
  );

  return new DataLoader<ChildPageKey<F>, Page<T>, string>(
    async (keys) => {
      const pages = new Map<string, Page<T> | Error>();
      const groups = new Map<string, ChildPageKey<F>[]>();
      for (const key of keys) {
        const group = `${key.first}|${key.after ?? ''}|${filterKey(key.filter)}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      for (const group of groups.values()) {
        const { first, after, filter } = group[0];
        const params: Record<string, unknown> = { parents: validParents(group.map((k) => k.parentId)), limit: first + 1 };
        let cursorCondition = '';
        if (after) {
          let value: unknown;
          let id: unknown;
          try {
            [value, id] = decodeCursor(after, 'after');
          } catch (error) {
            for (const key of group) pages.set(keyOf(key), error as Error);
            continue;
          }
          if (typeof value !== 'string' || !isUuid(id)) {
            for (const key of group) pages.set(keyOf(key), badCursor());
            continue;
          }
          const operator = direction === 'ASC' ? '>' : '<';
          cursorCondition = `AND (${spec.sort.sql}, c.id) ${operator} (CAST(:cursorValue AS ${spec.sort.type}), CAST(:cursorId AS uuid))`;
          Object.assign(params, { cursorValue: value, cursorId: id });
        }
        const extra = spec.where?.(filter);
        Object.assign(params, extra?.params ?? {});
        let ranked: Ranked[] = [];
        if ((params.parents as string[]).length && first > 0) {
          try {
            ranked = await query(
              `SELECT parent_id, id, sort_value FROM (
                 SELECT ${spec.parent} AS parent_id, c.id AS id, (${spec.sort.sql})::text AS sort_value,
                        row_number() OVER (PARTITION BY ${spec.parent} ORDER BY ${spec.sort.sql} ${direction}, c.id ${direction}) AS rank
                 FROM ${spec.from}
                 WHERE ${spec.parent} = ANY(:parents) ${extra ? `AND ${extra.sql}` : ''} ${cursorCondition}
               ) ranked WHERE rank <= :limit ORDER BY parent_id, rank`,
              params,
            );
          } catch (error) {
            if (after && isDataException(error)) {
              for (const key of group) pages.set(keyOf(key), badCursor());
              continue;
            }
            throw error;
          }
        }
        const ids = [...new Set(ranked.map((row) => row.id))];
        const records = ids.length ? ((await dataSource.getRepository(spec.entity).findBy({ id: In(ids) })) as T[]) : [];
        const byId = new Map(records.map((record) => [record.id, record]));
        const byParent = new Map<string, Ranked[]>();
        for (const row of ranked) {
          const list = byParent.get(row.parent_id);
          if (list) list.push(row);
          else byParent.set(row.parent_id, [row]);
        }
        for (const key of group) {
          const mine = byParent.get(key.parentId) ?? [];
          const edges: Edge<T>[] = mine.slice(0, first).map((row) => ({ node: byId.get(row.id) as T, cursor: encodeCursor([row.sort_value, row.id]) }));
          pages.set(keyOf(key), {
            edges,
            pageInfo: {
              hasNextPage: mine.length > first,
              hasPreviousPage: Boolean(after),
              startCursor: edges[0]?.cursor ?? null,
              endCursor: edges.at(-1)?.cursor ?? null,
            },
            totalCount: () => counts.load({ parentId: key.parentId, filter: key.filter }),
          });
        }
      }
      return keys.map((key) => pages.get(keyOf(key)) as Page<T> | Error);
    },
    { cacheKeyFn: keyOf },
  );
}
