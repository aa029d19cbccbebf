// Pages of child records for many parents at once: one statement ranks each parent's children (a window per parent) and
// reads their columns; the number of statements does not depend on how many parents or children there are.
import { BadInputError } from './errors';
import { decodeCursor, encodeCursor, pageInfoOf, type Edge, type Page, type PageWindow } from './pagination';
import { isUuid } from './ids';
import { queryNamed, rowReader, type RowReader } from './rows';
import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

export interface ChildPageKey<F = unknown> extends PageWindow {
  parentId: string;
  /** Filters of the list; keys with equal filters are answered by the same statement. */
  filter?: F;
}

export interface ChildPagesSpec<F, T = unknown> {
  /** The child entity (table aliased `c`): its columns are read into plain objects. Or `rows`, for a custom select. */
  entity?: EntityTarget<ObjectLiteral>;
  /** Only these properties of the entity (the id is always read): what the list's fields need. */
  columns?: readonly string[];
  /** A custom SELECT list and its reader, instead of `entity`. */
  rows?: RowReader<T>;
  /** FROM clause of the ranking; the child table is aliased `c`. */
  from: string;
  /** SQL of a row's parent id, e.g. `c.plan_id`. */
  parent: string;
  /** Whether parent ids are UUIDs (ids from other subgraphs are checked before they reach a cast). */
  uuidParents?: boolean;
  /** Extra conditions from the list's filters, with named parameters (`:name`). */
  where?: (filter: F | undefined) => { sql: string; params: Record<string, unknown> } | null;
  /** The sort value (never null) and its PostgreSQL type; ties are broken by the id in the same direction. */
  sort: { sql: string; type: 'int' | 'text' | 'date' | 'timestamptz'; direction: 'ASC' | 'DESC' };
  /** The unique tie-breaker (default `c.id`, a UUID). */
  id?: { sql: string; type: 'uuid' | 'bigint' };
}

interface Ranked {
  parent_id: string;
  id_value: string;
  sort_value: string;
  [column: string]: unknown;
}

/** PostgreSQL class 22 (data exception): a forged cursor whose value does not cast. */
function isDataException(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.code ?? e?.driverError?.code;
  return typeof code === 'string' && code.startsWith('22');
}

const badCursor = (window: PageWindow) =>
  BadInputError.field(window.backward ? 'before' : 'after', 'is not a cursor returned by this list');
const flip = (direction: 'ASC' | 'DESC') => (direction === 'ASC' ? 'DESC' : 'ASC');

/**
 * A per-request loader of `{ parentId, ...pageWindow(args), filter }` pages, forward or backward, with a batched
 * `totalCount`. One statement per batch: a window numbers each parent's children and carries their columns.
 */
export function childPagesLoader<T, F = undefined>(
  dataSource: DataSource,
  spec: ChildPagesSpec<F, T>,
): DataLoader<ChildPageKey<F>, Page<T>, string> {
  const filterKey = (filter: F | undefined) => JSON.stringify(filter ?? null);
  const keyOf = (key: ChildPageKey<F>) =>
    `${key.parentId}|${key.size}|${key.backward ? 'b' : 'f'}|${key.cursor ?? ''}|${filterKey(key.filter)}`;
  const validParents = (ids: readonly string[]) => (spec.uuidParents === false ? [...ids] : ids.filter(isUuid));
  const id = spec.id ?? { sql: 'c.id', type: 'uuid' };
  const validId = (value: unknown) => (id.type === 'uuid' ? isUuid(value) : typeof value === 'string' && /^\d{1,19}$/.test(value));
  let reader: RowReader<T> | undefined = spec.rows;
  const rows = () => (reader ??= rowReader(dataSource, spec.entity as EntityTarget<ObjectLiteral>, 'c', spec.columns) as RowReader<T>);
  const query = (sql: string, params: Record<string, unknown>) => queryNamed<any>(dataSource, sql, params);

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
        const group = keyOf({ ...key, parentId: '' });
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      for (const group of groups.values()) {
        const window: PageWindow = { size: group[0].size, cursor: group[0].cursor, backward: group[0].backward };
        const { size, cursor, backward } = window;
        const filter = group[0].filter;
        // Backward pages read the order reversed from the cursor (or the end), then turn their rows around.
        const direction = backward ? flip(spec.sort.direction) : spec.sort.direction;
        const params: Record<string, unknown> = { parents: validParents(group.map((k) => k.parentId)), limit: size + 1 };
        let cursorCondition = '';
        if (cursor) {
          let value: unknown;
          let cursorId: unknown;
          try {
            [value, cursorId] = decodeCursor(cursor, backward ? 'before' : 'after');
          } catch (error) {
            for (const key of group) pages.set(keyOf(key), error as Error);
            continue;
          }
          if (typeof value !== 'string' || !validId(cursorId)) {
            for (const key of group) pages.set(keyOf(key), badCursor(window));
            continue;
          }
          const operator = direction === 'ASC' ? '>' : '<';
          const cursorRow = `(CAST(:cursorValue AS ${spec.sort.type}), CAST(:cursorId AS ${id.type}))`;
          cursorCondition = `AND (${spec.sort.sql}, ${id.sql}) ${operator} ${cursorRow}`;
          Object.assign(params, { cursorValue: value, cursorId });
        }
        const extra = spec.where?.(filter);
        Object.assign(params, extra?.params ?? {});
        let ranked: Ranked[] = [];
        if ((params.parents as string[]).length && size > 0) {
          try {
            ranked = await query(
              `SELECT * FROM (
                 SELECT ${spec.parent} AS parent_id, (${id.sql})::text AS id_value, (${spec.sort.sql})::text AS sort_value,
                        row_number() OVER (
                          PARTITION BY ${spec.parent} ORDER BY ${spec.sort.sql} ${direction}, ${id.sql} ${direction}
                        ) AS rank,
                        ${rows().select}
                 FROM ${spec.from}
                 WHERE ${spec.parent} = ANY(:parents) ${extra ? `AND ${extra.sql}` : ''} ${cursorCondition}
               ) ranked WHERE rank <= :limit ORDER BY parent_id, rank`,
              params,
            );
          } catch (error) {
            if (cursor && isDataException(error)) {
              for (const key of group) pages.set(keyOf(key), badCursor(window));
              continue;
            }
            throw error;
          }
        }
        const byParent = new Map<string, Ranked[]>();
        for (const row of ranked) {
          const list = byParent.get(row.parent_id);
          if (list) list.push(row);
          else byParent.set(row.parent_id, [row]);
        }
        for (const key of group) {
          const mine = byParent.get(key.parentId) ?? [];
          const kept = mine.slice(0, size);
          if (backward) kept.reverse();
          const edges: Edge<T>[] = kept.map((row) => ({ node: rows().read(row), cursor: encodeCursor([row.sort_value, row.id_value]) }));
          pages.set(keyOf(key), {
            edges,
            pageInfo: pageInfoOf(window, edges, mine.length > size),
            totalCount: () => counts.load({ parentId: key.parentId, filter: key.filter }),
          });
        }
      }
      return keys.map((key) => pages.get(keyOf(key)) as Page<T> | Error);
    },
    { cacheKeyFn: keyOf },
  );
}
