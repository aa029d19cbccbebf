// Each filter of the actor list keeps exactly the actors it names, alone and together.
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph } from '../src';
import { addMember, createActor, createNetwork, daysAgo, ok, onlyError, updateActor } from './factories';

const LIST = `query ($filter: ActorFilter) { actors(first: 100, filter: $filter) { totalCount nodes { name esus { valid expiresOn } } } }`;

describe('actor filters', () => {
  let subgraph: TestSubgraph;
  let networkId: string;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
    const create = (input: Record<string, unknown>) => createActor(subgraph, input);
    await create({ name: 'Asso Nîmes', essMember: true, legalFormCode: '9220', communeCode: '30189', sectors: ['Action sociale', 'Petite enfance'] });
    await create({ name: 'SCOP Alès', essMember: true, legalFormCode: '5458', communeCode: '30007', sectors: ['mobilité'], esusApprovedOn: daysAgo(365) });
    await create({ name: 'SAS hors ESS', legalFormCode: '5710', essMember: false, communeCode: '30189' });
    await create({ name: 'SAS ESUS expiré', essMember: true, legalFormCode: '5710', communeCode: '26362', esusApprovedOn: daysAgo(6 * 365 + 2), inclusionType: 'EI' });
    await create({ name: 'ESAT Valence', essMember: true, legalFormCode: '9220', communeCode: '26362', inclusionType: 'ESAT', sectors: ['handicap'] });
    await create({ name: 'EA Privas', essMember: true, legalFormCode: '5710', communeCode: '07186', inclusionType: 'EA', esusApprovedOn: daysAgo(4 * 365) });
    await create({ name: 'Mutuelle Ajaccio', essMember: true, legalFormCode: '8210', communeCode: '2A004', authority: '2A' });
    // Created without an ESS status: UNKNOWN, which is not ESS.
    const ceased = await create({ name: 'Coop cessée', legalFormCode: '6317', communeCode: '07010' });
    ok(await updateActor(subgraph, ceased.id, ceased.version, { status: 'CEASED' }));

    const network = await createNetwork(subgraph, { name: 'Réseau filtre', kind: 'OTHER' });
    networkId = network.id;
    const { actors } = ok(await subgraph.request<{ actors: { nodes: Array<{ id: string; name: string }> } }>(`{ actors(first: 100) { nodes { id name } } }`));
    for (const actor of actors.nodes.filter((a) => ['Asso Nîmes', 'EA Privas'].includes(a.name))) ok(await addMember(subgraph, networkId, actor.id));
  });
  afterAll(() => subgraph?.close());

  async function names(filter: Record<string, unknown> | null): Promise<string[]> {
    const { actors } = ok(await subgraph.request<{ actors: { totalCount: number; nodes: Array<{ name: string }> } }>(LIST, { filter }));
    expect(actors.totalCount).toBe(actors.nodes.length);
    return actors.nodes.map((n) => n.name).sort();
  }

  it('without filters lists every actor', async () => {
    expect(await names(null)).toHaveLength(8);
  });

  it('authorities', async () => {
    expect(await names({ authorities: ['07'] })).toEqual(['Coop cessée', 'EA Privas']);
    expect(await names({ authorities: ['26', '2A'] })).toEqual(['ESAT Valence', 'Mutuelle Ajaccio', 'SAS ESUS expiré']);
    expect(await names({ authorities: ['13'] })).toEqual([]);
  });

  it('legalFamilies', async () => {
    expect(await names({ legalFamilies: ['COOPERATIVE'] })).toEqual(['Coop cessée', 'SCOP Alès']);
    expect(await names({ legalFamilies: ['ESS_COMPANY', 'MUTUAL'] })).toEqual(['EA Privas', 'Mutuelle Ajaccio', 'SAS ESUS expiré']);
    expect(await names({ legalFamilies: ['OTHER'] })).toEqual(['SAS hors ESS']);
  });

  it('essMember', async () => {
    expect(await names({ essMember: false })).toEqual(['Coop cessée', 'SAS hors ESS']);
    expect(await names({ essMember: true })).toHaveLength(6);
    expect(await names({ essStatuses: ['UNKNOWN'] })).toEqual(['Coop cessée']);
    expect(await names({ essStatuses: ['NOT_ESS'] })).toEqual(['SAS hors ESS']);
  });

  it('esus: a valid approval (within 5 years) vs none or expired, consistent with Actor.esus.valid', async () => {
    expect(await names({ esus: true })).toEqual(['EA Privas', 'SCOP Alès']);
    expect(await names({ esus: false })).toEqual(['Asso Nîmes', 'Coop cessée', 'ESAT Valence', 'Mutuelle Ajaccio', 'SAS ESUS expiré', 'SAS hors ESS']);
    const { actors } = ok(await subgraph.request<{ actors: { nodes: Array<{ name: string; esus: { valid: boolean; expiresOn: string } | null }> } }>(LIST, {}));
    const esus = Object.fromEntries(actors.nodes.map((a) => [a.name, a.esus]));
    expect(esus['EA Privas']?.valid).toBe(true);
    expect(esus['SCOP Alès']?.valid).toBe(true);
    expect(esus['SAS ESUS expiré']?.valid).toBe(false);
    expect(esus['SAS ESUS expiré']!.expiresOn < new Date().toISOString().slice(0, 10)).toBe(true);
    expect(esus['Asso Nîmes']).toBeNull();
  });

  it('inclusionTypes', async () => {
    expect(await names({ inclusionTypes: ['EA', 'ESAT'] })).toEqual(['EA Privas', 'ESAT Valence']);
    expect(await names({ inclusionTypes: ['EI'] })).toEqual(['SAS ESUS expiré']);
    expect(await names({ inclusionTypes: ['NONE'] })).toHaveLength(5);
  });

  it('networkId', async () => {
    expect(await names({ networkId })).toEqual(['Asso Nîmes', 'EA Privas']);
    expect(await names({ networkId: '00000000-0000-4000-8000-000000000000' })).toEqual([]);
    expect(onlyError(await subgraph.request(LIST, { filter: { networkId: 'nope' } })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.networkId' });
  });

  it('communeCodes', async () => {
    expect(await names({ communeCodes: ['30189'] })).toEqual(['Asso Nîmes', 'SAS hors ESS']);
    expect(await names({ communeCodes: ['2A004', '07186'] })).toEqual(['EA Privas', 'Mutuelle Ajaccio']);
  });

  it('sector, whatever the case typed', async () => {
    expect(await names({ sector: 'petite enfance' })).toEqual(['Asso Nîmes']);
    expect(await names({ sector: 'Mobilité' })).toEqual(['SCOP Alès']);
    expect(await names({ sector: ' HANDICAP ' })).toEqual(['ESAT Valence']);
    expect(await names({ sector: 'culture' })).toEqual([]);
  });

  it('status', async () => {
    expect(await names({ status: 'CEASED' })).toEqual(['Coop cessée']);
    expect(await names({ status: 'ACTIVE' })).toHaveLength(7);
  });

  it('filters combine (all must hold)', async () => {
    expect(await names({ authorities: ['30'], legalFamilies: ['ESS_COMPANY', 'OTHER', 'COOPERATIVE'], essMember: true })).toEqual(['SCOP Alès']);
    expect(await names({ authorities: ['07'], status: 'ACTIVE', esus: true, inclusionTypes: ['EA'], networkId })).toEqual(['EA Privas']);
    expect(await names({ authorities: ['07'], status: 'CEASED', networkId })).toEqual([]);
  });

  it('empty lists filter nothing', async () => {
    expect(await names({ authorities: [], legalFamilies: [], inclusionTypes: [], communeCodes: [] })).toHaveLength(8);
  });
});
