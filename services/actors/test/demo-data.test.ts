// The demo data holds what DOMAIN.md describes, through the graph, and loading it again adds nothing.
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph } from '../src';
import { InclusionType, LegalFamily } from '../src/identifiers/codes';
import { communeProblem, siretProblem } from '@ess/kit';
import { countRows, ok } from './factories';

interface DemoActor {
  id: string;
  name: string;
  authorityCode: string;
  inclusionType: string;
  legalForm: { code: string | null; family: string };
  networks: Array<{ name: string }>;
}

describe('demo data', () => {
  let subgraph: TestSubgraph;
  let actors: DemoActor[];

  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph, { seed: true });
    actors = ok(
      await subgraph.request<{ actors: { nodes: DemoActor[] } }>(
        `{ actors(first: 500, filter: { includeArchived: true }) { nodes { id name authorityCode inclusionType legalForm { code family } networks { name } } } }`,
      ),
    ).actors.nodes;
  });
  afterAll(() => subgraph?.close());

  const byName = (pattern: RegExp) => actors.filter((a) => pattern.test(a.name));

  it('has actors in the Gard (30), the Drôme (26) and the Ardèche (07), and the regional heads in their own département', () => {
    const authorities = new Set(actors.map((a) => a.authorityCode));
    for (const code of ['30', '26', '07']) expect(actors.filter((a) => a.authorityCode === code).length).toBeGreaterThan(0);
    expect([...authorities].sort()).toEqual(['07', '26', '30', '34', '69']);
    expect(actors.filter((a) => ['34', '69'].includes(a.authorityCode)).map((a) => a.name).sort()).toEqual([
      'COORACE Auvergne-Rhône-Alpes',
      'CRESS Auvergne-Rhône-Alpes',
      'CRESS Occitanie',
      'URSCOP Auvergne-Rhône-Alpes',
    ]);
  });

  it('holds the SCIC Gard et Autonomie, a cooperative of the Gard', () => {
    const [scic] = byName(/Gard et Autonomie/);
    expect(scic).toMatchObject({ authorityCode: '30', legalForm: { family: 'COOPERATIVE' } });
    expect(scic.networks.map((n) => n.name)).toContain('Réseau ESS-Gard');
  });

  it('has the networks "Réseau ESS-Gard" (departmental, Gard) and "Pôle Sud" (a PTCE)', async () => {
    const { networks } = ok(await subgraph.request(`{ networks(first: 100) { nodes { name kind authorityCode memberCount } } }`));
    const named = Object.fromEntries(networks.nodes.map((n: { name: string }) => [n.name, n]));
    expect(named['Réseau ESS-Gard']).toMatchObject({ kind: 'DEPARTMENTAL', authorityCode: '30' });
    expect(named['Réseau ESS-Gard'].memberCount).toBeGreaterThan(5);
    expect(named['Pôle Sud']).toMatchObject({ kind: 'PTCE' });
    for (const head of ['CRESS', 'URSCOP', 'COORACE', 'ADIE']) expect(networks.nodes.some((n: { name: string; kind: string }) => n.name.startsWith(head) && n.kind === 'NETWORK_HEAD')).toBe(true);
  });

  it('Pôle Sud groups CRESS, COORACE, ADIE, URSCOP, Groupe ARCHER and IEDV', async () => {
    const { networks } = ok(await subgraph.request(`{ networks(first: 100, kind: PTCE) { nodes { name members(first: 100) { nodes { name } } } } }`));
    const poleSud = networks.nodes.find((n: { name: string }) => n.name === 'Pôle Sud');
    const members: string[] = poleSud.members.nodes.map((m: { name: string }) => m.name);
    for (const head of [/^CRESS/, /^COORACE/, /^ADIE/, /^URSCOP/, /Groupe ARCHER/i, /^IEDV/]) expect(members.some((name) => head.test(name))).toBe(true);
  });

  it('every legal family and every inclusion type appears', () => {
    expect(new Set(actors.map((a) => a.legalForm.family))).toEqual(new Set(Object.values(LegalFamily)));
    expect(new Set(actors.map((a) => a.inclusionType))).toEqual(new Set(Object.values(InclusionType)));
  });

  it('the demo actors are valid for the registry rules (SIRETs pass the check, codes are official)', async () => {
    const rows: Array<{ siret: string; authority_code: string; commune_code: string }> = await subgraph.dataSource.query(`SELECT siret, authority_code, commune_code FROM actors.actor`);
    for (const row of rows) {
      expect(siretProblem(row.siret)).toBeNull();
      expect(communeProblem(row.commune_code, row.authority_code)).toBeNull();
    }
  });

  it('seeding again adds nothing', async () => {
    const counts = async () => Promise.all((['actor', 'network', 'network_membership', 'contact', 'audit_log'] as const).map((t) => countRows(subgraph.dataSource, t)));
    const before = await counts();
    await actorsSubgraph.seedDemoData!(subgraph.dataSource);
    expect(await counts()).toEqual(before);
  });
});

describe('demo data loaded by two replicas starting together', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
  });
  afterAll(() => subgraph?.close());

  it('both succeed and the data is there once', async () => {
    const results = await Promise.allSettled([actorsSubgraph.seedDemoData!(subgraph.dataSource), actorsSubgraph.seedDemoData!(subgraph.dataSource)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const [{ count }] = await subgraph.dataSource.query(`SELECT count(*)::int AS count FROM actors.actor WHERE name = 'SCIC Gard et Autonomie'`);
    expect(count).toBe(1);
  });
});
