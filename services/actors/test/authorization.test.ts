// Who may read and change what: public registry data, writes by editors of the record's authority, contacts for the few.
import { ANONYMOUS, postSigned, staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import type { Identity } from '@ess/kit';
import { actorsSubgraph } from '../src';
import { createActor, createContact, countRows, ok, onlyError, updateActor, type ActorRow } from './factories';

const PARTNER_WITH_CONTACTS: Identity = { kind: 'partner', keyId: 'k1', scopes: ['read:contacts'], authorities: ['30', '26'] };
const PARTNER_WITHOUT_CONTACTS: Identity = { kind: 'partner', keyId: 'k2', scopes: ['read:actors'], authorities: ['30', '26'] };
const GARD_PARTNER_WITH_CONTACTS: Identity = { kind: 'partner', keyId: 'k3', scopes: ['read:contacts'], authorities: ['30'] };

const ACTOR_WITH_CONTACTS = `query ($id: ID!) { actor(id: $id) { id name contacts { firstName lastName email phone } } }`;
const LIST_WITH_CONTACTS = `{ actors(first: 10) { nodes { name authorityCode contacts { email } } } }`;

describe('authorization', () => {
  let subgraph: TestSubgraph;
  let gard: ActorRow;
  let drome: ActorRow;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
    gard = await createActor(subgraph, { name: 'Acteur gardois', authority: '30' });
    drome = await createActor(subgraph, { name: 'Acteur drômois', authority: '26' });
    await createContact(subgraph, gard.id, { firstName: 'Camille', lastName: 'Gard', email: 'camille@example.org', phone: '04 66 00 00 00' });
    await createContact(subgraph, drome.id, { firstName: 'Dominique', lastName: 'Drôme', email: 'dominique@example.org' });
  });
  afterAll(() => subgraph?.close());

  describe('actors', () => {
    it('anyone may read actors, anonymous callers included', async () => {
      const result = await subgraph.request(`{ actors(first: 10) { totalCount nodes { name } } actor(id: "${gard.id}") { name } }`, {}, ANONYMOUS);
      expect(result.errors).toBeUndefined();
      expect(result.data?.actors.totalCount).toBe(2);
      expect(result.data?.actor.name).toBe('Acteur gardois');
    });

    it('anonymous callers may not create, update, archive or import (UNAUTHENTICATED) and nothing is written', async () => {
      const before = await countRows(subgraph.dataSource, 'actor');
      const attempts = [
        subgraph.request(`mutation { createActor(input: { name: "Anon", authority: "30" }) { id } }`, {}, ANONYMOUS),
        updateActor(subgraph, gard.id, gard.version, { name: 'Anon' }, ANONYMOUS),
        subgraph.request(`mutation ($id: ID!) { archiveActor(id: $id, version: 1) { id } }`, { id: gard.id }, ANONYMOUS),
        subgraph.request(`mutation { importActors(csv: "siret,denominationUniteLegale\\n44306184100047,X\\n", authority: "30") { applied } }`, {}, ANONYMOUS),
        subgraph.request(`mutation { createNetwork(input: { name: "Anon", kind: OTHER }) { id } }`, {}, ANONYMOUS),
      ];
      for (const result of await Promise.all(attempts)) {
        expect(onlyError(result).extensions?.code).toBe('UNAUTHENTICATED');
        expect(result.data ?? null).toBeNull();
      }
      expect(await countRows(subgraph.dataSource, 'actor')).toBe(before);
      expect(await countRows(subgraph.dataSource, 'network')).toBe(0);
    });

    it('partners read but do not write (FORBIDDEN)', async () => {
      const result = await subgraph.request(`mutation { createActor(input: { name: "Partner", authority: "30" }) { id } }`, {}, PARTNER_WITH_CONTACTS);
      expect(onlyError(result).extensions?.code).toBe('FORBIDDEN');
    });

    it('a viewer of the Gard cannot create an actor (FORBIDDEN)', async () => {
      const before = await countRows(subgraph.dataSource, 'actor');
      const result = await subgraph.request(`mutation { createActor(input: { name: "Viewer", authority: "30" }) { id } }`, {}, staff('viewer', ['30']));
      expect(onlyError(result).extensions?.code).toBe('FORBIDDEN');
      expect(await countRows(subgraph.dataSource, 'actor')).toBe(before);
    });

    it('an editor of the Gard cannot create an actor in the Drôme', async () => {
      const result = await subgraph.request(`mutation { createActor(input: { name: "Ailleurs", communeCode: "26362" }) { id } }`, {}, staff('editor', ['30']));
      expect(onlyError(result).extensions?.code).toBe('FORBIDDEN');
    });

    it('an editor of the Gard cannot update or archive an actor of the Drôme, but can update one of the Gard', async () => {
      const editor = staff('editor', ['30']);
      expect(onlyError(await updateActor(subgraph, drome.id, drome.version, { name: 'Pris par le Gard' }, editor)).extensions?.code).toBe('FORBIDDEN');
      const archive = await subgraph.request(`mutation ($id: ID!, $v: Int!) { archiveActor(id: $id, version: $v) { id } }`, { id: drome.id, v: drome.version }, editor);
      expect(onlyError(archive).extensions?.code).toBe('FORBIDDEN');
      const [row] = await subgraph.dataSource.query(`SELECT name, version, archived_at FROM actors.actor WHERE id = $1`, [drome.id]);
      expect(row).toEqual({ name: 'Acteur drômois', version: drome.version, archived_at: null });

      const updated = ok(await updateActor(subgraph, gard.id, gard.version, { description: 'Mis à jour' }, editor)).updateActor;
      expect(updated.version).toBe(gard.version + 1);
      gard = updated;
    });

    it('an editor of the Gard cannot move an actor of the Gard to the Drôme', async () => {
      const result = await updateActor(subgraph, gard.id, gard.version, { authority: '26' }, staff('editor', ['30']));
      expect(onlyError(result).extensions?.code).toBe('FORBIDDEN');
    });

    it('staff of both authorities may edit in both', async () => {
      const both = staff('admin', ['26', '30']);
      const result = ok(await updateActor(subgraph, drome.id, drome.version, { description: 'Par un admin des deux' }, both)).updateActor;
      drome = result;
      expect(result.version).toBe(2);
    });
  });

  describe('contacts (personal data)', () => {
    it('anonymous callers get UNAUTHENTICATED on contacts and no contact data, the actor itself still', async () => {
      const result = await subgraph.request(ACTOR_WITH_CONTACTS, { id: gard.id }, ANONYMOUS);
      expect(onlyError(result).extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.errors![0].path).toEqual(['actor', 'contacts']);
      expect(result.data).toEqual({ actor: { id: gard.id, name: 'Acteur gardois', contacts: null } });
      expect(JSON.stringify(result)).not.toMatch(/camille|Camille|04 66/);
    });

    it('a partner without read:contacts gets FORBIDDEN and no contact data', async () => {
      const result = await subgraph.request(LIST_WITH_CONTACTS, {}, PARTNER_WITHOUT_CONTACTS);
      expect(result.errors?.length).toBe(2);
      for (const error of result.errors!) expect(error.extensions?.code).toBe('FORBIDDEN');
      expect(result.data?.actors.nodes.map((n: { contacts: unknown }) => n.contacts)).toEqual([null, null]);
      expect(JSON.stringify(result)).not.toMatch(/@example\.org/);
    });

    it('a Gard key with read:contacts sees the Gard contacts only: the Drôme ones are FORBIDDEN, with no data', async () => {
      const result = await subgraph.request(LIST_WITH_CONTACTS, {}, GARD_PARTNER_WITH_CONTACTS);
      expect(onlyError(result).extensions?.code).toBe('FORBIDDEN');
      const contacts = Object.fromEntries(result.data!.actors.nodes.map((n: { name: string; contacts: Array<{ email: string }> | null }) => [n.name, n.contacts]));
      expect(contacts).toEqual({ 'Acteur gardois': [{ email: 'camille@example.org' }], 'Acteur drômois': null });
      const one = await subgraph.request(ACTOR_WITH_CONTACTS, { id: drome.id }, GARD_PARTNER_WITH_CONTACTS);
      expect(onlyError(one).extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(one)).not.toMatch(/dominique|Dominique/);
    });

    it('a partner with read:contacts for both authorities sees the contacts of both', async () => {
      const result = ok(await subgraph.request(LIST_WITH_CONTACTS, {}, PARTNER_WITH_CONTACTS));
      const emails = Object.fromEntries(result.actors.nodes.map((n: { name: string; contacts: Array<{ email: string }> }) => [n.name, n.contacts.map((c) => c.email)]));
      expect(emails).toEqual({ 'Acteur gardois': ['camille@example.org'], 'Acteur drômois': ['dominique@example.org'] });
    });

    it('staff see the contacts of their authority, viewers included', async () => {
      for (const role of ['viewer', 'editor', 'admin'] as const) {
        const result = ok(await subgraph.request(ACTOR_WITH_CONTACTS, { id: gard.id }, staff(role, ['30'])));
        expect(result.actor.contacts).toEqual([{ firstName: 'Camille', lastName: 'Gard', email: 'camille@example.org', phone: '04 66 00 00 00' }]);
      }
    });

    it('staff of another authority do not see them (FORBIDDEN, no data)', async () => {
      const result = await subgraph.request(ACTOR_WITH_CONTACTS, { id: gard.id }, staff('admin', ['26']));
      expect(onlyError(result).extensions?.code).toBe('FORBIDDEN');
      expect(result.data?.actor.contacts).toBeNull();

      const list = await subgraph.request(LIST_WITH_CONTACTS, {}, staff('editor', ['26']));
      const byName = Object.fromEntries(list.data!.actors.nodes.map((n: { name: string; contacts: unknown }) => [n.name, n.contacts]));
      expect(byName).toEqual({ 'Acteur gardois': null, 'Acteur drômois': [{ email: 'dominique@example.org' }] });
      expect(list.errors).toHaveLength(1);
      expect(list.errors![0].extensions?.code).toBe('FORBIDDEN');
    });

    it('an editor of another authority cannot add, change or delete a contact', async () => {
      const other = staff('editor', ['26']);
      const create = await subgraph.request(`mutation ($a: ID!) { createContact(actorId: $a, input: { firstName: "X", lastName: "Y" }) { id } }`, { a: gard.id }, other);
      expect(onlyError(create).extensions?.code).toBe('FORBIDDEN');
      const [contact] = await subgraph.dataSource.query(`SELECT id, version FROM actors.contact WHERE actor_id = $1`, [gard.id]);
      const update = await subgraph.request(`mutation ($id: ID!, $v: Int!) { updateContact(id: $id, version: $v, input: { email: "pirate@example.org" }) { id } }`, { id: contact.id, v: contact.version }, other);
      expect(onlyError(update).extensions?.code).toBe('FORBIDDEN');
      const remove = await subgraph.request(`mutation ($id: ID!, $v: Int!) { deleteContact(id: $id, version: $v) }`, { id: contact.id, v: contact.version }, other);
      expect(onlyError(remove).extensions?.code).toBe('FORBIDDEN');
      const rows = await subgraph.dataSource.query(`SELECT email FROM actors.contact WHERE actor_id = $1`, [gard.id]);
      expect(rows).toEqual([{ email: 'camille@example.org' }]);
    });
  });

  describe('the subgraph answers only the gateway', () => {
    it('refuses an unsigned request and one signed with another secret', async () => {
      const unsigned = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ actors { totalCount } }' }) });
      expect(unsigned.status).toBe(401);
      const forged = await postSigned(subgraph.url, 'x'.repeat(64), { query: '{ actors { totalCount } }' }, staff('admin', ['30']));
      expect(forged.status).toBe(401);
      expect(forged.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
