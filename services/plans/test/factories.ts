// Small factories for the plans tests: records built through the GraphQL API (as users would) or plain SQL (for volume).
import { randomUUID } from 'node:crypto';
import { withLuhnDigit, type Identity } from '@ess/kit';
import { SYSTEM, type GraphQLResult, type TestSubgraph } from '@ess/kit/testing';
import type { DataSource } from 'typeorm';

export { SYSTEM };

/** The data of a result, failing the test with the errors when there are any. */
export function ok<T = Record<string, any>>(result: GraphQLResult<T>): T {
  if (result.errors?.length || !result.data) throw new Error(`Unexpected GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
  return result.data;
}

/** The single error of a result (fails when there is none or several). */
export function onlyError(result: GraphQLResult): { message: string; path?: string[]; extensions?: Record<string, any> } {
  if (result.errors?.length !== 1) throw new Error(`Expected one error, got ${JSON.stringify(result.errors ?? result.data)}`);
  return result.errors[0];
}

/** The fields named by a BAD_USER_INPUT error. */
export function badFields(result: GraphQLResult): string[] {
  const error = onlyError(result);
  expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  return (error.extensions?.fields as Array<{ field: string }>).map((f) => f.field);
}

/** A valid SIRET, different for every n. */
export function siretFor(n: number): string {
  return withLuhnDigit(`${withLuhnDigit(`7${String(n).padStart(7, '0')}`)}0001`);
}

export const PLAN_FIELDS = `id title version status kindCode adoptedOn startOn endOn authorities { code }`;
export const ACTION_FIELDS = `id title version position status progress axisId parentId startOn endOn plannedBudget committedBudget`;
export const AGREEMENT_FIELDS = `id version authorityCode beneficiaryName beneficiarySiret object amount nature paymentTerms status signedOn`;

export interface Row {
  id: string;
  version: number;
  [field: string]: any;
}

export async function createPlan(subgraph: TestSubgraph, input: Record<string, unknown> = {}, identity: Identity = SYSTEM): Promise<Row> {
  const result = await subgraph.request(`mutation ($input: CreatePlanInput!) { createPlan(input: $input) { ${PLAN_FIELDS} } }`, { input: { title: 'Plan de test', authorities: ['30'], ...input } }, identity);
  return ok(result).createPlan;
}

export function updatePlan(subgraph: TestSubgraph, id: string, version: number, input: Record<string, unknown>, identity: Identity = SYSTEM) {
  return subgraph.request(`mutation ($id: ID!, $v: Int!, $input: UpdatePlanInput!) { updatePlan(id: $id, version: $v, input: $input) { ${PLAN_FIELDS} } }`, { id, v: version, input }, identity);
}

export async function createAxis(subgraph: TestSubgraph, planId: string, input: Record<string, unknown> = {}, identity: Identity = SYSTEM): Promise<Row> {
  const result = await subgraph.request(`mutation ($planId: ID!, $input: CreateAxisInput!) { createAxis(planId: $planId, input: $input) { id version position title planId } }`, { planId, input: { title: 'Axe', ...input } }, identity);
  return ok(result).createAxis;
}

export function moveAxis(subgraph: TestSubgraph, id: string, version: number, position: number, identity: Identity = SYSTEM) {
  return subgraph.request(`mutation ($id: ID!, $v: Int!, $p: Int!) { moveAxis(id: $id, version: $v, position: $p) { id version position } }`, { id, v: version, p: position }, identity);
}

export async function createAction(subgraph: TestSubgraph, axisId: string, input: Record<string, unknown> = {}, identity: Identity = SYSTEM): Promise<Row> {
  const result = await subgraph.request(`mutation ($input: CreateActionInput!) { createAction(input: $input) { ${ACTION_FIELDS} } }`, { input: { axisId, title: 'Action', ...input } }, identity);
  return ok(result).createAction;
}

export function tryCreateAction(subgraph: TestSubgraph, axisId: string, input: Record<string, unknown> = {}, identity: Identity = SYSTEM) {
  return subgraph.request(`mutation ($input: CreateActionInput!) { createAction(input: $input) { ${ACTION_FIELDS} } }`, { input: { axisId, title: 'Action', ...input } }, identity);
}

export function updateAction(subgraph: TestSubgraph, id: string, version: number, input: Record<string, unknown>, identity: Identity = SYSTEM) {
  return subgraph.request(`mutation ($id: ID!, $v: Int!, $input: UpdateActionInput!) { updateAction(id: $id, version: $v, input: $input) { ${ACTION_FIELDS} } }`, { id, v: version, input }, identity);
}

export function moveAction(subgraph: TestSubgraph, id: string, version: number, position: number, axisId?: string, identity: Identity = SYSTEM) {
  return subgraph.request(
    `mutation ($id: ID!, $v: Int!, $p: Int!, $axisId: ID) { moveAction(id: $id, version: $v, position: $p, axisId: $axisId) { id version position axisId } }`,
    { id, v: version, p: position, axisId },
    identity,
  );
}

export async function createIndicator(subgraph: TestSubgraph, planId: string, input: Record<string, unknown> = {}, identity: Identity = SYSTEM): Promise<Row> {
  const result = await subgraph.request(
    `mutation ($input: CreateIndicatorInput!) { createIndicator(input: $input) { id version title baseline target baselineOn targetOn actionId } }`,
    { input: { planId, title: 'Indicateur', unit: 'structures', baseline: 0, baselineOn: '2024-01-01', target: 100, targetOn: '2034-01-01', ...input } },
    identity,
  );
  return ok(result).createIndicator;
}

export function recordValue(subgraph: TestSubgraph, indicatorId: string, version: number, measuredOn: string, value: number, identity: Identity = SYSTEM) {
  return subgraph.request(
    `mutation ($id: ID!, $v: Int!, $input: IndicatorValueInput!) { recordIndicatorValue(indicatorId: $id, version: $v, input: $input) { id version } }`,
    { id: indicatorId, v: version, input: { measuredOn, value } },
    identity,
  );
}

let siretSeed = 1;

export function agreementInput(actionId: string, input: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    actionId,
    actorId: randomUUID(),
    beneficiaryName: 'Association de test',
    beneficiarySiret: siretFor(siretSeed++),
    object: 'Objet de la convention',
    amount: 10000,
    nature: 'CASH',
    ...input,
  };
}

export async function createAgreement(subgraph: TestSubgraph, actionId: string, input: Record<string, unknown> = {}, identity: Identity = SYSTEM): Promise<Row> {
  const result = await subgraph.request(
    `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { ${AGREEMENT_FIELDS} } }`,
    { input: agreementInput(actionId, input) },
    identity,
  );
  return ok(result).createAgreement;
}

export function tryCreateAgreement(subgraph: TestSubgraph, actionId: string, input: Record<string, unknown> = {}, identity: Identity = SYSTEM) {
  return subgraph.request(`mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { ${AGREEMENT_FIELDS} } }`, { input: agreementInput(actionId, input) }, identity);
}

/** A plan with one axis: the smallest thing most tests need. */
export async function planWithAxis(subgraph: TestSubgraph, input: Record<string, unknown> = {}): Promise<{ plan: Row; axis: Row }> {
  const plan = await createPlan(subgraph, input);
  const axis = await createAxis(subgraph, plan.id);
  return { plan, axis };
}

/** Inserts a plan with one axis and `count` actions (each with the given partners) in a few statements; returns the ids. */
export async function insertPlanSql(dataSource: DataSource, count: number, partners: string[] = [], authority = '30'): Promise<{ planId: string; axisId: string; actionIds: string[] }> {
  const planId = randomUUID();
  const axisId = randomUUID();
  await dataSource.query(`INSERT INTO plans.plan (id, title, kind) VALUES ($1, $2, 'ESS_PLAN')`, [planId, `Plan de ${count} actions`]);
  await dataSource.query(`INSERT INTO plans.plan_authority (plan_id, authority_code) VALUES ($1, $2)`, [planId, authority]);
  await dataSource.query(`INSERT INTO plans.axis (id, plan_id, position, title) VALUES ($1, $2, 1, 'Axe unique')`, [axisId, planId]);
  const actionIds = Array.from({ length: count }, () => randomUUID());
  await dataSource.query(
    `INSERT INTO plans.action (id, plan_id, axis_id, position, title) SELECT id, $1, $2, n, 'Action ' || lpad(n::text, 3, '0') FROM unnest($3::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [planId, axisId, actionIds],
  );
  if (partners.length) {
    await dataSource.query(
      `INSERT INTO plans.action_partner (action_id, actor_id, position) SELECT a, p, n FROM unnest($1::uuid[]) a CROSS JOIN unnest($2::uuid[]) WITH ORDINALITY AS t(p, n)`,
      [actionIds, partners],
    );
  }
  return { planId, axisId, actionIds };
}

export async function auditRows(dataSource: DataSource, entity: string, entityId: string): Promise<Array<{ who: string; action: string; before: any; after: any }>> {
  return dataSource.query(`SELECT who, action, before, after FROM plans.audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id`, [entity, entityId]);
}

export async function countAudit(dataSource: DataSource): Promise<number> {
  const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM plans.audit_log`);
  return count;
}
