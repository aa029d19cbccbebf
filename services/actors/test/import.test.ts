// The SIRENE CSV import: idempotent by SIRET, every bad row reported by line and column, all or nothing unless asked.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { SYSTEM, staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph } from '../src';
import { readEssFeed } from '../src/feed/ess-feed';
import { readSireneCsv } from '../src/import/sirene-csv';
import { SireneImportService } from '../src/import/sirene-import.service';
import { countRows, createActor, ok, onlyError, siretFor, sireneCsv } from './factories';

const COLUMNS = [
  'siren',
  'siret',
  'denominationUniteLegale',
  'categorieJuridiqueUniteLegale',
  'activitePrincipaleUniteLegale',
  'trancheEffectifsUniteLegale',
  'economieSocialeSolidaireUniteLegale',
  'codeCommuneEtablissement',
  'etatAdministratifUniteLegale',
];

const IMPORT = `mutation ($csv: String!, $authority: String!, $skip: Boolean, $dry: Boolean) {
  importActors(csv: $csv, authority: $authority, skipInvalidRows: $skip, dryRun: $dry) {
    applied dryRun rows created updated unchanged skipped errors { line siret column message }
  }
}`;

const IMPORT_WITH_SUMMARY = `mutation ($csv: String!, $authority: String!, $skip: Boolean, $dry: Boolean) {
  importActors(csv: $csv, authority: $authority, skipInvalidRows: $skip, dryRun: $dry) {
    applied dryRun layout rows created updated unchanged skipped summary errors { line siret column message }
  }
}`;

/** Extracts shaped like INSEE's stock files (their exact headers), for the Gard. */
const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures/sirene', name), 'utf8');

interface Report {
  applied: boolean;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: Array<{ line: number; siret: string | null; column: string | null; message: string }>;
}

/** A good SIRENE row for the n-th test establishment. */
function row(n: number, overrides: Record<string, string> = {}): Record<string, string> {
  const siret = siretFor(n);
  return {
    siren: siret.slice(0, 9),
    siret,
    denominationUniteLegale: `Structure importée ${n}`,
    categorieJuridiqueUniteLegale: '9220',
    activitePrincipaleUniteLegale: '88.99B',
    trancheEffectifsUniteLegale: '02',
    economieSocialeSolidaireUniteLegale: 'O',
    codeCommuneEtablissement: '30189',
    etatAdministratifUniteLegale: 'A',
    ...overrides,
  };
}

describe('SIRENE import', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
  });
  afterAll(() => subgraph?.close());

  async function importCsv(csv: string, options: { authority?: string; skip?: boolean; dry?: boolean } = {}, identity = staff('editor', ['30'])): Promise<Report> {
    const result = await subgraph.request<{ importActors: Report }>(IMPORT, { csv, authority: options.authority ?? '30', skip: options.skip, dry: options.dry }, identity);
    return ok(result).importActors;
  }

  async function storedBySiret(sirets: string[]) {
    return subgraph.dataSource.query(
      `SELECT siret, siren, name, legal_form_code, legal_family, naf_code, headcount_band, ess_member, commune_code, authority_code, status, version
       FROM actors.actor WHERE siret = ANY($1) ORDER BY siret`,
      [sirets],
    );
  }

  it('imports a SIRENE file, then a second import of the same file changes nothing, and a changed row updates', async () => {
    const rows = [
      row(1),
      row(2, { categorieJuridiqueUniteLegale: '5458', denominationUniteLegale: 'SCOP, la coopérative' }),
      row(3, { categorieJuridiqueUniteLegale: '5710', economieSocialeSolidaireUniteLegale: 'N', etatAdministratifUniteLegale: 'C' }),
    ];
    const csv = sireneCsv(COLUMNS, rows);
    const auditBefore = await countRows(subgraph.dataSource, 'audit_log');

    const first = await importCsv(csv);
    expect(first).toEqual({ applied: true, dryRun: false, rows: 3, created: 3, updated: 0, unchanged: 0, skipped: 0, errors: [] });
    const stored = await storedBySiret(rows.map((r) => r.siret));
    expect(stored).toEqual([
      expect.objectContaining({ siret: siretFor(1), siren: siretFor(1).slice(0, 9), name: 'Structure importée 1', legal_family: 'ASSOCIATION', naf_code: '88.99B', headcount_band: '02', ess_member: true, commune_code: '30189', authority_code: '30', status: 'ACTIVE', version: 1 }),
      expect.objectContaining({ siret: siretFor(2), name: 'SCOP, la coopérative', legal_family: 'COOPERATIVE' }),
      expect.objectContaining({ siret: siretFor(3), legal_form_code: '5710', legal_family: 'OTHER', ess_member: false, status: 'CEASED' }),
    ]);
    expect(await countRows(subgraph.dataSource, 'audit_log')).toBe(auditBefore + 3);

    const again = await importCsv(csv);
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 3, errors: [] });
    expect(await storedBySiret(rows.map((r) => r.siret))).toEqual(stored);
    expect(await countRows(subgraph.dataSource, 'audit_log')).toBe(auditBefore + 3);

    rows[0].trancheEffectifsUniteLegale = '11';
    const changed = await importCsv(sireneCsv(COLUMNS, rows));
    expect(changed).toMatchObject({ applied: true, created: 0, updated: 1, unchanged: 2 });
    const [updated] = await storedBySiret([siretFor(1)]);
    expect(updated).toMatchObject({ headcount_band: '11', version: 2 });
    const audit = await subgraph.dataSource.query(`SELECT before, after FROM actors.audit_log WHERE action = 'import' AND jsonb_typeof(before) = 'object'`);
    expect(audit).toHaveLength(1);
    expect(audit[0].before.headcountBand).toBe('02');
    expect(audit[0].after.headcountBand).toBe('11');
  });

  it('re-importing a SCIC registered by hand keeps it a cooperative (SIRENE has no SCIC code)', async () => {
    const siret = siretFor(10);
    const scic = await createActor(subgraph, {
      name: 'SCIC à la main',
      siret,
      legalFormCode: '5710',
      legalFamily: 'COOPERATIVE',
      essMember: true,
      communeCode: '30189',
      nafCode: '88.99B',
      headcountBand: '02',
    });
    expect(scic.legalForm.family).toBe('COOPERATIVE');
    const report = await importCsv(sireneCsv(COLUMNS, [row(10, { denominationUniteLegale: 'SCIC à la main', categorieJuridiqueUniteLegale: '5710' })]));
    expect(report).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 1 });
    const [stored] = await storedBySiret([siret]);
    expect(stored).toMatchObject({ legal_family: 'COOPERATIVE', version: 1 });
  });

  it('refuses a file with bad rows as a whole, reporting each bad row with its line and column', async () => {
    const rows = [
      row(20),
      row(21, { siren: '443061841', siret: '44306184100048' }), // line 3: Luhn
      row(22),
      row(23, { codeCommuneEtablissement: '301' }), // line 5: commune
      row(24),
    ];
    const actorsBefore = await countRows(subgraph.dataSource, 'actor');
    const auditBefore = await countRows(subgraph.dataSource, 'audit_log');
    const report = await importCsv(sireneCsv(COLUMNS, rows));
    expect(report).toMatchObject({ applied: false, rows: 5, created: 3, skipped: 0 });
    expect(report.errors.map(({ line, column }) => ({ line, column }))).toEqual([
      { line: 3, column: 'siret' },
      { line: 5, column: 'codeCommuneEtablissement' },
    ]);
    expect(report.errors[0].siret).toBe('44306184100048');
    expect(report.errors[1].siret).toBe(siretFor(23));
    expect(await countRows(subgraph.dataSource, 'actor')).toBe(actorsBefore);
    expect(await countRows(subgraph.dataSource, 'audit_log')).toBe(auditBefore);

    const skipping = await importCsv(sireneCsv(COLUMNS, rows), { skip: true });
    expect(skipping).toMatchObject({ applied: true, rows: 5, created: 3, skipped: 2 });
    expect(skipping.errors).toHaveLength(2);
    expect((await storedBySiret([siretFor(20), siretFor(22), siretFor(23), siretFor(24)])).map((r: { siret: string }) => r.siret)).toEqual([
      siretFor(20),
      siretFor(22),
      siretFor(24),
    ]);
    expect(await countRows(subgraph.dataSource, 'actor')).toBe(actorsBefore + 3);
  });

  it('names the file column of each problem: legal form, NAF, ESS flag, state, missing SIRET', async () => {
    const rows = [
      row(30, { categorieJuridiqueUniteLegale: '92' }),
      row(31, { activitePrincipaleUniteLegale: '8899B' }),
      row(32, { economieSocialeSolidaireUniteLegale: 'peut-être' }),
      row(33, { etatAdministratifUniteLegale: 'X' }),
      row(34, { siret: '' }),
      row(35, { denominationUniteLegale: '' }),
    ];
    const report = await importCsv(sireneCsv(COLUMNS, rows), { dry: true });
    expect(report.applied).toBe(false);
    expect(report.errors.map(({ line, column }) => ({ line, column }))).toEqual([
      { line: 2, column: 'categorieJuridiqueUniteLegale' },
      { line: 3, column: 'activitePrincipaleUniteLegale' },
      { line: 4, column: 'economieSocialeSolidaireUniteLegale' },
      { line: 5, column: 'etatAdministratifUniteLegale' },
      { line: 6, column: 'siret' },
      { line: 7, column: 'denominationUniteLegale' },
    ]);
  });

  it('dryRun reports what would happen and writes nothing', async () => {
    const actorsBefore = await countRows(subgraph.dataSource, 'actor');
    const auditBefore = await countRows(subgraph.dataSource, 'audit_log');
    const report = await importCsv(sireneCsv(COLUMNS, [row(40), row(41)]), { dry: true });
    expect(report).toEqual({ applied: false, dryRun: true, rows: 2, created: 2, updated: 0, unchanged: 0, skipped: 0, errors: [] });
    expect(await countRows(subgraph.dataSource, 'actor')).toBe(actorsBefore);
    expect(await countRows(subgraph.dataSource, 'audit_log')).toBe(auditBefore);
  });

  it('reports a SIRET that appears twice in the file', async () => {
    const report = await importCsv(sireneCsv(COLUMNS, [row(50), row(51), row(50, { denominationUniteLegale: 'Doublon' })]));
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([{ line: 4, siret: siretFor(50), column: 'siret', message: expect.stringMatching(/line 2/) }]);
    expect(await storedBySiret([siretFor(50), siretFor(51)])).toEqual([]);
  });

  it('reads a semicolon-separated file from Excel (BOM, CRLF, SIRET with spaces)', async () => {
    const rows = [row(60), row(61, { denominationUniteLegale: 'Café; associatif' })];
    rows[0].siret = `${rows[0].siret.slice(0, 3)} ${rows[0].siret.slice(3, 6)} ${rows[0].siret.slice(6, 9)} ${rows[0].siret.slice(9)}`;
    const csv = '\uFEFF' + sireneCsv(COLUMNS, rows, ';', '\r\n');
    const report = await importCsv(csv);
    expect(report).toMatchObject({ applied: true, rows: 2, created: 2, errors: [] });
    expect((await storedBySiret([siretFor(60), siretFor(61)])).map((r: { name: string }) => r.name)).toEqual(['Structure importée 60', 'Café; associatif']);
  });

  it('reports the line of a bad row in a CRLF semicolon file', async () => {
    const report = await importCsv(sireneCsv(COLUMNS, [row(70), row(71), row(72, { siret: '123' })], ';', '\r\n'), { dry: true });
    expect(report.errors.map(({ line, column }) => ({ line, column }))).toEqual([{ line: 4, column: 'siret' }]);
  });

  it('an editor of the Gard cannot update through an import an actor of the Drôme: the row is refused', async () => {
    const siret = siretFor(80);
    await createActor(subgraph, { name: 'Acteur drômois', siret, authority: '26', legalFormCode: '9220' });
    const report = await importCsv(sireneCsv(COLUMNS, [row(81), row(80, { denominationUniteLegale: 'Repris par le Gard', codeCommuneEtablissement: '26362' })]));
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([expect.objectContaining({ line: 3, siret, column: 'siret', message: expect.stringMatching(/authority 26/) })]);
    const [stored] = await storedBySiret([siret]);
    expect(stored).toMatchObject({ name: 'Acteur drômois', authority_code: '26', version: 1 });
    expect(await storedBySiret([siretFor(81)])).toEqual([]);
  });

  it('refuses an import into an authority the caller does not edit, and from viewers', async () => {
    const csv = sireneCsv(COLUMNS, [row(90)]);
    const other = await subgraph.request(IMPORT, { csv, authority: '26' }, staff('editor', ['30']));
    expect(onlyError(other).extensions?.code).toBe('FORBIDDEN');
    const viewer = await subgraph.request(IMPORT, { csv, authority: '30' }, staff('viewer', ['30']));
    expect(onlyError(viewer).extensions?.code).toBe('FORBIDDEN');
    expect(await storedBySiret([siretFor(90)])).toEqual([]);
  });

  it('refuses files without a siret column, without rows, or not CSV, on the csv field', async () => {
    for (const csv of ['denominationUniteLegale\nX\n', `${COLUMNS.join(',')}\n`, 'siret,denominationUniteLegale\n"unterminated,x\n']) {
      const result = await subgraph.request(IMPORT, { csv, authority: '30' }, staff('editor', ['30']));
      expect(onlyError(result).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
    }
  });

  async function importFull(csv: string, options: { authority?: string; skip?: boolean; dry?: boolean } = {}): Promise<Report & { layout: string; summary: string }> {
    const result = await subgraph.request<{ importActors: Report & { layout: string; summary: string } }>(
      IMPORT_WITH_SUMMARY,
      { csv, authority: options.authority ?? '30', skip: options.skip, dry: options.dry },
      staff('editor', ['30']),
    );
    return ok(result).importActors;
  }

  async function statusOf(sirets: string[]) {
    return subgraph.dataSource.query(
      `SELECT siret, name, legal_form_code, naf_code, headcount_band, ess_status, ess_member, status, commune_code, street, rna
       FROM actors.actor WHERE siret = ANY($1) ORDER BY siret`,
      [sirets],
    );
  }

  describe("INSEE's StockUniteLegale layout", () => {
    const UL_SIRETS = ['22300001900016', '21300189400012', '26300012700013', '73002012000012', '73002024500025', '81234567600017'];

    it('builds each head office SIRET from siren + nicSiegeUniteLegale; a département, a commune, a CCAS and a sole trader without the flag are not ESS', async () => {
      const csv = fixture('StockUniteLegale-30.csv');
      const dry = await importFull(csv, { dry: true });
      expect(dry).toMatchObject({ applied: false, dryRun: true, layout: 'STOCK_UNITE_LEGALE', rows: 6, created: 6, errors: [] });
      expect(dry.summary).toMatch(/^Dry run, nothing written/);
      expect(await statusOf(UL_SIRETS)).toEqual([]);

      const first = await importFull(csv);
      expect(first).toMatchObject({ applied: true, layout: 'STOCK_UNITE_LEGALE', rows: 6, created: 6, updated: 0, unchanged: 0, errors: [] });
      const stored = await statusOf(UL_SIRETS);
      expect(stored.map((r: { siret: string }) => r.siret)).toEqual([...UL_SIRETS].sort());
      const by = (siret: string) => stored.find((r: { siret: string }) => r.siret === siret);
      expect(by('22300001900016')).toMatchObject({ name: 'DEPARTEMENT DU GARD', legal_form_code: '7220', ess_status: 'UNKNOWN', ess_member: false });
      expect(by('21300189400012')).toMatchObject({ name: 'COMMUNE DE NIMES', ess_status: 'UNKNOWN', ess_member: false });
      expect(by('26300012700013')).toMatchObject({ name: "CENTRE COMMUNAL D'ACTION SOCIALE DE NIMES", legal_form_code: '7361', ess_status: 'UNKNOWN', ess_member: false });
      expect(by('73002012000012')).toMatchObject({ name: 'LES JARDINS DE LA GARRIGUE', rna: 'W302001234', ess_status: 'ESS', ess_member: true, naf_code: '88.99B' });
      expect(by('73002024500025')).toMatchObject({ name: 'TRANSPORTS DU GARDON', ess_status: 'NOT_ESS', ess_member: false });
      // A sole trader: usual first name and usage name
      expect(by('81234567600017')).toMatchObject({ name: 'Marie ROUSSEL-FABRE', legal_form_code: '1000', headcount_band: 'NN', ess_status: 'UNKNOWN' });

      // The ESS feed to procurement counts only the flag O.
      const feed = await readEssFeed(subgraph.dataSource, null, 1000);
      const fed = feed.items.filter((item) => UL_SIRETS.includes(item.siret));
      expect(fed.filter((item) => item.essMember).map((item) => item.siret)).toEqual(['73002012000012']);
      expect(fed).toHaveLength(6);

      const again = await importFull(csv);
      expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 6, errors: [] });
      expect(again.summary).toMatch(/^Nothing changed/);
      expect(await statusOf(UL_SIRETS)).toEqual(stored);
    });

    it('reports a legal unit without nicSiegeUniteLegale (its SIRET cannot be built) and one with a SIREN failing Luhn', async () => {
      const [header, ...lines] = fixture('StockUniteLegale-30.csv').trim().split('\n');
      const cells = (line: string) => line.split(',');
      const columns = header.split(',');
      const withoutNic = cells(lines[3]);
      withoutNic[columns.indexOf('nicSiegeUniteLegale')] = '';
      const badSiren = cells(lines[4]);
      badSiren[columns.indexOf('siren')] = '730020246';
      const report = await importFull([header, withoutNic.join(','), badSiren.join(',')].join('\n'), { dry: true });
      expect(report.errors).toEqual([
        { line: 2, siret: null, column: 'nicSiegeUniteLegale', message: expect.stringMatching(/cannot be built/) },
        { line: 3, siret: '73002024600025', column: 'nicSiegeUniteLegale', message: expect.stringMatching(/SIREN part/) },
        { line: 3, siret: '73002024600025', column: 'siren', message: expect.stringMatching(/Luhn/) },
      ]);
    });
  });

  describe("INSEE's StockEtablissement layout", () => {
    const SIRETS = ['73002012000020', '73002031000019', '73002012000038'];

    it("names an establishment from its usual name or sign, uses its own activity and headcount, street and state", async () => {
      const report = await importFull(fixture('StockEtablissement-30.csv'));
      expect(report).toMatchObject({ applied: true, layout: 'STOCK_ETABLISSEMENT', rows: 3, created: 3, errors: [] });
      expect(await statusOf(SIRETS)).toEqual([
        expect.objectContaining({ siret: '73002012000020', name: 'MAISON DES JARDINS', naf_code: '81.30Z', headcount_band: '11', commune_code: '30189', street: '12 RUE DE LA REPUBLIQUE', status: 'ACTIVE' }),
        // no ESS column in an establishment file: unknown, not ESS
        expect.objectContaining({ siret: '73002012000038', name: 'JARDIN DES CANAUX', naf_code: '01.13Z', headcount_band: '01', status: 'CEASED', ess_status: 'UNKNOWN', ess_member: false }),
        expect.objectContaining({ siret: '73002031000019', name: 'EPICERIE SOLIDAIRE DU VIGAN', headcount_band: 'NN', street: '3 B PL D\'ASSAS', commune_code: '30350' }),
      ]);
      const again = await importFull(fixture('StockEtablissement-30.csv'));
      expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 3 });
    });

    it('reads it with a BOM, ; and CRLF as a spreadsheet saves it, and refuses an establishment of another département by its line', async () => {
      const [header, ...lines] = fixture('StockEtablissement-30.csv').trim().split('\n');
      const columns = header.split(',');
      const outside = lines[1].split(',');
      outside[columns.indexOf('codeCommuneEtablissement')] = '34172';
      outside[columns.indexOf('siret')] = siretFor(300);
      outside[columns.indexOf('siren')] = siretFor(300).slice(0, 9);
      outside[columns.indexOf('nic')] = siretFor(300).slice(9);
      const semicolons = '\uFEFF' + [header, outside.join(',')].map((line) => line.split(',').join(';')).join('\r\n') + '\r\n';
      const report = await importFull(semicolons);
      expect(report).toMatchObject({ applied: false, layout: 'STOCK_ETABLISSEMENT', rows: 1, created: 0 });
      expect(report.errors).toEqual([{ line: 2, siret: siretFor(300), column: 'codeCommuneEtablissement', message: 'is a commune of département 34, not of 30' }]);
      expect(report.summary).toMatch(/^Nothing written: the file has invalid rows/);
    });
  });

  it('the joined layout: a sole trader is named from prenom1UniteLegale and nomUniteLegale', async () => {
    const siret = siretFor(310);
    const columns = ['siret', 'siren', 'nic', 'prenom1UniteLegale', 'nomUniteLegale', 'nomUsageUniteLegale', 'categorieJuridiqueUniteLegale', 'codeCommuneEtablissement'];
    const report = await importFull(sireneCsv(columns, [{ siret, siren: siret.slice(0, 9), nic: siret.slice(9), prenom1UniteLegale: 'Jean', nomUniteLegale: 'MARTIN', categorieJuridiqueUniteLegale: '1000', codeCommuneEtablissement: '30007' }]));
    expect(report).toMatchObject({ applied: true, layout: 'JOINED', created: 1 });
    expect(await statusOf([siret])).toEqual([expect.objectContaining({ name: 'Jean MARTIN', ess_status: 'UNKNOWN' })]);
  });

  it("SIRENE's empty flag does not undo a known ESS status; O and N set it", async () => {
    const known = siretFor(320);
    await createActor(subgraph, { name: 'Asso connue', siret: known, essMember: true, communeCode: '30189', legalFormCode: '9220' });
    const withEmpty = await importFull(sireneCsv(COLUMNS, [row(320, { denominationUniteLegale: 'Asso connue', economieSocialeSolidaireUniteLegale: '', trancheEffectifsUniteLegale: '', activitePrincipaleUniteLegale: '' })]));
    expect(withEmpty).toMatchObject({ applied: true, updated: 0, unchanged: 1 });
    expect(await statusOf([known])).toEqual([expect.objectContaining({ ess_status: 'ESS', ess_member: true })]);
    const withN = await importFull(sireneCsv(COLUMNS, [row(320, { denominationUniteLegale: 'Asso connue', economieSocialeSolidaireUniteLegale: 'N', trancheEffectifsUniteLegale: '', activitePrincipaleUniteLegale: '' })]));
    expect(withN).toMatchObject({ applied: true, updated: 1 });
    expect(await statusOf([known])).toEqual([expect.objectContaining({ ess_status: 'NOT_ESS', ess_member: false })]);
  });

  it('imports a stream of rows in batches with progress, all or nothing: a bad row at the end undoes the first batches', async () => {
    const importer = new SireneImportService(subgraph.dataSource);
    const count = 2300;
    const csv = sireneCsv(COLUMNS, Array.from({ length: count }, (_, i) => row(10_000 + i, { denominationUniteLegale: `Établissement n°${i} – Nîmes` })));
    // bytes in chunks of 777: multi-byte characters cut in two are decoded whole
    const bytes = Buffer.from(`\uFEFF${csv}`, 'utf8');
    const chunks = () => Readable.from(Array.from({ length: Math.ceil(bytes.length / 777) }, (_, i) => bytes.subarray(i * 777, (i + 1) * 777)));
    const context = { identity: staff('editor', ['30']) } as Parameters<SireneImportService['importRows']>[0];
    const actorsBefore = await countRows(subgraph.dataSource, 'actor');

    const progress: number[] = [];
    const bad = Buffer.concat([bytes, Buffer.from(sireneCsv(COLUMNS, [row(20_000, { siret: '12345678900023', siren: '' })]).split('\n')[1] + '\n')]);
    const refused = await importer.importRows(context, readSireneCsv(Readable.from([bad])), { authority: '30', skipInvalidRows: false, dryRun: false }, (p) => {
      progress.push(p.rows);
    });
    expect(refused).toMatchObject({ applied: false, rows: count + 1, created: count, errors: [{ line: count + 2, column: 'siret', message: expect.stringMatching(/SIREN part/) }] });
    expect(progress).toEqual([1000, 2000, count + 1]);
    expect(await countRows(subgraph.dataSource, 'actor')).toBe(actorsBefore);

    const applied = await importer.importRows(context, readSireneCsv(chunks()), { authority: '30', skipInvalidRows: false, dryRun: false });
    expect(applied).toMatchObject({ applied: true, rows: count, created: count, errors: [] });
    const [{ name }] = await statusOf([siretFor(10_007)]);
    expect(name).toBe('Établissement n°7 – Nîmes');
    expect(await countRows(subgraph.dataSource, 'actor')).toBe(actorsBefore + count);
  });

  it('the SQL statements of an import do not grow with its rows: 3 or 60 updated actors cost the same', async () => {
    const send = (rows: Array<Record<string, string>>) =>
      subgraph.request<{ importActors: Report }>(IMPORT, { csv: sireneCsv(COLUMNS, rows), authority: '30' }, staff('editor', ['30']));
    const few = Array.from({ length: 3 }, (_, i) => row(400 + i));
    const many = Array.from({ length: 60 }, (_, i) => row(500 + i));
    const createdFew = await send(few);
    const createdMany = await send(many);
    expect(ok(createdMany).importActors).toMatchObject({ applied: true, created: 60 });
    expect(createdMany.statements).toBe(createdFew.statements);
    const changed = (rows: Array<Record<string, string>>) => rows.map((r) => ({ ...r, trancheEffectifsUniteLegale: '12' }));
    const updatedFew = await send(changed(few));
    const updatedMany = await send(changed(many));
    expect(ok(updatedMany).importActors).toMatchObject({ applied: true, updated: 60, created: 0 });
    expect(updatedMany.statements).toBe(updatedFew.statements);
    const stored = await subgraph.dataSource.query(`SELECT DISTINCT headcount_band, version FROM actors.actor WHERE siret = ANY($1)`, [
      many.map((r) => r.siret),
    ]);
    expect(stored).toEqual([{ headcount_band: '12', version: 2 }]);
  });

  it('refuses a file that is not UTF-8, on the csv field', async () => {
    const importer = new SireneImportService(subgraph.dataSource);
    const latin1 = Buffer.from(sireneCsv(COLUMNS, [row(330, { denominationUniteLegale: 'Crèche' })]), 'latin1');
    await expect(importer.importRows({ identity: SYSTEM } as never, readSireneCsv(Readable.from([latin1])), { authority: '30', skipInvalidRows: false, dryRun: true })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'csv' },
    });
  });
});
