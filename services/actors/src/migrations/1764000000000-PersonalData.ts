import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnlySql, auditAppendOnlySql } from '@ess/kit';

// Personal data (RGPD): the audit log made append-only, the log of contact reads, erased contacts, and since when an
// actor has had its status (the retention of contacts counts from the day an actor ceased).
export class PersonalData1764000000000 implements MigrationInterface {
  name = 'PersonalData1764000000000';

  async up(db: QueryRunner): Promise<void> {
    // Idempotent: a database created after the kit's auditTableSql gained the triggers has them already.
    for (const statement of auditAppendOnlySql('actors')) await db.query(statement);

    await db.query(`
      CREATE TABLE actors.personal_data_access (
        id bigserial PRIMARY KEY,
        at timestamptz(3) NOT NULL DEFAULT now(),
        who text NOT NULL,
        request_id text,
        contact_id uuid NOT NULL,
        actor_id uuid NOT NULL,
        purpose text NOT NULL
      )`);
    // No foreign keys: the log outlives the contacts it mentions (deleted, or their actor gone).
    await db.query(`CREATE INDEX personal_data_access_contact_idx ON actors.personal_data_access (contact_id, at DESC, id DESC)`);
    for (const statement of appendOnlySql('actors', 'personal_data_access')) await db.query(statement);

    await db.query(`ALTER TABLE actors.contact ADD COLUMN erased_at timestamptz(3)`);

    await db.query(`ALTER TABLE actors.actor ADD COLUMN status_changed_at timestamptz(3)`);
    // Existing rows: the last change of a ceased actor is no earlier than its ceasing, so retention never starts too soon.
    await db.query(`UPDATE actors.actor SET status_changed_at = CASE WHEN status = 'ACTIVE' THEN created_at ELSE updated_at END`);
    await db.query(`ALTER TABLE actors.actor ALTER COLUMN status_changed_at SET NOT NULL, ALTER COLUMN status_changed_at SET DEFAULT now()`);
    // Kept by the database so that every path that changes a status (edits, SIRENE imports, SQL) keeps the date right.
    await db.query(`
      CREATE FUNCTION actors.actor_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.status_changed_at := now();
        RETURN NEW;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER actor_status_changed BEFORE UPDATE OF status ON actors.actor
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION actors.actor_status_changed()`);
    await db.query(`CREATE INDEX actor_ceased_idx ON actors.actor (status_changed_at) WHERE status = 'CEASED'`);
    await db.query(`CREATE INDEX actor_archived_idx ON actors.actor (archived_at) WHERE archived_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX actors.actor_archived_idx, actors.actor_ceased_idx`);
    await db.query(`DROP TRIGGER actor_status_changed ON actors.actor`);
    await db.query(`DROP FUNCTION actors.actor_status_changed()`);
    await db.query(`ALTER TABLE actors.actor DROP COLUMN status_changed_at`);
    await db.query(`ALTER TABLE actors.contact DROP COLUMN erased_at`);
    await db.query(`DROP TABLE actors.personal_data_access`);
    // The audit log stays append-only: going back a version must not open it.
  }
}
