// Versioned edits: lock the row for the transaction, check who may write, compare versions, then update guarded by the version.
import { BadInputError, ConflictError, NotFoundError } from './errors';
import { isUuid } from './ids';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Reads and locks a row (FOR UPDATE) in the transaction, or fails with NOT_FOUND. */
export async function lockRow<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, entityName: string, id: string): Promise<T> {
  const row = isUuid(id) ? await manager.getRepository(target).createQueryBuilder('row').setLock('pessimistic_write').where('row.id = :id', { id }).getOne() : null;
  if (!row) throw new NotFoundError(entityName, id);
  return row;
}

/**
 * The start of every versioned edit: lock the row, check who may write it (`assertAllowed` throws FORBIDDEN), then
 * compare versions (CONFLICT), in that order, so a caller who may not write learns nothing of the record's version.
 */
export async function lockForEdit<T extends ObjectLiteral & { id: string; version: number }>(
  manager: EntityManager,
  target: EntityTarget<T>,
  entityName: string,
  id: string,
  version: number,
  assertAllowed: (row: T) => void | Promise<void>,
): Promise<T> {
  const row = await lockRow(manager, target, entityName, id);
  await assertAllowed(row);
  assertVersion(entityName, row, version);
  return row;
}

/** CONFLICT unless the caller edited the version that is stored. */
export function assertVersion(entityName: string, row: { id: string; version: number }, version: number): void {
  if (row.version !== version) throw new ConflictError(entityName, row.id, row.version);
}

/** `UPDATE … SET …, version = version + 1 WHERE id AND version`: zero rows means someone else wrote first. */
export async function writeVersioned<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  entityName: string,
  id: string,
  version: number,
  values: Record<string, unknown>,
): Promise<T> {
  const result = await manager
    .createQueryBuilder()
    .update(target)
    .set({ ...values, version: () => 'version + 1' } as never)
    .where('id = :id AND version = :version', { id, version })
    .execute();
  if (!result.affected) throw new ConflictError(entityName, id);
  return manager.getRepository(target).findOneByOrFail({ id } as never);
}

/** Fails with NOT_FOUND when a referenced row is missing (ids that are not UUIDs match nothing). */
export async function findOrFail<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, entityName: string, id: string): Promise<T> {
  const row = isUuid(id) ? await manager.getRepository(target).findOneBy({ id } as never) : null;
  if (!row) throw new NotFoundError(entityName, id);
  return row;
}

/** A record named in an input (e.g. `axisId`): BAD_USER_INPUT on that field when it does not exist. */
export async function referenced<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, id: string | null | undefined, field: string, what: string): Promise<T> {
  const row = id && isUuid(id) ? await manager.getRepository(target).findOneBy({ id } as never) : null;
  if (!row) throw BadInputError.field(field, `is not ${what}`);
  return row;
}
