// Creations retried with the same idempotency key (after a gateway timeout) return the first result, never a twin.
import { randomUUID } from 'node:crypto';
import { actorsSubgraph } from '../src';
import { startTestSubgraph, staff, type TestSubgraph } from '@ess/kit/testing';
import { ok, onlyError, siretFor } from './factories';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(actorsSubgraph);
});
afterAll(async () => {
  await subgraph?.close();
});

const editor = staff('editor', ['30'], 'editor-1');
const otherEditor = staff('editor', ['30'], 'editor-2');
const CREATE_ACTOR = 'mutation($input: CreateActorInput!, $key: String) { createActor(input: $input, idempotencyKey: $key) { id name } }';
const CREATE_CONTACT = 'mutation($actorId: ID!, $input: ContactInput!, $key: String) { createContact(actorId: $actorId, input: $input, idempotencyKey: $key) { id } }';

const count = async (table: string) => Number((await subgraph.dataSource.query(`SELECT count(*) AS n FROM actors.${table}`))[0].n);

describe('idempotency keys', () => {
  it('the same key and caller return the first actor, even when the retry races the first call', async () => {
    const key = randomUUID();
    const input = { name: 'Coopérative idempotente', legalFamily: 'COOPERATIVE', authority: '30', siret: siretFor(901) };
    const before = await count('actor');
    const results = await Promise.all([1, 2, 3].map(() => subgraph.request(CREATE_ACTOR, { input, key }, editor)));
    const ids = new Set(results.map((r) => ok(r).createActor.id));
    expect(ids.size).toBe(1);
    expect(await count('actor')).toBe(before + 1);
    // A retry later, even with another body, still answers the first creation.
    const later = ok(await subgraph.request(CREATE_ACTOR, { input: { ...input, name: 'Autre' }, key }, editor)).createActor;
    expect(later).toEqual({ id: [...ids][0], name: 'Coopérative idempotente' });
    expect(await count('actor')).toBe(before + 1);
  });

  it('keys belong to one caller and one mutation; without a key every call creates', async () => {
    const key = randomUUID();
    const input = (n: number) => ({ name: `Asso ${n}`, legalFamily: 'ASSOCIATION', authority: '30', siret: siretFor(910 + n) });
    const first = ok(await subgraph.request(CREATE_ACTOR, { input: input(1), key }, editor)).createActor.id;
    const other = ok(await subgraph.request(CREATE_ACTOR, { input: input(2), key }, otherEditor)).createActor.id;
    expect(other).not.toBe(first);
    const contactA = ok(await subgraph.request(CREATE_CONTACT, { actorId: first, input: { firstName: 'Ana', lastName: 'Idem' }, key }, editor)).createContact.id;
    const contactB = ok(await subgraph.request(CREATE_CONTACT, { actorId: first, input: { firstName: 'Ana', lastName: 'Idem' }, key }, editor)).createContact.id;
    expect(contactB).toBe(contactA);
    const contacts = await count('contact');
    ok(await subgraph.request(CREATE_CONTACT, { actorId: first, input: { firstName: 'Bo', lastName: 'Sans' } }, editor));
    ok(await subgraph.request(CREATE_CONTACT, { actorId: first, input: { firstName: 'Bo', lastName: 'Sans' } }, editor));
    expect(await count('contact')).toBe(contacts + 2);
  });

  it('a failed creation frees its key, and a blank key is refused', async () => {
    const key = randomUUID();
    const bad = await subgraph.request(CREATE_ACTOR, { input: { name: 'X', legalFamily: 'ASSOCIATION', authority: '30', siret: '123' }, key }, editor);
    expect(onlyError(bad).extensions?.code).toBe('BAD_USER_INPUT');
    const good = await subgraph.request(CREATE_ACTOR, { input: { name: 'X', legalFamily: 'ASSOCIATION', authority: '30', siret: siretFor(930) }, key }, editor);
    expect(ok(good).createActor.name).toBe('X');
    const blank = await subgraph.request(CREATE_ACTOR, { input: { name: 'Y', legalFamily: 'ASSOCIATION', authority: '30' }, key: '  ' }, editor);
    expect(onlyError(blank).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
  });
});
