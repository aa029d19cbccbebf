// The SCDL export of agreements (national open-data format for subsidies): exact columns, formats and selection.
import { ANONYMOUS, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { plansSubgraph, SCDL_COLUMNS } from '../src';
import { badFields, createAction, createAgreement, createPlan, createAxis, ok, siretFor } from './factories';

const HEADER =
  'nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide,multiFinanceur';

/** A small RFC 4180 parser (quoted fields, doubled quotes, CRLF), to read the export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) throw new Error('the file does not end with CRLF');
  return rows;
}

describe('SCDL export', () => {
  let subgraph: TestSubgraph;
  const sirets = { staged: siretFor(101), single: siretFor(102), inKind: siretFor(103) };

  const exportScdl = (authority: string, year: number, format = 'CSV') =>
    subgraph.request<{ agreementsScdl: string }>(`query ($a: String!, $y: Int!, $f: ScdlFormat!) { agreementsScdl(authority: $a, year: $y, format: $f) }`, { a: authority, y: year, f: format }, ANONYMOUS);

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
      instalments: [{ dueOn: '2025-01-15', amount: 15000 }, { dueOn: '2024-07-01', amount: 15000.5, paidOn: '2024-07-05' }],
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
    await createAgreement(subgraph, action.id, { object: 'Autre année', signedOn: '2025-01-10', status: 'SIGNED' });
    // nor another authority's agreements
    const drome = await createPlan(subgraph, { title: 'Plan de la Drôme', authorities: ['26'] });
    const dromeAction = await createAction(subgraph, (await createAxis(subgraph, drome.id)).id);
    await createAgreement(subgraph, dromeAction.id, { object: 'Drôme', signedOn: '2024-05-05', status: 'SIGNED' });
  });
  afterAll(() => subgraph?.close());

  it('CSV: the exact SCDL columns, one row per signed agreement of the authority and year, by date of signature', async () => {
    const csv = ok(await exportScdl('30', 2024)).agreementsScdl;
    const rows = parseCsv(csv);
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
      multiFinanceur: 'true',
    });
    expect(records[1]).toMatchObject({
      nature: 'aide en nature',
      conditionsVersement: 'Mise à disposition pendant un an',
      datesPeriodeVersement: '2024-10-01/2025-09-30',
      montant: '8000.00',
      rnaBeneficiaire: '',
      referenceDecision: '',
      multiFinanceur: 'false',
    });
    expect(records[2]).toMatchObject({ conditionsVersement: 'unique', datesPeriodeVersement: '2024-10-15', notificationUE: 'oui', pourcentageSubvention: '0.45', montant: '20000.00' });
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
    const json = JSON.parse(ok(await exportScdl('30', 2024, 'JSON')).agreementsScdl);
    expect(json).toHaveLength(3);
    expect(Object.keys(json[0])).toEqual([...SCDL_COLUMNS]);
    expect(json[0]).toMatchObject({ montant: 30000.5, pourcentageSubvention: 1, notificationUE: false, multiFinanceur: true, idBeneficiaire: sirets.staged, rnaBeneficiaire: 'W301234567' });
    expect(json[1]).toMatchObject({ montant: 8000, rnaBeneficiaire: null, nature: 'aide en nature' });
    expect(json[2]).toMatchObject({ pourcentageSubvention: 0.45, notificationUE: true });
  });

  it('another year, another authority, an empty year', async () => {
    expect(parseCsv(ok(await exportScdl('30', 2025)).agreementsScdl).map((r) => r[7])).toEqual(['objet', 'Autre année']);
    expect(parseCsv(ok(await exportScdl('26', 2024)).agreementsScdl).slice(1).map((r) => [r[0], r[7]])).toEqual([['Département de la Drôme', 'Drôme']]);
    expect(ok(await exportScdl('07', 2024)).agreementsScdl).toBe(`${HEADER}\r\n`);
    expect(ok(await exportScdl('07', 2024, 'JSON')).agreementsScdl).toBe('[]');
  });

  it('refuses an unknown authority, a bad year, an authority without SIRET', async () => {
    expect(badFields(await exportScdl('99', 2024))).toEqual(['authority']);
    expect(badFields(await exportScdl('30', 24))).toEqual(['year']);
    ok(await subgraph.request(`mutation { createAuthority(input: { code: "13", name: "Bouches-du-Rhône", officialName: "Département des Bouches-du-Rhône" }) { code } }`));
    expect(badFields(await exportScdl('13', 2024))).toEqual(['authority']);
  });
});
