// The DECP import: field-by-field validation, idempotency on buyer SIRET + id, modifications applied, junk reported
// with position and reason, all or nothing unless asked to skip, dry runs, and the other shapes of DECP files.
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { procurementSubgraph } from '../src';
import { readRecord } from '../src/decp/decp-read';
import { countRows, decpFile, decpRecord, importDecp, ok, onlyError, siretFor, IMPORT } from './factories';

describe('DECP import', () => {
  let subgraph: TestSubgraph;
  const editor = staff('editor', ['30']);
  let buyerCounter = 0;
  /** A fresh buyer SIRET per test, so tests share no contracts. */
  const newBuyer = () => siretFor(500_000 + ++buyerCounter);

  beforeAll(async () => {
    subgraph = await startTestSubgraph(procurementSubgraph);
  });
  afterAll(() => subgraph?.close());

  async function stored(buyerSiret: string) {
    return ok(
      await subgraph.request(
        `query ($siret: String!) { buyers(first: 1, filter: { siret: $siret }) { nodes { id name authorityCode } } }`,
        { siret: buyerSiret },
      ),
    ).buyers.nodes[0];
  }

  async function contractsOf(buyerId: string) {
    return ok(
      await subgraph.request(
        `query ($b: [ID!]) { contracts(first: 100, filter: { buyerIds: $b }, orderBy: { field: AMOUNT, direction: ASC }) { totalCount nodes {
          decpId version amount currentAmount durationMonths currentDurationMonths notifiedOn publishedOn nature procedure techniques executionModes ccag
          priceForm priceTypes socialConsiderations environmentalConsiderations reservedBasis placeOfExecution { code typeCode }
          awardees { idType identifier name current } currentAwardees { identifier } modifications { decpId notifiedOn publishedOn amount durationMonths awardees { identifier } } } } }`,
        { b: [buyerId] },
      ),
    ).contracts;
  }

  it('imports a valid 2024 file, maps every French value to its enum, and creates the unknown buyer', async () => {
    const buyer = newBuyer();
    const records = [
      decpRecord(buyer, { id: 'V1', acheteur: { id: buyer, nom: 'Département du Gard' } }),
      decpRecord(buyer, {
        id: 'V2',
        montant: '120000.50',
        procedure: "Appel d'offres ouvert",
        ccag: "Maitrise d'œuvre",
        techniques: { technique: ['Accord-cadre', 'Enchère électronique'] },
        modalitesExecution: { modaliteExecution: ['Bons de commande', 'Tranches'] },
        formePrix: 'Unitaire',
        typesPrix: { typePrix: ['Définitif ferme', 'Provisoire'] },
        considerationsSociales: { considerationSociale: ['Critère social', 'Marché réservé'] },
        considerationsEnvironnementales: { considerationEnvironnementale: ['Clause environnementale', 'Critère environnemental'] },
        lieuExecution: { code: '30', typeCode: 'Code département' },
        titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: '356 000 000 00010' } }, { titulaire: { typeIdentifiant: 'TVA', id: 'FR40303265045' } }],
      }),
    ];
    const report = await importDecp(subgraph, decpFile(records), {}, editor);
    expect(report).toMatchObject({ applied: true, records: 2, created: 2, updated: 0, unchanged: 0, errors: [], buyersCreated: 1, legacyRecords: 0 });
    const buyerRow = await stored(buyer);
    expect(buyerRow).toMatchObject({ name: 'Département du Gard', authorityCode: '30' });
    const { nodes } = await contractsOf(buyerRow.id);
    expect(nodes[0]).toMatchObject({ decpId: 'V2', amount: 120000.5, procedure: 'OPEN_TENDER', ccag: 'PROJECT_MANAGEMENT', priceForm: 'UNIT' });
    expect(nodes[0].techniques).toEqual(['FRAMEWORK_AGREEMENT', 'ELECTRONIC_AUCTION']);
    expect(nodes[0].executionModes).toEqual(['TRANCHES', 'PURCHASE_ORDERS']);
    expect(nodes[0].priceTypes).toEqual(['FIRM', 'PROVISIONAL']);
    expect(nodes[0].socialConsiderations).toEqual(['SOCIAL_CRITERION', 'RESERVED_CONTRACT']);
    expect(nodes[0].environmentalConsiderations).toEqual(['ENVIRONMENTAL_CLAUSE', 'ENVIRONMENTAL_CRITERION']);
    expect(nodes[0].placeOfExecution).toEqual({ code: '30', typeCode: 'DEPARTEMENT' });
    expect(nodes[0].awardees.map((a: any) => `${a.idType}:${a.identifier}`)).toEqual(['SIRET:35600000000010', 'TVA:FR40303265045']);
    expect(nodes[1]).toMatchObject({ decpId: 'V1', amount: 250000, nature: 'MARCHE', procedure: 'ADAPTED', ccag: 'WORKS', socialConsiderations: ['SOCIAL_CLAUSE'], environmentalConsiderations: ['NONE'] });
    const [{ count }] = await subgraph.dataSource.query(`SELECT count(*)::int AS count FROM procurement.audit_log WHERE action = 'import' AND who = 'staff:user-editor-30'`);
    expect(count).toBe(3); // two contracts and the buyer
  });

  it('is idempotent: the same file again changes nothing; a later publication with a modification applies it, never duplicating', async () => {
    const buyer = newBuyer();
    const first = decpRecord(buyer, { id: 'IDEM-1', montant: 100000, dureeMois: 12 });
    const other = decpRecord(buyer, { id: 'IDEM-2' });
    expect(await importDecp(subgraph, decpFile([first, other]), {}, editor)).toMatchObject({ applied: true, created: 2 });
    const auditBefore = await countRows(subgraph.dataSource, 'audit_log');
    expect(await importDecp(subgraph, decpFile([first, other]), {}, editor)).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 2 });
    expect(await countRows(subgraph.dataSource, 'audit_log')).toBe(auditBefore);

    const newAwardee = siretFor(8);
    const modified = {
      ...first,
      modifications: [
        {
          modification: {
            id: 1,
            dateNotificationModification: '2025-06-01',
            datePublicationDonneesModification: '2025-06-05',
            montant: 115000,
            dureeMois: 18,
            titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: newAwardee } }],
          },
        },
      ],
    };
    expect(await importDecp(subgraph, decpFile([modified, other]), {}, editor)).toMatchObject({ applied: true, created: 0, updated: 1, unchanged: 1 });
    // some publishers send only the new modification with the contract: the stored one is kept, the new one appended
    const second = { ...first, modifications: [{ modification: { id: 2, dateNotificationModification: '2025-09-01', datePublicationDonneesModification: '2025-09-04', montant: 120000 } }] };
    expect(await importDecp(subgraph, decpFile([second]), {}, editor)).toMatchObject({ applied: true, updated: 1 });
    expect(await importDecp(subgraph, decpFile([second]), {}, editor)).toMatchObject({ applied: true, updated: 0, unchanged: 1 });

    const { totalCount, nodes } = await contractsOf((await stored(buyer)).id);
    expect(totalCount).toBe(2);
    const contract = nodes.find((c: any) => c.decpId === 'IDEM-1');
    expect(contract).toMatchObject({ amount: 100000, currentAmount: 120000, durationMonths: 12, currentDurationMonths: 18, version: 3 });
    expect(contract.modifications.map((m: any) => [m.decpId, m.amount, m.awardees.map((a: any) => a.identifier)])).toEqual([
      [1, 115000, [newAwardee]],
      [2, 120000, []],
    ]);
    expect(contract.currentAwardees.map((a: any) => a.identifier)).toEqual([newAwardee]);
    expect(contract.awardees.map((a: any) => a.current)).toEqual([false]);
    const [{ count }] = await subgraph.dataSource.query(`SELECT count(*)::int AS count FROM procurement.contract_modification m JOIN procurement.contract c ON c.id = m.contract_id WHERE c.decp_id = 'IDEM-1'`);
    expect(count).toBe(2);
  });

  it('keeps what the DECP does not carry (reserved basis, insertion hours, awardee names) when a file updates a contract', async () => {
    const buyer = newBuyer();
    const record = decpRecord(buyer, {
      id: 'KEEP-1',
      considerationsSociales: { considerationSociale: ['Marché réservé'] },
      titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: siretFor(9), denominationSociale: 'ESAT des Garrigues' } }],
    });
    await importDecp(subgraph, decpFile([record]), {}, editor);
    const id = (await subgraph.dataSource.query(`SELECT id, version FROM procurement.contract WHERE decp_id = 'KEEP-1'`))[0];
    ok(await subgraph.request(`mutation ($id: ID!, $v: Int!) { updateContract(id: $id, version: $v, input: { reservedBasis: L2113_12, insertionHoursPlanned: 400 }) { id } }`, { id: id.id, v: id.version }, editor));
    const withoutName = {
      ...record,
      titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: siretFor(9) } }],
      modifications: [{ modification: { id: 1, dateNotificationModification: '2025-06-01', datePublicationDonneesModification: '2025-06-03', montant: 260000 } }],
    };
    expect(await importDecp(subgraph, decpFile([withoutName]), {}, editor)).toMatchObject({ updated: 1 });
    const [contract] = (await contractsOf((await stored(buyer)).id)).nodes;
    expect(contract).toMatchObject({ amount: 250000, currentAmount: 260000, reservedBasis: 'L2113_12' });
    expect(contract.awardees[0].name).toBe('ESAT des Garrigues');
  });

  it('reports every junk record with its position, field, value and reason, and writes nothing', async () => {
    const buyer = newBuyer();
    const good = decpRecord(buyer, { id: 'GOOD-1' });
    const junk = [
      decpRecord(buyer, { id: 'NC-1', montant: 'NC' }),
      decpRecord(buyer, { id: 'BIG-1', montant: 1e17 }),
      decpRecord(buyer, { id: 'OLD-1', dateNotification: '2024-05-02', datePublicationDonnees: '1924-05-10' }),
      decpRecord(buyer, { id: 'FUT-1', datePublicationDonnees: '2054-05-10' }),
      decpRecord(buyer, { id: 'NOAW-1', titulaires: [] }),
      decpRecord(buyer, { id: 'NOAW-2', titulaires: undefined }),
      decpRecord(buyer, { id: 'CPV-1', codeCPV: '4523314' }),
      decpRecord(buyer, { id: 'ENUM-1', procedure: 'Procédure magique', considerationsSociales: { considerationSociale: ['Clause solidaire'] } }),
      decpRecord(buyer, { id: 'SIRET-1', titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: '12345678901234' } }] }),
      'not a contract',
    ];
    const file = decpFile([good, ...junk]);
    const report = await importDecp(subgraph, file, {}, editor);
    expect(report).toMatchObject({ applied: false, records: 11, created: 1, skipped: 0 });
    const at = (index: number) => report.errors.filter((e) => e.index === index);
    expect(at(0)).toEqual([]);
    expect(at(1)).toEqual([expect.objectContaining({ path: '$.marches.marche[1]', decpId: 'NC-1', buyerSiret: buyer, field: 'montant', value: 'NC', message: expect.stringMatching(/not communicated/) })]);
    expect(at(2)).toEqual([expect.objectContaining({ decpId: 'BIG-1', field: 'montant', value: '100000000000000000', message: expect.stringMatching(/ceiling/) })]);
    expect(at(3)).toEqual([expect.objectContaining({ field: 'datePublicationDonnees', value: '1924-05-10', message: expect.stringMatching(/before 2016-04-01/) })]);
    expect(at(4)).toEqual([expect.objectContaining({ field: 'datePublicationDonnees', value: '2054-05-10', message: expect.stringMatching(/in the future/) })]);
    expect(at(5)).toEqual([expect.objectContaining({ field: 'titulaires', message: expect.stringMatching(/at least one awardee/) })]);
    expect(at(6)).toEqual([expect.objectContaining({ field: 'titulaires', message: expect.stringMatching(/at least one awardee/) })]);
    expect(at(7)).toEqual([expect.objectContaining({ field: 'codeCPV', value: '4523314', message: expect.stringMatching(/not a CPV code/) })]);
    expect(at(8).map((e) => [e.field, e.value]).sort()).toEqual([
      ['considerationsSociales', 'Clause solidaire'],
      ['procedure', 'Procédure magique'],
    ]);
    expect(at(9)).toEqual([expect.objectContaining({ field: 'titulaires[0].id', value: '12345678901234', message: expect.stringMatching(/Luhn/) })]);
    expect(at(10)).toEqual([expect.objectContaining({ path: '$.marches.marche[10]', decpId: null, field: null, message: expect.stringMatching(/not a contract/) })]);
    // all or nothing: the good record is not written either, nor its buyer
    expect(await stored(buyer)).toBeUndefined();
  });

  it('with skipInvalidRecords, writes the good records and reports the bad ones', async () => {
    const buyer = newBuyer();
    const report = await importDecp(subgraph, decpFile([decpRecord(buyer, { id: 'S-1' }), decpRecord(buyer, { id: 'S-2', montant: 'NC' }), decpRecord(buyer, { id: 'S-3' })]), { skip: true }, editor);
    expect(report).toMatchObject({ applied: true, records: 3, created: 2, skipped: 1 });
    expect(report.errors.map((e) => [e.index, e.decpId, e.field])).toEqual([[1, 'S-2', 'montant']]);
    expect((await contractsOf((await stored(buyer)).id)).nodes.map((c: any) => c.decpId).sort()).toEqual(['S-1', 'S-3']);
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const buyer = newBuyer();
    const before = await countRows(subgraph.dataSource, 'contract');
    const report = await importDecp(subgraph, decpFile([decpRecord(buyer, { id: 'D-1' }), decpRecord(buyer, { id: 'D-2' })]), { dry: true }, editor);
    expect(report).toMatchObject({ applied: false, dryRun: true, created: 2, buyersCreated: 1, errors: [] });
    expect(await countRows(subgraph.dataSource, 'contract')).toBe(before);
    expect(await stored(buyer)).toBeUndefined();
  });

  it('reads the other shapes: a bare list, {"marches": [...]}, a single "marche", flat lists, and counts concessions out', async () => {
    const buyer = newBuyer();
    const flat = decpRecord(buyer, {
      id: 'FLAT-1',
      techniques: undefined,
      technique: ['Concours'],
      considerationsSociales: ['Clause sociale'],
      considerationsEnvironnementales: ['Clause environnementale'],
      titulaires: [{ typeIdentifiant: 'SIRET', id: siretFor(11) }],
      modifications: [{ id: 1, dateNotificationModification: '2025-08-01', datePublicationDonneesModification: '2025-08-02', dureeMois: 9 }],
    });
    expect(await importDecp(subgraph, JSON.stringify([flat]), {}, editor)).toMatchObject({ applied: true, created: 1 });
    expect(await importDecp(subgraph, JSON.stringify({ marches: [decpRecord(buyer, { id: 'ARR-1' }), { _type: 'Contrat de concession', id: 'CC-1' }] }), {}, editor)).toMatchObject({
      applied: true,
      created: 1,
      ignoredConcessions: 1,
    });
    expect(await importDecp(subgraph, JSON.stringify({ marches: { marche: decpRecord(buyer, { id: 'ONE-1' }), 'contrat-concession': [{ id: 'CC-2' }] } }), {}, editor)).toMatchObject({
      applied: true,
      created: 1,
      ignoredConcessions: 1,
    });
    const nodes = (await contractsOf((await stored(buyer)).id)).nodes;
    const flatStored = nodes.find((c: any) => c.decpId === 'FLAT-1');
    expect(flatStored).toMatchObject({ techniques: ['DESIGN_CONTEST'], socialConsiderations: ['SOCIAL_CLAUSE'], currentDurationMonths: 9 });
    expect(nodes.map((c: any) => c.decpId).sort()).toEqual(['ARR-1', 'FLAT-1', 'ONE-1']);
  });

  it('reads the 2019 format (nature and formePrix of the time, names, modifications without ids), and refuses what 2024 needs and it lacks', async () => {
    const buyer = newBuyer();
    const legacy = {
      id: '2019-007',
      uid: `${buyer}2019-007`,
      acheteur: { id: buyer, nom: 'Commune de Test' },
      nature: 'Accord-cadre',
      objet: 'Fourniture de repas',
      codeCPV: '55523100-3',
      procedure: 'Procédure concurrentielle avec négociation',
      lieuExecution: { code: '30189', typeCode: 'Code commune', nom: 'Nîmes' },
      dureeMois: 24,
      dateNotification: '2019-03-12+01:00',
      datePublicationDonnees: '2019-04-01',
      montant: 180000,
      formePrix: 'Ferme et actualisable',
      titulaires: [{ typeIdentifiant: 'SIRET', id: siretFor(12), denominationSociale: 'Restauration du Midi' }],
      modifications: [{ objetModification: 'Prolongation', dateSignatureModification: '2020-02-01', datePublicationDonneesModification: '2020-02-10', dureeMois: 30 }],
    };
    const read = readRecord({ index: 0, path: '$.marches[0]', value: legacy });
    expect(read).toMatchObject({ legacy: true, problems: [], buyerName: 'Commune de Test' });
    expect(read.fields).toMatchObject({ nature: 'MARCHE', techniques: ['FRAMEWORK_AGREEMENT'], procedure: 'NEGOTIATED', priceForm: null, priceTypes: ['ADJUSTABLE'], notifiedOn: '2019-03-12' });
    expect(read.awardees[0].name).toBe('Restauration du Midi');
    expect(read.modifications).toEqual([expect.objectContaining({ decpId: 1, notifiedOn: '2020-02-01', durationMonths: 30 })]);
    // the 2024 format added fields the 2019 one did not have: completed when asked, except the price form, which has no neutral value
    const report = await importDecp(subgraph, JSON.stringify({ marches: [legacy] }), { complete: true }, editor);
    expect(report).toMatchObject({ applied: false, created: 0, legacyRecords: 1 });
    expect(report.errors).toEqual([expect.objectContaining({ field: 'formePrix', message: expect.stringMatching(/2019 format did not have it.*no neutral value/) })]);
    // a record of the 2024 format missing what it added (as early 2024 exports were) is completed whole
    const withForm = {
      ...legacy,
      nature: 'Marché',
      formePrix: 'Unitaire',
      typesPrix: { typePrix: ['Définitif actualisable'] },
      modifications: [{ modification: { id: 1, dateNotificationModification: '2020-02-01', datePublicationDonneesModification: '2020-02-10', dureeMois: 30 } }],
    };
    const done = await importDecp(subgraph, JSON.stringify({ marches: [withForm] }), { complete: true }, editor);
    expect(done).toMatchObject({ applied: true, created: 1, errors: [] });
    expect(done.warnings.filter((w) => /completed with/.test(w.message)).map((w) => w.field).sort()).toEqual(
      [
        'attributionAvance',
        'ccag',
        'considerationsEnvironnementales',
        'considerationsSociales',
        'marcheInnovant',
        'modalitesExecution',
        'offresRecues',
        'sousTraitanceDeclaree',
        'techniques',
        'typeGroupementOperateurs',
      ].sort(),
    );
    const [contract] = (await contractsOf((await stored(buyer)).id)).nodes;
    expect(contract).toMatchObject({ socialConsiderations: ['NONE'], environmentalConsiderations: ['NONE'], ccag: 'NONE', currentDurationMonths: 30 });
  });

  it('merges a contract published twice in one file, and keeps contracts of different buyers with the same id apart', async () => {
    const a = newBuyer();
    const b = newBuyer();
    const base = decpRecord(a, { id: 'TWICE' });
    const again = { ...base, modifications: [{ modification: { id: 1, dateNotificationModification: '2025-07-01', datePublicationDonneesModification: '2025-07-02', montant: 300000 } }] };
    const report = await importDecp(subgraph, decpFile([base, again, decpRecord(b, { id: 'TWICE' })]), {}, editor);
    expect(report).toMatchObject({ applied: true, records: 3, created: 2, buyersCreated: 2 });
    expect((await contractsOf((await stored(a)).id)).nodes).toEqual([expect.objectContaining({ decpId: 'TWICE', currentAmount: 300000 })]);
    expect((await contractsOf((await stored(b)).id)).totalCount).toBe(1);
  });

  it('refuses a buyer of another authority, record by record', async () => {
    const drome = newBuyer();
    await importDecp(subgraph, decpFile([decpRecord(drome, { id: 'DR-1' })]), { authority: '26' });
    const report = await importDecp(subgraph, decpFile([decpRecord(drome, { id: 'DR-2' })]), {}, editor);
    expect(report.errors).toEqual([expect.objectContaining({ index: 0, field: 'acheteur.id', message: expect.stringMatching(/authority 26, not 30/) })]);
    expect(report.applied).toBe(false);
  });

  it('refuses what is not a DECP file with a BAD_USER_INPUT on json', async () => {
    for (const json of ['{"marches": ', '{"contracts": []}', '{"marches": {"marche": []}}', '"text"']) {
      const result = await subgraph.request(IMPORT, { json, authority: '30' }, editor);
      expect(onlyError(result).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'json' });
    }
    expect(onlyError(await subgraph.request(IMPORT, { json: decpFile([]), authority: '99' }, editor)).extensions).toMatchObject({ field: 'authority' });
  });
});
