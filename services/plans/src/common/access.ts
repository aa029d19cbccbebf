// The authorities a plan's records belong to (staff of any of them may write them: the kit's assertCanWrite).
import type { EntityManager } from 'typeorm';

/** The authorities a plan belongs to, read in the caller's transaction. */
export async function planAuthorities(manager: EntityManager, planId: string): Promise<string[]> {
  const rows: Array<{ authority_code: string }> = await manager.query(
    'SELECT authority_code FROM plans.plan_authority WHERE plan_id = $1 ORDER BY authority_code',
    [planId],
  );
  return rows.map((row) => row.authority_code);
}
