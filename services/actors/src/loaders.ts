// Per-request DataLoaders of the registry: every field that reaches into another table goes through one of these.
import { historyLoader, BadInputError, isUuid, encodeCursor, decodeCursor, manyByKeyLoader, oneByKeyLoader, type Edge, type Page } from '@ess/kit';
import DataLoader from 'dataloader';
import { In, type DataSource, type FindOptionsWhere, type Repository } from 'typeorm';
import { Actor } from './actor/actor.entity';
import { Contact } from './contact/contact.entity';
import { Network, NetworkMembership } from './network/network.entity';
import { contactReadRecorder } from './personal-data/access-log';
import { mapListing, type MapListing, type MapListingRow } from './import/map-listing';

/** Rows by id, skipping ids that are not UUIDs (they match nothing) and sending no statement for none. */
async function byIds<T extends { id: string }>(repository: Repository<T>, ids: readonly string[]): Promise<T[]> {
  const valid = ids.filter(isUuid);
  return valid.length ? repository.findBy({ id: In(valid) } as FindOptionsWhere<T>) : [];
}

export interface MembersPageKey {
  networkId: string;
  first: number;
  after: string | null;
}

export function createLoaders(dataSource: DataSource) {
  const actors = dataSource.getRepository(Actor);
  const memberCountByNetworkIdLoader = new DataLoader<string, number>(async (networkIds) => {
    const rows: Array<{ network_id: string; count: string }> = await dataSource.query(
      `SELECT m.network_id, count(*) AS count FROM actors.network_membership m JOIN actors.actor a ON a.id = m.actor_id
       WHERE m.network_id = ANY($1) AND a.archived_at IS NULL GROUP BY m.network_id`,
      [networkIds],
    );
    const counts = new Map(rows.map((row) => [row.network_id, Number(row.count)]));
    return networkIds.map((id) => counts.get(id) ?? 0);
  });
  return {
    historyLoader: historyLoader(dataSource, 'actors'),
    memberCountByNetworkIdLoader,
    actorByIdLoader: oneByKeyLoader<string, Actor>((ids) => byIds(actors, ids), (actor) => actor.id),
    actorBySiretLoader: oneByKeyLoader<string, Actor>((sirets) => actors.findBy({ siret: In([...sirets]) }), (actor) => actor.siret as string),
    networkByIdLoader: oneByKeyLoader<string, Network>((ids) => byIds(dataSource.getRepository(Network), ids), (n) => n.id),

    networksByActorIdLoader: manyByKeyLoader<string, Network>(async (actorIds) => {
      const { raw, entities } = await dataSource
        .getRepository(Network)
        .createQueryBuilder('network')
        .innerJoin(NetworkMembership, 'm', 'm.network_id = network.id')
        .addSelect('m.actor_id', 'member_actor_id')
        .where('m.actor_id IN (:...actorIds)', { actorIds })
        .orderBy('network.name')
        .addOrderBy('network.id')
        .getRawAndEntities();
      // One raw row per membership, but one entity per network (TypeORM merges rows by id): pair them by network id.
      const byId = new Map(entities.map((network) => [network.id, network]));
      return (raw as Array<{ network_id: string; member_actor_id: string }>).map((row) => ({ key: row.member_actor_id, value: byId.get(row.network_id) as Network }));
    }),

    contactsByActorIdLoader: manyByKeyLoader<string, Contact>(async (actorIds) => {
      const contacts = await dataSource.getRepository(Contact).find({ where: { actorId: In([...actorIds]) }, order: { lastName: 'ASC', firstName: 'ASC', id: 'ASC' } });
      return contacts.map((contact) => ({ key: contact.actorId, value: contact }));
    }),
    /** Logs the contacts handed out by this request (the access log), all in one INSERT. */
    contactReadRecorder: contactReadRecorder(dataSource),

    mapListingsByActorIdLoader: manyByKeyLoader<string, MapListing>(async (actorIds) => {
      const rows: Array<MapListingRow & { actor_id: string }> = await dataSource.query(
          `SELECT actor_id::text, source, source_id, categories, open_hours FROM actors.actor_source
           WHERE actor_id = ANY($1) ORDER BY actor_id, source, source_id`,
          [actorIds],
        );
      return rows.map((r) => ({ key: r.actor_id, value: mapListing(r) }));
    }),

    /**
     * A page of members for each network, all networks in one statement: a window numbers each network's members in
     * name order after the cursor, and only the first rows of each window are kept.
     */
    membersPageLoader: new DataLoader<MembersPageKey, Page<Actor>, string>(
      async (keys) => {
        const groups = new Map<string, MembersPageKey[]>();
        for (const key of keys) {
          const group = `${key.first}|${key.after ?? ''}`;
          groups.set(group, [...(groups.get(group) ?? []), key]);
        }
        const pages = new Map<string, Page<Actor> | Error>();
        for (const group of groups.values()) {
          const { first, after } = group[0];
          const params: unknown[] = [group.map((k) => k.networkId), first + 1];
          let cursorCondition = '';
          if (after) {
            const [name, id] = decodeMembersCursor(after);
            if (name === null) {
              // a bad cursor fails its own pages only, and before PostgreSQL fails to cast it
              for (const key of group) pages.set(membersKey(key), BadInputError.field('after', 'is not a cursor returned by this list'));
              continue;
            }
            params.push(name, id);
            cursorCondition = 'AND (a.name, a.id) > ($3, $4)';
          }
          const rows: Array<{ network_id: string; id: string }> = await dataSource.query(
            `SELECT network_id, id FROM (
               SELECT m.network_id, a.id, row_number() OVER (PARTITION BY m.network_id ORDER BY a.name, a.id) AS rank
               FROM actors.network_membership m JOIN actors.actor a ON a.id = m.actor_id
               WHERE m.network_id = ANY($1) AND a.archived_at IS NULL ${cursorCondition}
             ) ranked WHERE rank <= $2 ORDER BY network_id, rank`,
            params,
          );
          const members = rows.length ? await actors.findBy({ id: In(rows.map((r) => r.id)) }) : [];
          const byId = new Map(members.map((a) => [a.id, a]));
          for (const key of group) {
            const ids = rows.filter((r) => r.network_id === key.networkId).map((r) => r.id);
            const more = ids.length > first;
            const edges: Edge<Actor>[] = ids.slice(0, first).map((id) => {
              const node = byId.get(id) as Actor;
              return { node, cursor: encodeCursor([node.name, node.id]) };
            });
            pages.set(membersKey(key), {
              edges,
              pageInfo: { hasNextPage: more, hasPreviousPage: Boolean(after), startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
              totalCount: () => memberCountByNetworkIdLoader.load(key.networkId),
            });
          }
        }
        return keys.map((key) => pages.get(membersKey(key)) as Page<Actor> | Error);
      },
      { cacheKeyFn: membersKey },
    ),
  };
}

/** The (name, id) of a members cursor, or nulls when it is not one this list returned. */
function decodeMembersCursor(cursor: string): [string, string] | [null, null] {
  try {
    const [name, id] = decodeCursor(cursor, 'after');
    return typeof name === 'string' && isUuid(id) ? [name, id] : [null, null];
  } catch {
    return [null, null];
  }
}

function membersKey(key: MembersPageKey): string {
  return `${key.networkId}|${key.first}|${key.after ?? ''}`;
}

export type Loaders = ReturnType<typeof createLoaders>;
