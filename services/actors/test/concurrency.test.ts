// Versioned edits: of two edits made from the same version, one wins and the other gets CONFLICT; no update is lost.
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph } from '../src';
import { archiveActor, createActor, ok, onlyError, updateActor } from './factories';

describe('concurrent actor edits', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
  });
  afterAll(() => subgraph?.close());

  async function stored(id: string): Promise<{ name: string; version: number; description: string | null }> {
    const [row] = await subgraph.dataSource.query(`SELECT name, version, description FROM actors.actor WHERE id = $1`, [id]);
    return row;
  }

  async function auditRows(id: string, action: string): Promise<Array<{ who: string; before: any; after: any }>> {
    return subgraph.dataSource.query(`SELECT who, before, after FROM actors.audit_log WHERE entity = 'Actor' AND entity_id = $1 AND action = $2 ORDER BY id`, [id, action]);
  }

  it('two updates from the same version sent together: exactly one succeeds, the other gets CONFLICT', async () => {
    const actor = await createActor(subgraph, { name: 'Original', description: 'v1' });
    expect(actor.version).toBe(1);
    const editors = [staff('editor', ['30'], 'alice'), staff('editor', ['30'], 'bob')];
    const results = await Promise.all(
      ['Alice', 'Bob'].map((name, i) => updateActor(subgraph, actor.id, actor.version, { name, description: `by ${name}` }, editors[i])),
    );
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const conflict = onlyError(losers[0]);
    expect(conflict.extensions).toMatchObject({ code: 'CONFLICT', entity: 'Actor', id: actor.id });
    expect(losers[0].data?.updateActor ?? null).toBeNull();

    const winner = winners[0].data!.updateActor;
    expect(winner.version).toBe(2);
    const row = await stored(actor.id);
    // the stored record is entirely the winner's: no mix of the two edits
    expect(row).toEqual({ name: winner.name, version: 2, description: `by ${winner.name}` });

    // a stale edit afterwards (from version 1) is refused too, and says which version is current
    const stale = await updateActor(subgraph, actor.id, 1, { name: 'Too late' });
    expect(onlyError(stale).extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(await stored(actor.id)).toEqual(row);

    // the audit log holds exactly one update, with the state before and after it
    const audit = await auditRows(actor.id, 'update');
    expect(audit).toHaveLength(1);
    expect(audit[0].who).toBe(winner.name === 'Alice' ? 'staff:alice' : 'staff:bob');
    expect(audit[0].before).toMatchObject({ name: 'Original', description: 'v1' });
    expect(audit[0].after).toMatchObject({ name: winner.name, description: `by ${winner.name}` });
  });

  it('of eight edits racing from the same version, exactly one wins and the version moves by one', async () => {
    const actor = await createActor(subgraph, { name: 'Race' });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => updateActor(subgraph, actor.id, 1, { name: `Racer ${i}` })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const loser of results.filter((r) => r.errors)) expect(onlyError(loser).extensions?.code).toBe('CONFLICT');
    expect((await stored(actor.id)).version).toBe(2);
    expect(await auditRows(actor.id, 'update')).toHaveLength(1);
  });

  it('the version only moves forward: each edit from the latest version adds one, a stale one never sets it back', async () => {
    const actor = await createActor(subgraph, { name: 'Steps' });
    let version = actor.version;
    for (let step = 1; step <= 4; step++) {
      const updated = ok(await updateActor(subgraph, actor.id, version, { description: `step ${step}` })).updateActor;
      expect(updated.version).toBe(version + 1);
      version = updated.version;
    }
    for (const old of [1, 2, 3]) expect(onlyError(await updateActor(subgraph, actor.id, old, { description: 'stale' })).extensions?.code).toBe('CONFLICT');
    expect(onlyError(await updateActor(subgraph, actor.id, version + 1, { description: 'future' })).extensions?.code).toBe('CONFLICT');
    expect(await stored(actor.id)).toMatchObject({ version: 5, description: 'step 4' });
  });

  it('an archive racing an update from the same version: one wins, the other gets CONFLICT', async () => {
    const actor = await createActor(subgraph, { name: 'Archive race' });
    const [update, archive] = await Promise.all([
      updateActor(subgraph, actor.id, 1, { name: 'Renamed' }),
      subgraph.request(`mutation ($id: ID!) { archiveActor(id: $id, version: 1) { version archivedAt } }`, { id: actor.id }),
    ]);
    const outcomes = [update, archive].map((r) => (r.errors ? r.errors[0].extensions?.code : 'ok')).sort();
    expect(outcomes).toEqual(['CONFLICT', 'ok']);
    expect((await stored(actor.id)).version).toBe(2);
  });

  it('archiving then restoring moves the version each time and a stale restore is refused', async () => {
    const actor = await createActor(subgraph, { name: 'Archive me' });
    const archived = await archiveActor(subgraph, actor.id, 1);
    expect(archived.version).toBe(2);
    expect(archived.archivedAt).not.toBeNull();
    expect(onlyError(await subgraph.request(`mutation ($id: ID!) { restoreActor(id: $id, version: 1) { version } }`, { id: actor.id })).extensions?.code).toBe('CONFLICT');
    const restored = ok(await subgraph.request(`mutation ($id: ID!) { restoreActor(id: $id, version: 2) { version archivedAt } }`, { id: actor.id })).restoreActor;
    expect(restored).toEqual({ version: 3, archivedAt: null });
  });
});
