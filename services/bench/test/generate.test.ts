// Smoke test of the data generator: a small size on top of the demo data, in two fresh databases with the same seed;
// the row counts are what the size asks for and both databases hold the same rows.
import { createDataSource, createScratchDatabase, openDatabase } from '@ess/kit';
import { testServerUrl } from '@ess/kit/testing';
import type { DataSource } from 'typeorm';
import { DEFINITIONS } from '../src/definitions';
import { generate, type Size } from '../src/generate';

const SMALL: Size = { name: 'demo', actors: 600, contracts: 2_000, applications: 40, actions: 30 };

/** Migrations and demo data of every subgraph, without servers. */
async function seeded(url: string): Promise<DataSource[]> {
  const sources: DataSource[] = [];
  for (const definition of DEFINITIONS) {
    const dataSource = createDataSource({ url, schema: definition.name, entities: definition.entities, migrations: definition.migrations, poolSize: 2 });
    await openDatabase(dataSource, definition.name);
    sources.push(dataSource);
    if (definition.seedDemoData) await definition.seedDemoData(dataSource);
  }
  return sources;
}

/** A digest of the generated rows' deterministic columns (ids, keys, values; not the now() timestamps nor the demo rows' random ids). */
async function digest(db: DataSource): Promise<Record<string, string>> {
  const tables: Record<string, string> = {
    actors: `SELECT md5(string_agg(concat_ws('|', id, name, legal_family, siret, ess_member, authority_code, description), ',' ORDER BY id)) FROM actors.actor`,
    memberships: `SELECT md5(string_agg(concat_ws('|', network_id, actor_id), ',' ORDER BY network_id, actor_id)) FROM actors.network_membership`,
    contracts: `SELECT md5(string_agg(concat_ws('|', id, decp_id, notified_on, amount, authority_code), ',' ORDER BY id)) FROM procurement.contract WHERE decp_id LIKE 'BN%'`,
    awardees: `SELECT md5(string_agg(concat_ws('|', contract_id, identifier), ',' ORDER BY contract_id, position)) FROM procurement.contract_awardee WHERE identifier LIKE '9%' OR identifier LIKE '7%'`,
    applications: `SELECT md5(string_agg(concat_ws('|', id, lead_actor_id, title, requested_amount, status), ',' ORDER BY id)) FROM commons.application WHERE title LIKE 'Candidature bench %'`,
    actions: `SELECT md5(string_agg(concat_ws('|', id, axis_id, title, progress, planned_budget), ',' ORDER BY id)) FROM plans.action WHERE title LIKE 'Action bench %'`,
  };
  const result: Record<string, string> = {};
  for (const [name, sql] of Object.entries(tables)) result[name] = (await db.query(sql))[0].md5;
  return result;
}

describe('data generator', () => {
  const databases: Array<{ drop: () => Promise<void> }> = [];
  const sources: DataSource[] = [];
  afterAll(async () => {
    for (const source of sources) if (source.isInitialized) await source.destroy();
    for (const database of databases) await database.drop();
  });

  it('generates the asked rows on top of the demo data, the same for the same seed', async () => {
    const [a, b] = await Promise.all([createScratchDatabase(testServerUrl(), 'bench_a'), createScratchDatabase(testServerUrl(), 'bench_b')]);
    databases.push(a, b);
    const [first, second] = await Promise.all([seeded(a.url), seeded(b.url)]);
    sources.push(...first, ...second);
    const demo = await first[0].query(`SELECT count(*)::int AS n FROM actors.actor`);

    const [reportA, reportB] = await Promise.all([generate(first[0], SMALL, 7), generate(second[0], SMALL, 7)]);

    expect(reportA.rows.actors).toBe(demo[0].n + SMALL.actors);
    expect(reportA.rows.contracts).toBeGreaterThanOrEqual(SMALL.contracts);
    expect(reportA.rows.applications).toBeGreaterThanOrEqual(SMALL.applications);
    expect(reportA.rows.actions).toBeGreaterThanOrEqual(SMALL.actions);
    expect(reportA.rows.memberships).toBeGreaterThanOrEqual(SMALL.actors);
    expect(reportB.rows).toEqual(reportA.rows);
    const [digestA, digestB] = await Promise.all([digest(first[0]), digest(second[0])]);
    expect(digestA.actors).toBeTruthy();
    expect(digestB).toEqual(digestA);
  });
});
