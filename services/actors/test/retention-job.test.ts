// The retention rule applies itself: a daily periodic job, as the platform, across every authority.
import { JobQueue, JobRunner } from '@ess/kit';
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph, CONTACT_RETENTION, contactRetentionJob } from '../src';
import { createActor, createContact } from './factories';

describe('retention as a periodic job', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
  });
  afterAll(() => subgraph?.close());

  it('anonymises the contacts due in every authority once for the day, and keeps only counts in the job', async () => {
    const due: string[] = [];
    for (const authority of ['30', '26']) {
      const actor = await createActor(subgraph, { name: `Cessée ${authority}`, authority });
      due.push((await createContact(subgraph, actor.id, { lastName: `Dupont ${authority}`, email: `dupont.${authority}@example.org` })).id);
      await subgraph.dataSource.query(`UPDATE actors.actor SET status = 'CEASED' WHERE id = $1`, [actor.id]);
      await subgraph.dataSource.query(`UPDATE actors.actor SET status_changed_at = now() - interval '37 months' WHERE id = $1`, [actor.id]);
    }
    const kept = await createActor(subgraph, { name: 'Active', authority: '30' });
    const keptContact = await createContact(subgraph, kept.id, { lastName: 'Martin', email: 'martin@example.org' });

    const retention = contactRetentionJob(subgraph.dataSource, { contactRetentionMonths: 36 });
    const quiet = { info() {}, warn() {}, error() {} };
    // Two replicas: one run for the day between them.
    const replicas = ['a', 'b'].map(
      (workerId) =>
        new JobRunner({
          dataSource: subgraph.dataSource,
          schema: 'actors',
          workerId,
          handlers: { [CONTACT_RETENTION]: retention.handler },
          periodic: [retention.periodic],
          pollMs: 20,
          log: quiet,
        }),
    );
    replicas.forEach((replica) => replica.start());
    const queue = new JobQueue(subgraph.dataSource, 'actors');
    let jobs: Array<{ id: string; status: string }> = [];
    for (let i = 0; i < 250 && !jobs.some((job) => job.status === 'succeeded'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      jobs = await subgraph.dataSource.query(`SELECT id, status FROM actors.job WHERE kind = $1`, [CONTACT_RETENTION]);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    await Promise.all(replicas.map((replica) => replica.stop()));

    expect(jobs).toHaveLength(1);
    const job = await queue.get(jobs[0].id);
    expect(job).toMatchObject({
      status: 'succeeded',
      startedBy: 'system',
      authority: null,
      result: { retentionMonths: 36, contactCount: 2, auditEntriesAnonymised: expect.any(Number) },
    });
    expect(JSON.stringify(job?.result)).not.toContain(due[0]);
    const rows: Array<{ id: string; erased: boolean; last_name: string }> = await subgraph.dataSource.query(
      `SELECT id, erased_at IS NOT NULL AS erased, last_name FROM actors.contact WHERE id = ANY($1)`,
      [[...due, keptContact.id]],
    );
    expect(
      rows
        .filter((row) => row.erased)
        .map((row) => row.id)
        .sort(),
    ).toEqual([...due].sort());
    expect(rows.find((row) => row.id === keptContact.id)).toMatchObject({ erased: false, last_name: 'Martin' });
  });
});
