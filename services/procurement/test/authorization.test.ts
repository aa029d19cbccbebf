// Who may read and change what: contracts and SPASERs are public, writes belong to the staff of the record's authority,
// shared data (indicator kinds) to admins, the registry's projection to the platform alone, training sessions and histories to staff.
import type { Identity } from '@ess/kit';
import { ANONYMOUS, staff, startTestSubgraph, SYSTEM, type TestSubgraph } from '@ess/kit/testing';
import { procurementSubgraph } from '../src';
import { addModification, contractInput, countRows, createBuyer, createContract, decpFile, decpRecord, IMPORT, ok, onlyError, siretFor, updateContract, type BuyerRow, type ContractRow } from './factories';

const gardEditor = staff('editor', ['30']);
const gardViewer = staff('viewer', ['30']);
const dromeAdmin = staff('admin', ['26']);
const partner = (scopes: Array<'read:procurement' | 'read:metrics'>): Identity => ({ kind: 'partner', keyId: 'k', scopes, authorities: ['30'] });

describe('authorization', () => {
  let subgraph: TestSubgraph;
  let gardBuyer: BuyerRow;
  let dromeBuyer: BuyerRow;
  let drome: ContractRow;
  let gard: ContractRow;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(procurementSubgraph);
    gardBuyer = await createBuyer(subgraph, { authority: '30' });
    dromeBuyer = await createBuyer(subgraph, { authority: '26' });
    gard = await createContract(subgraph, gardBuyer.id, { decpId: 'G-1' });
    drome = await createContract(subgraph, dromeBuyer.id, { decpId: 'D-1' });
  });
  afterAll(() => subgraph?.close());

  const code = (result: { errors?: Array<{ extensions?: Record<string, any> }> }) => onlyError(result as never).extensions?.code;

  it('anyone reads contracts, buyers, SPASERs, indicators and the DECP export (open data), anonymous callers included', async () => {
    const result = await subgraph.request(
      `{ contracts(first: 10) { totalCount nodes { decpId awardees { identifier } } } buyers(first: 5) { totalCount } spaserPlans(first: 5) { totalCount }
         indicatorKinds(first: 10) { totalCount } procurementIndicators(authority: "30", year: 2025) { contractCount } decpExport(authority: "26") { contractCount } }`,
      {},
      ANONYMOUS,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ contracts: { totalCount: 2 }, buyers: { totalCount: 2 }, procurementIndicators: { contractCount: 1 }, decpExport: { contractCount: 1 } });
  });

  it('a Gard editor cannot touch a Drôme contract (FORBIDDEN) and nothing changes', async () => {
    expect(code(await updateContract(subgraph, drome.id, drome.version, { object: 'Gard was here' }, gardEditor))).toBe('FORBIDDEN');
    expect(code(await addModification(subgraph, drome.id, drome.version, { notifiedOn: '2025-06-01', amount: 1000 }, gardEditor))).toBe('FORBIDDEN');
    expect(code(await subgraph.request(`mutation ($id: ID!, $v: Int!) { deleteContract(id: $id, version: $v) }`, { id: drome.id, v: drome.version }, gardEditor))).toBe('FORBIDDEN');
    const createResult = await subgraph.request(`mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`, { input: contractInput(dromeBuyer.id) }, gardEditor);
    expect(code(createResult)).toBe('FORBIDDEN');
    const [row] = await subgraph.dataSource.query(`SELECT object, version FROM procurement.contract WHERE id = $1`, [drome.id]);
    expect(row).toEqual({ object: drome.object, version: 1 });
  });

  it('a Gard editor cannot create a buyer, a SPASER, a session or import into the Drôme', async () => {
    expect(code(await subgraph.request(`mutation { createBuyer(input: { siret: "${siretFor(77)}", name: "X", authority: "26" }) { id } }`, {}, gardEditor))).toBe('FORBIDDEN');
    expect(code(await subgraph.request(`mutation { createSpaserPlan(input: { authority: "26", title: "X", status: PLANNED, periodStart: 2026, periodEnd: 2027 }) { id } }`, {}, gardEditor))).toBe('FORBIDDEN');
    expect(
      code(await subgraph.request(`mutation { createTrainingSession(input: { authority: "26", topic: "X", heldOn: "2025-01-10", organiser: "X", buyersTrained: 1 }) { id } }`, {}, gardEditor)),
    ).toBe('FORBIDDEN');
    expect(code(await subgraph.request(IMPORT, { json: decpFile([decpRecord(siretFor(78))]), authority: '26' }, gardEditor))).toBe('FORBIDDEN');
    expect(code(await subgraph.request(`mutation ($id: ID!) { updateBuyer(id: $id, version: 1, input: { name: "X" }) { id } }`, { id: dromeBuyer.id }, gardEditor))).toBe('FORBIDDEN');
  });

  it('the Gard editor does change Gard contracts; a Drôme admin does not', async () => {
    expect(ok(await updateContract(subgraph, gard.id, gard.version, { insertionHoursPlanned: 40 }, gardEditor)).updateContract.version).toBe(2);
    expect(code(await updateContract(subgraph, gard.id, 2, { object: 'Par la Drôme' }, dromeAdmin))).toBe('FORBIDDEN');
  });

  it('viewers, partners and anonymous callers do not write', async () => {
    const before = await countRows(subgraph.dataSource, 'contract');
    expect(code(await updateContract(subgraph, gard.id, 2, { object: 'viewer' }, gardViewer))).toBe('FORBIDDEN');
    expect(code(await updateContract(subgraph, gard.id, 2, { object: 'partner' }, partner(['read:procurement'])))).toBe('FORBIDDEN');
    expect(code(await updateContract(subgraph, gard.id, 2, { object: 'anon' }, ANONYMOUS))).toBe('UNAUTHENTICATED');
    expect(code(await subgraph.request(IMPORT, { json: decpFile([decpRecord(siretFor(79))]), authority: '30' }, ANONYMOUS))).toBe('UNAUTHENTICATED');
    expect(await countRows(subgraph.dataSource, 'contract')).toBe(before);
  });

  it('only the platform feeds the registry projection (no staff, admins included); only admins add indicator kinds', async () => {
    const sync = `mutation { syncEssActors(actors: [{ siret: "${siretFor(5)}", actorId: "00000000-0000-4000-8000-000000000001", essMember: true }]) { inserted } }`;
    expect(code(await subgraph.request(sync, {}, gardEditor))).toBe('FORBIDDEN');
    expect(code(await subgraph.request(sync, {}, partner(['read:procurement'])))).toBe('FORBIDDEN');
    expect(code(await subgraph.request(sync, {}, dromeAdmin))).toBe('FORBIDDEN');
    expect(code(await subgraph.request(sync, {}, staff('admin', ['30', '26', '07'])))).toBe('FORBIDDEN');
    expect(code(await subgraph.request(sync, {}, ANONYMOUS))).toBe('UNAUTHENTICATED');
    expect(await countRows(subgraph.dataSource, 'ess_actor')).toBe(0);
    expect(ok(await subgraph.request(sync, {}, SYSTEM)).syncEssActors.inserted).toBe(1);
    const kind = `mutation { createIndicatorKind(input: { code: "LOCAL_FOOD_SHARE", label: "Part de produits locaux", unit: PERCENT }) { code computed } }`;
    expect(code(await subgraph.request(kind, {}, gardEditor))).toBe('FORBIDDEN');
    expect(ok(await subgraph.request(kind, {}, staff('admin', ['30']))).createIndicatorKind).toEqual({ code: 'LOCAL_FOOD_SHARE', computed: false });
  });

  it('training sessions and the sync status are for staff (and read:procurement keys for sessions)', async () => {
    const sessions = `{ trainingSessions(first: 5) { totalCount } }`;
    expect(code(await subgraph.request(sessions, {}, ANONYMOUS))).toBe('UNAUTHENTICATED');
    expect(code(await subgraph.request(sessions, {}, partner(['read:metrics'])))).toBe('FORBIDDEN');
    expect(ok(await subgraph.request(sessions, {}, partner(['read:procurement']))).trainingSessions.totalCount).toBe(0);
    expect(ok(await subgraph.request(sessions, {}, gardViewer)).trainingSessions.totalCount).toBe(0);
    expect(code(await subgraph.request(`{ essActorSync { actors } }`, {}, ANONYMOUS))).toBe('UNAUTHENTICATED');
    expect(ok(await subgraph.request(`{ essActorSync { actors essMembers lastSyncedAt } }`, {}, gardViewer)).essActorSync.actors).toBeGreaterThanOrEqual(0);
  });
});
