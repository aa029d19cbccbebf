// The registry publishes, procurement follows: an actor's ESS flag changed in the registry moves the share of spend.
import { actorsSubgraph } from '@ess/actors';
import { JobRunner, SYSTEM } from '@ess/kit';
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { ESS_FEED_PULL, EssFeedPuller, essFeedPullJob, EssSyncService, IndicatorsService, procurementSubgraph } from '../src';

describe('registry-to-procurement propagation', () => {
  let actors: TestSubgraph;
  let procurement: TestSubgraph;
  let puller: EssFeedPuller;
  beforeAll(async () => {
    actors = await startTestSubgraph(actorsSubgraph, { seed: true });
    procurement = await startTestSubgraph(procurementSubgraph, { seed: true, secret: actors.secret });
    puller = new EssFeedPuller(procurement.dataSource, new EssSyncService(procurement.dataSource), actors.url, actors.secret);
  });
  afterAll(async () => {
    await procurement?.close();
    await actors?.close();
  });

  const essShare = async (year: number) => (await new IndicatorsService(procurement.dataSource).compute('30', year)).essSpendShare as number;

  it('takes every registry actor with a SIRET, then only what changed', async () => {
    const first = await puller.pullOnce();
    const [{ n }] = await actors.dataSource.query(`SELECT count(*)::int AS n FROM actors.actor WHERE siret IS NOT NULL`);
    expect(first.received).toBe(n);
    const projected = await procurement.dataSource.query(`SELECT count(*)::int AS n FROM procurement.ess_actor WHERE actor_id IS NOT NULL`);
    expect(projected[0].n).toBeGreaterThanOrEqual(n);
    // The next pull reads back only the rewind window, and changes nothing.
    const again = await puller.pullOnce();
    const audit = await procurement.dataSource.query(`SELECT count(*)::int AS n FROM procurement.audit_log WHERE entity = 'EssActor' AND request_id LIKE 'ess-feed-%'`);
    expect(again.received).toBeGreaterThanOrEqual(0);
    const audit2 = await procurement.dataSource.query(`SELECT count(*)::int AS n FROM procurement.audit_log WHERE entity = 'EssActor' AND request_id LIKE 'ess-feed-%'`);
    expect(audit2[0].n).toBe(audit[0].n);
  });

  it('moves the Gard share of spend when the registry says an awardee left the ESS, and back', async () => {
    // The ESS awardee with the most Gard spend in a year that has contracts.
    const [top] = await procurement.dataSource.query(`
      SELECT extract(year FROM c.notified_on)::int AS year, e.siret, sum(c.current_amount) AS amount
      FROM procurement.contract c JOIN procurement.contract_awardee w ON w.contract_id = c.id
      JOIN procurement.ess_actor e ON e.siret = w.siret AND e.ess_member
      JOIN procurement.buyer b ON b.id = c.buyer_id WHERE b.authority_code = '30'
      GROUP BY 1, 2 ORDER BY amount DESC LIMIT 1`);
    expect(top).toBeDefined();
    const before = await essShare(top.year);

    const [actor] = await actors.dataSource.query(`SELECT id, version FROM actors.actor WHERE siret = $1`, [top.siret]);
    const leave = await actors.request(
      `mutation ($id: ID!, $v: Int!) { updateActor(id: $id, version: $v, input: { essMember: false }) { version essMember } }`,
      { id: actor.id, v: actor.version },
      SYSTEM,
    );
    expect(leave.errors).toBeUndefined();
    expect(await essShare(top.year)).toBe(before); // nothing moves until procurement reads the feed
    await puller.pullOnce();
    const after = await essShare(top.year);
    expect(after).toBeLessThan(before);

    await actors.request(`mutation ($id: ID!, $v: Int!) { updateActor(id: $id, version: $v, input: { essMember: true }) { version } }`, { id: actor.id, v: leave.data!.updateActor.version }, SYSTEM);
    await puller.pullOnce();
    expect(await essShare(top.year)).toBe(before);
  });

  it('retries soon when the registry does not answer yet, quietly at first, and records the error', async () => {
    // Nothing listens on this port: every pull fails.
    const closed = new EssFeedPuller(procurement.dataSource, new EssSyncService(procurement.dataSource), 'http://127.0.0.1:9/graphql', actors.secret);
    const pull = essFeedPullJob(closed, 60_000);
    const logged: string[] = [];
    const log = { info() {}, warn() {}, error: (line: string) => logged.push(line) };
    const runner = new JobRunner({
      dataSource: procurement.dataSource,
      schema: 'procurement',
      handlers: { [ESS_FEED_PULL]: pull.handler },
      periodic: [pull.periodic],
      pollMs: 10,
      retryBaseMs: 20,
      log,
    });
    runner.start();
    try {
      // With a 60 s interval, a third failure within seconds proves the retries come sooner.
      const deadline = Date.now() + 5_000;
      while (logged.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(logged[0]).toMatch(/^\[jobs procurement\] job \S+ \(ess-feed-pull\) failed 3 times in a row/);
      const [state] = await procurement.dataSource.query(`SELECT last_error FROM procurement.sync_state WHERE name = 'ess-feed'`);
      expect(state.last_error).toBeTruthy();
    } finally {
      await runner.stop();
      await procurement.dataSource.query(`DELETE FROM procurement.job`);
    }
  });

  it('pulls once per interval with two replicas of procurement (two runners on one schema)', async () => {
    const pulls: number[] = [];
    const counting = new EssFeedPuller(procurement.dataSource, new EssSyncService(procurement.dataSource), actors.url, actors.secret);
    const original = counting.pullOnce.bind(counting);
    counting.pullOnce = () => {
      pulls.push(Date.now());
      return original();
    };
    const pull = essFeedPullJob(counting, 400);
    const quiet = { info() {}, warn() {}, error() {} };
    const replicas = ['a', 'b'].map(
      (workerId) =>
        new JobRunner({
          dataSource: procurement.dataSource,
          schema: 'procurement',
          workerId,
          handlers: { [ESS_FEED_PULL]: pull.handler },
          periodic: [pull.periodic],
          pollMs: 20,
          log: quiet,
        }),
    );
    replicas.forEach((replica) => replica.start());
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await Promise.all(replicas.map((replica) => replica.stop()));
    const periods: Array<{ idempotency_key: string; status: string }> = await procurement.dataSource.query(
      `SELECT idempotency_key, status FROM procurement.job WHERE kind = $1 ORDER BY created_at`,
      [ESS_FEED_PULL],
    );
    // About five periods of 400 ms: one pull each, never two for a period.
    expect(pulls.length).toBeGreaterThanOrEqual(3);
    expect(pulls.length).toBeLessThanOrEqual(6);
    expect(periods.filter((p) => p.status === 'succeeded')).toHaveLength(pulls.length);
    expect(new Set(periods.map((p) => p.idempotency_key)).size).toBe(periods.length);
  });

  it('refuses to serve the feed to anyone but the platform itself', async () => {
    const response = await fetch(new URL('/internal/ess-feed', actors.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
  });
});
