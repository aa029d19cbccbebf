import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIdempotencyTable } from '@ess/kit';

// Keys of idempotent creations (createActor, createContact): see idempotent() in the kit.
export class Idempotency1765100000001 implements MigrationInterface {
  name = 'Idempotency1765100000001';

  async up(db: QueryRunner): Promise<void> {
    await createIdempotencyTable(db, 'actors');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE actors.idempotency_key');
  }
}
