import type { MigrationInterface, QueryRunner } from 'typeorm';

// Search of plans and actions by words, accents and case optional ("economie" finds "Économie"), as the actor registry
// does: a French text search configuration that strips accents, a generated tsvector on title and description, a GIN index.
export class SearchPlans1764100000000 implements MigrationInterface {
  name = 'SearchPlans1764100000000';

  async up(db: QueryRunner): Promise<void> {
    // unaccent is a trusted extension (PostgreSQL 13+): a database owner may create it.
    await db.query(`CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public`);
    await db.query(`CREATE TEXT SEARCH CONFIGURATION plans.french_unaccent (COPY = pg_catalog.french)`);
    await db.query(`ALTER TEXT SEARCH CONFIGURATION plans.french_unaccent ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem`);
    await db.query(`
      ALTER TABLE plans.plan ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('plans.french_unaccent', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('plans.french_unaccent', coalesce(summary, '')), 'B')
      ) STORED`);
    await db.query(`
      ALTER TABLE plans.action ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('plans.french_unaccent', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('plans.french_unaccent', coalesce(description, '')), 'B')
      ) STORED`);
    await db.query(`CREATE INDEX plan_search_idx ON plans.plan USING gin (search)`);
    await db.query(`CREATE INDEX action_search_idx ON plans.action USING gin (search)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX plans.action_search_idx`);
    await db.query(`DROP INDEX plans.plan_search_idx`);
    await db.query(`ALTER TABLE plans.action DROP COLUMN search`);
    await db.query(`ALTER TABLE plans.plan DROP COLUMN search`);
    await db.query(`DROP TEXT SEARCH CONFIGURATION plans.french_unaccent`);
  }
}
