// The SCDL import of a département's existing subsidies file (Windows-1252, `;`, French dates and amounts): the preview,
// the row report, all or nothing, idempotence, links to registry actors by SIRET, and a round trip through the export.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { decodeText } from '@ess/kit';
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { plansSubgraph } from '../src';
import { badFields, createAction, createAgreement, createAxis, createPlan, ok, onlyError } from './factories';
import { loadSchema, parseCsv, tableProblems } from './table-schema';

const FIXTURE = readFileSync(path.join(__dirname, 'fixtures/scdl-subventions-departement-cp1252.csv'));
const AUTHORITY_SIRET = '22130001500015';
const REPORT = `applied dryRun encoding delimiter rows created updated unchanged skipped linked ignoredColumns
  errors { line column value message } unlinked { line column value message }
  preview { line outcome beneficiaryName beneficiarySiret beneficiaryRna actorId signedOn object amount }`;
const editor = staff('editor', ['13']);

describe('SCDL import', () => {
  let subgraph: TestSubgraph;
  let actionId: string;
  const knownActor = randomUUID();

  const importScdl = (
    file: Buffer,
    options: { dryRun?: boolean; skipInvalidRows?: boolean; authority?: string; action?: string } = {},
    identity = editor,
  ) =>
    subgraph.request(
      `mutation ($a: String!, $action: ID!, $f: String!, $d: Boolean!, $s: Boolean!) {
        importScdl(authority: $a, actionId: $action, file: $f, dryRun: $d, skipInvalidRows: $s) { ${REPORT} } }`,
      {
        a: options.authority ?? '13',
        action: options.action ?? actionId,
        f: file.toString('base64'),
        d: options.dryRun ?? false,
        s: options.skipInvalidRows ?? false,
      },
      identity,
    );
  const count = async () =>
    Number((await subgraph.dataSource.query(`SELECT count(*) FROM plans.agreement WHERE authority_code = '13'`))[0].count);

  beforeAll(async () => {
    subgraph = await startTestSubgraph(plansSubgraph);
    ok(
      await subgraph.request(
        `mutation { createAuthority(input: { code: "13", name: "Bouches-du-Rhône", officialName: "Département des Bouches-du-Rhône",
          siret: "${AUTHORITY_SIRET}" }) { code } }`,
      ),
    );
    const plan = await createPlan(subgraph, { title: 'Subventions historiques', authorities: ['13'] });
    actionId = (await createAction(subgraph, (await createAxis(subgraph, plan.id)).id, { title: 'Subventions 2017' })).id;
    // An agreement already records the registry actor of SIRET 78412345700011: the import links that beneficiary to it.
    await createAgreement(subgraph, actionId, { actorId: knownActor, beneficiarySiret: '78412345700011', beneficiaryName: 'ARI' });
  });
  afterAll(() => subgraph?.close());

  it('dry run: detects Windows-1252 and `;`, previews the valid rows, reports every bad row with its line, column, reason', async () => {
    const before = await count();
    const report = ok(await importScdl(FIXTURE, { dryRun: true })).importScdl;
    expect(await count()).toBe(before);
    expect(report).toMatchObject({
      applied: false,
      dryRun: true,
      encoding: 'WINDOWS-1252',
      delimiter: ';',
      rows: 10,
      created: 3,
      updated: 0,
      unchanged: 0,
      linked: 1,
    });
    expect(report.ignoredColumns).toEqual([]);
    expect(report.errors.map((e: any) => [e.line, e.column])).toEqual([
      [5, 'idBeneficiaire'],
      [6, 'objet'],
      [7, 'montant'],
      [8, 'datesPeriodeVersement'],
      [9, null],
      [10, 'idAttribuant'],
      [11, 'nature'],
    ]);
    expect(report.errors[0].message).toMatch(/Luhn/);
    expect(report.errors[2]).toMatchObject({ value: 'NC', message: expect.stringMatching(/amount/) });
    expect(report.errors[4].message).toBe('is the same subsidy as line 3 (date, beneficiary, decision and object)');
    expect(report.errors[5].message).toContain(AUTHORITY_SIRET);
    // read as the file means it: accents, French amounts and dates, RNA alone, a percentage, a free description of terms
    expect(report.preview).toEqual([
      {
        line: 2,
        outcome: 'CREATE',
        beneficiaryName: 'Association Régionale d’Insertion',
        beneficiarySiret: '78412345700011',
        beneficiaryRna: 'W132000001',
        actorId: knownActor,
        signedOn: '2017-09-08',
        object: 'Chantier d’insertion « Jardins du cœur »',
        amount: 26956,
      },
      expect.objectContaining({
        line: 3,
        beneficiaryName: 'Coopérative Énergie Citoyenne',
        beneficiarySiret: '78412346500014',
        actorId: null,
        amount: 12500,
      }),
      expect.objectContaining({ line: 4, beneficiarySiret: null, beneficiaryRna: 'W132000002', amount: 1200, signedOn: '2017-11-02' }),
    ]);
    expect(report.unlinked.map((u: any) => [u.line, u.column, u.value])).toEqual([
      [3, 'idBeneficiaire', '78412346500014'],
      [4, 'rnaBeneficiaire', 'W132000002'],
    ]);
  });

  it('all or nothing: with bad rows nothing is written unless skipping them is asked', async () => {
    const before = await count();
    const refused = ok(await importScdl(FIXTURE)).importScdl;
    expect(refused).toMatchObject({ applied: false, dryRun: false, created: 3, skipped: 0 });
    expect(refused.errors).toHaveLength(7);
    expect(await count()).toBe(before);

    const applied = ok(await importScdl(FIXTURE, { skipInvalidRows: true })).importScdl;
    expect(applied).toMatchObject({ applied: true, created: 3, updated: 0, unchanged: 0, skipped: 7, linked: 1 });
    expect(await count()).toBe(before + 3);
    const rows = await subgraph.dataSource.query(
      `SELECT beneficiary_siret, beneficiary_rna, actor_id::text, amount::text,
              nature, payment_terms, payment_terms_note, start_on::text, end_on::text,
              subsidy_share::text, status, signed_on::text
       FROM plans.agreement WHERE authority_code = '13' AND source_key IS NOT NULL ORDER BY signed_on, amount DESC`,
    );
    expect(rows).toEqual([
      expect.objectContaining({
        beneficiary_siret: '78412345700011',
        actor_id: knownActor,
        amount: '26956.00',
        payment_terms: 'SINGLE',
        start_on: '2017-10-02',
        end_on: '2017-10-02',
        status: 'SIGNED',
      }),
      expect.objectContaining({
        beneficiary_siret: '78412346500014',
        actor_id: null,
        payment_terms: 'STAGED',
        start_on: '2017-09-15',
        end_on: '2018-09-14',
        subsidy_share: '0.45',
      }),
      expect.objectContaining({
        beneficiary_siret: null,
        beneficiary_rna: 'W132000002',
        nature: 'IN_KIND',
        payment_terms: 'OTHER',
        payment_terms_note: 'Mise à disposition gracieuse, deux week-ends par an',
        start_on: '2017-11-04',
        end_on: '2017-11-05',
        subsidy_share: '1.00',
      }),
    ]);
    const audit = await subgraph.dataSource.query(`SELECT count(*)::int AS n FROM plans.audit_log WHERE action = 'import'`);
    expect(audit[0].n).toBe(3);
  });

  it('idempotent: a second run changes nothing and says so, whatever the encoding', async () => {
    const before = await count();
    const again = ok(await importScdl(FIXTURE, { skipInvalidRows: true })).importScdl;
    expect(again).toMatchObject({ applied: false, created: 0, updated: 0, unchanged: 3, skipped: 7 });
    expect(again.preview.map((p: any) => p.outcome)).toEqual(['UNCHANGED', 'UNCHANGED', 'UNCHANGED']);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(decodeText(FIXTURE).text, 'utf8')]);
    expect(ok(await importScdl(utf8, { skipInvalidRows: true })).importScdl).toMatchObject({
      encoding: 'UTF-8',
      applied: false,
      created: 0,
      unchanged: 3,
    });
    expect(await count()).toBe(before);
  });

  it('a corrected amount updates the subsidy; a beneficiary the platform has since funded gets linked', async () => {
    const otherActor = randomUUID();
    await createAgreement(subgraph, actionId, { actorId: otherActor, beneficiarySiret: '78412346500014', beneficiaryName: 'Coopérative' });
    const corrected = Buffer.from(FIXTURE.toString('latin1').replace('12 500,00', '13 000,00'), 'latin1');
    const report = ok(await importScdl(corrected, { skipInvalidRows: true })).importScdl;
    expect(report).toMatchObject({ applied: true, created: 0, updated: 1, unchanged: 2, linked: 2 });
    const [row] = await subgraph.dataSource.query(
      `SELECT amount::text, actor_id::text, version FROM plans.agreement
       WHERE source_key IS NOT NULL AND beneficiary_siret = '78412346500014'`,
    );
    expect(row).toEqual({ amount: '13000.00', actor_id: otherActor, version: 2 });
  });

  it('round trip: an official-shaped file imported then exported gives every field back, and validates against the schema', async () => {
    const header = loadSchema('scdl-subventions-2.1.1.schema.json').fields.map((f) => f.name);
    const records = [
      [
        'Département des Bouches-du-Rhône',
        AUTHORITY_SIRET,
        '2019-03-14',
        '2019-03-103',
        'Association Les Petits Débrouillards',
        '78412345700011',
        'W132000001',
        'Animations climat-énergie dans les collèges',
        '47800.20',
        'aide en numéraire;aide en nature',
        'échelonné',
        '2019-03-14/2020-03-14',
        '12345',
        'oui',
        '0.45',
        '65d5b6c7-102c-4440-ac3b-768f708edc0a',
      ],
      [
        'Département des Bouches-du-Rhône',
        AUTHORITY_SIRET,
        '2019-06-01',
        '',
        'Amicale du Moulin',
        '',
        'W132000003',
        'Prêt de matériel',
        '800.00',
        'aide en nature',
        'autre',
        '2019-06-15',
        '',
        'non',
        '1.00',
        '',
      ],
    ];
    const file = [header, ...records].map((r) => r.map((c) => (/[",]/.test(c) ? `"${c}"` : c)).join(',')).join('\r\n') + '\r\n';
    expect(tableProblems(loadSchema('scdl-subventions-2.1.1.schema.json'), header, records)).toEqual([]);
    const report = ok(await importScdl(Buffer.from(file, 'utf8'))).importScdl;
    expect(report).toMatchObject({ applied: true, created: 2, errors: [], encoding: 'UTF-8', delimiter: ',' });
    const exported = ok(await subgraph.request(`{ agreementsScdl(authority: "13", year: 2019) }`)).agreementsScdl;
    expect(parseCsv(exported)).toEqual([header, ...records]);
  });

  it('two imports of one file at once: one creates, the other finds them imported (never twice)', async () => {
    const header = loadSchema('scdl-subventions-2.1.1.schema.json')
      .fields.map((f) => f.name)
      .join(';');
    const row =
      `Département des Bouches-du-Rhône;${AUTHORITY_SIRET};2016-05-05;R-1;Association Concurrente;;W132000009;` +
      'Objet;1000;aide en numéraire;unique;2016-06-01;;non;1;';
    const file = Buffer.from(`${header}\r\n${row}\r\n`, 'utf8');
    const reports = (await Promise.all([importScdl(file), importScdl(file), importScdl(file)])).map((r) => ok(r).importScdl);
    expect(reports.map((r) => r.created).sort()).toEqual([0, 0, 1]);
    expect(reports.map((r) => r.unchanged).sort()).toEqual([0, 1, 1]);
    const [{ n }] = await subgraph.dataSource.query(`SELECT count(*)::int AS n FROM plans.agreement WHERE beneficiary_rna = 'W132000009'`);
    expect(n).toBe(1);
  });

  it('refuses a file without the SCDL columns, bytes that are not base64, and callers who may not write for the authority', async () => {
    expect(badFields(await importScdl(Buffer.from('nom;montant\r\nA;12\r\n')))).toEqual(['file']);
    expect(onlyError(await importScdl(Buffer.from('nom;montant\r\nA;12\r\n'))).message).toMatch(/idAttribuant/);
    const bad = await subgraph.request(
      `mutation { importScdl(authority: "13", actionId: "${actionId}", file: "%%%") { applied } }`,
      {},
      editor,
    );
    expect(badFields(bad)).toEqual(['file']);
    expect(onlyError(await importScdl(FIXTURE, { dryRun: true }, staff('viewer', ['13']))).extensions?.code).toBe('FORBIDDEN');
    expect(onlyError(await importScdl(FIXTURE, { dryRun: true }, staff('editor', ['30']))).extensions?.code).toBe('FORBIDDEN');
    // a row with a cell too many is reported alone, with its line; the others are read
    const lines = decodeText(FIXTURE).text.split('\r\n');
    const shifted = Buffer.from([lines[0], lines[1].replace(';26', ';extra;26'), lines[2], ''].join('\r\n'), 'utf8');
    const report = ok(await importScdl(shifted, { dryRun: true })).importScdl;
    expect(report.errors).toEqual([{ line: 2, column: null, value: null, message: 'has 17 cells where the header has 16' }]);
    expect(report.preview.map((p: any) => p.line)).toEqual([3]);
    const gard = await createPlan(subgraph, { title: 'Gard', authorities: ['30'] });
    const gardAction = await createAction(subgraph, (await createAxis(subgraph, gard.id)).id);
    expect(badFields(await importScdl(FIXTURE, { dryRun: true, action: gardAction.id }))).toEqual(['actionId']);
  });
});
