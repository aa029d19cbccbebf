// The retention rule: contacts of actors ceased or archived for longer than the period are anonymised, set-based.
import { ConfigError, SYSTEM } from '@ess/kit';
import { ANONYMOUS, staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph, applyContactRetention, readActorsConfig } from '../src';
import { countRows, createActor, createContact, ok, onlyError, updateActor } from './factories';

const GARD_ADMIN = staff('admin', ['30'], 'admin-gard');
const RETENTION = `mutation ($dryRun: Boolean) {
  applyContactRetention(dryRun: $dryRun) { dryRun retentionMonths cutoff contactCount contactIds auditEntriesAnonymised }
}`;

describe('retention of contacts', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
  });
  afterAll(() => subgraph?.close());

  /** An actor of the authority with contacts, ceased or archived that many months ago (or active). */
  async function actorWithContacts(name: string, state: { ceasedMonthsAgo?: number; archivedMonthsAgo?: number }, contacts: number, authority = '30') {
    const actor = await createActor(subgraph, { name, authority });
    const ids: string[] = [];
    for (let i = 0; i < contacts; i++) ids.push((await createContact(subgraph, actor.id, { lastName: `${name} ${i}`, email: `${i}.${actor.id}@example.org` })).id);
    if (state.ceasedMonthsAgo !== undefined) {
      await subgraph.dataSource.query(`UPDATE actors.actor SET status = 'CEASED' WHERE id = $1`, [actor.id]);
      await subgraph.dataSource.query(`UPDATE actors.actor SET status_changed_at = now() - make_interval(months => $2) WHERE id = $1`, [actor.id, state.ceasedMonthsAgo]);
    }
    if (state.archivedMonthsAgo !== undefined) {
      await subgraph.dataSource.query(`UPDATE actors.actor SET archived_at = now() - make_interval(months => $2) WHERE id = $1`, [actor.id, state.archivedMonthsAgo]);
    }
    return { actor, contactIds: ids };
  }

  it('knows since when an actor has its status, whichever way the status changed', async () => {
    const actor = await createActor(subgraph, { name: 'Statut daté', authority: '30' });
    const since = async () => (await subgraph.dataSource.query(`SELECT status_changed_at FROM actors.actor WHERE id = $1`, [actor.id]))[0].status_changed_at as Date;
    await subgraph.dataSource.query(`UPDATE actors.actor SET status_changed_at = '2020-01-01' WHERE id = $1`, [actor.id]);
    const edited = ok(await updateActor(subgraph, actor.id, actor.version, { description: 'autre chose' })).updateActor;
    expect((await since()).toISOString()).toBe('2020-01-01T00:00:00.000Z');
    ok(await updateActor(subgraph, actor.id, edited.version, { status: 'CEASED' }));
    expect((await since()).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('reports, then anonymises, the contacts of actors ceased or archived too long ago, in the admin’s authorities only', async () => {
    const ceased = await actorWithContacts('Cessée depuis longtemps', { ceasedMonthsAgo: 37 }, 3);
    const archived = await actorWithContacts('Archivée depuis longtemps', { archivedMonthsAgo: 40 }, 2);
    const recent = await actorWithContacts('Cessée récemment', { ceasedMonthsAgo: 35 }, 1);
    const active = await actorWithContacts('Active', {}, 1);
    const drome = await actorWithContacts('Drômoise cessée', { ceasedMonthsAgo: 48 }, 2, '26');
    const due = [...ceased.contactIds, ...archived.contactIds].sort();

    const audit = await countRows(subgraph.dataSource, 'audit_log');
    const dry = ok(await subgraph.request(RETENTION, {}, GARD_ADMIN)).applyContactRetention;
    expect(dry).toMatchObject({ dryRun: true, retentionMonths: 36, contactCount: 5, contactIds: due, auditEntriesAnonymised: 0 });
    const cutoff = new Date(dry.cutoff);
    const expected = new Date();
    expected.setMonth(expected.getMonth() - 36);
    expect(Math.abs(cutoff.getTime() - expected.getTime())).toBeLessThan(3 * 86_400_000);
    expect(await countRows(subgraph.dataSource, 'audit_log')).toBe(audit);
    const [{ n }] = await subgraph.dataSource.query(`SELECT count(*)::int AS n FROM actors.contact WHERE erased_at IS NOT NULL`);
    expect(n).toBe(0);

    const run = await subgraph.request(RETENTION, { dryRun: false }, GARD_ADMIN);
    const report = ok(run).applyContactRetention;
    expect(report).toMatchObject({ dryRun: false, contactCount: 5, contactIds: due, auditEntriesAnonymised: 5 });
    const rows: Array<{ id: string; last_name: string; email: string | null; erased: boolean }> = await subgraph.dataSource.query(
      `SELECT id, last_name, email, erased_at IS NOT NULL AS erased FROM actors.contact ORDER BY id`,
    );
    const erased = rows.filter((r) => r.erased);
    expect(erased.map((r) => r.id)).toEqual(due);
    for (const row of erased) expect(row).toMatchObject({ last_name: 'effacé', email: null });
    for (const kept of [...recent.contactIds, ...active.contactIds, ...drome.contactIds]) expect(rows.find((r) => r.id === kept)?.erased).toBe(false);
    const leftovers = await subgraph.dataSource.query(`SELECT count(*)::int AS n FROM actors.audit_log WHERE entity_id = ANY($1) AND (before::text ILIKE '%@example.org%' OR after::text ILIKE '%@example.org%')`, [due]);
    expect(leftovers[0].n).toBe(0);
    const erases = await subgraph.dataSource.query(`SELECT who, after FROM actors.audit_log WHERE action = 'erase' ORDER BY entity_id`);
    expect(erases).toHaveLength(5);
    expect(erases[0]).toEqual({ who: 'staff:admin-gard', after: { reason: 'retention: actor ceased or archived for more than 36 months' } });

    // Nothing left to do: a second run finds nothing. The Drôme's own run (as the platform's scheduled job would do it) takes
    // the same number of statements for its 2 contacts as the Gard's for 5: one per step, not one per contact.
    expect(ok(await subgraph.request(RETENTION, { dryRun: false }, GARD_ADMIN)).applyContactRetention.contactCount).toBe(0);
    const dromeRun = await subgraph.request(RETENTION, { dryRun: false }, staff('admin', ['26']));
    expect(ok(dromeRun).applyContactRetention.contactIds).toEqual([...drome.contactIds].sort());
    expect(dromeRun.statements).toBe(run.statements);
  });

  it('is a function a scheduled job can call, with its own period', async () => {
    const old = await actorWithContacts('Cessée il y a 13 mois', { ceasedMonthsAgo: 13 }, 1, '26');
    const report = await applyContactRetention(subgraph.dataSource, { identity: SYSTEM, requestId: 'retention-job' }, { months: 12, dryRun: false });
    expect(report.contactIds).toContain(old.contactIds[0]);
    const [entry] = await subgraph.dataSource.query(`SELECT who, request_id FROM actors.audit_log WHERE action = 'erase' AND entity_id = $1`, [old.contactIds[0]]);
    expect(entry).toEqual({ who: 'system', request_id: 'retention-job' });
  });

  it('is for admins only', async () => {
    expect(onlyError(await subgraph.request(RETENTION, {}, ANONYMOUS)).extensions?.code).toBe('UNAUTHENTICATED');
    expect(onlyError(await subgraph.request(RETENTION, {}, staff('editor', ['30']))).extensions?.code).toBe('FORBIDDEN');
    expect(onlyError(await subgraph.request(RETENTION, {}, { kind: 'partner', keyId: 'k', scopes: ['read:contacts'], authorities: ['30'] })).extensions?.code).toBe('FORBIDDEN');
    await expect(applyContactRetention(subgraph.dataSource, { identity: staff('viewer', ['30']), requestId: 'r' }, { months: 1, dryRun: false })).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('reads its period from CONTACT_RETENTION_MONTHS (36 by default) and refuses a bad one', () => {
    expect(readActorsConfig({})).toEqual({ contactRetentionMonths: 36 });
    expect(readActorsConfig({ CONTACT_RETENTION_MONTHS: '60' })).toEqual({ contactRetentionMonths: 60 });
    for (const bad of ['trois ans', '0', '2.5']) {
      expect(() => readActorsConfig({ CONTACT_RETENTION_MONTHS: bad })).toThrow(ConfigError);
      expect(() => readActorsConfig({ CONTACT_RETENTION_MONTHS: bad })).toThrow(/CONTACT_RETENTION_MONTHS/);
    }
  });
});
