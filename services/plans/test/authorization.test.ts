// Who may write what: staff of the record's authority; for a plan of several authorities, staff of any of them.
// Reading is public (plans are public policy, agreements are published open data); history is for staff.
import { ANONYMOUS, staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import type { Identity } from '@ess/kit';
import { plansSubgraph } from '../src';
import { createAction, createAgreement, createAxis, createIndicator, createPlan, moveAxis, ok, onlyError, recordValue, tryCreateAction, tryCreateAgreement, updateAction, updatePlan, type Row } from './factories';

const gardEditor = staff('editor', ['30']);
const gardViewer = staff('viewer', ['30']);
const dromeEditor = staff('editor', ['26']);
const ardecheEditor = staff('editor', ['07']);
const partner: Identity = { kind: 'partner', keyId: 'cress', scopes: ['read:plans'], authorities: ['30'] };

describe('authorization', () => {
  let subgraph: TestSubgraph;
  let drome: { plan: Row; axis: Row; action: Row };
  let joint: { plan: Row; axis: Row; action: Row };
  let gard: { plan: Row; axis: Row; action: Row };

  async function planOf(authorities: string[]) {
    const plan = await createPlan(subgraph, { title: `Plan ${authorities.join('-')}`, authorities });
    const axis = await createAxis(subgraph, plan.id);
    const action = await createAction(subgraph, axis.id);
    return { plan, axis, action };
  }

  async function version(table: string, id: string): Promise<number> {
    const [row] = await subgraph.dataSource.query(`SELECT version FROM plans.${table} WHERE id = $1`, [id]);
    return row.version;
  }

  beforeAll(async () => {
    subgraph = await startTestSubgraph(plansSubgraph);
    gard = await planOf(['30']);
    drome = await planOf(['26']);
    joint = await planOf(['26', '07']);
  });
  afterAll(() => subgraph?.close());

  const code = (result: { errors?: Array<{ extensions?: Record<string, any> }> }) => onlyError(result as never).extensions?.code;

  it('a Gard editor cannot change a Drôme record, and nothing is written', async () => {
    const attempts = [
      updatePlan(subgraph, drome.plan.id, 1, { title: 'Pris par le Gard' }, gardEditor),
      subgraph.request(`mutation ($p: ID!) { createAxis(planId: $p, input: { title: "Axe gardois" }) { id } }`, { p: drome.plan.id }, gardEditor),
      moveAxis(subgraph, drome.axis.id, 1, 1, gardEditor),
      tryCreateAction(subgraph, drome.axis.id, {}, gardEditor),
      updateAction(subgraph, drome.action.id, 1, { progress: 99 }, gardEditor),
      subgraph.request(`mutation ($id: ID!) { deleteAction(id: $id, version: 1) }`, { id: drome.action.id }, gardEditor),
      tryCreateAgreement(subgraph, drome.action.id, {}, gardEditor),
      subgraph.request(`mutation ($id: ID!) { createEvent(input: { planId: $id, title: "X", kind: OTHER, heldOn: "2025-01-01" }) { id } }`, { id: drome.plan.id }, gardEditor),
    ];
    for (const result of await Promise.all(attempts)) expect(code(result)).toBe('FORBIDDEN');
    expect(await version('plan', drome.plan.id)).toBe(1);
    expect(await version('action', drome.action.id)).toBe(1);
    const [{ count }] = await subgraph.dataSource.query(`SELECT count(*)::int AS count FROM plans.agreement`);
    expect(count).toBe(0);
  });

  it('a Gard editor cannot touch the Drôme’s indicators, agreements and events either', async () => {
    const indicator = await createIndicator(subgraph, drome.plan.id);
    const agreement = await createAgreement(subgraph, drome.action.id);
    const event = ok(
      await subgraph.request(`mutation ($id: ID!) { createEvent(input: { planId: $id, title: "Assemblée", kind: ASSEMBLY_SESSION, heldOn: "2008-11-28" }) { id version } }`, { id: drome.plan.id }),
    ).createEvent;
    const attempts = [
      recordValue(subgraph, indicator.id, indicator.version, '2024-06-01', 5, gardEditor),
      subgraph.request(`mutation ($id: ID!) { updateIndicator(id: $id, version: 1, input: { title: "X" }) { id } }`, { id: indicator.id }, gardEditor),
      subgraph.request(`mutation ($id: ID!) { updateAgreement(id: $id, version: 1, input: { amount: 1 }) { id } }`, { id: agreement.id }, gardEditor),
      subgraph.request(`mutation ($id: ID!) { deleteAgreement(id: $id, version: 1) }`, { id: agreement.id }, gardEditor),
      subgraph.request(`mutation ($id: ID!) { updateEvent(id: $id, version: 1, input: { title: "X" }) { id } }`, { id: event.id }, gardEditor),
      subgraph.request(`mutation ($id: ID!) { deleteEvent(id: $id, version: 1) }`, { id: event.id }, gardEditor),
    ];
    for (const result of await Promise.all(attempts)) expect(code(result)).toBe('FORBIDDEN');
    expect(await version('indicator', indicator.id)).toBe(1);
    expect(await version('agreement', agreement.id)).toBe(1);
    expect(await version('event', event.id)).toBe(1);
  });

  it('a Gard editor is refused before a stale version is even compared (FORBIDDEN, not CONFLICT)', async () => {
    expect(code(await updatePlan(subgraph, drome.plan.id, 42, { title: 'X' }, gardEditor))).toBe('FORBIDDEN');
  });

  it('editors of the Drôme and of the Ardèche may both edit the bi-departmental plan', async () => {
    const byDrome = ok(await updatePlan(subgraph, joint.plan.id, joint.plan.version, { summary: 'Par la Drôme' }, dromeEditor)).updatePlan;
    const byArdeche = ok(await updatePlan(subgraph, joint.plan.id, byDrome.version, { summary: 'Par l’Ardèche' }, ardecheEditor)).updatePlan;
    expect(byArdeche.version).toBe(joint.plan.version + 2);
    const axis = ok(await subgraph.request(`mutation ($p: ID!) { createAxis(planId: $p, input: { title: "Axe ardéchois" }) { id } }`, { p: joint.plan.id }, ardecheEditor)).createAxis;
    expect(axis.id).toBeDefined();
    const action = ok(await updateAction(subgraph, joint.action.id, joint.action.version, { progress: 40 }, dromeEditor)).updateAction;
    expect(ok(await updateAction(subgraph, action.id, action.version, { progress: 45 }, ardecheEditor)).updateAction.progress).toBe(45);
    // but a Gard editor may not
    expect(code(await updatePlan(subgraph, joint.plan.id, byArdeche.version, { summary: 'Par le Gard' }, gardEditor))).toBe('FORBIDDEN');
  });

  it('on the bi-departmental plan, each authority grants its own agreements', async () => {
    const action = await createAction(subgraph, joint.axis.id);
    expect(code(await tryCreateAgreement(subgraph, action.id, { authority: '07' }, dromeEditor))).toBe('FORBIDDEN');
    const drome26 = ok(await tryCreateAgreement(subgraph, action.id, { authority: '26' }, dromeEditor)).createAgreement;
    expect(drome26.authorityCode).toBe('26');
    expect(code(await subgraph.request(`mutation ($id: ID!) { updateAgreement(id: $id, version: 1, input: { amount: 1 }) { id } }`, { id: drome26.id }, ardecheEditor))).toBe('FORBIDDEN');
    expect(code(await subgraph.request(`mutation ($id: ID!) { updateAgreement(id: $id, version: 1, input: { authority: "07" }) { id } }`, { id: drome26.id }, dromeEditor))).toBe('FORBIDDEN');
  });

  it('adding or removing an authority of a plan takes staff of that authority', async () => {
    const plan = await createPlan(subgraph, { authorities: ['30'] });
    expect(code(await updatePlan(subgraph, plan.id, plan.version, { authorities: ['30', '26'] }, gardEditor))).toBe('FORBIDDEN');
    const both = staff('admin', ['30', '26']);
    const shared = ok(await updatePlan(subgraph, plan.id, plan.version, { authorities: ['30', '26'] }, both)).updatePlan;
    expect(shared.authorities.map((a: { code: string }) => a.code)).toEqual(['26', '30']);
    expect(code(await updatePlan(subgraph, plan.id, shared.version, { authorities: ['30'] }, gardEditor))).toBe('FORBIDDEN');
    // creating a plan of several authorities also takes staff of each
    const create = await subgraph.request(`mutation { createPlan(input: { title: "Commun", authorities: ["26", "07"] }) { id } }`, {}, dromeEditor);
    expect(code(create)).toBe('FORBIDDEN');
  });

  it('viewers, partners and anonymous callers do not write; staff of an authority create there', async () => {
    const create = (identity: Identity) => subgraph.request(`mutation { createPlan(input: { title: "Nouveau", authorities: ["30"] }) { id } }`, {}, identity);
    expect(code(await create(gardViewer))).toBe('FORBIDDEN');
    expect(code(await create(partner))).toBe('FORBIDDEN');
    expect(code(await create(ANONYMOUS))).toBe('UNAUTHENTICATED');
    expect(code(await create(dromeEditor))).toBe('FORBIDDEN');
    expect(ok(await create(gardEditor)).createPlan.id).toBeDefined();
    expect(code(await updateAction(subgraph, gard.action.id, gard.action.version, { progress: 10 }, gardViewer))).toBe('FORBIDDEN');
  });

  it('reading is public, history is for staff only', async () => {
    const query = `query ($id: ID!) { plan(id: $id) { title actions(first: 5) { nodes { title } } } }`;
    for (const identity of [ANONYMOUS, partner, gardViewer]) expect(ok(await subgraph.request(query, { id: drome.plan.id }, identity)).plan.title).toBe('Plan 26');
    const history = `query ($id: ID!) { plan(id: $id) { title history(first: 5) { totalCount } } }`;
    const anonymous = await subgraph.request(history, { id: drome.plan.id }, ANONYMOUS);
    expect(code(anonymous)).toBe('UNAUTHENTICATED');
    expect(anonymous.data?.plan).toBeNull();
    expect(code(await subgraph.request(history, { id: drome.plan.id }, partner))).toBe('FORBIDDEN');
    expect(ok(await subgraph.request(history, { id: drome.plan.id }, gardViewer)).plan.history.totalCount).toBeGreaterThan(0);
  });

  it('authorities are managed by their own admins; plan kinds by admins', async () => {
    const create = (identity: Identity) => subgraph.request(`mutation { createAuthority(input: { code: "13", name: "Bouches-du-Rhône", officialName: "Département des Bouches-du-Rhône" }) { code } }`, {}, identity);
    expect(code(await create(gardEditor))).toBe('FORBIDDEN');
    expect(code(await create(staff('admin', ['30'])))).toBe('FORBIDDEN');
    expect(ok(await create(staff('admin', ['13']))).createAuthority.code).toBe('13');
    const rename = (identity: Identity) => subgraph.request(`mutation { updateAuthority(code: "30", version: 1, input: { officialName: "Département du Gard" }) { version } }`, {}, identity);
    expect(code(await rename(staff('admin', ['26'])))).toBe('FORBIDDEN');
    expect(ok(await rename(staff('admin', ['30']))).updateAuthority.version).toBe(2);
    expect(code(await subgraph.request(`mutation { createPlanKind(input: { code: "OTHER_PLAN", label: "Autre" }) { code } }`, {}, gardEditor))).toBe('FORBIDDEN');
    const authorities = ok(await subgraph.request(`{ authorities(first: 10) { nodes { code name } } }`, {}, ANONYMOUS)).authorities.nodes;
    expect(authorities.map((a: { code: string }) => a.code)).toEqual(['07', '13', '26', '30']);
  });
});
