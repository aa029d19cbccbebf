import type { MigrationInterface, QueryRunner } from 'typeorm';

// DECP actesSousTraitance and modificationsActesSousTraitance, kept as published: the DECP only appends to them and the
// platform neither queries nor edits them one by one, so each contract keeps its lists (checked by contract.rules.ts).
export class ContractSubcontracts1765500000000 implements MigrationInterface {
  name = 'ContractSubcontracts1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE procurement.contract
        ADD COLUMN subcontracts jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(subcontracts) = 'array'),
        ADD COLUMN subcontract_modifications jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(subcontract_modifications) = 'array')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE procurement.contract DROP COLUMN subcontracts, DROP COLUMN subcontract_modifications`);
  }
}
