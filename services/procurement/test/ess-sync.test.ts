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

  it('refuses a batch with a bad or repeated SIRET, naming the entry, and writes nothing', async () => {
    const before = ok(await subgraph.request(`{ essActorSync { actors } }`)).essActorSync.actors;
    const send = (actors: unknown[]) => subgraph.request(`mutation ($a: [EssActorInput!]!) { syncEssActors(actors: $a) { inserted } }`, { a: actors });
    const good = { siret: siretFor(20), actorId: '00000000-0000-4000-8000-000000000020', essMember: true };
    expect(badFields(await send([good, { ...good, siret: '12345678901234' }]))).toEqual(['actors.1.siret']);
    expect(badFields(await send([good, { ...good }]))).toEqual(['actors.1.siret']);
    expect(badFields(await send([{ ...good, inclusionType: 'not a type' }]))).toEqual(['actors.0.inclusionType']);
    expect(ok(await subgraph.request(`{ essActorSync { actors } }`)).essActorSync.actors).toBe(before);
  });

  it('tells the staff where the projection stands', async () => {
    const status = ok(await subgraph.request(`{ essActorSync { actors essMembers lastSyncedAt } }`)).essActorSync;
    expect(status.actors).toBe(3);
    expect(status.essMembers).toBe(2);
    expect(Date.parse(status.lastSyncedAt)).toBeGreaterThan(Date.now() - 60_000);
  });
});
