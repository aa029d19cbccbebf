// Small factories for the procurement tests: data built through the GraphQL API (as users would) or plain SQL (for volume).
import { demoId, withLuhnDigit, type Identity } from '@ess/kit';
import { SYSTEM, type GraphQLResult, type TestSubgraph } from '@ess/kit/testing';
import type { DataSource } from 'typeorm';

export { SYSTEM };

/** A valid SIRET, different for every n (SIREN 6xxxxxxxx, NIC 0001x). */
export function siretFor(n: number): string {
  const siren = withLuhnDigit(`6${String(n).padStart(7, '0')}`);
  return withLuhnDigit(`${siren}0001`);
}

export function ok<T = Record<string, any>>(result: GraphQLResult<T>): T {
  if (result.errors?.length || !result.data) throw new Error(`Unexpected GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
  return result.data;
}

export function onlyError(result: GraphQLResult): { message: string; path?: string[]; extensions?: Record<string, any> } {
  expect(result.errors).toHaveLength(1);
  return result.errors![0];
}

/** The field paths of a BAD_USER_INPUT error. */
export function badFields(result: GraphQLResult): string[] {
  const error = onlyError(result);
  expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  return (error.extensions?.fields as Array<{ field: string }>).map((f) => f.field);
}

export interface BuyerRow {
  id: string;
  siret: string;
  name: string;
  authorityCode: string;
  version: number;
}

let buyerCounter = 0;

export async function createBuyer(subgraph: TestSubgraph, input: { authority?: string; siret?: string; name?: string } = {}, identity: Identity = SYSTEM): Promise<BuyerRow> {
  buyerCounter++;
  const result = await subgraph.request<{ createBuyer: BuyerRow }>(
    `mutation ($input: CreateBuyerInput!) { createBuyer(input: $input) { id siret name authorityCode version } }`,
    { input: { authority: input.authority ?? '30', siret: input.siret ?? siretFor(900_000 + buyerCounter + Math.floor(Math.random() * 50_000)), name: input.name ?? `Acheteur ${buyerCounter}` } },
    identity,
  );
  return ok(result).createBuyer;
}

export const CONTRACT_FIELDS = `id decpId version authorityCode nature object cpvCode procedure techniques executionModes ccag amount currentAmount
  durationMonths currentDurationMonths notifiedOn publishedOn socialConsiderations environmentalConsiderations reservedBasis
  insertionHoursPlanned insertionHoursAchieved hasSocialConsideration hasEnvironmentalConsideration reserved
  placeOfExecution { code typeCode } awardees { idType identifier name current } currentAwardees { identifier }
  modifications { decpId notifiedOn amount durationMonths awardees { identifier } }`;

/** A valid contract input; overrides replace fields. */
export function contractInput(buyerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    buyerId,
    decpId: `T${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    nature: 'MARCHE',
    object: 'Entretien des espaces verts',
    cpvCode: '77310000-6',
    procedure: 'ADAPTED',
    techniques: ['NOT_APPLICABLE'],
    executionModes: ['NOT_APPLICABLE'],
    ccag: 'SUPPLIES_AND_SERVICES',
    offersReceived: 3,
    innovative: false,
    advanceGranted: false,
    operatorGrouping: 'NONE',
    subcontractingDeclared: false,
    durationMonths: 24,
    notifiedOn: '2025-03-10',
    publishedOn: '2025-03-20',
    amount: 85_000,
    priceForm: 'LUMP_SUM',
    priceTypes: ['FIRM'],
    placeOfExecution: { code: '30189', typeCode: 'COMMUNE' },
    awardees: [{ idType: 'SIRET', identifier: siretFor(1), name: 'Titulaire 1' }],
    socialConsiderations: ['NONE'],
    environmentalConsiderations: ['NONE'],
    ...overrides,
  };
}

export interface ContractRow {
  id: string;
  decpId: string;
  version: number;
  [field: string]: any;
}

export async function createContract(subgraph: TestSubgraph, buyerId: string, overrides: Record<string, unknown> = {}, identity: Identity = SYSTEM): Promise<ContractRow> {
  const result = await subgraph.request<{ createContract: ContractRow }>(
    `mutation ($input: CreateContractInput!) { createContract(input: $input) { ${CONTRACT_FIELDS} } }`,
    { input: contractInput(buyerId, overrides) },
    identity,
  );
  return ok(result).createContract;
}

export function updateContract(subgraph: TestSubgraph, id: string, version: number, input: Record<string, unknown>, identity: Identity = SYSTEM) {
  return subgraph.request<{ updateContract: ContractRow }>(
    `mutation ($id: ID!, $version: Int!, $input: UpdateContractInput!) { updateContract(id: $id, version: $version, input: $input) { ${CONTRACT_FIELDS} } }`,
    { id, version, input },
    identity,
  );
}

export function addModification(subgraph: TestSubgraph, id: string, version: number, input: Record<string, unknown>, identity: Identity = SYSTEM) {
  return subgraph.request<{ addContractModification: ContractRow }>(
    `mutation ($id: ID!, $version: Int!, $input: ModificationInput!) { addContractModification(contractId: $id, version: $version, input: $input) { ${CONTRACT_FIELDS} } }`,
    { id, version, input },
    identity,
  );
}

/** A valid DECP 2024 record (wrapped lists, exact French values); overrides replace keys, `undefined` removes one. */
export function decpRecord(buyerSiret: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const record: Record<string, unknown> = {
    id: `R${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    acheteur: { id: buyerSiret },
    nature: 'Marché',
    objet: 'Travaux de réfection de chaussée',
    codeCPV: '45233140-2',
    techniques: { technique: ['Sans objet'] },
    modalitesExecution: { modaliteExecution: ['Sans objet'] },
    marcheInnovant: false,
    ccag: 'Travaux',
    offresRecues: 4,
    attributionAvance: false,
    tauxAvance: 0,
    typeGroupementOperateurs: 'Pas de groupement',
    sousTraitanceDeclaree: false,
    procedure: 'Procédure adaptée',
    lieuExecution: { code: '30189', typeCode: 'Code commune' },
    dureeMois: 6,
    dateNotification: '2025-04-02',
    datePublicationDonnees: '2025-04-10',
    montant: 250000,
    typesPrix: { typePrix: ['Définitif révisable'] },
    formePrix: 'Forfaitaire',
    titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: siretFor(7) } }],
    considerationsSociales: { considerationSociale: ['Clause sociale'] },
    considerationsEnvironnementales: { considerationEnvironnementale: ['Pas de considération environnementale'] },
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete record[key];
    else record[key] = value;
  }
  return record;
}

export const decpFile = (records: unknown[]) => JSON.stringify({ marches: { marche: records } });

export const IMPORT = `mutation ($json: String!, $authority: String!, $skip: Boolean, $dry: Boolean, $complete: Boolean) {
  importDecp(json: $json, authority: $authority, skipInvalidRecords: $skip, dryRun: $dry, completeMissing: $complete) {
    applied dryRun records created updated unchanged skipped ignoredConcessions legacyRecords buyersCreated summary
    errors { index path decpId buyerSiret field value message }
    warnings { index path decpId buyerSiret field value message }
  }
}`;

export interface ImportReport {
  applied: boolean;
  dryRun: boolean;
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  ignoredConcessions: number;
  legacyRecords: number;
  buyersCreated: number;
  summary: string;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

export interface ImportIssue {
  index: number;
  path: string;
  decpId: string | null;
  buyerSiret: string | null;
  field: string | null;
  value: string | null;
  message: string;
}

export async function importDecp(
  subgraph: TestSubgraph,
  json: string,
  options: { authority?: string; skip?: boolean; dry?: boolean; complete?: boolean } = {},
  identity: Identity = SYSTEM,
): Promise<ImportReport> {
  const variables = { json, authority: options.authority ?? '30', skip: options.skip, dry: options.dry, complete: options.complete };
  const result = await subgraph.request<{ importDecp: ImportReport }>(IMPORT, variables, identity);
  return ok(result).importDecp;
}

export async function syncEss(subgraph: TestSubgraph, actors: Array<{ siret: string; essMember: boolean; inclusionType?: string; actorId?: string; updatedAt?: string; removed?: boolean }>) {
  const result = await subgraph.request(
    `mutation ($actors: [EssActorInput!]!) { syncEssActors(actors: $actors) { received inserted updated unchanged removed stale } }`,
    { actors: actors.map((a) => ({ actorId: demoId(`test-actor:${a.siret}`), inclusionType: 'NONE', ...a })) },
  );
  return ok(result).syncEssActors;
}

export async function countRows(dataSource: DataSource, table: string): Promise<number> {
  const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM procurement.${table}`);
  return count;
}

/**
 * Inserts `n` contracts of a buyer in a few statements (bypassing the API: for volume), each with two awardees, one
 * modification that changes the awardees, and considerations; returns their ids in notification order.
 */
export async function insertContractsSql(dataSource: DataSource, buyer: { id: string; authorityCode: string }, n: number, options: { prefix?: string; year?: number } = {}): Promise<string[]> {
  const prefix = options.prefix ?? 'S';
  const year = options.year ?? 2025;
  const rows: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO procurement.contract (buyer_id, authority_code, decp_id, nature, object, cpv_code, procedure, duration_months, notified_on, amount,
       current_amount, current_duration_months, social_considerations, environmental_considerations, techniques)
     SELECT $1, $2, $3 || lpad(i::text, 5, '0'), 'MARCHE', 'Marché ' || i, '45000000-7', 'ADAPTED', 12,
       make_date($5, 1, 1) + (i % 300), 10000 + i, 11000 + i, 12,
       CASE WHEN i % 2 = 0 THEN ARRAY['SOCIAL_CLAUSE','SOCIAL_CRITERION'] ELSE ARRAY['NONE'] END,
       ARRAY['ENVIRONMENTAL_CLAUSE'], ARRAY['FRAMEWORK_AGREEMENT']
     FROM generate_series(1, $4) AS i
     RETURNING id`,
    [buyer.id, buyer.authorityCode, prefix, n, year],
  );
  const ids = rows.map((r) => r.id);
  await dataSource.query(
    `INSERT INTO procurement.contract_modification (contract_id, decp_modification_id, notified_on, amount)
     SELECT c.id, 1, c.notified_on + 30, c.current_amount FROM procurement.contract c WHERE c.id = ANY($1)`,
    [ids],
  );
  await dataSource.query(
    `INSERT INTO procurement.contract_awardee (contract_id, modification_id, position, id_type, identifier, name, is_current)
     SELECT c.id, NULL, p, 'SIRET', ($2::text[])[p + 1], 'Initial ' || p, false FROM procurement.contract c, generate_series(0, 1) AS p WHERE c.id = ANY($1)
     UNION ALL
     SELECT m.contract_id, m.id, 0, 'SIRET', ($2::text[])[3], 'Après avenant', true FROM procurement.contract_modification m WHERE m.contract_id = ANY($1)`,
    [ids, [siretFor(101), siretFor(102), siretFor(103)]],
  );
  return ids;
}
