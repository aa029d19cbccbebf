// Search of plans and actions by words in their title or description: accents and case optional, word prefixes,
// French plural and singular alike, combined with the other filters, through the GIN index on a generated tsvector.
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { plansSubgraph } from '../src';
import { createAction, createPlan, ok, planWithAxis, updateAction } from './factories';

describe('search of plans and actions', () => {
  let subgraph: TestSubgraph;
  let planId: string;
  let otherPlanId: string;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(plansSubgraph);
    const { plan, axis } = await planWithAxis(subgraph, { title: 'Schéma de l’Économie Zéphyrine', summary: 'Coopérations rurales' });
    planId = plan.id;
    await createAction(subgraph, axis.id, { title: 'Épicerie zéphyrine solidaire', description: 'Circuits courts' });
    await createAction(subgraph, axis.id, { title: 'Tiers-lieu zéphyrin', description: 'Mobilité partagée en ÉCONOMIE circulaire', status: 'DONE', progress: 100 });
    await createAction(subgraph, axis.id, { title: 'Autre chose', description: null });
    const other = await planWithAxis(subgraph, { title: 'Plan zéphyrin bis', authorities: ['26'] });
    otherPlanId = other.plan.id;
    await createAction(subgraph, other.axis.id, { title: 'Épiceries zéphyrines mobiles' });
  });
  afterAll(() => subgraph?.close());

  async function actionTitles(filter: Record<string, unknown>): Promise<string[]> {
    const { actions } = ok(await subgraph.request(`query ($f: ActionFilter) { actions(first: 50, filter: $f) { totalCount nodes { title } } }`, { f: filter }));
    expect(actions.totalCount).toBe(actions.nodes.length);
    return actions.nodes.map((a: { title: string }) => a.title).sort();
  }

  async function planTitles(filter: Record<string, unknown>): Promise<string[]> {
    const { plans } = ok(await subgraph.request(`query ($f: PlanFilter) { plans(first: 50, filter: $f) { nodes { title } } }`, { f: filter }));
    return plans.nodes.map((p: { title: string }) => p.title).sort();
  }

  it('finds actions by a word of the title typed without accents or capitals, and by prefixes', async () => {
    expect(await actionTitles({ search: 'EPICERIE zephyr' })).toEqual(['Épicerie zéphyrine solidaire', 'Épiceries zéphyrines mobiles']);
    expect(await actionTitles({ search: 'épic' })).toEqual(['Épicerie zéphyrine solidaire', 'Épiceries zéphyrines mobiles']);
    expect(await actionTitles({ search: 'zephyrin' })).toHaveLength(3);
  });

  it('finds actions by a word of the description, and combines with the other filters', async () => {
    expect(await actionTitles({ search: 'economie circulaire' })).toEqual(['Tiers-lieu zéphyrin']);
    expect(await actionTitles({ search: 'zephyrin', planId })).toEqual(['Tiers-lieu zéphyrin', 'Épicerie zéphyrine solidaire']);
    expect(await actionTitles({ search: 'zephyrin', authorities: ['26'] })).toEqual(['Épiceries zéphyrines mobiles']);
    expect(await actionTitles({ search: 'zephyrin', statuses: ['DONE'] })).toEqual(['Tiers-lieu zéphyrin']);
    expect(await actionTitles({ search: 'introuvablezz' })).toEqual([]);
  });

  it('follows edits (the tsvector is generated) and ignores punctuation-only input', async () => {
    const [action] = ok(await subgraph.request(`{ actions(first: 1, filter: { search: "autre chose" }) { nodes { id version } } }`)).actions.nodes;
    ok(await updateAction(subgraph, action.id, action.version, { description: 'Garde d’enfants à horaires atypiques' }));
    expect(await actionTitles({ search: 'HORAIRE atypique' })).toEqual(['Autre chose']);
    const all = await actionTitles({ planId });
    expect(await actionTitles({ planId, search: ' - ’ ' })).toEqual(all);
  });

  it('finds plans by title or summary, accents optional', async () => {
    expect(await planTitles({ search: 'economie zephyrine' })).toEqual(['Schéma de l’Économie Zéphyrine']);
    expect(await planTitles({ search: 'cooperation rurale' })).toEqual(['Schéma de l’Économie Zéphyrine']);
    expect(await planTitles({ search: 'zephyrin' })).toEqual(['Plan zéphyrin bis', 'Schéma de l’Économie Zéphyrine']);
    expect(await planTitles({ search: 'zephyrin', authorities: ['26'] })).toEqual(['Plan zéphyrin bis']);
    expect(otherPlanId).toBeDefined();
    await createPlan(subgraph, { title: 'Sans rapport' });
    expect(await planTitles({ search: 'rapport' })).toEqual(['Sans rapport']);
  });

  it('rejects a search longer than 200 characters on its field', async () => {
    const result = await subgraph.request(`query ($s: String) { actions(first: 1, filter: { search: $s }) { totalCount } }`, { s: 'x'.repeat(201) });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('uses the GIN index', async () => {
    await subgraph.dataSource.query('SET enable_seqscan = off');
    try {
      const plan = await subgraph.dataSource.query(`EXPLAIN SELECT id FROM plans.action WHERE search @@ to_tsquery('plans.french_unaccent', 'epicerie:*')`);
      expect(JSON.stringify(plan)).toContain('action_search_idx');
    } finally {
      await subgraph.dataSource.query('SET enable_seqscan = on');
    }
  });
});
