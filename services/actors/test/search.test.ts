// French full-text search over names, descriptions and communes: accents optional, prefixes, plural and singular alike.
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph } from '../src';
import { archiveActor, createActor, ok, onlyError } from './factories';

const SEARCH = `query ($filter: ActorFilter) { actors(first: 100, filter: $filter) { totalCount nodes { name } } }`;

describe('actor search', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
    const actors: Array<Record<string, unknown>> = [
      { name: "Maison de l'Économie Sociale", authority: '30' },
      { name: 'Ferme ecologie paysanne', authority: '30', description: 'Maraichage sans pesticides' },
      { name: 'Réseau solidaire des Cévennes', authority: '30' },
      { name: 'Atelier vélo', authority: '26', description: 'Une coopérative de réparation de vélos, ouverte à tous.' },
      { name: 'Boulangerie du Vieux Moulin', authority: '26', description: 'Pain au levain.' },
      { name: 'Épicerie solidaire de Die', authority: '26', communeCode: '26113', communeName: 'Die' },
      { name: 'Jardin partagé', authority: '07', communeCode: '07010', communeName: 'Annonay' },
    ];
    for (const actor of actors) await createActor(subgraph, actor);
    const archived = await createActor(subgraph, { name: 'Ancienne économie circulaire', authority: '30' });
    await archiveActor(subgraph, archived.id, archived.version);
  });
  afterAll(() => subgraph?.close());

  async function names(filter: Record<string, unknown>): Promise<string[]> {
    const { actors } = ok(await subgraph.request<{ actors: { totalCount: number; nodes: Array<{ name: string }> } }>(SEARCH, { filter }));
    expect(actors.totalCount).toBe(actors.nodes.length);
    return actors.nodes.map((n) => n.name).sort();
  }

  it('finds "Économie" when typed without accent or capital', async () => {
    expect(await names({ search: 'economie' })).toEqual(["Maison de l'Économie Sociale"]);
  });

  it('finds "ecologie" when typed with accents', async () => {
    expect(await names({ search: 'écologie' })).toEqual(['Ferme ecologie paysanne']);
    expect(await names({ search: 'ÉCOLOGIE' })).toEqual(['Ferme ecologie paysanne']);
  });

  it('finds words by their beginning ("solid" finds "solidaire")', async () => {
    expect(await names({ search: 'solid' })).toEqual(['Réseau solidaire des Cévennes', 'Épicerie solidaire de Die']);
    expect(await names({ search: 'cev' })).toEqual(['Réseau solidaire des Cévennes']);
  });

  it('matches plural and singular forms (stemming): "coopératives" finds "coopérative" in a description', async () => {
    expect(await names({ search: 'coopératives' })).toEqual(['Atelier vélo']);
    expect(await names({ search: 'velos' })).toEqual(['Atelier vélo']);
  });

  it('searches descriptions and commune names, not only names', async () => {
    expect(await names({ search: 'levain' })).toEqual(['Boulangerie du Vieux Moulin']);
    expect(await names({ search: 'annonay' })).toEqual(['Jardin partagé']);
    expect(await names({ search: 'maraichage' })).toEqual(['Ferme ecologie paysanne']);
  });

  it('requires every word typed', async () => {
    expect(await names({ search: 'épicerie solid' })).toEqual(['Épicerie solidaire de Die']);
    expect(await names({ search: 'solidaire boulangerie' })).toEqual([]);
  });

  it('finds nothing for a word no actor has', async () => {
    expect(await names({ search: 'astronomie' })).toEqual([]);
  });

  it('combines the search with the other filters', async () => {
    expect(await names({ search: 'solidaire', authorities: ['26'] })).toEqual(['Épicerie solidaire de Die']);
    expect(await names({ search: 'solidaire', authorities: ['07'] })).toEqual([]);
  });

  it('hides archived actors unless includeArchived is set', async () => {
    expect(await names({ search: 'circulaire' })).toEqual([]);
    expect(await names({ search: 'économie' })).toEqual(["Maison de l'Économie Sociale"]);
    expect(await names({ search: 'économie', includeArchived: true })).toEqual(['Ancienne économie circulaire', "Maison de l'Économie Sociale"]);
  });

  it('treats query syntax as plain text instead of failing', async () => {
    for (const search of ["solid & | ! ( ) : * '", 'solidaire:*', '\\solidaire']) {
      const result = await subgraph.request(SEARCH, { filter: { search } });
      expect(result.errors).toBeUndefined();
    }
    expect(await names({ search: '!!!' })).toHaveLength(7);
  });

  it('a search of only common words does not fail', async () => {
    const result = await subgraph.request(SEARCH, { filter: { search: 'le la de' } });
    expect(result.errors).toBeUndefined();
  });

  it('refuses a search longer than 200 characters', async () => {
    expect(onlyError(await subgraph.request(SEARCH, { filter: { search: 'a'.repeat(201) } })).extensions?.code).toBe('BAD_USER_INPUT');
  });
});
