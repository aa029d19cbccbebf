// The history panel of any record: its audit entries, newest first, a page per record, all records in one statement.
import DataLoader from 'dataloader';
import { GraphQLJSON } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { ConnectionType, decodeCursor, encodeCursor, type Page } from './pagination';

// Shareable: every subgraph serves the history of its own records with this same type.
@ObjectType({ description: 'One change of a record: who, when, what, and the values before and after.' })
@Directive('@shareable')
export class HistoryEntry {
  @Field(() => ID)
  id: string;

  @Field()
  at: Date;

  @Field({ description: 'Who made the change: staff:<user id>, key:<key id>, or system.' })
  who: string;

  @Field({ description: 'create, update, archive, delete, link, unlink or import.' })
  action: string;

  @Field(() => GraphQLJSON, { nullable: true })
  before: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  after: unknown;

  @Field(() => [String], { description: 'Fields whose value differs between before and after.' })
  changedFields(): string[] {
    const before = (this.before ?? {}) as Record<string, unknown>;
    const after = (this.after ?? {}) as Record<string, unknown>;
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort();
  }
}

export const HistoryConnection = ConnectionType(HistoryEntry, 'History', { shareable: true });
export type HistoryConnection = InstanceType<typeof HistoryConnection>;

export interface HistoryKey {
  entity: string;
  entityId: string;
  first: number;
  after: string | null;
}

const keyOf = (k: HistoryKey) => `${k.entity}|${k.entityId}|${k.first}|${k.after ?? ''}`;

interface Row {
  id: string;
  at: Date;
  who: string;
  action: string;
  before: unknown;
  after: unknown;
  entity: string;
  entity_id: string;
}

/** A per-request loader of history pages from `<schema>.audit_log`, batched with a window per record. */
export function historyLoader(dataSource: DataSource, schema: string): DataLoader<HistoryKey, Page<HistoryEntry>, string> {
  // Total counts asked for many records are answered together: one statement per kind of record.
  const counts = new DataLoader<{ entity: string; entityId: string }, number, string>(
    async (keys) => {
      const result = new Map<string, number>();
      for (const entity of new Set(keys.map((key) => key.entity))) {
        const ids = [...new Set(keys.filter((key) => key.entity === entity).map((key) => key.entityId))];
        const rows: Array<{ entity_id: string; count: number }> = await dataSource.query(
          `SELECT entity_id, count(*)::int AS count FROM "${schema}".audit_log WHERE entity = $1 AND entity_id = ANY($2) GROUP BY entity_id`,
          [entity, ids],
        );
        for (const row of rows) result.set(`${entity}|${row.entity_id}`, row.count);
      }
      return keys.map((key) => result.get(`${key.entity}|${key.entityId}`) ?? 0);
    },
    { cacheKeyFn: (key) => `${key.entity}|${key.entityId}` },
  );
  return new DataLoader<HistoryKey, Page<HistoryEntry>, string>(
    async (keys) => {
      const pages = new Map<string, Page<HistoryEntry>>();
      const groups = new Map<string, HistoryKey[]>();
      for (const key of keys) groups.set(`${key.entity}|${key.first}|${key.after ?? ''}`, [...(groups.get(`${key.entity}|${key.first}|${key.after ?? ''}`) ?? []), key]);
      for (const group of groups.values()) {
        const { entity, first, after } = group[0];
        const params: unknown[] = [entity, group.map((k) => k.entityId), first + 1];
        let cursorCondition = '';
        if (after) {
          const [at, id] = decodeCursor(after, 'after');
          if (!/^\d+$/.test(String(id)) || Number.isNaN(Date.parse(String(at)))) decodeCursor('', 'after');
          params.push(at, id);
          cursorCondition = 'AND (a.at, a.id) < ($4::timestamptz, $5::bigint)';
        }
        const rows: Array<Row & { total: string }> = await dataSource.query(
          `SELECT * FROM (
             SELECT a.id::text AS id, a.at, a.who, a.action, a.before, a.after, a.entity, a.entity_id,
                    row_number() OVER (PARTITION BY a.entity_id ORDER BY a.at DESC, a.id DESC) AS rank
             FROM "${schema}".audit_log a
             WHERE a.entity = $1 AND a.entity_id = ANY($2) ${cursorCondition}
           ) ranked WHERE rank <= $3 ORDER BY entity_id, rank`,
          params,
        );
        for (const key of group) {
          const mine = rows.filter((r) => r.entity_id === key.entityId);
          const more = mine.length > first;
          const edges = mine.slice(0, first).map((row) => {
            const node = Object.assign(new HistoryEntry(), { id: row.id, at: row.at, who: row.who, action: row.action, before: row.before, after: row.after });
            return { node, cursor: encodeCursor([new Date(row.at).toISOString(), row.id]) };
          });
          pages.set(keyOf(key), {
            edges,
            pageInfo: { hasNextPage: more, hasPreviousPage: Boolean(after), startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
            totalCount: () => counts.load({ entity: key.entity, entityId: key.entityId }),
          });
        }
      }
      return keys.map((key) => pages.get(keyOf(key)) as Page<HistoryEntry>);
    },
    { cacheKeyFn: keyOf },
  );
}
