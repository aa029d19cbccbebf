// Small factories for the commons tests: records built through the GraphQL API (as users would) or plain SQL (for volume).
import { randomUUID } from 'node:crypto';
import { demoId, FixedStaffDirectory, isUuid, type Identity } from '@ess/kit';
import { staff, SYSTEM, type GraphQLResult, type TestSubgraph } from '@ess/kit/testing';
import type { DataSource } from 'typeorm';
import { createCommonsSubgraph } from '../src';

/** The staff accounts the tests' commons subgraph knows (in production it asks the access subgraph). */
export const testStaff = new FixedStaffDirectory();
export const testCommonsSubgraph = createCommonsSubgraph({ staffDirectory: testStaff });

/** The id of the test account `name` (a UUID as a real account's), an editor of the Gard, known to testStaff. */
export function jurorId(name: string): string {
  if (isUuid(name)) return name;
  const id = demoId(`test-juror:${name}`);
  testStaff.add(id, 'editor', ['30']);
  return id;
}

export { SYSTEM };

export function ok<T = Record<string, any>>(result: GraphQLResult<T>): T {
  if (result.errors?.length || !result.data) throw new Error(`Unexpected GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
  return result.data;
}

export function onlyError(result: GraphQLResult): { message: string; path?: string[]; extensions?: Record<string, any> } {
  if (result.errors?.length !== 1) throw new Error(`Expected one error, got ${JSON.stringify(result.errors ?? result.data)}`);
  return result.errors[0];
}

/** The problems of a BAD_USER_INPUT error, as `field: message`. */
export function badInput(result: GraphQLResult): Array<{ field: string; message: string }> {
  const error = onlyError(result);
  expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  return error.extensions?.fields as Array<{ field: string; message: string }>;
}

export const code = (result: GraphQLResult) => onlyError(result).extensions?.code;

export const CALL_FIELDS = 'id version status title minStructures acceptedLicences supportKinds budgetEnvelope opensOn closesOn challenges { id title } criteria { id label maxScore weight }';
export const APPLICATION_FIELDS = 'id version status title licence leadActorId ineligibilityReason groupSize';

export interface Row {
  id: string;
  version: number;
  [field: string]: any;
}

export const actors = (n: number) => Array.from({ length: n }, () => randomUUID());

export function callInput(input: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    authorityCode: '30',
    title: 'Appel à communs de test',
    minStructures: 3,
    acceptedLicences: ['CC-BY-SA-4.0', 'AGPL-3.0-or-later'],
    supportKinds: ['MONEY', 'SKILLS'],
    budgetEnvelope: 100000,
    opensOn: '2020-01-01',
    closesOn: '2099-12-31',
    challenges: [{ title: 'Mutualiser' }, { title: 'Créer en zone rurale' }],
    criteria: [
      { label: 'Coopération', maxScore: 10, weight: 2 },
      { label: 'Utilité', maxScore: 10, weight: 1 },
    ],
    ...input,
  };
}

export async function createCall(subgraph: TestSubgraph, input: Record<string, unknown> = {}, identity: Identity = SYSTEM): Promise<Row> {
  return ok(await subgraph.request(`mutation ($input: CreateCallInput!) { createCall(input: $input) { ${CALL_FIELDS} } }`, { input: callInput(input) }, identity)).createCall;
}

export function updateCall(subgraph: TestSubgraph, id: string, version: number, input: Record<string, unknown>, identity: Identity = SYSTEM) {
  return subgraph.request(`mutation ($id: ID!, $v: Int!, $input: UpdateCallInput!) { updateCall(id: $id, version: $v, input: $input) { ${CALL_FIELDS} } }`, { id, v: version, input }, identity);
}

export function transition(subgraph: TestSubgraph, id: string, version: number, status: string, identity: Identity = SYSTEM) {
  return subgraph.request(`mutation ($id: ID!, $v: Int!, $s: CallStatus!) { transitionCall(id: $id, version: $v, status: $s) { ${CALL_FIELDS} } }`, { id, v: version, s: status }, identity);
}

export async function moveTo(subgraph: TestSubgraph, call: Row, status: string): Promise<Row> {
  return ok(await transition(subgraph, call.id, call.version, status)).transitionCall;
}

export async function createNeed(subgraph: TestSubgraph, callId: string, challengeId: string, territoryKind = 'RURAL'): Promise<Row> {
  return ok(
    await subgraph.request(`mutation ($input: CreateNeedInput!) { createNeed(input: $input) { id version territoryKind } }`, {
      input: { callId, challengeId, description: 'Un besoin', territoryKind },
    }),
  ).createNeed;
}

/** A call in co-construction with one rural need, then open. */
export async function openCall(subgraph: TestSubgraph, input: Record<string, unknown> = {}): Promise<{ call: Row; needId: string; challengeId: string }> {
  let call = await createCall(subgraph, input);
  call = await moveTo(subgraph, call, 'CO_CONSTRUCTION');
  const need = await createNeed(subgraph, call.id, call.challenges[0].id);
  call = await moveTo(subgraph, call, 'OPEN');
  return { call, needId: need.id, challengeId: call.challenges[0].id };
}

export function applicationInput(callId: string, needIds: string[], input: Record<string, unknown> = {}): Record<string, unknown> {
  const [lead, ...partners] = actors(3);
  return { callId, leadActorId: lead, partnerIds: partners, needIds, title: 'Candidature', proposedCommon: 'Un commun', licence: 'CC-BY-SA-4.0', requestedAmount: 10000, ...input };
}

export function tryCreateApplication(subgraph: TestSubgraph, callId: string, needIds: string[], input: Record<string, unknown> = {}, identity: Identity = SYSTEM) {
  return subgraph.request(`mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { ${APPLICATION_FIELDS} } }`, { input: applicationInput(callId, needIds, input) }, identity);
}

export async function createApplication(subgraph: TestSubgraph, callId: string, needIds: string[], input: Record<string, unknown> = {}): Promise<Row> {
  return ok(await tryCreateApplication(subgraph, callId, needIds, input)).createApplication;
}

export function act(subgraph: TestSubgraph, mutation: 'submitApplication' | 'withdrawApplication', id: string, version: number, identity: Identity = SYSTEM) {
  return subgraph.request(`mutation ($id: ID!, $v: Int!) { ${mutation}(id: $id, version: $v) { ${APPLICATION_FIELDS} } }`, { id, v: version }, identity);
}

export function screen(subgraph: TestSubgraph, id: string, version: number, eligible: boolean, reason?: string, identity: Identity = SYSTEM) {
  return subgraph.request(`mutation ($id: ID!, $v: Int!, $e: Boolean!, $r: String) { screenApplication(id: $id, version: $v, eligible: $e, reason: $r) { ${APPLICATION_FIELDS} } }`, { id, v: version, e: eligible, r: reason }, identity);
}

/** Adds the test account `name` (see jurorId) or the account of this id as a juror. */
export function addJuror(subgraph: TestSubgraph, callId: string, version: number, name: string, declaredActorIds: string[] = [], identity: Identity = SYSTEM) {
  const query = `mutation ($c: ID!, $v: Int!, $input: JurorInput!) { addJuror(callId: $c, version: $v, input: $input) { id userId } }`;
  return subgraph.request(query, { c: callId, v: version, input: { userId: jurorId(name), name, declaredActorIds } }, identity);
}

/** The signed identity of the test juror `name`: an editor of the Gard, as jurors must be. */
export const juror = (name: string) => staff('editor', ['30'], jurorId(name));

export function review(subgraph: TestSubgraph, applicationId: string, scores: Array<{ criterionId: string; score: number }>, identity: Identity) {
  return subgraph.request(`mutation ($a: ID!, $input: ReviewInput!) { reviewApplication(applicationId: $a, input: $input) { id version } }`, { a: applicationId, input: { scores, comment: 'Avis' } }, identity);
}

export function decide(subgraph: TestSubgraph, applicationId: string, version: number, input: Record<string, unknown>, identity: Identity = SYSTEM) {
  return subgraph.request(`mutation ($a: ID!, $v: Int!, $input: DecisionInput!) { decideApplication(applicationId: $a, version: $v, input: $input) { id accepted grantedAmount } }`, { a: applicationId, v: version, input: { reasons: 'Motifs', ...input } }, identity);
}

export async function currentVersion(dataSource: DataSource, table: string, id: string): Promise<number> {
  const [row] = await dataSource.query(`SELECT version FROM commons.${table} WHERE id = $1`, [id]);
  return row.version;
}

/**
 * A call under review with `count` eligible applications submitted (through the API), a juror `juror-1`, ready for
 * reviews and decisions; the call's period is then moved to the past by SQL so that it could close.
 */
export async function callUnderReview(subgraph: TestSubgraph, count: number, input: Record<string, unknown> = {}): Promise<{ call: Row; applications: Row[] }> {
  const { call: open, needId } = await openCall(subgraph, input);
  const applications: Row[] = [];
  for (let i = 0; i < count; i++) {
    const draft = await createApplication(subgraph, open.id, [needId], { title: `Candidature ${i + 1}` });
    const submitted = ok(await act(subgraph, 'submitApplication', draft.id, draft.version)).submitApplication;
    applications.push(ok(await screen(subgraph, submitted.id, submitted.version, true)).screenApplication);
  }
  await subgraph.dataSource.query(`UPDATE commons.call SET opens_on = '2020-01-01', closes_on = '2020-06-30' WHERE id = $1`, [open.id]);
  let call = { ...open, version: await currentVersion(subgraph.dataSource, 'call', open.id) };
  ok(await addJuror(subgraph, call.id, call.version, 'juror-1'));
  call.version++;
  call = await moveTo(subgraph, call, 'CLOSED');
  call = await moveTo(subgraph, call, 'UNDER_REVIEW');
  const refreshed = await Promise.all(applications.map(async (a) => ({ ...a, status: 'UNDER_REVIEW', version: await currentVersion(subgraph.dataSource, 'application', a.id) })));
  return { call, applications: refreshed };
}

export async function countAudit(dataSource: DataSource): Promise<number> {
  const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM commons.audit_log`);
  return count;
}

/**
 * Inserts by SQL a call under review of authority `authority` with `count` applications, each of a group of 3 given
 * actors (lead first), answering one need, reviewed by two jurors on two criteria and decided; returns the ids.
 */
export async function insertCallSql(ds: DataSource, count: number, group: string[], authority = '30'): Promise<{ callId: string; applicationIds: string[] }> {
  const callId = randomUUID();
  await ds.query(
    `INSERT INTO commons.call (id, authority_code, title, status, accepted_licences, support_kinds, budget_envelope, opens_on, closes_on)
     VALUES ($1, $2, $3, 'UNDER_REVIEW', '{CC-BY-4.0}', '{MONEY}', 1000000, '2025-01-01', '2025-02-01')`,
    [callId, authority, `Appel de ${count}`],
  );
  const [challenge] = await ds.query(`INSERT INTO commons.challenge (call_id, position, title) VALUES ($1, 1, 'Défi') RETURNING id`, [callId]);
  const [need] = await ds.query(`INSERT INTO commons.need (call_id, challenge_id, description, territory_kind) VALUES ($1, $2, 'Besoin', 'RURAL') RETURNING id`, [callId, challenge.id]);
  const criteria = await ds.query(`INSERT INTO commons.criterion (call_id, position, label, max_score) VALUES ($1, 1, 'A', 10), ($1, 2, 'B', 10) RETURNING id`, [callId]);
  const jurors = await ds.query(`INSERT INTO commons.jury_member (call_id, user_id, name) VALUES ($1, 'j1', 'J1'), ($1, 'j2', 'J2') RETURNING id`, [callId]);
  const applicationIds = Array.from({ length: count }, () => randomUUID());
  await ds.query(
    `INSERT INTO commons.application (id, call_id, lead_actor_id, title, proposed_common, licence, status, submitted_at)
     SELECT id, $1, $3, 'Candidature ' || lpad(n::text, 3, '0'), 'Commun', 'CC-BY-4.0', 'ACCEPTED', now() FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [callId, applicationIds, group[0]],
  );
  await ds.query(
    `INSERT INTO commons.application_member (application_id, actor_id, role, position)
     SELECT a, g, CASE WHEN n = 1 THEN 'LEAD' ELSE 'PARTNER' END, n FROM unnest($1::uuid[]) a CROSS JOIN unnest($2::uuid[]) WITH ORDINALITY AS t(g, n)`,
    [applicationIds, group],
  );
  await ds.query(`INSERT INTO commons.application_need (application_id, need_id, call_id) SELECT a, $2, $3 FROM unnest($1::uuid[]) a`, [applicationIds, need.id, callId]);
  await ds.query(`INSERT INTO commons.review (application_id, jury_member_id) SELECT a, j FROM unnest($1::uuid[]) a CROSS JOIN unnest($2::uuid[]) j`, [applicationIds, jurors.map((j: { id: string }) => j.id)]);
  await ds.query(
    `INSERT INTO commons.review_score (review_id, criterion_id, score) SELECT r.id, c, 7 FROM commons.review r CROSS JOIN unnest($2::uuid[]) c WHERE r.application_id = ANY($1::uuid[])`,
    [applicationIds, criteria.map((c: { id: string }) => c.id)],
  );
  await ds.query(`INSERT INTO commons.decision (application_id, call_id, accepted, reasons, granted_amount, decided_on) SELECT a, $2, true, 'Oui', 1000, '2025-03-01' FROM unnest($1::uuid[]) a`, [applicationIds, callId]);
  await ds.query(
    `INSERT INTO commons.common (application_id, call_id, name, licence, status) SELECT a, $2, 'Commun ' || a, 'CC-BY-4.0', 'ACTIVE' FROM unnest($1::uuid[]) a`,
    [applicationIds, callId],
  );
  await ds.query(`INSERT INTO commons.common_maintainer (common_id, actor_id, position) SELECT id, $2, 1 FROM commons.common WHERE call_id = $1`, [callId, group[0]]);
  return { callId, applicationIds };
}
