// Networks: creation, membership links, member pages and counts, versioned edits, and who may change which network.
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph } from '../src';
import { addMember, archiveActor, countRows, createActor, createNetwork, ok, onlyError, type ActorRow } from './factories';

const MEMBERS = `query ($id: ID!, $first: Int, $after: String) {
  network(id: $id) { memberCount members(first: $first, after: $after) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage hasPreviousPage endCursor } } }
}`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $input: NetworkInput!) { updateNetwork(id: $id, version: $v, input: $input) { id name version description authorityCode } }`;
const REMOVE = `mutation ($n: ID!, $a: ID!) { removeNetworkMember(networkId: $n, actorId: $a) { id memberCount } }`;

interface MembersResult {
  network: {
    memberCount: number;
    members: { totalCount: number; edges: Array<{ cursor: string; node: { id: string; name: string } }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null } };
  };
}

describe('networks', () => {
  let subgraph: TestSubgraph;
  let members: ActorRow[];

  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
    members = [];
    for (let i = 0; i < 12; i++) members.push(await createActor(subgraph, { name: `Membre ${String(i).padStart(2, '0')}`, authority: '30' }));
  });
  afterAll(() => subgraph?.close());

  it('creates a network and audits it', async () => {
    const network = await createNetwork(subgraph, { name: 'Réseau ESS test', kind: 'DEPARTMENTAL', authority: '30', acronym: 'RET' }, staff('editor', ['30']));
    expect(network).toMatchObject({ name: 'Réseau ESS test', kind: 'DEPARTMENTAL', authorityCode: '30', version: 1 });
    const audit = await subgraph.dataSource.query(`SELECT action FROM actors.audit_log WHERE entity = 'Network' AND entity_id = $1`, [network.id]);
    expect(audit).toEqual([{ action: 'create' }]);
  });

  it('refuses a second network with the same name, whatever the case', async () => {
    await createNetwork(subgraph, { name: 'Pôle Unique', kind: 'PTCE' });
    const result = await subgraph.request(`mutation { createNetwork(input: { name: "pôle unique", kind: PTCE }) { id } }`);
    expect(onlyError(result).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  it('adds members (adding twice changes nothing) and removes them; memberCount and Actor.networks follow', async () => {
    const network = await createNetwork(subgraph, { name: 'Réseau des membres', kind: 'OTHER' });
    expect(ok(await addMember(subgraph, network.id, members[0].id)).addNetworkMember.memberCount).toBe(1);
    expect(ok(await addMember(subgraph, network.id, members[1].id)).addNetworkMember.memberCount).toBe(2);
    const auditBefore = await countRows(subgraph.dataSource, 'audit_log');
    expect(ok(await addMember(subgraph, network.id, members[0].id)).addNetworkMember.memberCount).toBe(2);
    expect(await countRows(subgraph.dataSource, 'audit_log')).toBe(auditBefore);
    const [{ count }] = await subgraph.dataSource.query(`SELECT count(*)::int AS count FROM actors.network_membership WHERE network_id = $1`, [network.id]);
    expect(count).toBe(2);

    const actorNetworks = `query ($id: ID!) { actor(id: $id) { networks { id name } } }`;
    expect(ok(await subgraph.request(actorNetworks, { id: members[0].id })).actor.networks).toEqual([{ id: network.id, name: 'Réseau des membres' }]);

    expect(ok(await subgraph.request(REMOVE, { n: network.id, a: members[0].id })).removeNetworkMember.memberCount).toBe(1);
    expect(ok(await subgraph.request(actorNetworks, { id: members[0].id })).actor.networks).toEqual([]);
    // removing a non-member is harmless
    expect(ok(await subgraph.request(REMOVE, { n: network.id, a: members[0].id })).removeNetworkMember.memberCount).toBe(1);
    const links = await subgraph.dataSource.query(`SELECT action FROM actors.audit_log WHERE entity = 'Actor' AND entity_id = $1 AND action IN ('link', 'unlink') ORDER BY id`, [members[0].id]);
    expect(links).toEqual([{ action: 'link' }, { action: 'unlink' }]);
  });

  it('an actor in several networks lists them all, by name', async () => {
    const a = await createNetwork(subgraph, { name: 'Zeta réseau', kind: 'OTHER' });
    const b = await createNetwork(subgraph, { name: 'Alpha réseau', kind: 'NETWORK_HEAD' });
    const actor = await createActor(subgraph, { name: 'Multi-réseaux' });
    ok(await addMember(subgraph, a.id, actor.id));
    ok(await addMember(subgraph, b.id, actor.id));
    const result = ok(await subgraph.request(`query ($id: ID!) { actor(id: $id) { networks { name } } }`, { id: actor.id }));
    expect(result.actor.networks.map((n: { name: string }) => n.name)).toEqual(['Alpha réseau', 'Zeta réseau']);
  });

  it('pages through the members by name, each once, with totalCount; archived members are left out', async () => {
    const network = await createNetwork(subgraph, { name: 'Grand réseau', kind: 'OTHER' });
    for (const member of members) ok(await addMember(subgraph, network.id, member.id));
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result: MembersResult = ok(await subgraph.request<MembersResult>(MEMBERS, { id: network.id, first: 5, after }));
      expect(result.network.memberCount).toBe(12);
      expect(result.network.members.totalCount).toBe(12);
      expect(result.network.members.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...result.network.members.edges.map((e) => e.node.name));
      if (!result.network.members.pageInfo.hasNextPage) break;
      after = result.network.members.pageInfo.endCursor;
    }
    expect(seen).toEqual(members.map((m) => m.name));

    const archived = await archiveActor(subgraph, members[3].id, members[3].version);
    members[3] = archived;
    const result = ok(await subgraph.request<MembersResult>(MEMBERS, { id: network.id, first: 50 }));
    expect(result.network.memberCount).toBe(11);
    expect(result.network.members.edges.map((e) => e.node.name)).not.toContain(members[3].name);
  });

  it('pages the members backward with last/before: the last ones first, then the ones before, in name order', async () => {
    const network = await createNetwork(subgraph, { name: 'Réseau à rebours', kind: 'OTHER' });
    for (const member of members.slice(5, 12)) ok(await addMember(subgraph, network.id, member.id));
    const BACKWARD = `query ($id: ID!, $last: Int, $before: String) {
      network(id: $id) { members(last: $last, before: $before) { edges { node { name } } pageInfo { hasNextPage hasPreviousPage startCursor } } }
    }`;
    type Backward = { network: { members: { edges: Array<{ node: { name: string } }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string } } } };
    const names = members.slice(5, 12).map((m) => m.name); // members[3] was archived above
    const last = ok(await subgraph.request<Backward>(BACKWARD, { id: network.id, last: 3 })).network.members;
    expect(last.edges.map((e) => e.node.name)).toEqual(names.slice(4));
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const before = ok(await subgraph.request<Backward>(BACKWARD, { id: network.id, last: 3, before: last.pageInfo.startCursor })).network.members;
    expect(before.edges.map((e) => e.node.name)).toEqual(names.slice(1, 4));
    expect(before.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const start = ok(await subgraph.request<Backward>(BACKWARD, { id: network.id, last: 3, before: before.pageInfo.startCursor })).network.members;
    expect(start.edges.map((e) => e.node.name)).toEqual(names.slice(0, 1));
    expect(start.pageInfo.hasPreviousPage).toBe(false);
    const mixed = `query ($id: ID!) { network(id: $id) { members(first: 2, last: 2) { totalCount } } }`;
    expect(onlyError(await subgraph.request(mixed, { id: network.id })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
  });

  it('refuses a members cursor that is not one (BAD_USER_INPUT), and a page over 500', async () => {
    const network = await createNetwork(subgraph, { name: 'Réseau curseur', kind: 'OTHER' });
    const forged = Buffer.from(JSON.stringify(['Membre', 'not-a-uuid'])).toString('base64url');
    for (const after of ['garbage', forged]) {
      expect(onlyError(await subgraph.request(MEMBERS, { id: network.id, first: 5, after })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    expect(onlyError(await subgraph.request(MEMBERS, { id: network.id, first: 501 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('updates with the version; an edit from an old version gets CONFLICT and changes nothing', async () => {
    const network = await createNetwork(subgraph, { name: 'Réseau versionné', kind: 'OTHER' });
    const updated = ok(await subgraph.request(UPDATE, { id: network.id, v: 1, input: { description: 'première' } })).updateNetwork;
    expect(updated).toMatchObject({ version: 2, description: 'première', name: 'Réseau versionné' });
    const stale = await subgraph.request(UPDATE, { id: network.id, v: 1, input: { description: 'périmée' } });
    expect(onlyError(stale).extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const [row] = await subgraph.dataSource.query(`SELECT description, version FROM actors.network WHERE id = $1`, [network.id]);
    expect(row).toEqual({ description: 'première', version: 2 });

    const racing = await Promise.all(['x', 'y'].map((description) => subgraph.request(UPDATE, { id: network.id, v: 2, input: { description } })));
    expect(racing.map((r) => (r.errors ? r.errors[0].extensions?.code : 'ok')).sort()).toEqual(['CONFLICT', 'ok']);
  });

  it('a departmental network is edited only by staff of its authority', async () => {
    const network = await createNetwork(subgraph, { name: 'Réseau gardois', kind: 'DEPARTMENTAL', authority: '30' });
    expect(onlyError(await subgraph.request(UPDATE, { id: network.id, v: 1, input: { description: 'Drôme' } }, staff('admin', ['26']))).extensions?.code).toBe('FORBIDDEN');
    expect(onlyError(await subgraph.request(UPDATE, { id: network.id, v: 1, input: { description: 'vue' } }, staff('viewer', ['30']))).extensions?.code).toBe('FORBIDDEN');
    const ok30 = ok(await subgraph.request(UPDATE, { id: network.id, v: 1, input: { description: 'Gard' } }, staff('editor', ['30']))).updateNetwork;
    expect(ok30.version).toBe(2);
    // nor handed over to an authority the editor does not edit
    const moved = await subgraph.request(UPDATE, { id: network.id, v: 2, input: { authority: '26' } }, staff('editor', ['30']));
    expect(onlyError(moved).extensions?.code).toBe('FORBIDDEN');
    const create = await subgraph.request(`mutation { createNetwork(input: { name: "Réseau drômois", kind: DEPARTMENTAL, authority: "26" }) { id } }`, {}, staff('editor', ['30']));
    expect(onlyError(create).extensions?.code).toBe('FORBIDDEN');
  });

  it('a network of no authority is changed only by admins', async () => {
    const network = await createNetwork(subgraph, { name: 'Tête de réseau régionale', kind: 'NETWORK_HEAD' });
    expect(onlyError(await subgraph.request(UPDATE, { id: network.id, v: 1, input: { description: 'éditeur' } }, staff('editor', ['30']))).extensions?.code).toBe('FORBIDDEN');
    const create = await subgraph.request(`mutation { createNetwork(input: { name: "Autre tête", kind: NETWORK_HEAD }) { id } }`, {}, staff('editor', ['30']));
    expect(onlyError(create).extensions?.code).toBe('FORBIDDEN');
    expect(ok(await subgraph.request(UPDATE, { id: network.id, v: 1, input: { description: 'admin' } }, staff('admin', ['30']))).updateNetwork.version).toBe(2);
  });

  it('staff may add their own actors to any network, but not actors of another authority to a network not theirs', async () => {
    const head = await createNetwork(subgraph, { name: 'Réseau national', kind: 'NETWORK_HEAD' });
    const drome = await createActor(subgraph, { name: 'Drômois', authority: '26' });
    ok(await addMember(subgraph, head.id, members[0].id, staff('editor', ['30'])));
    expect(onlyError(await addMember(subgraph, head.id, drome.id, staff('editor', ['30']))).extensions?.code).toBe('FORBIDDEN');
    expect(onlyError(await addMember(subgraph, head.id, members[1].id, staff('viewer', ['30']))).extensions?.code).toBe('FORBIDDEN');
  });

  it('answers NOT_FOUND for unknown networks and actors, and a bad input for a malformed id or an unknown carrier', async () => {
    const network = await createNetwork(subgraph, { name: 'Réseau introuvable', kind: 'OTHER' });
    expect(onlyError(await addMember(subgraph, '00000000-0000-4000-8000-000000000000', members[0].id)).extensions?.code).toBe('NOT_FOUND');
    // A malformed id is the caller's mistake, refused by the kit before execution (docs/decisions.md).
    expect(onlyError(await addMember(subgraph, network.id, 'nope')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'actorId' });
    const carrier = await subgraph.request(`mutation { createNetwork(input: { name: "Porté", kind: OTHER, carrierActorId: "00000000-0000-4000-8000-000000000000" }) { id } }`);
    expect(onlyError(carrier).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'carrierActorId' });
    expect(onlyError(await subgraph.request(`{ network(id: "nope") { id } }`)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(ok(await subgraph.request(`{ network(id: "00000000-0000-4000-8000-000000000000") { id } }`)).network).toBeNull();
  });

  it('lists networks by kind and authority', async () => {
    const result = ok(await subgraph.request(`{ networks(first: 100, kind: DEPARTMENTAL, authority: "30") { totalCount nodes { name } } }`));
    expect(result.networks.nodes.map((n: { name: string }) => n.name).sort()).toEqual(['Réseau ESS test', 'Réseau gardois']);
  });
});
