// Who may write a record: staff of its authority; a record of a plan with several authorities, staff of any of them.
import { canWrite, ForbiddenError, type RequestContext } from '@ess/kit';
import type { EntityManager } from 'typeorm';

export function assertCanWriteAny(context: Pick<RequestContext, 'identity'>, authorities: readonly string[]): void {
  if (!authorities.some((code) => canWrite(context.identity, code))) {
    throw new ForbiddenError(`You cannot change records of authority ${authorities.join(' / ') || '(none)'}`);
  }
}

export function assertCanWrite(context: Pick<RequestContext, 'identity'>, authority: string): void {
  if (!canWrite(context.identity, authority)) throw new ForbiddenError(`You cannot change records of authority ${authority}`);
}

/** The authorities a plan belongs to, read in the caller's transaction. */
export async function planAuthorities(manager: EntityManager, planId: string): Promise<string[]> {
  const rows: Array<{ authority_code: string }> = await manager.query(
    'SELECT authority_code FROM plans.plan_authority WHERE plan_id = $1 ORDER BY authority_code',
    [planId],
  );
  return rows.map((row) => row.authority_code);
}
