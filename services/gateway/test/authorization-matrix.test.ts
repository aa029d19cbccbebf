// Every mutation of the supergraph, through the gateway, for every kind of caller, against a table of expected outcomes.
// The list of mutations is read from schema/supergraph.graphql: a new mutation without its row fails the first test.
import { demoActor, SCOPES, SYSTEM, type Identity } from '@ess/kit';
import { postSigned } from '@ess/kit/testing';
import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startFullStack, type FullStack, type SubgraphName } from './full-stack';

/** What a caller gets: through authorization (any answer but these two codes), or refused. */
type Outcome = 'passes' | 'FORBIDDEN' | 'UNAUTHENTICATED';

const PARTNERS = SCOPES.map((scope) => `key ${scope}` as const);
type Partner = (typeof PARTNERS)[number];
type StaffCaller = 'viewer 30' | 'editor 30' | 'admin 30' | 'viewer 26' | 'editor 26' | 'admin 26' | 'platform admin';
type Caller = 'anonymous' | Partner | StaffCaller;
const STAFF: Record<StaffCaller, { role: 'VIEWER' | 'EDITOR' | 'ADMIN'; authorities: string[] }> = {
  'viewer 30': { role: 'VIEWER', authorities: ['30'] },
  'editor 30': { role: 'EDITOR', authorities: ['30'] },
  'admin 30': { role: 'ADMIN', authorities: ['30'] },
  'viewer 26': { role: 'VIEWER', authorities: ['26'] },
  'editor 26': { role: 'EDITOR', authorities: ['26'] },
  'admin 26': { role: 'ADMIN', authorities: ['26'] },
  // Admin of every authority of the demo: what `npm start` creates as the first account.
  'platform admin': { role: 'ADMIN', authorities: ['30', '26', '07'] },
};
// Refused callers first: a mutation that passes may delete or change its target for the callers after it.
const CALLERS: Caller[] = [
  'anonymous',
  ...PARTNERS,
  ...(['viewer 30', 'viewer 26', 'editor 26', 'admin 26', 'editor 30', 'admin 30', 'platform admin'] as const),
];

/**
 * The rules (docs/identity.md). The record aimed at is always of the Gard (30); the Drôme (26) is "another authority".
 * Partners never write; anonymous callers are asked to sign in.
 */
const RULES = {
  /** Editors and admins of the record's authority. */
  editors: ['editor 30', 'admin 30', 'platform admin'],
  /** Admins of the record's authority. */
  admins: ['admin 30', 'platform admin'],
  /** Any admin: data shared by every authority (indicator kinds, plan kinds). */
  anyAdmin: ['admin 30', 'admin 26', 'platform admin'],
  /** Any staff member, about their own account. */
  self: ['viewer 30', 'viewer 26', 'editor 26', 'admin 26', 'editor 30', 'admin 30', 'platform admin'],
  /** Jurors of the call: the Gard editor sits on the jury of the call aimed at. */
  juror: ['editor 30'],
  /** The platform itself only (the registry's feed): nobody through the gateway. */
  platform: [],
} satisfies Record<string, StaffCaller[]>;
type Rule = keyof typeof RULES;

function expected(rule: Rule): Record<Caller, Outcome> {
  const allowed = new Set<Caller>(RULES[rule]);
  const outcome = (c: Caller): Outcome => (c === 'anonymous' ? 'UNAUTHENTICATED' : allowed.has(c) ? 'passes' : 'FORBIDDEN');
  return Object.fromEntries(CALLERS.map((c) => [c, outcome(c)])) as Record<Caller, Outcome>;
}

type Request = { query: string; variables?: Record<string, unknown> };

let siretSeed = 0;
/** A new valid SIRET (Luhn) at each call: buyers and beneficiaries are unique by SIRET. */
function siret(): string {
  const luhn = (partial: string) => {
    for (let digit = 0; digit <= 9; digit++) {
      const candidate = partial + digit;
      const digits = [...candidate].reverse().map((c, i) => (i % 2 ? Number(c) * 2 : Number(c)));
      const sum = digits.reduce((total, d) => total + (d % 10) + Math.floor(d / 10), 0);
      if (sum % 10 === 0) return candidate;
    }
    throw new Error('unreachable');
  };
  return luhn(`${luhn(`7${String(++siretSeed).padStart(7, '0')}`)}0001`);
}

describe('authorization matrix: every mutation, every kind of caller, through the gateway', () => {
  let stack: FullStack;
  const headers = {} as Record<Caller, Record<string, string>>;
  const ids: Record<string, string> = {};
  let counter = 0;
  const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}`;

  async function sql<T = any>(subgraph: SubgraphName, text: string, params: unknown[] = []): Promise<T[]> {
    return stack.subgraphs[subgraph].dataSource.query(text, params);
  }
  async function one(subgraph: SubgraphName, text: string, params: unknown[] = []): Promise<string> {
    const [row] = await sql(subgraph, text, params);
    if (!row) throw new Error(`no row for ${text}`);
    return Object.values(row)[0] as string;
  }
  /** The current version (to reach the authority check, which some services make after the version's); 1 once deleted. */
  async function version(subgraph: SubgraphName, table: string, id: string): Promise<number> {
    const [row] = await sql(subgraph, `SELECT version FROM ${table} WHERE id = $1`, [id]);
    return row ? Number(row.version) : 1;
  }
  /** Audit rows of every subgraph: every change writes one, in the same transaction. */
  async function auditedChanges(): Promise<number> {
    const names: SubgraphName[] = ['actors', 'procurement', 'commons', 'plans', 'access'];
    const counts = await Promise.all(names.map((name) => one(name, `SELECT count(*)::int AS n FROM ${name}.audit_log`)));
    return counts.reduce((total, n) => total + Number(n), 0);
  }
  async function asSystem(subgraph: SubgraphName, query: string, variables: Record<string, unknown> = {}, identity: Identity = SYSTEM) {
    const result = await stack.subgraphs[subgraph].request(query, variables, identity);
    if (result.errors?.length) throw new Error(`${subgraph}: ${JSON.stringify(result.errors)}`);
    return result.data!;
  }

  beforeAll(async () => {
    stack = await startFullStack();
    const access = stack.subgraphs.access;
    const password = 'matrix-password-long-enough';
    for (const [caller, { role, authorities }] of Object.entries(STAFF)) {
      const email = `${caller.replace(/ /g, '.')}@matrix.test`;
      const created = await asSystem('access', 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', {
        input: { email, displayName: caller, role, authorities, password },
      });
      ids[caller] = created.createUser.id;
      // Sessions opened at the access subgraph directly: the gateway's sign-in limit is not what is tested here.
      const signedIn = await postSigned(new URL('/internal/sign-in', access.url).toString(), access.secret, { email, password }, SYSTEM);
      headers[caller as StaffCaller] = { cookie: `ess_session=${((await signedIn.json()) as { token: string }).token}` };
    }
    const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    for (const scope of SCOPES) {
      const created = await asSystem('access', 'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }', {
        input: { name: `key ${scope}`, authority: '30', scopes: [scope], expiresOn: inAYear },
      });
      headers[`key ${scope}` as Partner] = { authorization: `Bearer ${created.createApiKey.key}` };
    }
    headers.anonymous = {};

    // The records aimed at, all of the Gard.
    ids.actor = demoActor('scic-gard-autonomie').id;
    ids.otherActor = await one('actors', `SELECT id FROM actors.actor WHERE authority_code = '30' AND id <> $1 ORDER BY name LIMIT 1`, [
      ids.actor,
    ]);
    const contact = 'mutation ($a: ID!) { createContact(actorId: $a, input: { firstName: "Camille", lastName: "Matrice" }) { id } }';
    ids.contact = (await asSystem('actors', contact, { a: ids.actor })).createContact.id;
    ids.network = await one('actors', `SELECT id FROM actors.network WHERE authority_code = '30'`);
    ids.buyer = await one('procurement', `SELECT id FROM procurement.buyer WHERE authority_code = '30'`);
    ids.contract = await one('procurement', `SELECT id FROM procurement.contract WHERE authority_code = '30' ORDER BY id LIMIT 1`);
    ids.spaserPlan = await one('procurement', `SELECT id FROM procurement.spaser_plan WHERE authority_code = '30'`);
    ids.spaserObjective = await one('procurement', `SELECT id FROM procurement.spaser_objective WHERE plan_id = $1`, [ids.spaserPlan]);
    ids.training = await one('procurement', `SELECT id FROM procurement.training_session WHERE authority_code = '30'`);
    ids.call = await one('commons', `SELECT id FROM commons.call WHERE authority_code = '30'`);
    ids.challenge = await one('commons', `SELECT id FROM commons.challenge WHERE call_id = $1 LIMIT 1`, [ids.call]);
    const accepted = `SELECT id FROM commons.application WHERE call_id = $1 AND status = 'ACCEPTED' ORDER BY id LIMIT 1`;
    ids.application = await one('commons', accepted, [ids.call]);
    ids.draft = await one('commons', `SELECT id FROM commons.application WHERE call_id = $1 AND status = 'DRAFT' LIMIT 1`, [ids.call]);
    ids.common = await one('commons', `SELECT id FROM commons.common LIMIT 1`);
    ids.workshop = await one('commons', `SELECT id FROM commons.workshop WHERE call_id = $1 LIMIT 1`, [ids.call]);
    ids.need = await one('commons', `SELECT id FROM commons.need WHERE call_id = $1 LIMIT 1`, [ids.call]);
    ids.criterion = await one('commons', `SELECT id FROM commons.criterion WHERE call_id = $1 LIMIT 1`, [ids.call]);
    // The Gard editor sits on the jury of the Gard call (as addJuror would record it), with a review of their own.
    const juror = `INSERT INTO commons.jury_member (call_id, user_id, name) VALUES ($1, $2, 'Juré') RETURNING id`;
    const juryMember = await one('commons', juror, [ids.call, ids['editor 30']]);
    const review = `INSERT INTO commons.review (application_id, jury_member_id) VALUES ($1, $2) RETURNING id`;
    ids.review = await one('commons', review, [ids.application, juryMember]);
    // Jobs of the Gard started by the platform, kept out of the runners' reach (run_after far ahead).
    const job = (schema: string) =>
      `INSERT INTO ${schema}.job (kind, started_by, identity, authority, run_after) VALUES ('matrix', 'system', '{"kind":"system"}', '30', '2100-01-01') RETURNING id`;
    ids.actorsJob = await one('actors', job('actors'));
    ids.procurementJob = await one('procurement', job('procurement'));
    ids.plan = await one('plans', `SELECT plan_id FROM plans.plan_authority GROUP BY 1 HAVING array_agg(authority_code) = ARRAY['30']`);
    ids.axis = await one('plans', `SELECT id FROM plans.axis WHERE plan_id = $1 ORDER BY position LIMIT 1`, [ids.plan]);
    ids.action = await one('plans', `SELECT id FROM plans.action WHERE axis_id = $1 ORDER BY position LIMIT 1`, [ids.axis]);
    ids.agreement = await one('plans', `SELECT id FROM plans.agreement WHERE authority_code = '30' LIMIT 1`);
    ids.event = await one('plans', `SELECT id FROM plans.event WHERE plan_id = $1 LIMIT 1`, [ids.plan]);
    ids.indicator = await one('plans', `SELECT id FROM plans.indicator WHERE plan_id = $1 LIMIT 1`, [ids.plan]);
    // An account of the Gard alone with a session, and a key of the Gard, for the rows that end them.
    const bystander = await asSystem('access', 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', {
      input: { email: 'tiers@matrix.test', displayName: 'Tiers', role: 'VIEWER', authorities: ['30'], password },
    });
    ids.bystander = bystander.createUser.id;
    await postSigned(new URL('/internal/sign-in', access.url).toString(), access.secret, { email: 'tiers@matrix.test', password }, SYSTEM);
    ids.session = await one('access', `SELECT id FROM access.session WHERE user_id = $1`, [ids.bystander]);
    ids.apiKey = (await asSystem('access', 'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }', {
      input: { name: 'à révoquer', authority: '30', scopes: ['read:actors'], expiresOn: inAYear },
    })).createApiKey.apiKey.id;
  }, 180_000);
  afterAll(() => stack?.close());

  /** One row per mutation: who passes, and the request aimed at a Gard record (built again for each caller). */
  const rows: Record<string, { rule: Rule; request: () => Promise<Request> }> = {
    // access
    createUser: {
      rule: 'admins',
      request: async () => ({
        query:
          `mutation { createUser(input: { email: "u${unique()}@matrix.test", displayName: "U", role: VIEWER, authorities: ["30"] }) ` +
          `{ id } }`,
      }),
    },
    updateUser: {
      rule: 'admins',
      request: async () => ({
        query: 'mutation ($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, input: { displayName: "Tiers" }) { id } }',
        variables: { id: ids.bystander, v: await version('access', 'access.staff_user', ids.bystander) },
      }),
    },
    changePassword: {
      rule: 'self',
      request: async () => ({
        query: 'mutation { changePassword(currentPassword: "not-the-password", newPassword: "another-long-password") }',
      }),
    },
    revokeSession: {
      rule: 'admins',
      request: async () => ({
        query: 'mutation ($id: ID!) { revokeSession(id: $id) { id } }',
        variables: { id: ids.session },
      }),
    },
    createApiKey: {
      rule: 'admins',
      request: async () => ({
        query: 'mutation { createApiKey(input: { name: "k", authority: "30", scopes: ["read:actors"], expiresOn: "2027-06-30" }) { key } }',
      }),
    },
    revokeApiKey: {
      rule: 'admins',
      request: async () => ({
        query: 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }',
        variables: { id: ids.apiKey },
      }),
    },
    // jobs: their starter or an admin of their authority
    cancelActorsJob: {
      rule: 'admins',
      request: async () => ({ query: 'mutation ($id: ID!) { cancelActorsJob(id: $id) { id } }', variables: { id: ids.actorsJob } }),
    },
    cancelProcurementJob: {
      rule: 'admins',
      request: async () => ({ query: 'mutation ($id: ID!) { cancelProcurementJob(id: $id) { id } }', variables: { id: ids.procurementJob } }),
    },
    // actors
    createActor: {
      rule: 'editors',
      request: async () => ({
        query: `mutation { createActor(input: { name: "Matrice ${unique()}", communeCode: "30189" }) { id } }`,
      }),
    },
    updateActor: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!, $v: Int!) { updateActor(id: $id, version: $v, input: { description: "Par la matrice" }) { id } }',
        variables: { id: ids.actor, v: await version('actors', 'actors.actor', ids.actor) },
      }),
    },
    archiveActor: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!, $v: Int!) { archiveActor(id: $id, version: $v) { id } }',
        variables: { id: ids.otherActor, v: await version('actors', 'actors.actor', ids.otherActor) },
      }),
    },
    restoreActor: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!, $v: Int!) { restoreActor(id: $id, version: $v) { id } }',
        variables: { id: ids.otherActor, v: await version('actors', 'actors.actor', ids.otherActor) },
      }),
    },
    createContact: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { createContact(actorId: $id, input: { firstName: "A", lastName: "B" }) { id } }',
        variables: { id: ids.actor },
      }),
    },
    updateContact: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { updateContact(id: $id, version: 999999, input: { role: "x" }) { id } }',
        variables: { id: ids.contact },
      }),
    },
    deleteContact: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { deleteContact(id: $id, version: 999999) }',
        variables: { id: ids.contact },
      }),
    },
    eraseContact: {
      rule: 'admins',
      request: async () => ({
        query: 'mutation ($id: ID!) { eraseContact(id: $id, version: 999999, reason: "matrice") { id } }',
        variables: { id: ids.contact },
      }),
    },
    importActors: {
      rule: 'editors',
      request: async () => ({
        query:
          'mutation { importActors(csv: "siret,denominationUniteLegale\\n80174218000012,Essai", authority: "30", dryRun: true) ' +
          '{ applied } }',
      }),
    },
    importMap: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($json: String!) { importMap(json: $json, authority: "30", dryRun: true) { applied } }',
        variables: { json: JSON.stringify({ data: [{ id: 'm1', name: 'Essai', address: { postalCode: '30000', addressLocality: 'Nîmes' } }] }) },
      }),
    },
    createNetwork: {
      rule: 'editors',
      request: async () => ({
        query: `mutation { createNetwork(input: { name: "Réseau ${unique()}", kind: DEPARTMENTAL, authority: "30" }) { id } }`,
      }),
    },
    updateNetwork: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!, $v: Int!) { updateNetwork(id: $id, version: $v, input: { description: "x" }) { id } }',
        variables: { id: ids.network, v: await version('actors', 'actors.network', ids.network) },
      }),
    },
    addNetworkMember: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($n: ID!, $a: ID!) { addNetworkMember(networkId: $n, actorId: $a) { id } }',
        variables: { n: ids.network, a: ids.otherActor },
      }),
    },
    removeNetworkMember: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($n: ID!, $a: ID!) { removeNetworkMember(networkId: $n, actorId: $a) { id } }',
        variables: { n: ids.network, a: ids.otherActor },
      }),
    },
    // Within the caller's own authorities (no record is aimed at): any admin, for their own contacts.
    applyContactRetention: {
      rule: 'anyAdmin',
      request: async () => ({
        query: 'mutation { applyContactRetention(dryRun: true) { __typename } }',
      }),
    },
    // commons
    createApplication: {
      rule: 'editors',
      request: async () => ({
        query:
          'mutation ($c: ID!, $a: ID!) { createApplication(input: { callId: $c, leadActorId: $a, ' +
          'title: "T", proposedCommon: "C", licence: "CC-BY-4.0" }) { id } }',
        variables: { c: ids.call, a: ids.actor },
      }),
    },
    updateApplication: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { updateApplication(id: $id, version: 999999, input: { title: "T" }) { id } }',
        variables: { id: ids.draft },
      }),
    },
    submitApplication: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { submitApplication(id: $id, version: 999999) { id } }',
        variables: { id: ids.draft },
      }),
    },
    withdrawApplication: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { withdrawApplication(id: $id, version: 999999) { id } }',
        variables: { id: ids.draft },
      }),
    },
    screenApplication: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { screenApplication(id: $id, version: 999999, eligible: true) { id } }',
        variables: { id: ids.draft },
      }),
    },
    reviewApplication: {
      rule: 'juror',
      request: async () => ({
        query:
          'mutation ($a: ID!, $c: ID!) { reviewApplication(applicationId: $a, input: ' +
          '{ scores: [{ criterionId: $c, score: 1 }] }) { id } }',
        variables: { a: ids.application, c: ids.criterion },
      }),
    },
    updateReview: {
      rule: 'juror',
      request: async () => ({
        query:
          'mutation ($id: ID!, $c: ID!) { updateReview(id: $id, version: 999999, input: ' +
          '{ scores: [{ criterionId: $c, score: 1 }] }) { id } }',
        variables: { id: ids.review, c: ids.criterion },
      }),
    },
    decideApplication: {
      rule: 'editors',
      request: async () => ({
        query:
          'mutation ($a: ID!) { decideApplication(applicationId: $a, version: 999999, input: ' +
          '{ accepted: true, reasons: "r" }) { id } }',
        variables: { a: ids.application },
      }),
    },
    createCall: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation { createCall(input: { title: "Appel de la matrice", authorityCode: "30" }) { id } }',
      }),
    },
    updateCall: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { updateCall(id: $id, version: 999999, input: { description: "x" }) { id } }',
        variables: { id: ids.call },
      }),
    },
    transitionCall: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { transitionCall(id: $id, version: 999999, status: DECIDED) { id } }',
        variables: { id: ids.call },
      }),
    },
    addJuror: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!, $u: String!) { addJuror(callId: $id, version: 999999, input: { userId: $u, name: "J" }) { id } }',
        variables: { id: ids.call, u: ids['admin 30'] },
      }),
    },
    createCommon: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($a: ID!) { createCommon(input: { applicationId: $a, name: "N", licence: "CC-BY-4.0" }) { id } }',
        variables: { a: ids.application },
      }),
    },
    updateCommon: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { updateCommon(id: $id, version: 999999, input: { description: "x" }) { id } }',
        variables: { id: ids.common },
      }),
    },
    recordCommonReuse: {
      rule: 'editors',
      request: async () => ({
        query:
          'mutation ($id: ID!, $a: ID!) { recordCommonReuse(commonId: $id, version: 999999, input: ' +
          '{ actorId: $a, since: "2026-01-01" }) { id } }',
        variables: { id: ids.common, a: ids.otherActor },
      }),
    },
    createWorkshop: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($c: ID!) { createWorkshop(input: { callId: $c, title: "Atelier", heldOn: "2026-01-15" }) { id } }',
        variables: { c: ids.call },
      }),
    },
    updateWorkshop: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { updateWorkshop(id: $id, version: 999999, input: { place: "x" }) { id } }',
        variables: { id: ids.workshop },
      }),
    },
    createNeed: {
      rule: 'editors',
      request: async () => ({
        query:
          'mutation ($c: ID!, $h: ID!) { createNeed(input: { callId: $c, challengeId: $h, ' +
          'description: "Besoin", territoryKind: DEPARTEMENT_WIDE }) { id } }',
        variables: { c: ids.call, h: ids.challenge },
      }),
    },
    updateNeed: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { updateNeed(id: $id, version: 999999, input: { description: "x" }) { id } }',
        variables: { id: ids.need },
      }),
    },
    // plans
    createAction: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($a: ID!) { createAction(input: { axisId: $a, title: "Action de la matrice" }) { id } }',
        variables: { a: ids.axis },
      }),
    },
    updateAction: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { updateAction(id: $id, version: 999999, input: { description: "x" }) { id } }',
        variables: { id: ids.action },
      }),
    },
    moveAction: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { moveAction(id: $id, version: 999999, position: 1) { id } }',
        variables: { id: ids.action },
      }),
    },
    deleteAction: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { deleteAction(id: $id, version: 999999) }',
        variables: { id: ids.action },
      }),
    },
    importScdl: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!, $file: String!) { importScdl(actionId: $id, authority: "30", file: $file, dryRun: true) { applied } }',
        variables: { id: ids.action, file: Buffer.from('nomAttribuant;idAttribuant\n').toString('base64') },
      }),
    },
    createAgreement: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }',
        variables: {
          input: {
            actionId: ids.action,
            actorId: ids.actor,
            beneficiaryName: 'Bénéficiaire',
            beneficiarySiret: siret(),
            object: 'Objet',
            amount: 1000,
            nature: 'CASH',
          },
        },
      }),
    },
    updateAgreement: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { updateAgreement(id: $id, version: 999999, input: { object: "x" }) { id } }',
        variables: { id: ids.agreement },
      }),
    },
    deleteAgreement: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { deleteAgreement(id: $id, version: 999999) }',
        variables: { id: ids.agreement },
      }),
    },
    createAuthority: {
      rule: 'platform',
      request: async () => ({
        query: 'mutation { createAuthority(input: { code: "48", name: "Lozère", officialName: "Département de la Lozère" }) { code } }',
      }),
    },
    updateAuthority: {
      rule: 'admins',
      request: async () => ({
        query: 'mutation { updateAuthority(code: "30", version: 999999, input: { name: "Gard" }) { code } }',
      }),
    },
    createPlanKind: {
      rule: 'anyAdmin',
      request: async () => ({
        query: `mutation { createPlanKind(input: { code: "K${unique().toUpperCase()}", label: "Sorte" }) { code } }`,
      }),
    },
    updatePlanKind: {
      rule: 'anyAdmin',
      request: async () => ({
        query: 'mutation { updatePlanKind(code: "ESS_PLAN", version: 999999, input: { label: "Plan ESS" }) { code } }',
      }),
    },
    createAxis: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($p: ID!) { createAxis(planId: $p, input: { title: "Axe" }) { id } }',
        variables: { p: ids.plan },
      }),
    },
    updateAxis: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { updateAxis(id: $id, version: 999999, input: { description: "x" }) { id } }',
        variables: { id: ids.axis },
      }),
    },
    moveAxis: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { moveAxis(id: $id, version: 999999, position: 1) { id } }',
        variables: { id: ids.axis },
      }),
    },
    deleteAxis: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { deleteAxis(id: $id, version: 999999) }',
        variables: { id: ids.axis },
      }),
    },
    createEvent: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($p: ID!) { createEvent(input: { planId: $p, title: "Rencontre", kind: OTHER, heldOn: "2026-03-01" }) { id } }',
        variables: { p: ids.plan },
      }),
    },
    updateEvent: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { updateEvent(id: $id, version: 999999, input: { place: "x" }) { id } }',
        variables: { id: ids.event },
      }),
    },
    deleteEvent: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { deleteEvent(id: $id, version: 999999) }',
        variables: { id: ids.event },
      }),
    },
    createIndicator: {
      rule: 'editors',
      request: async () => ({
        query:
          'mutation ($p: ID!) { createIndicator(input: { planId: $p, title: "Indicateur", unit: "structures", ' +
          'baseline: 0, baselineOn: "2024-01-01", target: 10, targetOn: "2030-01-01" }) { id } }',
        variables: { p: ids.plan },
      }),
    },
    updateIndicator: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { updateIndicator(id: $id, version: 999999, input: { description: "x" }) { id } }',
        variables: { id: ids.indicator },
      }),
    },
    deleteIndicator: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { deleteIndicator(id: $id, version: 999999) }',
        variables: { id: ids.indicator },
      }),
    },
    recordIndicatorValue: {
      rule: 'editors',
      request: async () => ({
        query:
          'mutation ($id: ID!) { recordIndicatorValue(indicatorId: $id, version: 999999, input: ' +
          '{ measuredOn: "2026-01-01", value: 1 }) { id } }',
        variables: { id: ids.indicator },
      }),
    },
    removeIndicatorValue: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { removeIndicatorValue(indicatorId: $id, version: 999999, measuredOn: "2026-01-01") { id } }',
        variables: { id: ids.indicator },
      }),
    },
    createPlan: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation { createPlan(input: { title: "Plan de la matrice", kind: "ESS_PLAN", authorities: ["30"] }) { id } }',
      }),
    },
    updatePlan: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { updatePlan(id: $id, version: 999999, input: { summary: "x" }) { id } }',
        variables: { id: ids.plan },
      }),
    },
    deletePlan: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!) { deletePlan(id: $id, version: 999999) }',
        variables: { id: ids.plan },
      }),
    },
    // procurement
    createContract: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($b: ID!) { createContract(input: { buyerId: $b, object: "Marché de la matrice" }) { id } }',
        variables: { b: ids.buyer },
      }),
    },
    updateContract: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!, $v: Int!) { updateContract(id: $id, version: $v, input: { object: "x" }) { id } }',
        variables: { id: ids.contract, v: await version('procurement', 'procurement.contract', ids.contract) },
      }),
    },
    addContractModification: {
      rule: 'editors',
      request: async () => ({
        query:
          'mutation ($id: ID!, $v: Int!) { addContractModification(contractId: $id, version: $v, input: ' +
          '{ notifiedOn: "2026-01-01" }) { id } }',
        variables: { id: ids.contract, v: await version('procurement', 'procurement.contract', ids.contract) },
      }),
    },
    deleteContract: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!, $v: Int!) { deleteContract(id: $id, version: $v) }',
        variables: { id: ids.contract, v: await version('procurement', 'procurement.contract', ids.contract) },
      }),
    },
    createBuyer: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($s: String!) { createBuyer(input: { siret: $s, name: "Acheteur", authority: "30" }) { id } }',
        variables: { s: siret() },
      }),
    },
    updateBuyer: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!, $v: Int!) { updateBuyer(id: $id, version: $v, input: { name: "x" }) { id } }',
        variables: { id: ids.buyer, v: await version('procurement', 'procurement.buyer', ids.buyer) },
      }),
    },
    importDecp: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation { importDecp(json: "{\\"marches\\": []}", authority: "30", dryRun: true) { __typename } }',
      }),
    },
    syncEssActors: {
      rule: 'platform',
      request: async () => ({
        query:
          'mutation { syncEssActors(actors: [{ siret: "80174218000012", ' +
          'actorId: "00000000-0000-4000-8000-000000000001", essMember: false }]) { updated } }',
      }),
    },
    createSpaserPlan: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation { createSpaserPlan(input: { authority: "30", title: "SPASER de la matrice" }) { id } }',
      }),
    },
    updateSpaserPlan: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!, $v: Int!) { updateSpaserPlan(id: $id, version: $v, input: { description: "x" }) { id } }',
        variables: { id: ids.spaserPlan, v: await version('procurement', 'procurement.spaser_plan', ids.spaserPlan) },
      }),
    },
    addSpaserObjective: {
      rule: 'editors',
      request: async () => ({
        query:
          'mutation ($id: ID!, $v: Int!) { addSpaserObjective(planId: $id, planVersion: $v, input: ' +
          '{ indicatorKind: "ESS_SPEND_SHARE", targetValue: 10, targetYear: 2030 }) { id } }',
        variables: { id: ids.spaserPlan, v: await version('procurement', 'procurement.spaser_plan', ids.spaserPlan) },
      }),
    },
    updateSpaserObjective: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!, $v: Int!) { updateSpaserObjective(id: $id, version: $v, input: { description: "x" }) { id } }',
        variables: { id: ids.spaserObjective, v: await version('procurement', 'procurement.spaser_objective', ids.spaserObjective) },
      }),
    },
    removeSpaserObjective: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!, $v: Int!) { removeSpaserObjective(id: $id, version: $v) { id } }',
        variables: { id: ids.spaserObjective, v: await version('procurement', 'procurement.spaser_objective', ids.spaserObjective) },
      }),
    },
    createIndicatorKind: {
      rule: 'anyAdmin',
      request: async () => ({
        query: `mutation { createIndicatorKind(input: { code: "K_${unique().toUpperCase()}", label: "Sorte", unit: COUNT }) { code } }`,
      }),
    },
    createTrainingSession: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation { createTrainingSession(input: { authority: "30", topic: "Formation" }) { id } }',
      }),
    },
    updateTrainingSession: {
      rule: 'editors',
      request: async () => ({
        query: 'mutation ($id: ID!, $v: Int!) { updateTrainingSession(id: $id, version: $v, input: { description: "x" }) { id } }',
        variables: { id: ids.training, v: await version('procurement', 'procurement.training_session', ids.training) },
      }),
    },
  };

  it('has a row for every mutation of the supergraph, and none for a mutation that no longer exists', () => {
    const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../../schema/supergraph.graphql'), 'utf8'));
    const mutations = Object.keys(schema.getMutationType()!.getFields()).sort();
    expect(mutations.length).toBeGreaterThan(80);
    expect(Object.keys(rows).sort()).toEqual(mutations);
  });

  const details: Record<string, Record<string, string>> = {};
  for (const [mutation, row] of Object.entries(rows)) {
    it(`${mutation}: ${row.rule} (${RULES[row.rule].join(', ') || 'nobody'})`, async () => {
      const actual = {} as Record<Caller, Outcome>;
      details[mutation] = {};
      for (const caller of CALLERS) {
        const { query, variables } = await row.request();
        const audited = await auditedChanges();
        const response = await stack.query(query, variables, headers[caller]);
        const code = response.body.errors?.[0]?.extensions?.code as string | undefined;
        actual[caller] = code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' ? code : 'passes';
        // A refusal writes nothing: every change of every subgraph leaves an audit row.
        if (actual[caller] !== 'passes') {
          expect({ mutation, caller, audited: await auditedChanges() }).toEqual({ mutation, caller, audited });
        }
        details[mutation][caller] = code ?? 'ok';
        // Passing authorization ends in a domain answer, never a failure of the platform.
        expect([undefined, 'BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED']).toContain(code);
      }
      // The codes behind "passes" say why (CONFLICT, BAD_USER_INPUT…) when a row fails.
      const want = expected(row.rule);
      const codes = Object.fromEntries(CALLERS.filter((c) => actual[c] !== want[c]).map((c) => [c, details[mutation][c]]));
      expect({ mutation, outcomes: actual, codes }).toEqual({ mutation, outcomes: want, codes: {} });
    });
  }

  it('a Gard key with read:contacts reads Gard contacts, not Drôme ones (the key belongs to the Gard)', async () => {
    const query = 'query ($id: ID!) { actor(id: $id) { contacts { lastName } } }';
    const gard = await stack.query(query, { id: ids.actor }, headers['key read:contacts']);
    expect(gard.body.errors).toBeUndefined();
    expect(gard.body.data.actor.contacts.map((c: { lastName: string }) => c.lastName)).toContain('Matrice');
    const dromeActor = demoActor('pole-sud').id;
    const contact = 'mutation ($a: ID!) { createContact(actorId: $a, input: { firstName: "Dominique", lastName: "Drôme" }) { id } }';
    await asSystem('actors', contact, { a: dromeActor });
    const drome = await stack.query(query, { id: dromeActor }, headers['key read:contacts']);
    expect(drome.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(drome.body.data?.actor?.contacts ?? null).toBeNull();
    expect(JSON.stringify(drome.body)).not.toContain('Dominique');
    const staffOfDrome = await stack.query(query, { id: dromeActor }, headers['editor 26']);
    expect(staffOfDrome.body.data.actor.contacts).toContainEqual({ lastName: 'Drôme' });
  });
});
