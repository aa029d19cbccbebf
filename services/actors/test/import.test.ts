// The SIRENE CSV import: idempotent by SIRET, every bad row reported by line and column, all or nothing unless asked.
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph } from '../src';
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
    const scic = await createActor(subgraph, { name: 'SCIC à la main', siret, legalFormCode: '5710', legalFamily: 'COOPERATIVE', communeCode: '30189', nafCode: '88.99B', headcountBand: '02' });
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
});
