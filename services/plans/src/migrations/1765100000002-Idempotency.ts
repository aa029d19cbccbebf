import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIdempotencyTable } from '@ess/kit';

// Keys of idempotent creations (createAction, createAgreement): see idempotent() in the kit.
export class Idempotency1765100000002 implements MigrationInterface {
  name = 'Idempotency1765100000002';

  async up(db: QueryRunner): Promise<void> {
    await createIdempotencyTable(db, 'plans');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE plans.idempotency_key');
  }
}
