// Idempotent creations: a creation retried with the same key by the same caller returns the first result, never a twin.
import type { EntityManager, QueryRunner } from 'typeorm';
import type { RequestContext } from './context';
import { BadInputError } from './errors';
import type { Identity } from './identity';

/**
 * Why: a creation that outlives the gateway's upstream timeout is reported to the caller as failed while it commits;
 * the caller retries. With an `idempotencyKey` (any string the client makes up, e.g. a UUID per form submission) the
 * retry finds the first creation and returns it. Keys are kept per caller and per mutation (docs/decisions.md).
 */
export const IDEMPOTENCY_KEY_DESCRIPTION =
  'Optional key the client chooses for this creation (e.g. a UUID per form submission): retrying with the same key returns the first result.';

/** The table of the keys in a subgraph's schema; add it with one migration calling this (see the Idempotency migration of actors). */
export async function createIdempotencyTable(db: QueryRunner, schema: string): Promise<void> {
  await db.query(`
    CREATE TABLE "${schema}".idempotency_key (
      caller text NOT NULL,
      operation text NOT NULL,
      key text NOT NULL,
      result_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (caller, operation, key)
    )`);
}

function callerOf(identity: Identity): string {
  switch (identity.kind) {
    case 'staff':
      return `user:${identity.userId}`;
    case 'partner':
      return `key:${identity.keyId}`;
    default:
      return identity.kind;
  }
}

/**
 * Runs `create` inside the caller's transaction unless this caller already created with this key, in which case the
 * first result is loaded with `find`. A concurrent twin waits on the key's row until the first commits (then returns
 * its result) or rolls back (then creates).
 */
export async function idempotent<T extends { id: string }>(
  manager: EntityManager,
  options: { schema: string; context: RequestContext; operation: string; key: string | null | undefined },
  create: () => Promise<T>,
  find: (id: string) => Promise<T | null>,
): Promise<T> {
  const { schema, context, operation, key } = options;
  if (key === null || key === undefined) return create();
  if (key.trim().length === 0 || key.length > 200) throw BadInputError.field('idempotencyKey', 'must be 1 to 200 characters');
  const caller = callerOf(context.identity);
  const claimed: unknown[] = await manager.query(
    `INSERT INTO "${schema}".idempotency_key (caller, operation, key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
    [caller, operation, key],
  );
  if (claimed.length === 0) {
    const [row] = await manager.query(`SELECT result_id FROM "${schema}".idempotency_key WHERE caller = $1 AND operation = $2 AND key = $3`, [
      caller,
      operation,
      key,
    ]);
    const first = row?.result_id ? await find(row.result_id) : null;
    if (first) return first;
    throw BadInputError.field('idempotencyKey', 'was used for a creation that no longer exists; use a new key');
  }
  const result = await create();
  await manager.query(`UPDATE "${schema}".idempotency_key SET result_id = $4 WHERE caller = $1 AND operation = $2 AND key = $3`, [
    caller,
    operation,
    key,
    result.id,
  ]);
  return result;
}
