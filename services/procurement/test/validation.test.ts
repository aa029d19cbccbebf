// Bad input is refused with BAD_USER_INPUT naming each field at fault, and nothing is written.
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { procurementSubgraph } from '../src';
import { addModification, badFields, contractInput, countRows, createBuyer, createContract, ok, onlyError, siretFor, type BuyerRow } from './factories';

const CREATE = `mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`;

describe('validation', () => {
  let subgraph: TestSubgraph;
  let buyer: BuyerRow;
  const editor = staff('editor', ['30']);

  beforeAll(async () => {
    subgraph = await startTestSubgraph(procurementSubgraph);
    buyer = await createBuyer(subgraph, { authority: '30' });
  });
  afterAll(() => subgraph?.close());

  const create = (overrides: Record<string, unknown>) => subgraph.request(CREATE, { input: contractInput(buyer.id, overrides) }, editor);

  it('checks formats on the input: CPV pattern, dates, lengths, with the field name', async () => {
    expect(badFields(await create({ cpvCode: '4523314' }))).toEqual(['cpvCode']);
    expect(badFields(await create({ notifiedOn: '12/03/2025' }))).toEqual(['notifiedOn']);
    expect(badFields(await create({ decpId: 'X'.repeat(17) }))).toEqual(['decpId']);
    expect(badFields(await create({ awardees: [{ idType: 'SIRET', identifier: '' }] }))).toEqual(['awardees.0.identifier']);
  });

  it('applies the DECP rules: awardees, SIRET check digits, considerations, reserved basis, dates, amounts', async () => {
    expect(badFields(await create({ awardees: [] }))).toEqual(['awardees']);
    expect(badFields(await create({ awardees: [{ idType: 'SIRET', identifier: '12345678901234' }] }))).toEqual(['awardees.0.identifier']);
    expect(badFields(await create({ awardees: [{ idType: 'TVA', identifier: 'FR-12' }] }))).toEqual(['awardees.0.identifier']);
    expect(badFields(await create({ socialConsiderations: [] }))).toEqual(['socialConsiderations']);
    expect(badFields(await create({ socialConsiderations: ['NONE', 'SOCIAL_CLAUSE'] }))).toEqual(['socialConsiderations']);
    expect(badFields(await create({ environmentalConsiderations: ['ENVIRONMENTAL_CLAUSE', 'ENVIRONMENTAL_CLAUSE'] }))).toEqual(['environmentalConsiderations']);
    expect(badFields(await create({ reservedBasis: 'L2113_13', socialConsiderations: ['SOCIAL_CLAUSE'] }))).toEqual(['reservedBasis']);
    expect(badFields(await create({ publishedOn: '2025-03-01' }))).toEqual(['publishedOn']);
    expect(badFields(await create({ notifiedOn: '2999-01-01', publishedOn: null }))).toEqual(['notifiedOn']);
    expect(badFields(await create({ amount: 1e17 }))).toEqual(['amount']);
    expect(badFields(await create({ amount: 0 }))).toEqual(['amount']);
    expect(badFields(await create({ durationMonths: 0 }))).toEqual(['durationMonths']);
    expect(badFields(await create({ originEu: 0.5, originFrance: 0.7 }))).toEqual(['originFrance']);
    expect(badFields(await create({ placeOfExecution: { code: '3018', typeCode: 'COMMUNE' } }))).toEqual(['placeOfExecution.code']);
  });

  it('reports every problem at once', async () => {
    const fields = badFields(await create({ object: null, amount: null, awardees: [], reservedBasis: 'L2113_12' }));
    expect(fields.sort()).toEqual(['amount', 'awardees', 'object', 'reservedBasis']);
  });

  it('refuses an unknown buyer and a DECP id the buyer already used', async () => {
    expect(badFields(await subgraph.request(CREATE, { input: contractInput('00000000-0000-4000-8000-000000000000') }, editor))).toEqual(['buyerId']);
    const first = await createContract(subgraph, buyer.id, { decpId: 'DUP-1' }, editor);
    expect(first.decpId).toBe('DUP-1');
    const before = await countRows(subgraph.dataSource, 'contract');
    expect(badFields(await create({ decpId: 'DUP-1' }))).toEqual(['decpId']);
    expect(await countRows(subgraph.dataSource, 'contract')).toBe(before);
  });

  it('checks modifications: date after the notification, amount under the ceiling, valid awardees', async () => {
    const contract = await createContract(subgraph, buyer.id, {}, editor);
    expect(badFields(await addModification(subgraph, contract.id, contract.version, { notifiedOn: '2025-01-01', amount: 90000 }, editor))).toEqual(['input.notifiedOn']);
    expect(badFields(await addModification(subgraph, contract.id, contract.version, { notifiedOn: '2025-06-01', amount: 2e9 }, editor))).toEqual(['input.amount']);
    expect(badFields(await addModification(subgraph, contract.id, contract.version, { notifiedOn: '2025-06-01', awardees: [{ identifier: '123' }] }, editor))).toEqual([
      'input.awardees.0.identifier',
    ]);
    const modified = ok(await addModification(subgraph, contract.id, contract.version, { notifiedOn: '2025-06-01', amount: 95000, awardees: [{ identifier: siretFor(44) }] }, editor)).addContractModification;
    expect(modified).toMatchObject({ version: 2, currentAmount: 95000, modifications: [{ decpId: 1, amount: 95000 }] });
    expect(modified.currentAwardees).toEqual([{ identifier: siretFor(44) }]);
  });

  it('checks buyers, SPASER plans, objectives and training sessions', async () => {
    const buyerResult = await subgraph.request(`mutation { createBuyer(input: { siret: "12345678901234", name: "X", authority: "30" }) { id } }`, {}, editor);
    expect(badFields(buyerResult)).toEqual(['siret']);
    expect(badFields(await subgraph.request(`mutation { createBuyer(input: { siret: "${siretFor(3)}", name: "X", authority: "99" }) { id } }`, {}, editor))).toEqual(['authority']);

    const plan = (input: string) => subgraph.request(`mutation { createSpaserPlan(input: { authority: "30", title: "SPASER", ${input} }) { id version } }`, {}, editor);
    expect(badFields(await plan('status: PLANNED, periodStart: 2026, periodEnd: 2024'))).toEqual(['periodEnd']);
    expect(badFields(await plan('status: ADOPTED, periodStart: 2026, periodEnd: 2028'))).toEqual(['adoptedOn']);
    expect(badFields(await plan('status: PLANNED, periodStart: 2026, periodEnd: 2040'))).toEqual(['periodEnd']);
    const created = ok(await plan('status: PLANNED, periodStart: 2026, periodEnd: 2028')).createSpaserPlan;

    const objective = (input: string) =>
      subgraph.request(`mutation ($id: ID!, $v: Int!) { addSpaserObjective(planId: $id, planVersion: $v, input: { ${input} }) { version } }`, { id: created.id, v: created.version }, editor);
    expect(badFields(await objective('indicatorKind: "SOCIAL_CONSIDERATION_SHARE", targetValue: 120, targetYear: 2028'))).toEqual(['targetValue']);
    expect(badFields(await objective('indicatorKind: "NO_SUCH_KIND", targetValue: 10, targetYear: 2028'))).toEqual(['indicatorKind']);
    expect(badFields(await objective('indicatorKind: "INSERTION_HOURS", targetValue: 10, targetYear: 2028, baselineValue: 5'))).toEqual(['baselineYear']);
    expect(badFields(await objective('indicatorKind: "INSERTION_HOURS", targetValue: 10, targetYear: 2028, baselineValue: 5, baselineYear: 2029'))).toEqual(['baselineYear']);

    const session = await subgraph.request(`mutation { createTrainingSession(input: { authority: "30", topic: "Jurys" }) { id } }`, {}, editor);
    expect(badFields(session).sort()).toEqual(['buyersTrained', 'heldOn', 'organiser']);
    const wrongPlan = await subgraph.request(
      `mutation ($p: ID!) { createTrainingSession(input: { authority: "26", topic: "Jurys", heldOn: "2025-02-13", organiser: "DAJ", buyersTrained: 3, spaserPlanId: $p }) { id } }`,
      { p: created.id },
      staff('editor', ['26']),
    );
    expect(badFields(wrongPlan)).toEqual(['spaserPlanId']);
  });

  it('refuses bad page sizes and forged cursors as input errors', async () => {
    expect(onlyError(await subgraph.request(`{ contracts(first: 501) { totalCount } }`)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(onlyError(await subgraph.request(`{ contracts(first: 5, after: "bm90LWEtY3Vyc29y") { totalCount } }`)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const forged = Buffer.from(JSON.stringify(['2025-01-01', 'not-a-uuid'])).toString('base64url');
    expect(onlyError(await subgraph.request(`{ contracts(first: 5, after: "${forged}") { totalCount } }`)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(onlyError(await subgraph.request(`{ procurementIndicators(authority: "XX", year: 2025) { contractCount } }`)).extensions).toMatchObject({ field: 'authority' });
  });
});
