// The demo data holds what the founding documents describe, references the demo actors of the registry, and loads once.
import { DEMO_AUTHORITIES, demoActor, demoId } from '@ess/kit';
import { ANONYMOUS, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { DEMO_PLAN_IDS, demoCallId, demoSpaserPlanId, plansSubgraph } from '../src';
import { ok } from './factories';

const PLAN = `query ($id: ID!) {
  plan(id: $id) {
    title status adoptedOn decidingBody kind { code label } authorities { code name officialName siret }
    axes { position title }
    actions(first: 100) { totalCount nodes {
      title status progress leadService parent { title } axis { position }
      callForCommons { id } spaserPlan { id } network { id }
      partners { id } milestones { title dueOn done }
      agreements(first: 10) { nodes { beneficiaryName beneficiarySiret actor { id } authority { code } amount status } }
    } }
    events(first: 10) { nodes { title kind heldOn place } }
    indicators(first: 10) { nodes { title tracking { status } } }
    progress { progress actionCount }
  }
}`;

describe('demo data', () => {
  let subgraph: TestSubgraph;
  let gard: any;
  let dromeArdeche: any;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(plansSubgraph, { seed: true });
    gard = ok(await subgraph.request(PLAN, { id: DEMO_PLAN_IDS.gard }, ANONYMOUS)).plan;
    dromeArdeche = ok(await subgraph.request(PLAN, { id: DEMO_PLAN_IDS.dromeArdeche }, ANONYMOUS)).plan;
  });
  afterAll(() => subgraph?.close());

  const action = (plan: any, start: string) => {
    const found = plan.actions.nodes.find((a: { title: string }) => a.title.startsWith(start));
    if (!found) throw new Error(`no action « ${start} »`);
    return found;
  };

  it('the Gard plan: adopted unanimously by the assembly on 8 March 2024, with its four axes', () => {
    expect(gard).toMatchObject({ status: 'IN_PROGRESS', adoptedOn: '2024-03-08', kind: { code: 'ESS_PLAN' } });
    expect(gard.decidingBody).toMatch(/assemblée départementale.*unanimité/i);
    // the same SIRET as procurement's demo buyer (one value per département, in the kit)
    expect(gard.authorities).toEqual([{ code: '30', name: 'Gard', officialName: 'Département du Gard', siret: DEMO_AUTHORITIES['30'].siret }]);
    expect(gard.axes).toEqual([
      { position: 1, title: 'Soutenir la coopération locale' },
      { position: 2, title: 'Promouvoir l’ESS' },
      { position: 3, title: 'Accompagner la structuration des acteurs clés de l’ESS' },
      { position: 4, title: 'Soutenir l’innovation sociale' },
    ]);
  });

  it('the call for commons: three co-construction workshops, the launch on 26 November 2024, two challenges as sub-actions', () => {
    const call = action(gard, 'Appel à communs');
    expect(call.callForCommons).toEqual({ id: demoCallId('gard-appel-a-communs') });
    expect(call.milestones.filter((m: { title: string }) => m.title.startsWith('Atelier de co-construction'))).toHaveLength(3);
    expect(call.milestones).toContainEqual({ title: expect.stringContaining('Lancement de l’appel à communs à Pont-du-Gard'), dueOn: '2024-11-26', done: true });
    expect(call.milestones).toContainEqual({ title: expect.stringContaining('titre expérimental'), dueOn: '2025-03-07', done: true });
    const challenges = gard.actions.nodes.filter((a: any) => a.parent?.title === 'Appel à communs');
    expect(challenges.map((a: any) => [a.title.slice(0, 7), a.axis.position])).toEqual([
      ['Défi 1 ', 1],
      ['Défi 2 ', 4],
    ]);
  });

  it('SPASER with the buyers’ workshop, the ESS-Gard network, the open-source platform, the SCIC stake, the agreements with key actors', () => {
    const spaser = action(gard, 'SPASER');
    expect(spaser.spaserPlan).toEqual({ id: demoSpaserPlanId('30') });
    expect(spaser.leadService).toBe('Direction des affaires juridiques, des achats et de la commande publique');
    expect(spaser.milestones[0].title).toMatch(/jurys de sélection/);
    expect(action(gard, 'Premier noyau du réseau ESS-Gard').network).toEqual({ id: demoId('network:ess-gard') });
    expect(action(gard, 'Plateforme numérique de l’ESS en logiciel libre').status).toBe('IN_PROGRESS');
    expect(action(gard, 'Prise de participation au capital de la SCIC').partners).toEqual([{ id: demoActor('scic-gard-autonomie').id }]);
    const conventions = action(gard, 'Conventions avec les acteurs clés');
    expect(conventions.partners.map((p: { id: string }) => p.id)).toEqual([demoActor('ess-gard').id, demoActor('cress-occitanie').id, demoActor('jardins-cocagne-ales').id]);
    for (const agreement of conventions.agreements.nodes) {
      const key = (['ess-gard', 'cress-occitanie', 'jardins-cocagne-ales'] as const).find((k) => demoActor(k).id === agreement.actor.id)!;
      expect(agreement.beneficiarySiret).toBe(demoActor(key).siret);
      expect(agreement.authority.code).toBe('30');
    }
    expect(conventions.agreements.nodes.map((a: { beneficiaryName: string }) => a.beneficiaryName).sort()).toEqual(['CRESS Occitanie', 'ESS-Gard', "Les Jardins d'Insertion d'Alès"]);
  });

  it('the 26 November 2024 meeting at Pont-du-Gard and the adoption session', () => {
    expect(gard.events.nodes).toContainEqual({ title: 'Gard : l’ESS en commun(s)', kind: 'PUBLIC_MEETING', heldOn: '2024-11-26', place: 'Pont-du-Gard' });
    expect(gard.events.nodes[0]).toMatchObject({ kind: 'ASSEMBLY_SESSION', heldOn: '2024-03-08' });
    expect(gard.indicators.nodes.length).toBeGreaterThanOrEqual(3);
    expect(new Set(gard.indicators.nodes.map((i: any) => i.tracking.status)).size).toBeGreaterThan(1);
  });

  it('the Drôme–Ardèche plan of 28 November 2008: both authorities, three axes, Pôle Sud as partner', () => {
    expect(dromeArdeche.adoptedOn).toBe('2008-11-28');
    expect(dromeArdeche.authorities.map((a: { code: string }) => a.code)).toEqual(['07', '26']);
    expect(dromeArdeche.axes.map((a: { title: string }) => a.title)).toEqual([
      'Métiers à potentiel de développement et d’emploi, notamment pour les personnes peu qualifiées',
      'Aide à la création et au développement d’activités',
      'Alternatives à la disparition d’activités locales',
    ]);
    const titles = dromeArdeche.actions.nodes.map((a: { title: string; axis: { position: number } }) => [a.axis.position, a.title]);
    expect(titles).toEqual([
      [1, 'Services à la personne'],
      [1, 'Gestion des déchets'],
      [1, 'Filière bois'],
      [2, 'Coopératives d’activité et d’emploi (CAE)'],
      [2, 'Coopération pour accéder à de nouveaux marchés'],
      [3, 'Reprise d’entreprises par les salariés'],
      [3, 'Coopération pour maintenir l’activité et l’emploi'],
      [3, 'Pôle de sous-traitance'],
    ]);
    const poleSud = demoActor('pole-sud').id;
    expect(dromeArdeche.actions.nodes.every((a: { partners: Array<{ id: string }> }) => a.partners.some((p) => p.id === poleSud))).toBe(true);
    const agreements = dromeArdeche.actions.nodes.flatMap((a: any) => a.agreements.nodes);
    expect(agreements.map((a: any) => a.authority.code).sort()).toEqual(['07', '26']);
    expect(agreements.every((a: any) => a.actor.id === poleSud && a.beneficiarySiret === demoActor('pole-sud').siret)).toBe(true);
  });

  it('lists the three authorities, and each demo record has its creation in the history', async () => {
    const { authorities } = ok(await subgraph.request(`{ authorities(first: 10) { nodes { code name } } }`));
    expect(authorities.nodes).toEqual([
      { code: '07', name: 'Ardèche' },
      { code: '26', name: 'Drôme' },
      { code: '30', name: 'Gard' },
    ]);
    const [{ missing }] = await subgraph.dataSource.query(
      `SELECT count(*)::int AS missing FROM plans.action a WHERE NOT EXISTS (SELECT 1 FROM plans.audit_log l WHERE l.entity = 'Action' AND l.entity_id = a.id::text AND l.action = 'create')`,
    );
    expect(missing).toBe(0);
  });

  it('loads once, even when replicas start together', async () => {
    const counts = async () => (await subgraph.dataSource.query(`SELECT (SELECT count(*) FROM plans.plan)::int AS plans, (SELECT count(*) FROM plans.action)::int AS actions`))[0];
    const before = await counts();
    await Promise.all([plansSubgraph.seedDemoData!(subgraph.dataSource), plansSubgraph.seedDemoData!(subgraph.dataSource)]);
    expect(await counts()).toEqual(before);
    expect(before).toEqual({ plans: 2, actions: 18 });
  });
});
