// The SCDL export of agreements (national open-data format for subsidies 2.1.1): exact columns, formats and selection,
// each file checked against the official schema; and the SCDL rules on the agreements themselves.
import { randomUUID } from 'node:crypto';
import { ANONYMOUS, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { plansSubgraph, SCDL_COLUMNS } from '../src';
import {
  AGREEMENT_FIELDS,
  agreementInput,
  badFields,
  createAction,
  createAgreement,
  createPlan,
  createAxis,
  ok,
  siretFor,
} from './factories';
import { loadSchema, parseCsv, tableProblems } from './table-schema';

const HEADER =
  'nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide';

const SCHEMA = loadSchema('scdl-subventions-2.1.1.schema.json');

/** The export read back and checked against the official schema: fails the test with every problem found. */
function expectValidCsv(csv: string): string[][] {
  const rows = parseCsv(csv);
  expect(tableProblems(SCHEMA, rows[0], rows.slice(1))).toEqual([]);
  return rows;
}

function expectValidJson(text: string): Array<Record<string, unknown>> {
  const records = JSON.parse(text) as Array<Record<string, string | number | boolean | null>>;
  for (const record of records) expect(Object.keys(record)).toEqual(SCHEMA.fields.map((f) => f.name));
  expect(
    tableProblems(
      SCHEMA,
      SCHEMA.fields.map((f) => f.name),
      records.map((r) => Object.values(r)),
    ),
  ).toEqual([]);
  return records;
}

describe('SCDL export', () => {
  let subgraph: TestSubgraph;
  const sirets = { staged: siretFor(101), single: siretFor(102), inKind: siretFor(103) };

  const exportScdl = (authority: string, year: number, format = 'CSV') =>
    subgraph.request<{ agreementsScdl: string }>(
      `query ($a: String!, $y: Int!, $f: ScdlFormat!) { agreementsScdl(authority: $a, year: $y, format: $f) }`,
      { a: authority, y: year, f: format },
      ANONYMOUS,
    );

  beforeAll(async () => {
    subgraph = await startTestSubgraph(plansSubgraph);
    const plan = await createPlan(subgraph, { title: 'Plan du Gard', authorities: ['30'] });
    const axis = await createAxis(subgraph, plan.id);
    const action = await createAction(subgraph, axis.id);
    await createAgreement(subgraph, action.id, {
      beneficiaryName: 'Association « Les Communs », Nîmes',
      beneficiarySiret: sirets.staged,
      beneficiaryRna: 'W301234567',
      object: 'Animation du "réseau" départemental, 2024',
      amount: 30000.5,
      nature: 'CASH',
      paymentTerms: 'STAGED',
      instalments: [
        { dueOn: '2025-01-15', amount: 15000 },
        { dueOn: '2024-07-01', amount: 15000.5, paidOn: '2024-07-05' },
      ],
      signedOn: '2024-06-20',
      decisionReference: 'CP-2024-06-123',
      status: 'SIGNED',
      raeId: '12345',
      aidScheme: 'appel-a-communs',
      multiFunder: true,
    });
    await createAgreement(subgraph, action.id, {
      beneficiaryName: 'CRESS Occitanie',
      beneficiarySiret: sirets.single,
      object: 'Observatoire',
      amount: 20000,
      paymentTerms: 'SINGLE',
      instalments: [{ dueOn: '2024-10-15', amount: 20000 }],
      signedOn: '2024-09-30',
      status: 'CLOSED',
      euNotified: true,
      subsidyShare: 0.45,
    });
    await createAgreement(subgraph, action.id, {
      beneficiaryName: 'Tiers-lieu',
      beneficiarySiret: sirets.inKind,
      object: 'Mise à disposition de locaux',
      amount: 8000,
      nature: 'IN_KIND',
      paymentTerms: 'OTHER',
      paymentTermsNote: 'Mise à disposition pendant un an',
      startOn: '2024-10-01',
      endOn: '2025-09-30',
      signedOn: '2024-09-15',
      status: 'SIGNED',
    });
    // not exported: a draft, a cancelled agreement, another year
    await createAgreement(subgraph, action.id, { object: 'Brouillon', signedOn: '2024-02-01' });
    await createAgreement(subgraph, action.id, { object: 'Annulée', signedOn: '2024-03-01', status: 'CANCELLED' });
    await createAgreement(subgraph, action.id, { object: 'Autre année', signedOn: '2025-01-10', startOn: '2025-02-01', status: 'SIGNED' });
    // nor another authority's agreements
    const drome = await createPlan(subgraph, { title: 'Plan de la Drôme', authorities: ['26'] });
    const dromeAction = await createAction(subgraph, (await createAxis(subgraph, drome.id)).id);
    await createAgreement(subgraph, dromeAction.id, { object: 'Drôme', signedOn: '2024-05-05', startOn: '2024-05-05', status: 'SIGNED' });
  });
  afterAll(() => subgraph?.close());

  it('CSV: the exact SCDL columns, one row per signed agreement of the authority and year, by date of signature', async () => {
    const csv = ok(await exportScdl('30', 2024)).agreementsScdl;
    const rows = expectValidCsv(csv);
    expect(rows[0].join(',')).toBe(HEADER);
    expect(rows[0]).toEqual([...SCDL_COLUMNS]);
    expect(rows).toHaveLength(4);
    const records = rows.slice(1).map((row) => Object.fromEntries(rows[0].map((column, i) => [column, row[i]])));
    expect(records.map((r) => r.dateConvention)).toEqual(['2024-06-20', '2024-09-15', '2024-09-30']);
    expect(records[0]).toEqual({
      nomAttribuant: 'Département du Gard',
      idAttribuant: '22300001900016',
      dateConvention: '2024-06-20',
      referenceDecision: 'CP-2024-06-123',
      nomBeneficiaire: 'Association « Les Communs », Nîmes',
      idBeneficiaire: sirets.staged,
      rnaBeneficiaire: 'W301234567',
      objet: 'Animation du "réseau" départemental, 2024',
      montant: '30000.50',
      nature: 'aide en numéraire',
      conditionsVersement: 'échelonné',
      datesPeriodeVersement: '2024-07-01/2025-01-15',
      idRAE: '12345',
      notificationUE: 'non',
      pourcentageSubvention: '1.00',
      dispositifAide: 'appel-a-communs',
    });
    expect(records[1]).toMatchObject({
      nature: 'aide en nature',
      conditionsVersement: 'Mise à disposition pendant un an',
      datesPeriodeVersement: '2024-10-01/2025-09-30',
      montant: '8000.00',
      rnaBeneficiaire: '',
      referenceDecision: '',
    });
    expect(records[2]).toMatchObject({
      conditionsVersement: 'unique',
      datesPeriodeVersement: '2024-10-15',
      notificationUE: 'oui',
      pourcentageSubvention: '0.45',
      montant: '20000.00',
    });
    for (const record of records) {
      expect(record.idBeneficiaire).toMatch(/^\d{14}$/);
      expect(record.idAttribuant).toMatch(/^\d{14}$/);
      expect(record.dateConvention).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(record.montant).toMatch(/^\d+\.\d{2}$/);
      expect(record.datesPeriodeVersement).toMatch(/^[0-9]{4}-[0-9]{2}-[0-9]{2}(\/[0-9]{4}-[0-9]{2}-[0-9]{2})?$/);
    }
    // quoting: commas and quotes inside a field are quoted and doubled, as RFC 4180 says
    expect(csv).toContain('"Association « Les Communs », Nîmes"');
    expect(csv).toContain('"Animation du ""réseau"" départemental, 2024"');
  });

  it('JSON: the same records with the same keys, numbers and booleans typed', async () => {
    const json = expectValidJson(ok(await exportScdl('30', 2024, 'JSON')).agreementsScdl);
    expect(json).toHaveLength(3);
    expect(Object.keys(json[0])).toEqual([...SCDL_COLUMNS]);
    expect(json[0]).not.toHaveProperty('multiFinanceur');
    expect(json[0]).toMatchObject({
      montant: 30000.5,
      pourcentageSubvention: 1,
      notificationUE: false,
      idBeneficiaire: sirets.staged,
      rnaBeneficiaire: 'W301234567',
    });
    expect(json[1]).toMatchObject({ montant: 8000, rnaBeneficiaire: null, nature: 'aide en nature' });
    expect(json[2]).toMatchObject({ pourcentageSubvention: 0.45, notificationUE: true });
  });

  it('another year, another authority, an empty year', async () => {
    expect(expectValidCsv(ok(await exportScdl('30', 2025)).agreementsScdl).map((r) => r[7])).toEqual(['objet', 'Autre année']);
    expect(
      expectValidCsv(ok(await exportScdl('26', 2024)).agreementsScdl)
        .slice(1)
        .map((r) => [r[0], r[7]]),
    ).toEqual([['Département de la Drôme', 'Drôme']]);
    expect(ok(await exportScdl('07', 2024)).agreementsScdl).toBe(`${HEADER}\r\n`);
    expect(ok(await exportScdl('07', 2024, 'JSON')).agreementsScdl).toBe('[]');
  });

  it('refuses an unknown authority, a bad year, an authority without SIRET', async () => {
    expect(badFields(await exportScdl('99', 2024))).toEqual(['authority']);
    expect(badFields(await exportScdl('30', 24))).toEqual(['year']);
    ok(
      await subgraph.request(
        `mutation { createAuthority(input: { code: "13", name: "Bouches-du-Rhône", officialName: "Département des Bouches-du-Rhône" }) { code } }`,
      ),
    );
    expect(badFields(await exportScdl('13', 2024))).toEqual(['authority']);
  });

  describe('SCDL rules on the agreements', () => {
    let actionId: string;
    const create = (input: Record<string, unknown>) =>
      subgraph.request(
        `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { ${AGREEMENT_FIELDS} beneficiaryRna } }`,
        { input: agreementInput(actionId, input) },
      );

    beforeAll(async () => {
      const plan = await createPlan(subgraph, { title: 'Plan SCDL', authorities: ['30'] });
      actionId = (await createAction(subgraph, (await createAxis(subgraph, plan.id)).id)).id;
    });

    it('objet and conditionsVersement: at most 256 characters, refused on input (was 356)', async () => {
      expect(badFields(await create({ object: 'o'.repeat(300) }))).toEqual(['object']);
      expect(badFields(await create({ paymentTerms: 'OTHER', paymentTermsNote: 'n'.repeat(257) }))).toEqual(['paymentTermsNote']);
      ok(await create({ object: 'é'.repeat(256), paymentTerms: 'OTHER', paymentTermsNote: 'n'.repeat(256) }));
    });

    it('a signed agreement needs its payment date or period (datesPeriodeVersement is required)', async () => {
      expect(badFields(await create({ status: 'SIGNED', signedOn: '2023-03-01' }))).toEqual(['startOn']);
      ok(await create({ status: 'SIGNED', signedOn: '2023-03-01', startOn: '2023-04-01' }));
      ok(await create({ status: 'SIGNED', signedOn: '2023-03-02', instalments: [{ dueOn: '2023-05-01', amount: 100 }] }));
      // a draft may wait for its schedule
      ok(await create({ status: 'DRAFT', signedOn: '2023-03-03' }));
    });

    it('an association with only its RNA number (rnaBeneficiaire), and neither refused', async () => {
      const rnaOnly = ok(
        await create({
          beneficiarySiret: null,
          beneficiaryRna: 'W302000001',
          status: 'SIGNED',
          signedOn: '2023-06-01',
          startOn: '2023-06-01',
        }),
      ).createAgreement;
      expect(rnaOnly).toMatchObject({ beneficiarySiret: null, beneficiaryRna: 'W302000001' });
      expect(badFields(await create({ beneficiarySiret: null, beneficiaryRna: null }))).toEqual(['beneficiarySiret']);
      const [header, ...rows] = expectValidCsv(ok(await exportScdl('30', 2023)).agreementsScdl);
      const record = rows
        .map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])))
        .find((r) => r.rnaBeneficiaire === 'W302000001');
      expect(record).toMatchObject({ idBeneficiaire: '', rnaBeneficiaire: 'W302000001', datesPeriodeVersement: '2023-06-01' });
    });

    it('aid both in cash and in kind is exported as SCDL writes it', async () => {
      ok(
        await create({ nature: 'CASH_AND_IN_KIND', status: 'SIGNED', signedOn: '2022-02-02', startOn: '2022-02-02', endOn: '2022-12-31' }),
      );
      const [, row] = expectValidCsv(ok(await exportScdl('30', 2022)).agreementsScdl);
      expect([row[9], row[11]]).toEqual(['aide en numéraire;aide en nature', '2022-02-02/2022-12-31']);
    });

    it('the beneficiary SIRET must be the linked actor’s: a SIRET recorded for another actor is refused', async () => {
      const siret = siretFor(190);
      const first = ok(await create({ beneficiarySiret: siret })).createAgreement;
      expect(badFields(await create({ beneficiarySiret: siret, actorId: randomUUID() }))).toEqual(['beneficiarySiret']);
      // the same actor funded again under its SIRET is fine
      const [{ actor_id }] = await subgraph.dataSource.query('SELECT actor_id::text FROM plans.agreement WHERE id = $1', [first.id]);
      ok(await create({ beneficiarySiret: siret, actorId: actor_id }));
      // and changing an agreement to another actor's SIRET is refused too
      const other = ok(await create({})).createAgreement;
      const moved = await subgraph.request(
        `mutation ($id: ID!, $v: Int!, $s: String) { updateAgreement(id: $id, version: $v, input: { beneficiarySiret: $s }) { id } }`,
        {
          id: other.id,
          v: other.version,
          s: siret,
        },
      );
      expect(badFields(moved)).toEqual(['beneficiarySiret']);
    });

    it('a row signed before the date rule falls back to the convention date, and the file stays valid', async () => {
      const [{ plan_id }] = await subgraph.dataSource.query('SELECT plan_id::text FROM plans.action WHERE id = $1', [actionId]);
      await subgraph.dataSource.query(
        `INSERT INTO plans.agreement (plan_id, action_id, authority_code, actor_id, beneficiary_name, beneficiary_siret, object, amount, nature, status, signed_on)
         VALUES ($1, $2, '30', gen_random_uuid(), 'Ancienne', $3, 'Sans échéancier', 1000, 'CASH', 'SIGNED', '2021-04-04')`,
        [plan_id, actionId, siretFor(191)],
      );
      const [, row] = expectValidCsv(ok(await exportScdl('30', 2021)).agreementsScdl);
      expect(row[11]).toBe('2021-04-04');
    });
  });
});
