// Through the real gateway: a contract's awardee joins the registry's Actor by SIRET, and an Actor shows its contracts.
import { printSubgraphSchema } from '@apollo/subgraph';
import { actorsSubgraph } from '@ess/actors';
import { composeSupergraph, readGatewayConfig, startGateway, type RunningGateway } from '@ess/gateway';
import { demoActor } from '@ess/kit';
import { startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { randomBytes } from 'node:crypto';
import { procurementSubgraph } from '../src';

const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('procurement and the registry through the gateway', () => {
  let actors: TestSubgraph;
  let procurement: TestSubgraph;
  let gateway: RunningGateway;

  beforeAll(async () => {
    const secret = randomBytes(32).toString('hex');
    [actors, procurement] = await Promise.all([startTestSubgraph(actorsSubgraph, { seed: true, secret }), startTestSubgraph(procurementSubgraph, { seed: true, secret })]);
    const supergraphSdl = composeSupergraph([
      { name: 'actors', url: actors.url, sdl: printSubgraphSchema(await actorsSubgraph.buildSchema(actors.dataSource)) },
      { name: 'procurement', url: procurement.url, sdl: printSubgraphSchema(await procurementSubgraph.buildSchema(procurement.dataSource)) },
    ]);
    const config = readGatewayConfig({ GATEWAY_SECRET: secret, PORT: '0', NODE_ENV: 'test' });
    gateway = await startGateway({ ...config, adminUiDir: null, authCacheTtlMs: 0 }, { supergraphSdl, log: silentLog });
  });
  afterAll(async () => {
    await gateway?.close();
    await Promise.all([actors?.close(), procurement?.close()]);
  });

  async function query(text: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text, variables }) });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
  }

  it('queries contracts with their awardees’ registry Actor (name, legal family)', async () => {
    const { status, body } = await query(`{ contracts(first: 50, filter: { authorities: ["30"], reserved: true }) { nodes { decpId reservedBasis
      awardees { identifier actor { name legalForm { family } inclusionType } } } } }`);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const awardees = body.data.contracts.nodes.flatMap((c: any) => c.awardees);
    const esat = awardees.find((a: any) => a.identifier === demoActor('esat-beaucaire').siret);
    expect(esat.actor).toEqual({ name: 'ESAT du Rhône et des Costières', legalForm: { family: 'ASSOCIATION' }, inclusionType: 'ESAT' });
    const ea = awardees.find((a: any) => a.identifier === demoActor('ea-nimes').siret);
    expect(ea.actor).toMatchObject({ name: 'Adapt’Services Gard', inclusionType: 'EA' });
    expect(awardees.every((a: any) => a.actor !== null)).toBe(true);
  });

  it('answers null for an awardee the registry does not know (a company outside the ESS)', async () => {
    const { body } = await query(`{ contracts(first: 20, filter: { authorities: ["30"], cpvPrefix: "4523" }) { nodes { awardees { identifier actor { name } } } } }`);
    expect(body.errors).toBeUndefined();
    const awardees = body.data.contracts.nodes.flatMap((c: any) => c.awardees);
    expect(awardees.length).toBeGreaterThan(0);
    expect(awardees.every((a: any) => a.actor === null)).toBe(true);
  });

  it('starts from the registry: an actor with the contracts it was awarded and their amount', async () => {
    const { body } = await query(`query ($siret: String!) { actor(siret: $siret) { name awardedAmount awardedContracts(first: 5) { totalCount nodes { decpId reservedBasis buyer { name } } } } }`, {
      siret: demoActor('jardins-cocagne-ales').siret,
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.actor.name).toBe("Les Jardins d'Insertion d'Alès");
    expect(body.data.actor.awardedContracts.totalCount).toBeGreaterThanOrEqual(2);
    expect(body.data.actor.awardedContracts.nodes.every((c: any) => c.reservedBasis === 'L2113_13' && c.buyer.name === 'Département du Gard')).toBe(true);
    expect(body.data.actor.awardedAmount).toBeGreaterThan(0);
  });

  it('serves the public indicators of the SPASER to an anonymous dashboard', async () => {
    const { body } = await query(`{ procurementIndicators(authority: "30", year: 2025) { contractCount spaserPlan { status } indicators { kind { code } value nationalTarget { status } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.procurementIndicators).toMatchObject({ contractCount: 130, spaserPlan: { status: 'PLANNED' } });
  });
});
