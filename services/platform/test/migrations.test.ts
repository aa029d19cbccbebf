// Every subgraph's migrations go down as well as up: on a database holding the demo data, each migration is reverted
// in turn (down) until the schema is empty, then all run again and give the same tables and columns as before.
import type { DataSource } from 'typeorm';
import { createDataSource, createScratchDatabase, openDatabase, type SubgraphDefinition } from '@ess/kit';
import { testServerUrl } from '@ess/kit/testing';
import { SUBGRAPHS } from '../src/subgraphs';

/** Tables, columns with their types, and indexes of one schema: what a migration round trip must give back. */
async function shape(dataSource: DataSource, schema: string): Promise<string[]> {
  const columns = (await dataSource.query(
    `SELECT table_name || '.' || column_name || ' ' || data_type || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END AS line
       FROM information_schema.columns WHERE table_schema = $1`,
    [schema],
  )) as Array<{ line: string }>;
  const indexes = (await dataSource.query(`SELECT indexdef AS line FROM pg_indexes WHERE schemaname = $1`, [schema])) as Array<{ line: string }>;
  return [...columns, ...indexes].map((row) => row.line).sort();
}

async function tablesOf(dataSource: DataSource, schema: string): Promise<string[]> {
  const rows = (await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [schema])) as Array<{
    table_name: string;
  }>;
  return rows.map((row) => row.table_name).sort();
}

describe.each(SUBGRAPHS.map((definition) => [definition.name, definition] as [string, SubgraphDefinition<unknown>]))(
  'migrations of %s',
  (name, definition) => {
    it('revert one by one on the demo data down to an empty schema, then apply again to the same shape', async () => {
      const database = await createScratchDatabase(testServerUrl(), `t_migrations_${name}`);
      const dataSource = createDataSource({ url: database.url, schema: name, entities: definition.entities, migrations: definition.migrations });
      try {
        await openDatabase(dataSource, name);
        if (definition.seedDemoData) await definition.seedDemoData(dataSource);
        const before = await shape(dataSource, name);
        const applied = dataSource.migrations.length;
        expect(applied).toBeGreaterThan(0);

        for (let left = applied; left > 0; left--) {
          await dataSource.undoLastMigration({ transaction: 'each' });
          const [{ count }] = (await dataSource.query(`SELECT count(*)::int AS count FROM "${name}".migrations`)) as Array<{ count: number }>;
          expect({ migration: left, remaining: count }).toEqual({ migration: left, remaining: left - 1 });
        }
        expect(await tablesOf(dataSource, name)).toEqual(['migrations']);

        await dataSource.runMigrations({ transaction: 'each' });
        expect(await shape(dataSource, name)).toEqual(before);
      } finally {
        await dataSource.destroy();
        await database.drop();
      }
    }, 120_000);
  },
);
