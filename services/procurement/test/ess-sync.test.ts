// The registry's way in: its actors' ESS status by SIRET, idempotent, order-proof, validated, audited.
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { procurementSubgraph } from '../src';
import { badFields, ok, siretFor, syncEss } from './factories';

describe('ESS sync from the registry', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(procurementSubgraph);
  });
  afterAll(() => subgraph?.close());

  const row = async (siret: string) => (await subgraph.dataSource.query(`SELECT ess_member, inclusion_type, name FROM procurement.ess_actor WHERE siret = $1`, [siret]))[0];

  it('inserts, updates, leaves alone what did not change, and forgets removed actors', async () => {
    const [a, b, c] = [siretFor(1), siretFor(2), siretFor(3)];
    expect(await syncEss(subgraph, [{ siret: a, essMember: true }, { siret: b, essMember: false }, { siret: c, essMember: true, inclusionType: 'ESAT' }])).toEqual({
      received: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      removed: 0,
      stale: 0,
    });
    expect(await syncEss(subgraph, [{ siret: a, essMember: true }, { siret: b, essMember: true }, { siret: c, essMember: true, removed: true }])).toMatchObject({
      unchanged: 1,
      updated: 1,
      removed: 1,
    });
    expect(await row(b)).toMatchObject({ ess_member: true });
    expect(await row(c)).toBeUndefined();
    const audit = await subgraph.dataSource.query(`SELECT entity_id, action FROM procurement.audit_log WHERE entity = 'EssActor' ORDER BY id`);
    expect(audit.map((r: any) => r.action)).toEqual(['create', 'create', 'create', 'update', 'delete']);
  });

  it('never lets an older message overwrite a newer one (the registry may resend or deliver out of order)', async () => {
    const siret = siretFor(10);
    await syncEss(subgraph, [{ siret, essMember: true, updatedAt: '2026-03-01T12:00:00Z' }]);
    expect(await syncEss(subgraph, [{ siret, essMember: false, updatedAt: '2026-02-01T12:00:00Z' }])).toMatchObject({ stale: 1, updated: 0 });
    expect(await row(siret)).toMatchObject({ ess_member: true });
    expect(await syncEss(subgraph, [{ siret, essMember: false, updatedAt: '2026-04-01T12:00:00Z' }])).toMatchObject({ updated: 1 });
    expect(await row(siret)).toMatchObject({ ess_member: false });
  });

  it('replaces an actor\'s old SIRET when the registry gives it a new one, and ignores a late message with the old one', async () => {
    const actorId = '00000000-0000-4000-8000-000000000031';
    const [before, after] = [siretFor(31), siretFor(32)];
    await syncEss(subgraph, [{ siret: before, actorId, essMember: true, updatedAt: '2026-03-01T12:00:00Z' }]);
    expect(await syncEss(subgraph, [{ siret: after, actorId, essMember: true, updatedAt: '2026-04-01T12:00:00Z' }])).toMatchObject({ inserted: 1, removed: 1 });
    expect(await row(before)).toBeUndefined();
    expect(await row(after)).toMatchObject({ ess_member: true });
    // The registry resends the old state late: it must not bring the old SIRET back.
    expect(await syncEss(subgraph, [{ siret: before, actorId, essMember: true, updatedAt: '2026-03-15T12:00:00Z' }])).toMatchObject({ stale: 1, inserted: 0 });
    expect(await row(before)).toBeUndefined();
    const audit = await subgraph.dataSource.query(`SELECT entity_id, action FROM procurement.audit_log WHERE entity = 'EssActor' AND entity_id = ANY($1) ORDER BY id`, [[before, after]]);
    expect(audit.map((r: any) => `${r.action} ${r.entity_id}`)).toEqual([`create ${before}`, `delete ${before}`, `create ${after}`]);
  });

  it('refuses a batch with a bad or repeated SIRET, naming the entry, and writes nothing', async () => {
    const before = ok(await subgraph.request(`{ essActorSync { actors } }`)).essActorSync.actors;
    const send = (actors: unknown[]) => subgraph.request(`mutation ($a: [EssActorInput!]!) { syncEssActors(actors: $a) { inserted } }`, { a: actors });
    const good = { siret: siretFor(20), actorId: '00000000-0000-4000-8000-000000000020', essMember: true };
    expect(badFields(await send([good, { ...good, siret: '12345678901234' }]))).toEqual(['actors.1.siret']);
    expect(badFields(await send([good, { ...good }]))).toEqual(['actors.1.siret']);
    expect(badFields(await send([{ ...good, inclusionType: 'not a type' }]))).toEqual(['actors.0.inclusionType']);
    expect(ok(await subgraph.request(`{ essActorSync { actors } }`)).essActorSync.actors).toBe(before);
  });

  it('refuses a change dated in the future (it would win over every later correction), beyond a few minutes of clock skew', async () => {
    const before = ok(await subgraph.request(`{ essActorSync { actors } }`)).essActorSync.actors;
    const send = (actors: unknown[]) => subgraph.request(`mutation ($a: [EssActorInput!]!) { syncEssActors(actors: $a) { inserted } }`, { a: actors });
    const entry = { siret: siretFor(21), actorId: '00000000-0000-4000-8000-000000000021', essMember: false };
    expect(badFields(await send([{ ...entry, updatedAt: '2099-01-01T00:00:00Z' }]))).toEqual(['actors.0.updatedAt']);
    expect(badFields(await send([{ ...entry, updatedAt: new Date(Date.now() + 10 * 60_000).toISOString() }]))).toEqual(['actors.0.updatedAt']);
    expect(ok(await subgraph.request(`{ essActorSync { actors } }`)).essActorSync.actors).toBe(before);
  });

  it('tells the staff where the projection stands', async () => {
    const status = ok(await subgraph.request(`{ essActorSync { actors essMembers lastSyncedAt } }`)).essActorSync;
    // What the tests above left: a, b, the order-proof SIRET, the replaced actor's new SIRET.
    expect(status.actors).toBe(4);
    expect(status.essMembers).toBe(3);
    expect(Date.parse(status.lastSyncedAt)).toBeGreaterThan(Date.now() - 60_000);
  });
});
