// First start: several subgraphs (and replicas of one) migrating one empty database at the same moment all succeed, once.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { actorsSubgraph } from '@ess/actors';
import { plansSubgraph } from '@ess/plans';
import { createDataSource, createScratchDatabase, openDatabase, type DataSourceOptions } from '@ess/kit';
import { testServerUrl } from '@ess/kit/testing';

/** Runs on every fixture subgraph: the shared extension each real subgraph creates, then a pause that widens the race. */
class CreateSharedExtension1765100000000 implements MigrationInterface {
  name = 'CreateSharedExtension1765100000000';
  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public');
    await db.query('SELECT pg_sleep(0.05)');
    await db.query(`CREATE TABLE "${db.connection.driver.schema}".thing (id int PRIMARY KEY)`);
  }
  async down(): Promise<void> {}
}

async function migrateAtOnce(url: string, subgraphs: Array<{ schema: string; migrations: DataSourceOptions['migrations'] }>) {
  const dataSources = subgraphs.map(({ schema, migrations }) => createDataSource({ url, schema, entities: [], migrations, poolSize: 2 }));
  try {
    return await Promise.allSettled(dataSources.map((ds, i) => openDatabase(ds, subgraphs[i].schema)));
  } finally {
    for (const ds of dataSources) if (ds.isInitialized) await ds.destroy();
  }
}

async function migrationRows(url: string, schema: string): Promise<string[]> {
  const ds = createDataSource({ url, schema, entities: [], migrations: [] });
  await ds.initialize();
  try {
    return (await ds.query(`SELECT name FROM "${schema}".migrations ORDER BY id`)).map((r: { name: string }) => r.name);
  } finally {
    await ds.destroy();
  }
}

describe('concurrent first start', () => {
  it('fixture subgraphs and replicas that all CREATE EXTENSION migrate an empty database together, each migration once (5 rounds)', async () => {
    for (let round = 0; round < 5; round++) {
      const db = await createScratchDatabase(testServerUrl(), 'kit_mig');
      try {
        const schemas = ['one', 'two', 'three', 'one', 'two']; // 'one' and 'two' twice: replicas of one subgraph
        const results = await migrateAtOnce(
          db.url,
          schemas.map((schema) => ({ schema, migrations: [CreateSharedExtension1765100000000] })),
        );
        expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
        for (const schema of new Set(schemas)) expect(await migrationRows(db.url, schema)).toEqual(['CreateSharedExtension1765100000000']);
      } finally {
        await db.drop();
      }
    }
  });

  it('the real actors and plans migrations (both create unaccent) run together on an empty database (3 rounds)', async () => {
    for (let round = 0; round < 3; round++) {
      const db = await createScratchDatabase(testServerUrl(), 'kit_mig');
      try {
        const results = await migrateAtOnce(db.url, [
          { schema: actorsSubgraph.name, migrations: actorsSubgraph.migrations },
          { schema: plansSubgraph.name, migrations: plansSubgraph.migrations },
          { schema: actorsSubgraph.name, migrations: actorsSubgraph.migrations },
        ]);
        expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
        const actors = await migrationRows(db.url, 'actors');
        expect(actors.length).toBe((actorsSubgraph.migrations as unknown[]).length);
        expect(new Set(actors).size).toBe(actors.length);
        expect((await migrationRows(db.url, 'plans')).length).toBe((plansSubgraph.migrations as unknown[]).length);
      } finally {
        await db.drop();
      }
    }
  });
});
