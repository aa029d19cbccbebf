import type { MigrationInterface, QueryRunner } from 'typeorm';

// Where procurement stands in the registry's ESS feed (see docs/procurement-ess-sync.md).
export class EssFeedState1764100000000 implements MigrationInterface {
  name = 'EssFeedState1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE procurement.sync_state (
        name text PRIMARY KEY,
        watermark timestamptz(3),
        synced_at timestamptz(3) NOT NULL DEFAULT now(),
        last_error text
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE procurement.sync_state`);
  }
}
