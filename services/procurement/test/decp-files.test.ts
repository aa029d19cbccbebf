// DECP files shaped like the real ones (fixtures/): a consolidated file mixing formats, concessions, bare NaN and junk;
// the official 2024 JSON and XML shapes with subcontracting acts; exports checked against the official schemas, always.
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { XMLParser } from 'fast-xml-parser';
import { procurementSubgraph } from '../src';
import { extractRecords } from '../src/decp/decp-classify';
import { DecpImportService } from '../src/decp/decp-import.service';
import { parseDecpText } from '../src/decp/decp-parse';
import { fixture, jsonSchemaErrors, xsdErrors } from './decp-schemas';
import { withLuhnDigit } from '@ess/kit';
import { addModification, IMPORT, importDecp, ok, onlyError, updateContract, type ImportIssue } from './factories';

const EXPORT = `query ($a: String!, $f: DecpExportFormat, $y: Int) { decpExport(authority: $a, format: $f, year: $y) {
  format filename contentType contractCount content omitted { decpId missing } } }`;

const sirets = JSON.parse(fixture('sirets.txt')) as { buyerConsolidated: string; buyerOfficialJson: string; buyerOfficialXml: string };

describe('DECP files shaped like the real ones', () => {
  let subgraph: TestSubgraph;
  const editor = staff('editor', ['30']);

  beforeAll(async () => {
    subgraph = await startTestSubgraph(procurementSubgraph);
  });
  afterAll(() => subgraph?.close());

  const exportOf = async (format: 'JSON' | 'XML', year?: number) =>
    ok(await subgraph.request(EXPORT, { a: '30', f: format, y: year })).decpExport;
  const byId = (issues: ImportIssue[], decpId: string) => issues.filter((e) => e.decpId === decpId);

  describe('a consolidated file (2019 list with _type, empty concession keys, NaN, junk)', () => {
    const file = fixture('decp-consolidated-mixed.json');

    it('reads the whole file despite a bare NaN, classifies each record by what it is, and reports every bad value', async () => {
      expect(() => JSON.parse(file)).toThrow(/Unexpected token 'N'/);
      const report = await importDecp(subgraph, file, { dry: true }, editor);
      // ten records: eight marchés (with empty "autoriteConcedante": ""), one concession, one that is neither
      expect(report).toMatchObject({ applied: false, records: 8, ignoredConcessions: 1, created: 1, legacyRecords: 1 });
      expect(byId(report.errors, '2024-0001')).toEqual([]);
      expect(byId(report.errors, '2024-0002')).toEqual([
        expect.objectContaining({
          field: 'montant',
          value: 'NaN',
          path: '$.marches[1]',
          message: expect.stringMatching(/is NaN in the file/),
        }),
      ]);
      expect(byId(report.errors, '2024-0003')).toEqual([
        expect.objectContaining({ field: 'montant', value: 'NC', message: expect.stringMatching(/not communicated/) }),
      ]);
      expect(byId(report.errors, '2024-0004')).toEqual([
        expect.objectContaining({ field: 'montant', value: '100000000000000000', message: expect.stringMatching(/ceiling/) }),
      ]);
      expect(byId(report.errors, '2024-0005').map((e) => [e.field, e.value])).toEqual([
        ['dateNotification', '2003-02-01'],
        ['datePublicationDonnees', '2003-02-10'],
      ]);
      expect(byId(report.errors, '2024-0006')).toEqual([
        expect.objectContaining({ field: 'datePublicationDonnees', value: '2031-01-15', message: expect.stringMatching(/future/) }),
      ]);
      // the concession is counted and named, never silently dropped
      expect(report.warnings.filter((w) => w.path === '$.marches[6]')).toEqual([
        expect.objectContaining({ decpId: 'DSP-01', field: '_type', message: expect.stringMatching(/concession contract/) }),
      ]);
      // a record that is neither is an error
      expect(report.errors.filter((e) => e.path === '$.marches[7]')).toEqual([
        expect.objectContaining({ field: null, message: expect.stringMatching(/neither a marché/) }),
      ]);
      // twelve fields the 2024 format requires: a record missing them does not dry-run as created
      expect(
        byId(report.errors, '2024-0007')
          .map((e) => e.field)
          .sort(),
      ).toEqual(
        [
          'attributionAvance',
          'ccag',
          'considerationsEnvironnementales',
          'considerationsSociales',
          'datePublicationDonnees',
          'lieuExecution',
          'marcheInnovant',
          'modalitesExecution',
          'offresRecues',
          'sousTraitanceDeclaree',
          'techniques',
          'typeGroupementOperateurs',
        ].sort(),
      );
      // the 2019 record lacks what the 2024 format added; its formePrix was a price type, the price form is unknown
      expect(byId(report.errors, '2019-0042').find((e) => e.field === 'formePrix')?.message).toMatch(/no neutral value/);
      expect(report.summary).toMatch(/Nothing written: 8 record\(s\) have errors/);
    });

    it('completes what has a neutral value when asked, reporting each completion, and refuses the rest', async () => {
      const report = await importDecp(subgraph, file, { dry: true, complete: true }, editor);
      const completed = byId(report.warnings, '2024-0007').filter((w) => /completed with/.test(w.message));
      expect(completed).toHaveLength(10);
      expect(completed.find((w) => w.field === 'offresRecues')?.message).toMatch(/"1"/);
      expect(
        byId(report.errors, '2024-0007')
          .map((e) => e.field)
          .sort(),
      ).toEqual(['datePublicationDonnees', 'lieuExecution']);
      expect(byId(report.errors, '2019-0042').map((e) => e.field)).toEqual(['formePrix']);
    });

    it('imports the good records when asked to skip, and a second run changes nothing and says so', async () => {
      const first = await importDecp(subgraph, file, { skip: true }, editor);
      expect(first).toMatchObject({ applied: true, created: 1, skipped: 8, buyersCreated: 1 });
      expect(first.warnings).toContainEqual(
        expect.objectContaining({ field: 'acheteur.id', message: expect.stringMatching(/new to the platform, filed under authority 30/) }),
      );
      const again = await importDecp(subgraph, file, { skip: true }, editor);
      expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 1, skipped: 8 });
      expect(again.summary).toMatch(/^Nothing to change: 1 contract\(s\) of the file are already up to date/);
      // "NaN" inside a text is a text
      const [row] = await subgraph.dataSource.query(`SELECT object FROM procurement.contract WHERE decp_id = '2024-0001'`);
      expect(row.object).toBe('Entretien des berges du Gardon (lot NaN, prix Infinity)');
    });
  });

  describe('the official 2024 shapes', () => {
    const json = fixture('decp-2024-official.json');
    const xml = fixture('decp-2024-official.xml');

    it('the fixtures themselves validate against the official schemas', async () => {
      expect(jsonSchemaErrors(JSON.parse(json))).toEqual([]);
      expect(await xsdErrors(xml)).toEqual([]);
    });

    it('round trip: a valid JSON file imported then exported keeps every field, subcontracting acts included', async () => {
      const report = await importDecp(subgraph, json, {}, editor);
      expect(report).toMatchObject({ applied: true, records: 2, created: 2, ignoredConcessions: 1, errors: [] });
      const exported = JSON.parse((await exportOf('JSON')).content);
      expect(jsonSchemaErrors(exported)).toEqual([]);
      const mine = exported.marches.marche.filter((r: any) => r.acheteur.id === sirets.buyerOfficialJson);
      const original = JSON.parse(json).marches.marche;
      const byDecpId = (records: any[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));
      expect(byDecpId(mine)).toEqual(byDecpId(original));
      expect(await importDecp(subgraph, json, {}, editor)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
      const query = `{ contracts(first: 5, filter: { search: "2024-TX-0042" }) { nodes {
        subcontracts { decpId subcontractor { idType identifier } durationMonths notifiedOn publishedOn amount priceVariation }
        subcontractModifications { subcontractId durationMonths notifiedOn publishedOn amount } } } }`;
      const [contract] = ok(await subgraph.request(query)).contracts.nodes;
      expect(contract.subcontracts).toEqual([
        {
          decpId: 1,
          subcontractor: { idType: 'SIRET', identifier: original[0].actesSousTraitance[0].acteSousTraitance.sousTraitant.id },
          durationMonths: 6,
          notifiedOn: '2024-05-15',
          publishedOn: '2024-05-20',
          amount: 45000,
          priceVariation: 'REVISABLE',
        },
      ]);
      expect(contract.subcontractModifications).toEqual([
        { subcontractId: 1, durationMonths: 8, notifiedOn: '2024-09-02', publishedOn: '2024-09-10', amount: 52000 },
      ]);
    });

    it('reads the XML variant into the same contracts, and exports XML that validates against the XSD', async () => {
      const report = await importDecp(subgraph, xml, {}, editor);
      expect(report).toMatchObject({ applied: true, records: 2, created: 2, ignoredConcessions: 1, errors: [] });
      const exported = JSON.parse((await exportOf('JSON')).content).marches.marche;
      const fromXml = exported.filter((r: any) => r.acheteur.id === sirets.buyerOfficialXml);
      const fromJson = exported.filter((r: any) => r.acheteur.id === sirets.buyerOfficialJson);
      expect(fromXml).toEqual(fromJson.map((r: any) => ({ ...r, acheteur: { id: sirets.buyerOfficialXml } })));

      const file = await exportOf('XML');
      expect(file).toMatchObject({ format: 'XML', filename: 'decp-30.xml', contentType: 'application/xml; charset=utf-8' });
      expect(await xsdErrors(file.content)).toEqual([]);
      const parsed = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'marche' }).parse(file.content);
      expect(parsed.marches.marche).toHaveLength(file.contractCount);
      // a DTD is refused before anything is expanded
      const entities = '<?xml version="1.0"?><!DOCTYPE marches [<!ENTITY a "aaaa">]><marches><marche><objet>&a;</objet></marche></marches>';
      expect(onlyError(await subgraph.request(IMPORT, { json: entities, authority: '30' }, editor)).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'json',
      });
      // and it reads back: the same file again changes nothing
      expect(await importDecp(subgraph, file.content, {}, editor)).toMatchObject({ applied: true, created: 0, updated: 0, errors: [] });
    });

    it('refuses to change published initial data, through the API or a file; a change is a modification', async () => {
      const [contract] = await subgraph.dataSource.query(
        `SELECT c.id, c.version FROM procurement.contract c JOIN procurement.buyer b ON b.id = c.buyer_id
         WHERE b.siret = $1 AND c.decp_id = '2025-FS-0003'`,
        [sirets.buyerOfficialJson],
      );
      const error = onlyError(
        await updateContract(subgraph, contract.id, contract.version, { amount: 99_000, insertionHoursPlanned: 120 }, editor),
      );
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
      expect(error.message).toMatch(/initial data of a published contract.*addContractModification/);
      // what the platform adds stays editable
      const edited = ok(
        await updateContract(subgraph, contract.id, contract.version, { insertionHoursPlanned: 120 }, editor),
      ).updateContract;
      const modified = ok(
        await addModification(
          subgraph,
          contract.id,
          edited.version,
          { notifiedOn: '2025-06-02', publishedOn: '2025-06-05', amount: 99_000 },
          editor,
        ),
      );
      expect(modified.addContractModification).toMatchObject({ amount: 85_000, currentAmount: 99_000 });

      const changed = JSON.parse(json);
      changed.marches.marche[1].montant = 91_000;
      const report = await importDecp(subgraph, JSON.stringify(changed), {}, editor);
      expect(report.applied).toBe(false);
      expect(report.errors).toEqual([
        expect.objectContaining({
          decpId: '2025-FS-0003',
          field: 'montant',
          value: '91000',
          message: expect.stringMatching(/initial data never change/),
        }),
      ]);
    });
  });

  it('warns when the place of execution lies in another département than the authority the buyer is filed under', async () => {
    const record = JSON.parse(fixture('decp-2024-official.json')).marches.marche[1];
    const elsewhere = { ...record, id: 'ELSEWHERE-1', lieuExecution: { code: '26362', typeCode: 'Code commune' } };
    const report = await importDecp(subgraph, JSON.stringify({ marches: { marche: [elsewhere] } }), { dry: true }, editor);
    expect(report.warnings).toEqual([
      expect.objectContaining({ field: 'lieuExecution.code', value: '26362', message: expect.stringMatching(/département 26, not 30/) }),
    ]);
  });

  it('checks subcontracting acts like the rest: every required field, and modifications that name a published act', async () => {
    const record = JSON.parse(fixture('decp-2024-official.json')).marches.marche[0];
    const act = record.actesSousTraitance[0].acteSousTraitance;
    const bad = {
      ...record,
      id: 'ACTS-1',
      actesSousTraitance: [{ acteSousTraitance: { ...act, variationPrix: undefined, montant: 'NC' } }],
      modificationsActesSousTraitance: [
        {
          modificationActeSousTraitance: {
            id: 9,
            dateNotificationModificationSousTraitance: '2024-09-02',
            datePublicationDonnees: '2024-09-10',
          },
        },
      ],
    };
    const report = await importDecp(subgraph, JSON.stringify({ marches: { marche: [bad] } }), { dry: true }, editor);
    expect(report.errors.map((e) => [e.field, e.value])).toEqual(
      expect.arrayContaining([
        ['actesSousTraitance[0].montant', 'NC'],
        ['actesSousTraitance[0].variationPrix', null],
        ['modificationsActesSousTraitance[0].id', '9'],
      ]),
    );
    expect(report.created).toBe(0);
  });

  it('a background job imports extracted records with progress, in one all-or-nothing run', async () => {
    const { records, setAside } = extractRecords(parseDecpText(fixture('decp-consolidated-mixed.json')));
    const progress: Array<[number, number]> = [];
    const importer = new DecpImportService(subgraph.dataSource);
    const context = { identity: editor, requestId: 'job', loaders: {} };
    const options = {
      authority: '30',
      skipInvalidRecords: false,
      dryRun: true,
      onProgress: (done: number, total: number) => progress.push([done, total]),
    };
    const report = await importer.importRecords(context, records, options, setAside);
    expect(progress.at(-1)).toEqual([8, 8]);
    expect(report).toMatchObject({ applied: false, records: 8, ignoredConcessions: 1 });
  });

  it('refuses, row by row, a buyer whose SIRET is a local authority of another département', async () => {
    const record = JSON.parse(fixture('decp-2024-official.json')).marches.marche[1];
    const drome = withLuhnDigit(`${withLuhnDigit('22260001')}0001`);
    const nimes = withLuhnDigit(`${withLuhnDigit('21300189')}0001`);
    const file = {
      marches: {
        marche: [
          { ...record, id: 'DROME-1', acheteur: { id: drome } },
          { ...record, id: 'NIMES-1', acheteur: { id: nimes } },
        ],
      },
    };
    const report = await importDecp(subgraph, JSON.stringify(file), { dry: true }, editor);
    expect(report.errors).toEqual([
      expect.objectContaining({
        decpId: 'DROME-1',
        field: 'acheteur.id',
        message: expect.stringMatching(/local authority of département 26, not 30/),
      }),
    ]);
    expect(report.created).toBe(1);
  });

  it('every export validates against the official schema, leaving out and naming what it could not publish', async () => {
    // a contract entered without what the 2024 format requires (no price form)
    await subgraph.dataSource.query(
      `INSERT INTO procurement.contract (buyer_id, authority_code, decp_id, nature, object, cpv_code, procedure, duration_months,
         notified_on, amount,
         current_amount, current_duration_months, social_considerations, environmental_considerations, techniques)
       SELECT b.id, '30', 'INCOMPLETE-1', 'MARCHE', 'Sans forme de prix', '45000000-7', 'ADAPTED', 12, '2025-02-01', 50000, 50000, 12,
         '{NONE}', '{NONE}', '{NOT_APPLICABLE}'
       FROM procurement.buyer b WHERE b.siret = $1`,
      [sirets.buyerOfficialJson],
    );
    const file = await exportOf('JSON');
    expect(jsonSchemaErrors(JSON.parse(file.content))).toEqual([]);
    expect(file.omitted).toEqual([
      expect.objectContaining({ decpId: 'INCOMPLETE-1', missing: expect.arrayContaining(['formePrix', 'offresRecues']) }),
    ]);
    expect(await xsdErrors((await exportOf('XML')).content)).toEqual([]);
  });
});
