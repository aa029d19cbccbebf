// Personal data (RGPD): reads of contacts are logged, an access request exports everything, rectification is audited,
// erasure leaves no personal value anywhere in the database, and the audit log cannot be changed otherwise.
import type { Identity } from '@ess/kit';
import { ANONYMOUS, staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import type { DataSource } from 'typeorm';
import { actorsSubgraph } from '../src';
import { countRows, createActor, createContact, eraseContact, ok, onlyError, updateContact, type ActorRow } from './factories';

const GARD_ADMIN = staff('admin', ['30'], 'admin-gard');
const GARD_EDITOR = staff('editor', ['30'], 'editor-gard');
const GARD_VIEWER = staff('viewer', ['30'], 'viewer-gard');
const DROME_ADMIN = staff('admin', ['26'], 'admin-drome');
const PARTNER: Identity = { kind: 'partner', keyId: 'key-1', scopes: ['read:contacts'], authorities: ['30'] };

const CONTACTS_OF = `query ($id: ID!) { actor(id: $id) { contacts { id email } } }`;
const ACCESSES = `query ($contactId: ID!, $first: Int, $after: String) {
  personalDataAccesses(contactId: $contactId, first: $first, after: $after) {
    totalCount edges { cursor node { id at who requestId contactId actorId purpose } } pageInfo { hasNextPage endCursor }
  }
}`;
const EXPORT = `query ($contactId: ID!) {
  contactDataExport(contactId: $contactId) {
    exportedAt contact { id firstName lastName role email phone erasedAt } actor { id name }
    history { action who before after changedFields } accesses { who purpose } json
  }
}`;

/** Tables, in any schema but PostgreSQL's own, with a row whose text holds one of the values (case-insensitive). */
async function tablesHolding(dataSource: DataSource, values: string[]): Promise<string[]> {
  const tables: Array<{ schema: string; name: string }> = await dataSource.query(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const found: string[] = [];
  for (const { schema, name } of tables) {
    // A whole row as text covers every column: text, jsonb (audit before/after), arrays, tsvector.
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM "${schema}"."${name}" t WHERE t::text ILIKE ANY($1)`, [values.map((v) => `%${v}%`)]);
    if (n > 0) found.push(`${schema}.${name}`);
  }
  return found;
}

describe('personal data', () => {
  let subgraph: TestSubgraph;
  let gard: ActorRow;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
    gard = await createActor(subgraph, { name: 'Épicerie solidaire du Vigan', authority: '30' });
  });
  afterAll(() => subgraph?.close());

  const accessRows = (contactId: string) =>
    subgraph.dataSource.query(`SELECT id::text, who, request_id, actor_id, purpose FROM actors.personal_data_access WHERE contact_id = $1 ORDER BY id`, [contactId]);

  describe('the access log', () => {
    it('records who read which contact, when and in which request; a refused read records nothing', async () => {
      const actor = await createActor(subgraph, { name: 'Lecture SCOP', authority: '30' });
      const a = await createContact(subgraph, actor.id, { email: 'lu-a@example.org' });
      const b = await createContact(subgraph, actor.id, { email: 'lu-b@example.org' });
      expect(await accessRows(a.id)).toEqual([]);

      ok(await subgraph.request(CONTACTS_OF, { id: actor.id }, GARD_VIEWER));
      ok(await subgraph.request(CONTACTS_OF, { id: actor.id }, PARTNER));
      expect(onlyError(await subgraph.request(CONTACTS_OF, { id: actor.id }, DROME_ADMIN)).extensions?.code).toBe('FORBIDDEN');
      expect(onlyError(await subgraph.request(CONTACTS_OF, { id: actor.id }, ANONYMOUS)).extensions?.code).toBe('UNAUTHENTICATED');

      for (const contact of [a, b]) {
        const rows = await accessRows(contact.id);
        expect(rows.map((r: { who: string; actor_id: string; purpose: string }) => [r.who, r.actor_id, r.purpose])).toEqual([
          ['staff:viewer-gard', actor.id, 'read'],
          ['key:key-1', actor.id, 'read'],
        ]);
        expect(rows[0].request_id).toMatch(/^[0-9a-f-]{36}$/);
      }
      // Both contacts read in one request share its id.
      expect((await accessRows(a.id))[0].request_id).toBe((await accessRows(b.id))[0].request_id);
    });

    it('writes nothing when an actor has no contacts, and logs a contact once when a request reads it twice', async () => {
      const empty = await createActor(subgraph, { name: 'Sans contact', authority: '30' });
      const before = await countRows(subgraph.dataSource, 'personal_data_access');
      const result = await subgraph.request(CONTACTS_OF, { id: empty.id }, GARD_VIEWER);
      expect(ok(result).actor.contacts).toEqual([]);
      expect(result.statements).toBe(2); // the actor, its contacts: no INSERT
      expect(await countRows(subgraph.dataSource, 'personal_data_access')).toBe(before);

      const actor = await createActor(subgraph, { name: 'Deux fois lu', authority: '30' });
      const contact = await createContact(subgraph, actor.id, {});
      ok(await subgraph.request(`query ($id: ID!) { one: actor(id: $id) { contacts { id } } two: actor(id: $id) { contacts { email } } }`, { id: actor.id }, GARD_VIEWER));
      expect(await accessRows(contact.id)).toHaveLength(1);
    });

    it('is shown to admins of the authority, newest first, a page at a time', async () => {
      const actor = await createActor(subgraph, { name: 'Journal consulté', authority: '30' });
      const contact = await createContact(subgraph, actor.id, {});
      for (let i = 0; i < 3; i++) ok(await subgraph.request(CONTACTS_OF, { id: actor.id }, GARD_VIEWER));
      ok(await subgraph.request(CONTACTS_OF, { id: actor.id }, PARTNER));

      const page1 = ok(await subgraph.request(ACCESSES, { contactId: contact.id, first: 3 }, GARD_ADMIN)).personalDataAccesses;
      expect(page1.totalCount).toBe(4);
      expect(page1.edges.map((e: { node: { who: string } }) => e.node.who)).toEqual(['key:key-1', 'staff:viewer-gard', 'staff:viewer-gard']);
      expect(page1.edges[0].node).toMatchObject({ contactId: contact.id, actorId: actor.id, purpose: 'read' });
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = ok(await subgraph.request(ACCESSES, { contactId: contact.id, first: 3, after: page1.pageInfo.endCursor }, GARD_ADMIN)).personalDataAccesses;
      expect(page2.edges.map((e: { node: { who: string } }) => e.node.who)).toEqual(['staff:viewer-gard']);
      expect(page2.pageInfo.hasNextPage).toBe(false);
      const ids = [...page1.edges, ...page2.edges].map((e: { node: { id: string } }) => Number(e.node.id));
      expect(ids).toEqual([...ids].sort((x, y) => y - x));
    });

    it('is refused to everyone else, with the right codes', async () => {
      const actor = await createActor(subgraph, { name: 'Journal fermé', authority: '30' });
      const contact = await createContact(subgraph, actor.id, {});
      const codeFor = async (identity: Identity, contactId = contact.id, extra: Record<string, unknown> = {}) =>
        onlyError(await subgraph.request(ACCESSES, { contactId, ...extra }, identity)).extensions;
      expect((await codeFor(ANONYMOUS))?.code).toBe('UNAUTHENTICATED');
      expect((await codeFor(PARTNER))?.code).toBe('FORBIDDEN');
      expect((await codeFor(GARD_EDITOR))?.code).toBe('FORBIDDEN');
      expect((await codeFor(DROME_ADMIN))?.code).toBe('FORBIDDEN');
      expect((await codeFor(GARD_ADMIN, '00000000-0000-4000-8000-000000000000'))?.code).toBe('NOT_FOUND');
      // A malformed id is refused by the kit before execution (docs/decisions.md).
      expect(await codeFor(GARD_ADMIN, 'not-an-id')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contactId' });
      expect(await codeFor(GARD_ADMIN, contact.id, { after: 'forged' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('outlives a deleted contact', async () => {
      const actor = await createActor(subgraph, { name: 'Contact supprimé', authority: '30' });
      const contact = await createContact(subgraph, actor.id, {});
      ok(await subgraph.request(CONTACTS_OF, { id: actor.id }, GARD_VIEWER));
      ok(await subgraph.request(`mutation ($id: ID!) { deleteContact(id: $id, version: 1) }`, { id: contact.id }, GARD_EDITOR));
      const page = ok(await subgraph.request(ACCESSES, { contactId: contact.id }, GARD_ADMIN)).personalDataAccesses;
      expect(page.totalCount).toBe(1);
      expect(onlyError(await subgraph.request(ACCESSES, { contactId: contact.id }, DROME_ADMIN)).extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('deletion', () => {
    it('leaves no personal value of the deleted contact in the database, its history included', async () => {
      const actor = await createActor(subgraph, { name: 'Suppression propre', authority: '30' });
      const contact = await createContact(subgraph, actor.id, { firstName: 'Gaëlle', lastName: 'Supprimable', email: 'gaelle.supprimable@example.org', phone: '04 66 99 88 77' }, GARD_EDITOR);
      ok(await updateContact(subgraph, contact.id, contact.version, { role: 'Trésorière' }, GARD_EDITOR));
      ok(await subgraph.request(`mutation ($id: ID!) { deleteContact(id: $id, version: 2) }`, { id: contact.id }, GARD_EDITOR));
      const dump = JSON.stringify(await subgraph.dataSource.query(`SELECT * FROM actors.audit_log WHERE entity_id = $1`, [contact.id]));
      for (const value of ['Gaëlle', 'Supprimable', 'gaelle.supprimable@example.org', '04 66 99 88 77', 'Trésorière']) expect(dump).not.toContain(value);
      const actions = await subgraph.dataSource.query(`SELECT action FROM actors.audit_log WHERE entity_id = $1 ORDER BY id`, [contact.id]);
      expect(actions.map((a: { action: string }) => a.action)).toEqual(['create', 'update', 'delete']);
    });
  });

  describe('access request', () => {
    it('exports the contact, its actor, its audit history and its access log, as data and as JSON, and logs the export', async () => {
      const contact = await createContact(subgraph, gard.id, { firstName: 'Noémie', lastName: 'Export', email: 'noemie@example.org', role: 'Présidente' }, GARD_EDITOR);
      ok(await updateContact(subgraph, contact.id, contact.version, { phone: '04 66 11 22 33' }, GARD_EDITOR));
      ok(await subgraph.request(CONTACTS_OF, { id: gard.id }, PARTNER));

      const result = await subgraph.request(EXPORT, { contactId: contact.id }, GARD_ADMIN);
      const exported = ok(result).contactDataExport;
      expect(exported.contact).toEqual({ id: contact.id, firstName: 'Noémie', lastName: 'Export', role: 'Présidente', email: 'noemie@example.org', phone: '04 66 11 22 33', erasedAt: null });
      expect(exported.actor).toEqual({ id: gard.id, name: 'Épicerie solidaire du Vigan' });
      expect(exported.history.map((h: { action: string; who: string }) => [h.action, h.who])).toEqual([
        ['create', 'staff:editor-gard'],
        ['update', 'staff:editor-gard'],
      ]);
      expect(exported.history[1].changedFields).toEqual(['phone', 'updatedAt', 'version']);
      expect(exported.accesses).toEqual([
        { who: 'key:key-1', purpose: 'read' },
        { who: 'staff:admin-gard', purpose: 'access-request' },
      ]);

      const document = JSON.parse(exported.json);
      expect(document.contact).toMatchObject({ firstName: 'Noémie', lastName: 'Export', email: 'noemie@example.org', phone: '04 66 11 22 33' });
      expect(document.actor).toEqual({ id: gard.id, name: 'Épicerie solidaire du Vigan' });
      expect(document.history).toHaveLength(2);
      expect(document.accesses.map((a: { purpose: string }) => a.purpose)).toEqual(['read', 'access-request']);
      expect(document.exportedAt).toBe(exported.exportedAt);

      const rows = await accessRows(contact.id);
      expect(rows.at(-1)).toMatchObject({ who: 'staff:admin-gard', purpose: 'access-request', actor_id: gard.id });
    });

    it('is for admins of the authority (or the platform) only, and a refused export logs nothing', async () => {
      const contact = await createContact(subgraph, gard.id, { lastName: 'Secret' });
      for (const [identity, code] of [
        [ANONYMOUS, 'UNAUTHENTICATED'],
        [PARTNER, 'FORBIDDEN'],
        [GARD_EDITOR, 'FORBIDDEN'],
        [DROME_ADMIN, 'FORBIDDEN'],
      ] as const) {
        const result = await subgraph.request(EXPORT, { contactId: contact.id }, identity);
        expect(onlyError(result).extensions?.code).toBe(code);
        expect(JSON.stringify(result.data ?? null)).not.toContain('Secret');
      }
      expect(await accessRows(contact.id)).toEqual([]);
      expect(onlyError(await subgraph.request(EXPORT, { contactId: '00000000-0000-4000-8000-000000000000' }, GARD_ADMIN)).extensions?.code).toBe('NOT_FOUND');
      ok(await subgraph.request(EXPORT, { contactId: contact.id })); // the platform itself (SYSTEM)
      expect((await accessRows(contact.id)).map((r: { who: string }) => r.who)).toEqual(['system']);
    });
  });

  describe('rectification', () => {
    it('is updateContact: one audit entry with the values before and after, in its transaction', async () => {
      const contact = await createContact(subgraph, gard.id, { firstName: 'Rémi', lastName: 'Faute', email: 'remi@example.org' }, GARD_EDITOR);
      const auditBefore = await countRows(subgraph.dataSource, 'audit_log');
      const fixed = ok(await updateContact(subgraph, contact.id, contact.version, { lastName: 'Fauté', email: 'remi.faute@example.org' }, GARD_EDITOR)).updateContact;
      expect(fixed).toMatchObject({ lastName: 'Fauté', email: 'remi.faute@example.org', version: contact.version + 1 });
      const entries = await subgraph.dataSource.query(`SELECT who, action, before, after FROM actors.audit_log WHERE entity = 'Contact' AND entity_id = $1 ORDER BY id`, [contact.id]);
      expect(entries.map((e: { action: string }) => e.action)).toEqual(['create', 'update']);
      expect(entries[1]).toMatchObject({
        who: 'staff:editor-gard',
        before: { lastName: 'Faute', email: 'remi@example.org' },
        after: { lastName: 'Fauté', email: 'remi.faute@example.org' },
      });
      expect(await countRows(subgraph.dataSource, 'audit_log')).toBe(auditBefore + 1);
    });

    it('fails with CONFLICT on a stale version, FORBIDDEN for viewers and other authorities, and then writes no audit entry', async () => {
      const contact = await createContact(subgraph, gard.id, { email: 'stable@example.org' });
      ok(await updateContact(subgraph, contact.id, contact.version, { role: 'Trésorier' }, GARD_EDITOR));
      const auditBefore = await countRows(subgraph.dataSource, 'audit_log');
      expect(onlyError(await updateContact(subgraph, contact.id, contact.version, { role: 'Secrétaire' }, GARD_EDITOR)).extensions).toMatchObject({
        code: 'CONFLICT',
        currentVersion: contact.version + 1,
      });
      expect(onlyError(await updateContact(subgraph, contact.id, contact.version + 1, { role: 'X' }, GARD_VIEWER)).extensions?.code).toBe('FORBIDDEN');
      expect(onlyError(await updateContact(subgraph, contact.id, contact.version + 1, { role: 'X' }, DROME_ADMIN)).extensions?.code).toBe('FORBIDDEN');
      expect(onlyError(await updateContact(subgraph, contact.id, contact.version + 1, { email: 'pas un courriel' }, GARD_EDITOR)).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'email',
      });
      expect(await countRows(subgraph.dataSource, 'audit_log')).toBe(auditBefore);
    });
  });

  describe('erasure', () => {
    const PERSON = { firstName: 'Zéphyrine', lastName: 'Quintavalle', role: 'Trésorière bénévole', email: 'zephyrine.q@exemple.fr', phone: '04 66 12 34 56' };
    const RECTIFIED_EMAIL = 'z.quintavalle@exemple.fr';
    const VALUES = [PERSON.firstName, PERSON.lastName, PERSON.role, PERSON.email, PERSON.phone, RECTIFIED_EMAIL];

    it('leaves no personal value anywhere in the database, keeps the access log, and audits itself without personal data', async () => {
      const actor = await createActor(subgraph, { name: 'Effacement AMAP', authority: '30' });
      const created = await createContact(subgraph, actor.id, PERSON, GARD_EDITOR);
      const rectified = ok(await updateContact(subgraph, created.id, created.version, { email: RECTIFIED_EMAIL }, GARD_EDITOR)).updateContact;
      ok(await subgraph.request(CONTACTS_OF, { id: actor.id }, PARTNER));
      ok(await subgraph.request(EXPORT, { contactId: created.id }, GARD_ADMIN));
      const accessesBefore = await accessRows(created.id);
      expect(accessesBefore).toHaveLength(2);
      // The search finds the values before erasure (in the contact and its audit entries), so its silence after means something.
      expect(await tablesHolding(subgraph.dataSource, VALUES)).toEqual(['actors.audit_log', 'actors.contact']);

      const result = await eraseContact(subgraph, created.id, rectified.version, 'Demande écrite reçue le 3 mars', GARD_ADMIN);
      const erased = ok(result).eraseContact;
      expect(erased).toMatchObject({ id: created.id, actorId: actor.id, version: rectified.version + 1, auditEntriesAnonymised: 2 });
      expect(Date.parse(erased.erasedAt)).toBeGreaterThan(Date.now() - 60_000);

      expect(await tablesHolding(subgraph.dataSource, VALUES)).toEqual([]);

      const [row] = await subgraph.dataSource.query(`SELECT first_name, last_name, role, email, phone, erased_at, version FROM actors.contact WHERE id = $1`, [created.id]);
      expect(row).toMatchObject({ first_name: 'Contact', last_name: 'effacé', role: null, email: null, phone: null, version: rectified.version + 1 });
      expect(row.erased_at).toBeInstanceOf(Date);

      const entries = await subgraph.dataSource.query(`SELECT who, action, before, after FROM actors.audit_log WHERE entity = 'Contact' AND entity_id = $1 ORDER BY id`, [created.id]);
      expect(entries.map((e: { action: string }) => e.action)).toEqual(['create', 'update', 'erase']);
      // History keeps its shape (who, when, which fields) but not the values.
      expect(entries[0].after).toMatchObject({ id: created.id, actorId: actor.id, firstName: 'Contact', lastName: 'effacé', role: null, email: null, phone: null });
      expect(entries[1].before).toMatchObject({ firstName: 'Contact', email: null });
      expect(entries[1].who).toBe('staff:editor-gard');
      expect(entries[2]).toEqual({ who: 'staff:admin-gard', action: 'erase', before: null, after: { reason: 'Demande écrite reçue le 3 mars' } });

      // The access log rows stay, with the same ids (they hold no personal data).
      expect(await accessRows(created.id)).toEqual(accessesBefore);

      // Readers now see the placeholder.
      const shown = ok(await subgraph.request(`query ($id: ID!) { actor(id: $id) { contacts { firstName lastName email erasedAt } } }`, { id: actor.id }, GARD_VIEWER));
      expect(shown.actor.contacts).toEqual([{ firstName: 'Contact', lastName: 'effacé', email: null, erasedAt: erased.erasedAt }]);
    });

    it('is for admins of the authority, checks the version and the reason, and changes nothing when refused', async () => {
      const contact = await createContact(subgraph, gard.id, { lastName: 'Intacte', email: 'intacte@example.org' });
      const audit = await countRows(subgraph.dataSource, 'audit_log');
      const codeOf = async (identity: Identity, version = contact.version, reason = 'demande', id = contact.id) =>
        onlyError(await eraseContact(subgraph, id, version, reason, identity)).extensions;
      expect((await codeOf(ANONYMOUS))?.code).toBe('UNAUTHENTICATED');
      expect((await codeOf(PARTNER))?.code).toBe('FORBIDDEN');
      expect((await codeOf(GARD_EDITOR))?.code).toBe('FORBIDDEN');
      expect((await codeOf(DROME_ADMIN))?.code).toBe('FORBIDDEN');
      expect(await codeOf(GARD_ADMIN, contact.version + 1)).toMatchObject({ code: 'CONFLICT', currentVersion: contact.version });
      expect(await codeOf(GARD_ADMIN, contact.version, '   ')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect(await codeOf(GARD_ADMIN, contact.version, 'x'.repeat(501))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect((await codeOf(GARD_ADMIN, 1, 'demande', '00000000-0000-4000-8000-000000000000'))?.code).toBe('NOT_FOUND');
      expect(await countRows(subgraph.dataSource, 'audit_log')).toBe(audit);
      const [row] = await subgraph.dataSource.query(`SELECT last_name, email, erased_at FROM actors.contact WHERE id = $1`, [contact.id]);
      expect(row).toEqual({ last_name: 'Intacte', email: 'intacte@example.org', erased_at: null });
    });

    it('is final: an erased contact cannot be erased again nor filled in again, but may be deleted', async () => {
      const contact = await createContact(subgraph, gard.id, { lastName: 'Définitif' });
      const erased = ok(await eraseContact(subgraph, contact.id, contact.version, 'demande', GARD_ADMIN)).eraseContact;
      expect(onlyError(await eraseContact(subgraph, contact.id, erased.version, 'encore', GARD_ADMIN)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
      expect(onlyError(await updateContact(subgraph, contact.id, erased.version, { lastName: 'Revenu' }, GARD_EDITOR)).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'id',
      });
      ok(await subgraph.request(`mutation ($id: ID!, $v: Int!) { deleteContact(id: $id, version: $v) }`, { id: contact.id, v: erased.version }, GARD_EDITOR));
    });
  });

  describe('the audit log is append-only', () => {
    it.each([
      ['UPDATE', `UPDATE actors.audit_log SET who = 'someone'`],
      ['DELETE', `DELETE FROM actors.audit_log`],
      ['TRUNCATE', `TRUNCATE actors.audit_log`],
    ])('%s through the data source (the owner role) fails', async (operation, sql) => {
      const before = await countRows(subgraph.dataSource, 'audit_log');
      expect(before).toBeGreaterThan(0);
      await expect(subgraph.dataSource.query(sql)).rejects.toMatchObject({ message: `actors.audit_log is append-only: ${operation} refused` });
      expect(await countRows(subgraph.dataSource, 'audit_log')).toBe(before);
    });

    it('and so is the access log', async () => {
      expect(await countRows(subgraph.dataSource, 'personal_data_access')).toBeGreaterThan(0);
      await expect(subgraph.dataSource.query(`DELETE FROM actors.personal_data_access`)).rejects.toMatchObject({ code: '42501' });
      await expect(subgraph.dataSource.query(`UPDATE actors.personal_data_access SET who = 'x'`)).rejects.toMatchObject({ code: '42501' });
      await expect(subgraph.dataSource.query(`TRUNCATE actors.personal_data_access`)).rejects.toMatchObject({ code: '42501' });
    });

    it('even the RGPD exception rewrites values only, never who, when or what', async () => {
      const attempt = subgraph.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL ess.audit_rewrite = 'rgpd-erasure'`);
        await manager.query(`UPDATE actors.audit_log SET action = 'create' WHERE action = 'erase'`);
      });
      await expect(attempt).rejects.toMatchObject({ code: '42501' });
    });
  });
});
