import { demoId } from '@ess/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

// Databases loaded with the first demo data link the Gard SPASER action to demoId('spaser:gard'), a SPASER procurement
// never had (it keys its demo SPASER demoId('spaser:30')): the action's page then failed on `spaserPlan.title`. Relink.
export class DemoSpaserReference1765700000000 implements MigrationInterface {
  name = 'DemoSpaserReference1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE plans.action SET spaser_plan_id = $1 WHERE spaser_plan_id = $2`, [demoId('spaser:30'), demoId('spaser:gard')]);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE plans.action SET spaser_plan_id = $1 WHERE spaser_plan_id = $2`, [demoId('spaser:gard'), demoId('spaser:30')]);
  }
}
