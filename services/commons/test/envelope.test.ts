// Decisions: accepted or rejected with reasons, support of kinds the call offers, and the money granted never
// exceeds the call's envelope, even when decisions race.
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { badInput, callUnderReview, decide, ok, testCommonsSubgraph } from './factories';

describe('decisions within the envelope', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(testCommonsSubgraph);
  });
  afterAll(() => subgraph?.close());

  const granted = async (callId: string) => Number((await subgraph.dataSource.query('SELECT coalesce(sum(granted_amount), 0) AS total FROM commons.decision WHERE call_id = $1', [callId]))[0].total);

  it('grants up to the envelope and refuses what goes beyond, saying what is left', async () => {
    const { call, applications: [a, b, c, d] } = await callUnderReview(subgraph, 4);
    ok(await decide(subgraph, a.id, a.version, { accepted: true, grantedAmount: 60000, grantedSkills: 'Juriste' }));
    expect(badInput(await decide(subgraph, b.id, b.version, { accepted: true, grantedAmount: 40000.01 }))).toEqual([
      { field: 'grantedAmount', message: "exceeds the call's envelope: 60000 € of 100000 € already granted, 40000 € left" },
    ]);
    ok(await decide(subgraph, b.id, b.version, { accepted: true, grantedAmount: 40000 }));
    expect(badInput(await decide(subgraph, c.id, c.version, { accepted: true, grantedAmount: 1 }))[0].field).toBe('grantedAmount');
    // support in kind is not money: it does not count against the envelope
    ok(await decide(subgraph, c.id, c.version, { accepted: true, grantedSkills: 'Accompagnement' }));
    expect(badInput(await decide(subgraph, d.id, d.version, { accepted: false, grantedAmount: 10, grantedPremises: 'Local' }))).toEqual([
      { field: 'grantedAmount', message: 'a rejected application is granted nothing' },
      { field: 'grantedPremises', message: 'a rejected application is granted nothing' },
    ]);
    expect(badInput(await decide(subgraph, d.id, d.version, { accepted: true, grantedPremises: 'Local' }))[0]).toEqual({ field: 'grantedPremises', message: 'the call offers no PREMISES support' });
    ok(await decide(subgraph, d.id, d.version, { accepted: false }));
    expect(await granted(call.id)).toBe(100000);
    const statuses = await subgraph.dataSource.query('SELECT status FROM commons.application WHERE call_id = $1 ORDER BY title', [call.id]);
    expect(statuses.map((s: { status: string }) => s.status)).toEqual(['ACCEPTED', 'ACCEPTED', 'ACCEPTED', 'REJECTED']);
    expect(badInput(await decide(subgraph, a.id, a.version + 1, { accepted: true }))[0].message).toBe('only an application under review is decided; this one is ACCEPTED');
  });

  it('of two concurrent decisions that together would exceed the envelope, exactly one passes', async () => {
    for (let round = 0; round < 3; round++) {
      const { call, applications } = await callUnderReview(subgraph, 3);
      const results = await Promise.all(applications.map((a, i) => decide(subgraph, a.id, a.version, { accepted: true, grantedAmount: 45000 + i }, staff('editor', ['30'], `editor-${i}`))));
      // 45000 + 45001 fit in 100000, a third does not: whichever two come first pass
      expect(results.filter((r) => !r.errors)).toHaveLength(2);
      const loser = results.find((r) => r.errors)!;
      expect(badInput(loser)[0].field).toBe('grantedAmount');
      expect(await granted(call.id)).toBeLessThanOrEqual(100000);
    }
    const { call, applications } = await callUnderReview(subgraph, 2);
    const pair = await Promise.all(applications.map((a) => decide(subgraph, a.id, a.version, { accepted: true, grantedAmount: 60000 })));
    expect(pair.filter((r) => !r.errors)).toHaveLength(1);
    expect(await granted(call.id)).toBe(60000);
  });
});
