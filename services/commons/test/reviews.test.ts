// Reviews: only jurors of the call, never on a group of a structure they declared belonging to, a score for every
// criterion within its range; the application's score is computed in SQL from the weighted criteria.
import { randomUUID } from 'node:crypto';
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { act, addJuror, badInput, code, createApplication, currentVersion, juror, ok, openCall, review, screen, jurorId, testCommonsSubgraph, testStaff } from './factories';

describe('reviews and scores', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(testCommonsSubgraph);
  });
  afterAll(() => subgraph?.close());

  /** A call under review with one application of the given group, and jurors (user id → declared structures). */
  async function setUp(members: string[], jurors: Record<string, string[]>) {
    const { call, needId } = await openCall(subgraph);
    const draft = await createApplication(subgraph, call.id, [needId], { leadActorId: members[0], partnerIds: members.slice(1) });
    const submitted = ok(await act(subgraph, 'submitApplication', draft.id, draft.version)).submitApplication;
    ok(await screen(subgraph, submitted.id, submitted.version, true));
    await subgraph.dataSource.query(`UPDATE commons.call SET closes_on = '2021-01-01' WHERE id = $1`, [call.id]);
    for (const [userId, declared] of Object.entries(jurors)) ok(await addJuror(subgraph, call.id, await currentVersion(subgraph.dataSource, 'call', call.id), userId, declared));
    for (const status of ['CLOSED', 'UNDER_REVIEW']) {
      ok(await subgraph.request(`mutation ($id: ID!, $v: Int!, $s: CallStatus!) { transitionCall(id: $id, version: $v, status: $s) { id } }`, { id: call.id, v: await currentVersion(subgraph.dataSource, 'call', call.id), s: status }));
    }
    const [cooperation, utility] = call.criteria.map((c: { id: string }) => c.id);
    return { applicationId: draft.id, cooperation, utility };
  }

  const scoreOf = async (applicationId: string) =>
    ok(await subgraph.request(`query ($id: ID!) { application(id: $id) { score { reviewCount score } reviews { comment juror { userId } scores { criterionId score } } } }`, { id: applicationId }, staff('viewer', ['30']))).application;

  it('computes the score: each review’s weighted share of the maximum, averaged over reviews', async () => {
    const { applicationId, cooperation, utility } = await setUp([randomUUID(), randomUUID(), randomUUID()], { 'juror-a': [], 'juror-b': [] });
    expect((await scoreOf(applicationId)).score).toEqual({ reviewCount: 0, score: null });
    // Coopération (max 10, weight 2) 8, Utilité (max 10, weight 1) 5: (16 + 5) / (20 + 10) = 70 %
    ok(await review(subgraph, applicationId, [{ criterionId: cooperation, score: 8 }, { criterionId: utility, score: 5 }], juror('juror-a')));
    expect((await scoreOf(applicationId)).score).toEqual({ reviewCount: 1, score: 70 });
    // 7 and 9: (14 + 9) / 30 = 76.67 %; mean of 70 and 76.666… = 73.33
    ok(await review(subgraph, applicationId, [{ criterionId: utility, score: 9 }, { criterionId: cooperation, score: 7 }], juror('juror-b')));
    const after = await scoreOf(applicationId);
    expect(after.score).toEqual({ reviewCount: 2, score: 73.33 });
    expect(after.reviews.map((r: any) => r.juror.userId)).toEqual([jurorId('juror-a'), jurorId('juror-b')]);
    expect(after.reviews[1].scores).toEqual([{ criterionId: cooperation, score: 7 }, { criterionId: utility, score: 9 }]);
    // once per juror
    expect(badInput(await review(subgraph, applicationId, [{ criterionId: cooperation, score: 1 }, { criterionId: utility, score: 1 }], juror('juror-a')))[0].message).toBe(
      'you already reviewed this application: edit your review',
    );
  });

  it('refuses a juror who belongs to a structure of the group (conflict of interest), and non-jurors', async () => {
    const members = [randomUUID(), randomUUID(), randomUUID()];
    const { applicationId, cooperation, utility } = await setUp(members, { 'juror-partner': [randomUUID(), members[2]], 'juror-free': [randomUUID()] });
    const scores = [{ criterionId: cooperation, score: 5 }, { criterionId: utility, score: 5 }];
    const conflicted = await review(subgraph, applicationId, scores, juror('juror-partner'));
    expect(code(conflicted)).toBe('FORBIDDEN');
    expect(conflicted.errors![0].message).toBe(`Conflict of interest: the juror belongs to a structure of this group (${members[2]})`);
    expect(code(await review(subgraph, applicationId, scores, juror('not-a-juror')))).toBe('FORBIDDEN');
    expect(code(await review(subgraph, applicationId, scores, staff('editor', ['26'], jurorId('juror-free'))))).toBe('FORBIDDEN');
    ok(await review(subgraph, applicationId, scores, juror('juror-free')));
    const [{ count }] = await subgraph.dataSource.query('SELECT count(*)::int AS count FROM commons.review WHERE application_id = $1', [applicationId]);
    expect(count).toBe(1);
  });

  it('wants every criterion scored once, within its range', async () => {
    const { applicationId, cooperation, utility } = await setUp([randomUUID(), randomUUID(), randomUUID()], { 'juror-c': [] });
    expect(badInput(await review(subgraph, applicationId, [{ criterionId: cooperation, score: 11 }, { criterionId: cooperation, score: 2 }], juror('juror-c')))).toEqual([
      { field: 'scores.0.score', message: 'must be from 0 to 10' },
      { field: 'scores.1.criterionId', message: 'is scored twice' },
      { field: 'scores', message: 'every criterion of the call is scored: 1 missing' },
    ]);
    expect(badInput(await review(subgraph, applicationId, [{ criterionId: randomUUID(), score: 1 }, { criterionId: utility, score: 1 }, { criterionId: cooperation, score: 1 }], juror('juror-c')))[0]).toEqual({
      field: 'scores.0.criterionId',
      message: 'is not a criterion of this call',
    });
  });

  describe('who may be a juror (issue 12)', () => {
    it('addJuror takes only an active staff account that edits or administers the call’s authority; nothing is written otherwise', async () => {
      const { call } = await openCall(subgraph);
      const viewer = randomUUID();
      const elsewhere = randomUUID();
      const gone = randomUUID();
      testStaff.add(viewer, 'viewer', ['30']).add(elsewhere, 'admin', ['26']).add(gone, 'editor', ['30'], false);
      const version = await currentVersion(subgraph.dataSource, 'call', call.id);
      const attempts = {
        'not a UUID': await subgraph.request(
          `mutation ($c: ID!, $v: Int!) { addJuror(callId: $c, version: $v, input: { userId: "n'importe quoi", name: "X" }) { id } }`,
          { c: call.id, v: version },
        ),
        unknown: await addJuror(subgraph, call.id, version, randomUUID()),
        inactive: await addJuror(subgraph, call.id, version, gone),
        viewer: await addJuror(subgraph, call.id, version, viewer),
        'of another authority': await addJuror(subgraph, call.id, version, elsewhere),
      };
      const fields = Object.fromEntries(Object.entries(attempts).map(([name, result]) => [name, badInput(result).map((p) => p.field)]));
      expect(fields).toEqual(Object.fromEntries(Object.keys(attempts).map((name) => [name, ['userId']])));
      expect(await currentVersion(subgraph.dataSource, 'call', call.id)).toBe(version);
      const [{ count }] = await subgraph.dataSource.query('SELECT count(*)::int AS count FROM commons.jury_member WHERE call_id = $1', [call.id]);
      expect(count).toBe(0);
      // Still: only writers of the call's authority name jurors, and a right account then joins.
      expect(code(await addJuror(subgraph, call.id, version, 'juror-ok', [], staff('viewer', ['30'])))).toBe('FORBIDDEN');
      expect(ok(await addJuror(subgraph, call.id, version, 'juror-ok', [], staff('editor', ['30']))).addJuror.userId).toBe(jurorId('juror-ok'));
    });

    it('a juror reviews only while an editor or admin of the call’s authority (checked again at review time)', async () => {
      const { applicationId, cooperation, utility } = await setUp([randomUUID(), randomUUID(), randomUUID()], { 'juror-demoted': [] });
      const scores = [{ criterionId: cooperation, score: 5 }, { criterionId: utility, score: 5 }];
      // Made a viewer since (the session's signed identity says so): refused, nothing written.
      expect(code(await review(subgraph, applicationId, scores, staff('viewer', ['30'], jurorId('juror-demoted'))))).toBe('FORBIDDEN');
      const [{ count }] = await subgraph.dataSource.query('SELECT count(*)::int AS count FROM commons.review WHERE application_id = $1', [applicationId]);
      expect(count).toBe(0);
      ok(await review(subgraph, applicationId, scores, staff('admin', ['30'], jurorId('juror-demoted'))));
    });
  });
});
