import type { MigrationInterface, QueryRunner } from 'typeorm';

// Agreements as SCDL subventions 2.1.1 has them: a beneficiary known by its SIRET or only its RNA number, objet and
// conditionsVersement at most 256 characters, aid both in cash and in kind; and what the SCDL import needs: subsidies
// whose beneficiary is not linked to a registry actor yet, and the key that finds an imported subsidy again.
export class ScdlConformity1765600000000 implements MigrationInterface {
  name = 'ScdlConformity1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE plans.agreement ALTER COLUMN beneficiary_siret DROP NOT NULL, ALTER COLUMN actor_id DROP NOT NULL`);
    await db.query(
      `ALTER TABLE plans.agreement ADD CONSTRAINT agreement_beneficiary_id_check
       CHECK (beneficiary_siret IS NOT NULL OR beneficiary_rna IS NOT NULL)`,
    );
    // NOT VALID: rows written under the former 356-character limit stay; the export cuts them (scdl.ts), new writes obey.
    await db.query(`ALTER TABLE plans.agreement ADD CONSTRAINT agreement_object_scdl_check CHECK (char_length(object) <= 256) NOT VALID`);
    await db.query(
      `ALTER TABLE plans.agreement ADD CONSTRAINT agreement_payment_terms_note_scdl_check
       CHECK (char_length(payment_terms_note) <= 256) NOT VALID`,
    );
    await db.query(`ALTER TABLE plans.agreement DROP CONSTRAINT agreement_nature_check`);
    await db.query(
      `ALTER TABLE plans.agreement ADD CONSTRAINT agreement_nature_check CHECK (nature IN ('CASH', 'IN_KIND', 'CASH_AND_IN_KIND'))`,
    );
    await db.query(`ALTER TABLE plans.agreement ADD COLUMN source_key text`);
    await db.query(
      `CREATE UNIQUE INDEX agreement_source_key_idx ON plans.agreement (authority_code, source_key) WHERE source_key IS NOT NULL`,
    );
    // The actor a SIRET belongs to, as the agreements recorded it (checks of new agreements, links of imported ones).
    await db.query(
      `CREATE INDEX agreement_beneficiary_siret_idx ON plans.agreement (beneficiary_siret, created_at DESC)
       WHERE beneficiary_siret IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX plans.agreement_beneficiary_siret_idx`);
    await db.query(`DROP INDEX plans.agreement_source_key_idx`);
    await db.query(`ALTER TABLE plans.agreement DROP COLUMN source_key`);
    await db.query(`ALTER TABLE plans.agreement DROP CONSTRAINT agreement_nature_check`);
    await db.query(`ALTER TABLE plans.agreement ADD CONSTRAINT agreement_nature_check CHECK (nature IN ('CASH', 'IN_KIND'))`);
    await db.query(
      `ALTER TABLE plans.agreement DROP CONSTRAINT agreement_payment_terms_note_scdl_check, DROP CONSTRAINT agreement_object_scdl_check`,
    );
    await db.query(`ALTER TABLE plans.agreement DROP CONSTRAINT agreement_beneficiary_id_check`);
    await db.query(`ALTER TABLE plans.agreement ALTER COLUMN beneficiary_siret SET NOT NULL, ALTER COLUMN actor_id SET NOT NULL`);
  }
}
