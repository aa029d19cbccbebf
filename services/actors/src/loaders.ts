// Per-request DataLoaders of the registry: every field that reaches into another table goes through one of these.
import { childPagesLoader, historyLoader, isUuid, manyByKeyLoader, oneByKeyLoader, queryNamed, rowReader, rowsByKeys } from '@ess/kit';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Actor } from './actor/actor.entity';
import { Contact } from './contact/contact.entity';
import { Network } from './network/network.entity';
import { contactReadRecorder } from './personal-data/access-log';
import { mapListing, type MapListing, type MapListingRow } from './import/map-listing';

export function createLoaders(dataSource: DataSource) {
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
    actorByIdLoader: oneByKeyLoader<string, Actor>((ids) => rowsByKeys(dataSource, Actor, 'id', ids), (actor) => actor.id),
    actorBySiretLoader: oneByKeyLoader<string, Actor>((sirets) => rowsByKeys(dataSource, Actor, 'siret', sirets, { uuid: false }), (actor) => actor.siret as string),
    networkByIdLoader: oneByKeyLoader<string, Network>((ids) => rowsByKeys(dataSource, Network, 'id', ids), (n) => n.id),

    networksByActorIdLoader: manyByKeyLoader<string, Network>(async (actorIds) => {
      const network = rowReader(dataSource, Network, 'c');
      const rows = await queryNamed(
        dataSource,
        `SELECT m.actor_id AS member_actor_id, ${network.select} FROM actors.network c JOIN actors.network_membership m ON m.network_id = c.id
         WHERE m.actor_id = ANY(:actorIds) ORDER BY c.name, c.id`,
        { actorIds: actorIds.filter(isUuid) },
      );
      return rows.map((row) => ({ key: row.member_actor_id as string, value: network.read(row) }));
    }),

    contactsByActorIdLoader: manyByKeyLoader<string, Contact>(async (actorIds) => {
      const contacts = await rowsByKeys(dataSource, Contact, 'actor_id', actorIds, { orderBy: 'r.last_name, r.first_name, r.id' });
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

    /** A page of members for each network, by name (archived actors left out), all networks in one statement. */
    membersPageLoader: childPagesLoader<Actor>(dataSource, {
      entity: Actor,
      from: 'actors.network_membership m JOIN actors.actor c ON c.id = m.actor_id',
      parent: 'm.network_id',
      where: () => ({ sql: 'c.archived_at IS NULL', params: {} }),
      sort: { sql: 'c.name', type: 'text', direction: 'ASC' },
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
