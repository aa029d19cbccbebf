// The DECP export: the 2024 JSON shape with exact French values, CSV, and a round trip through the import into a fresh
// database that gives back the same contracts.
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { procurementSubgraph } from '../src';
import { jsonSchemaErrors, xsdErrors } from './decp-schemas';
import { createBuyer, createContract, importDecp, ok } from './factories';

const EXPORT = `query ($a: String!, $y: Int, $f: DecpExportFormat, $x: Boolean) { decpExport(authority: $a, year: $y, format: $f, includeExtensions: $x) { format filename contentType contractCount content } }`;

/** Properties of a `marche` in the DECP 2024 schema (additionalProperties: false). */
const MARCHE_PROPERTIES = new Set([
  'id', 'acheteur', 'nature', 'objet', 'codeCPV', 'techniques', 'modalitesExecution', 'idAccordCadre', 'marcheInnovant', 'ccag', 'offresRecues',
  'attributionAvance', 'tauxAvance', 'typeGroupementOperateurs', 'sousTraitanceDeclaree', 'actesSousTraitance', 'procedure', 'lieuExecution', 'dureeMois',
  'dateNotification', 'datePublicationDonnees', 'montant', 'typesPrix', 'formePrix', 'origineUE', 'origineFrance', 'titulaires', 'considerationsSociales',
  'considerationsEnvironnementales', 'modificationsActesSousTraitance', 'modifications',
]);

const CONTRACTS = `{ contracts(first: 500, filter: { authorities: ["30"] }, orderBy: { field: NOTIFIED_ON, direction: ASC }) { totalCount nodes {
  decpId nature object cpvCode procedure techniques executionModes frameworkAgreementId innovative ccag offersReceived advanceGranted advanceRate operatorGrouping
  subcontractingDeclared placeOfExecution { code typeCode } durationMonths notifiedOn publishedOn amount priceForm priceTypes originEu originFrance
  socialConsiderations environmentalConsiderations reservedBasis insertionHoursPlanned insertionHoursAchieved currentAmount currentDurationMonths
  hasSocialConsideration hasEnvironmentalConsideration reserved buyer { siret name authorityCode }
  awardees { idType identifier name current } modifications { decpId object notifiedOn publishedOn durationMonths amount awardees { idType identifier name current } }
} } }`;

describe('DECP export', () => {
  let source: TestSubgraph;
  let target: TestSubgraph;

  beforeAll(async () => {
    [source, target] = await Promise.all([startTestSubgraph(procurementSubgraph, { seed: true }), startTestSubgraph(procurementSubgraph)]);
  });
  afterAll(() => Promise.all([source?.close(), target?.close()]));

  const exportOf = async (subgraph: TestSubgraph, variables: Record<string, unknown>) => {
    const result = await subgraph.request(EXPORT, variables);
    return { ...ok(result).decpExport, statements: result.statements };
  };

  it('writes the 2024 JSON shape: wrapped lists, exact French values, only the format’s properties', async () => {
    const file = await exportOf(source, { a: '30', y: 2025 });
    expect(file).toMatchObject({ format: 'JSON', filename: 'decp-30-2025.json', contentType: 'application/json; charset=utf-8', contractCount: 130 });
    const document = JSON.parse(file.content);
    expect(jsonSchemaErrors(document)).toEqual([]);
    const records: any[] = document.marches.marche;
    expect(records).toHaveLength(130);
    for (const record of records) {
      for (const key of Object.keys(record)) expect(MARCHE_PROPERTIES.has(key)).toBe(true);
      expect(record.dateNotification.startsWith('2025')).toBe(true);
      expect(record.titulaires.length).toBeGreaterThan(0);
      expect(record.considerationsSociales.considerationSociale.length).toBeGreaterThan(0);
    }
    const reserved = records.find((r) => r.considerationsSociales.considerationSociale.includes('Marché réservé'));
    expect(reserved).toBeDefined();
    // the 2024 acheteur is its SIRET alone
    expect(reserved.acheteur).toEqual({ id: expect.stringMatching(/^\d{14}$/) });
    expect(reserved).toMatchObject({ nature: 'Marché', typeGroupementOperateurs: expect.any(String) });
    expect(reserved.titulaires[0].titulaire).toMatchObject({ typeIdentifiant: 'SIRET', id: expect.stringMatching(/^\d{14}$/) });
    const values = (key: string, inner: string) => new Set(records.flatMap((r) => r[key]?.[inner] ?? []));
    for (const value of values('considerationsEnvironnementales', 'considerationEnvironnementale')) {
      expect(['Clause environnementale', 'Critère environnemental', 'Pas de considération environnementale']).toContain(value);
    }
    expect([...values('typesPrix', 'typePrix')].every((v) => ['Définitif ferme', 'Définitif actualisable', 'Définitif révisable', 'Provisoire'].includes(v as string))).toBe(true);
    expect(records.some((r) => r.modifications?.[0]?.modification?.dateNotificationModification)).toBe(true);
  });

  it('exports a file, imported into a fresh database, that gives the same contracts (and exports the same again)', async () => {
    const file = await exportOf(source, { a: '30', x: true });
    expect(file.contractCount).toBe(240);
    expect(await xsdErrors((await exportOf(source, { a: '30', f: 'XML' })).content)).toEqual([]);
    expect(Buffer.byteLength(file.content)).toBeLessThan(1024 * 1024); // one request to the import
    const report = await importDecp(target, file.content, { authority: '30' });
    expect(report).toMatchObject({ applied: true, records: 240, created: 240, errors: [], buyersCreated: 1 });
    const before = ok(await source.request(CONTRACTS)).contracts;
    const after = ok(await target.request(CONTRACTS)).contracts;
    expect(after.totalCount).toBe(240);
    // ties on the notification date are ordered by id, which differs between the databases
    const byDecpId = (nodes: Array<{ decpId: string }>) => [...nodes].sort((a, b) => a.decpId.localeCompare(b.decpId));
    expect(byDecpId(after.nodes)).toEqual(byDecpId(before.nodes));
    expect((await exportOf(target, { a: '30', x: true })).content).toBe(file.content);
  });

  it('leaves the platform’s `_ess` block out unless asked', async () => {
    expect((await exportOf(source, { a: '30', y: 2024 })).content).not.toContain('"_ess"');
    expect((await exportOf(source, { a: '30', y: 2024, x: true })).content).toContain('"reservedBasis": "L2113-12"');
  });

  it('writes CSV: one line per contract, quoted cells, co-awardees joined', async () => {
    const subgraph = target;
    const buyer = await createBuyer(subgraph, { authority: '07', name: 'Ardèche; "test"' });
    await createContract(subgraph, buyer.id, {
      decpId: 'CSV-1',
      object: 'Objet avec ; point-virgule et "guillemets"\net retour',
      awardees: [
        { identifier: '44306184100047', name: 'Un' },
        { idType: 'TVA', identifier: 'FR40303265045', name: 'Deux' },
      ],
      socialConsiderations: ['SOCIAL_CLAUSE', 'SOCIAL_CRITERION'],
    });
    await createContract(subgraph, buyer.id, { decpId: 'CSV-2', notifiedOn: '2024-05-01', publishedOn: null });
    const file = await exportOf(subgraph, { a: '07', f: 'CSV' });
    expect(file).toMatchObject({ format: 'CSV', filename: 'decp-07.csv', contractCount: 2, contentType: 'text/csv; charset=utf-8' });
    const header = file.content.split('\r\n')[0].split(';');
    expect(header.slice(0, 6)).toEqual(['id', 'acheteur.id', 'acheteur.nom', 'nature', 'objet', 'codeCPV']);
    expect(file.content).toContain('"Objet avec ; point-virgule et ""guillemets""\net retour"');
    expect(file.content).toContain('"Ardèche; ""test"""');
    expect(file.content).toContain('SIRET | TVA;44306184100047 | FR40303265045;Un | Deux;Clause sociale | Critère social');
    expect(file.content.endsWith('\r\n')).toBe(true);
    // header + 2 contracts, the quoted line break inside a cell aside
    expect(file.content.split('\r\n').filter(Boolean)).toHaveLength(3);
  });

  it('reads a constant number of statements whatever the number of contracts', async () => {
    const small = await exportOf(source, { a: '07', y: 2024 });
    const large = await exportOf(source, { a: '30' });
    expect(small.contractCount).toBeLessThan(large.contractCount);
    // contracts, modifications, awardees, buyers
    expect(small.statements).toBe(4);
    expect(large.statements).toBe(4);
  });
});
