import type { MigrationInterface, QueryRunner } from 'typeorm';

// API keys carry the authorities whose personal data they may read; failed sign-ins are counted per email typed.
export class KeyAuthoritiesAndSignInThrottle1765200000000 implements MigrationInterface {
  name = 'KeyAuthoritiesAndSignInThrottle1765200000000';

  async up(db: QueryRunner): Promise<void> {
    // Keys created before: their creator's authorities at the time are not recorded, so the narrowest safe choice is
    // the authority that manages the key. An admin who wants more creates a new key.
    await db.query(`ALTER TABLE access.api_key ADD COLUMN authorities text[]`);
    await db.query(`UPDATE access.api_key SET authorities = ARRAY[authority]`);
    await db.query(`ALTER TABLE access.api_key ALTER COLUMN authorities SET NOT NULL, ADD CHECK (cardinality(authorities) > 0)`);
    // Keyed by the email typed, known account or not, so the answer never tells whether an account exists.
    await db.query(`
      CREATE TABLE access.sign_in_throttle (
        email text PRIMARY KEY,
        failures integer NOT NULL,
        last_failure_at timestamptz(3) NOT NULL,
        blocked_until timestamptz(3)
      )`);
    await db.query(`CREATE INDEX sign_in_throttle_last_failure_idx ON access.sign_in_throttle (last_failure_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE access.sign_in_throttle`);
    await db.query(`ALTER TABLE access.api_key DROP COLUMN authorities`);
  }
}
