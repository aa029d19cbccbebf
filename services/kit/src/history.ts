// The history panel of any record: its audit entries, newest first, a page per record, all records in one statement.
import DataLoader from 'dataloader';
import { GraphQLJSON } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { childPagesLoader } from './child-pages';
import { ConnectionType, pageWindow, type Page, type PageArgs, type PageWindow } from './pagination';
import type { RowReader } from './rows';

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

export interface HistoryKey extends PageWindow {
  entity: string;
  entityId: string;
}

/** An audit row read into a history entry (methods such as `changedFields` come with the prototype). */
const historyRows: RowReader<HistoryEntry> = {
  select: 'c.id::text AS h_id, c.at AS h_at, c.who AS h_who, c.action AS h_action, c.before AS h_before, c.after AS h_after',
  read: (raw) =>
    Object.assign(new HistoryEntry(), { id: raw.h_id, at: raw.h_at, who: raw.h_who, action: raw.h_action, before: raw.h_before, after: raw.h_after }),
};

/** A per-request loader of history pages from `<schema>.audit_log`, batched with a window per record (see child-pages.ts). */
export function historyLoader(dataSource: DataSource, schema: string): DataLoader<HistoryKey, Page<HistoryEntry>, string> {
  const pages = childPagesLoader<HistoryEntry, string>(dataSource, {
    rows: historyRows,
    from: `"${schema}".audit_log c`,
    parent: 'c.entity_id',
    uuidParents: false,
    where: (entity) => ({ sql: 'c.entity = :entity', params: { entity } }),
    sort: { sql: 'c.at', type: 'timestamptz', direction: 'DESC' },
    id: { sql: 'c.id', type: 'bigint' },
  });
  return new DataLoader<HistoryKey, Page<HistoryEntry>, string>(
    (keys) =>
      Promise.all(
        keys.map(({ entity, entityId, ...window }) => pages.load({ parentId: entityId, filter: entity, ...window }).catch((error: Error) => error)),
      ),
    { cacheKeyFn: (k) => `${k.entity}|${k.entityId}|${k.size}|${k.backward}|${k.cursor ?? ''}` },
  );
}

/** The history panel of a record (newest change first) through the request's loader: first/after or last/before. */
export async function historyOf(
  loaders: { historyLoader: DataLoader<HistoryKey, Page<HistoryEntry>, string> },
  entity: string,
  entityId: string,
  page: PageArgs,
): Promise<HistoryConnection> {
  return HistoryConnection.from(await loaders.historyLoader.load({ entity, entityId, ...pageWindow(page) }));
}
