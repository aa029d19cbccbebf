import type { MigrationInterface, QueryRunner } from 'typeorm';

// ESS status in three values (ESS, NOT_ESS, UNKNOWN) instead of a boolean that defaulted to true: SIRENE's empty flag
// made départements, communes and CCAS count as ESS. ess_member stays, computed from the status, so that readers
// (the ESS feed to procurement, filters) keep one meaning: true only for ESS.
export class EssStatus1765400000000 implements MigrationInterface {
  name = 'EssStatus1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE actors.actor
        ADD COLUMN ess_status text NOT NULL DEFAULT 'UNKNOWN' CHECK (ess_status IN ('ESS','NOT_ESS','UNKNOWN'))`);
    // Existing rows cannot tell a flag O from the old default: they keep what they showed (true = ESS, false = NOT_ESS).
    await db.query(`UPDATE actors.actor SET ess_status = CASE WHEN ess_member THEN 'ESS' ELSE 'NOT_ESS' END`);
    await db.query(`ALTER TABLE actors.actor DROP COLUMN ess_member`);
    await db.query(`ALTER TABLE actors.actor ADD COLUMN ess_member boolean GENERATED ALWAYS AS (ess_status = 'ESS') STORED`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE actors.actor DROP COLUMN ess_member`);
    await db.query(`ALTER TABLE actors.actor ADD COLUMN ess_member boolean NOT NULL DEFAULT true`);
    await db.query(`UPDATE actors.actor SET ess_member = (ess_status = 'ESS')`);
    await db.query(`ALTER TABLE actors.actor DROP COLUMN ess_status`);
  }
}
