// The number of SQL statements of a request does not grow with the length of the list, and the loaders give each parent its own rows.
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph } from '../src';
import { insertActorsSql, insertContactsSql, insertMembershipsSql, insertNetworksSql, ok } from './factories';

const ACTORS = `query ($first: Int!) { actors(first: $first, filter: { authorities: ["30"] }) { edges { node { id name networks { name } contacts { email } } } } }`;
const NETWORKS = `query ($first: Int!) { networks(first: $first) { edges { node { id name members(first: 5) { edges { node { name } } } memberCount } } } }`;

// Observed: actors = page + networks + contacts + one INSERT logging every contact read (the access log);
// networks = page + member pages (one ranked statement carrying the columns) + counts.
const ACTORS_STATEMENTS = 4;
const NETWORKS_STATEMENTS = 3;

interface ActorsResult {
  actors: { edges: Array<{ node: { id: string; name: string; networks: Array<{ name: string }>; contacts: Array<{ email: string }> } }> };
}
interface NetworksResult {
  networks: { edges: Array<{ node: { id: string; name: string; memberCount: number; members: { edges: Array<{ node: { name: string } }> } } }> };
}

describe('no N+1', () => {
  let subgraph: TestSubgraph;
  const gardStaff = staff('viewer', ['30']);

  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
    const ds = subgraph.dataSource;
    // 200 actors of the Gard, each in 2 of 4 networks and with 2 contacts.
    const actorIds = await insertActorsSql(ds, Array.from({ length: 200 }, (_, i) => ({ name: `Acteur ${String(i).padStart(3, '0')}` })));
    const networkIds = await insertNetworksSql(ds, ['Réseau A', 'Réseau B', 'Réseau C', 'Réseau D']);
    await insertMembershipsSql(ds, actorIds.flatMap((actorId, i) => [{ networkId: networkIds[i % 4], actorId }, { networkId: networkIds[(i + 1) % 4], actorId }]));
    await insertContactsSql(ds, actorIds.flatMap((actorId, i) => [{ actorId, email: `a${i}@example.org` }, { actorId, email: `b${i}@example.org` }]));
    // 30 more networks (34 in all), each with 0 to 29 members from 30 other actors (of the Drôme, so the list above stays 200).
    const others = await insertActorsSql(ds, Array.from({ length: 30 }, (_, i) => ({ name: `Membre ${String(i).padStart(2, '0')}`, authority: '26' })));
    const more = await insertNetworksSql(ds, Array.from({ length: 30 }, (_, i) => `Réseau n°${String(i).padStart(2, '0')}`));
    await insertMembershipsSql(ds, more.flatMap((networkId, n) => others.slice(0, n).map((actorId) => ({ networkId, actorId }))));
  });
  afterAll(() => subgraph?.close());

  it('actors with networks and contacts: the same few statements for 10 and for 200 actors', async () => {
    const small = await subgraph.request<ActorsResult>(ACTORS, { first: 10 }, gardStaff);
    const large = await subgraph.request<ActorsResult>(ACTORS, { first: 200 }, gardStaff);
    expect(ok(small).actors.edges).toHaveLength(10);
    expect(ok(large).actors.edges).toHaveLength(200);
    expect(small.statements).toBe(large.statements);
    expect(large.statements).toBe(ACTORS_STATEMENTS);
    expect(large.statements).toBeLessThanOrEqual(6);
  });

  it('logs every contact it returned, all of them in that one INSERT', async () => {
    const reads = async () => (await subgraph.dataSource.query(`SELECT count(*)::int AS n FROM actors.personal_data_access`))[0].n as number;
    const before = await reads();
    const result = await subgraph.request<ActorsResult>(ACTORS, { first: 200 }, gardStaff);
    expect(result.statements).toBe(ACTORS_STATEMENTS);
    expect(await reads()).toBe(before + 400);
  });

  it('each actor gets its own networks and contacts (the batch is split by parent correctly)', async () => {
    const { actors } = ok(await subgraph.request<ActorsResult>(ACTORS, { first: 200 }, gardStaff));
    const expectedNetworks = new Map<string, string[]>();
    for (const row of await subgraph.dataSource.query(
      `SELECT m.actor_id, n.name FROM actors.network_membership m JOIN actors.network n ON n.id = m.network_id ORDER BY n.name`,
    )) {
      expectedNetworks.set(row.actor_id, [...(expectedNetworks.get(row.actor_id) ?? []), row.name]);
    }
    for (const { node } of actors.edges) {
      const i = Number(node.name.slice(-3));
      expect(node.networks.map((n) => n.name)).toEqual(expectedNetworks.get(node.id));
      expect(node.networks).toHaveLength(2);
      expect(node.contacts.map((c) => c.email).sort()).toEqual([`a${i}@example.org`, `b${i}@example.org`]);
    }
  });

  it('networks with a page of members and their count: the same few statements for 3 and for 30 networks', async () => {
    const small = await subgraph.request<NetworksResult>(NETWORKS, { first: 3 });
    const large = await subgraph.request<NetworksResult>(NETWORKS, { first: 30 });
    expect(ok(small).networks.edges).toHaveLength(3);
    expect(ok(large).networks.edges).toHaveLength(30);
    expect(small.statements).toBe(large.statements);
    expect(large.statements).toBe(NETWORKS_STATEMENTS);
    expect(large.statements).toBeLessThanOrEqual(6);
  });

  it('each network gets its own members and count', async () => {
    const { networks } = ok(await subgraph.request<NetworksResult>(NETWORKS, { first: 34 }));
    expect(networks.edges).toHaveLength(34);
    for (const { node } of networks.edges) {
      const members: Array<{ name: string }> = await subgraph.dataSource.query(
        `SELECT a.name FROM actors.network_membership m JOIN actors.actor a ON a.id = m.actor_id WHERE m.network_id = $1 ORDER BY a.name, a.id`,
        [node.id],
      );
      expect(node.memberCount).toBe(members.length);
      expect(node.members.edges.map((e) => e.node.name)).toEqual(members.slice(0, 5).map((m) => m.name));
    }
  });
});
