// The normalized cache (graphcache): an entity edited anywhere shows everywhere at once (records are keyed by
// __typename and id); creations, deletions and moves update the lists through each area's `updates`; simple toggles
// are answered optimistically by each area's `optimistic` functions. Areas declare theirs beside their screens
// (actors/cache.ts, plans/cache.ts); this file merges them.
import type { Cache, CacheExchangeOpts, UpdateResolver } from '@urql/exchange-graphcache';

export type CacheConfig = Pick<CacheExchangeOpts, 'updates' | 'optimistic' | 'keys'>;

/**
 * Types without an id (connections, edges, page info, progress, budgets, addresses…) are values embedded in their
 * parent: every type is keyed by its id when it has one, and embedded otherwise, without a warning for each.
 */
const keyById = (data: { id?: unknown; _id?: unknown }) => (data.id != null ? String(data.id) : data._id != null ? String(data._id) : null);
const defaultKeys = new Proxy({} as NonNullable<CacheExchangeOpts['keys']>, { get: () => keyById });

/** Forgets the given fields of a record, whatever their arguments (every page and filter asked). */
export function invalidateFields(cache: Cache, entity: { __typename: string; id: string }, fieldNames: readonly string[]): void {
  const key = cache.keyOfEntity(entity);
  if (!key) return;
  for (const field of cache.inspectFields(key)) {
    if (fieldNames.includes(field.fieldName)) cache.invalidate(key, field.fieldName, field.arguments ?? undefined);
  }
}

/** Forgets every list asked from the root (Query.actors, Query.plans…), so that screens ask again after a creation. */
export function invalidateRootLists(cache: Cache, fieldNames?: readonly string[]): void {
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName === 'me') continue;
    if (!fieldNames || fieldNames.includes(field.fieldName)) cache.invalidate('Query', field.fieldName, field.arguments ?? undefined);
  }
}

type MutationUpdaters = Record<string, UpdateResolver | void>;

/**
 * Every record a mutation returns has changed, so its `history` (who changed what) is stale: forget it, and the
 * screens showing it ask again. Records are recognised by their __typename and id (graphcache adds __typename).
 * A mutation must therefore not select `history` itself (its answer is read back from the cache after this runs).
 */
export function forgetHistoryOf(cache: Cache, value: unknown): void {
  for (const record of Array.isArray(value) ? value : [value]) {
    if (!record || typeof record !== 'object' || !('__typename' in record) || !('id' in record)) continue;
    invalidateFields(cache, { __typename: String(record.__typename), id: String(record.id) }, ['history']);
  }
}

export function mergeCacheConfigs(...configs: CacheConfig[]): CacheConfig {
  const own: MutationUpdaters = {};
  const optimistic: NonNullable<CacheConfig['optimistic']> = {};
  for (const config of configs) {
    Object.assign(own, config.updates?.Mutation ?? {});
    Object.assign(optimistic, config.optimistic ?? {});
  }
  // Each mutation runs its area's updater (if any), then forgets the history of the records it returned.
  const Mutation = new Proxy(own, {
    get: (target, fieldName) =>
      typeof fieldName !== 'string'
        ? undefined
        : (((result, args, cache, info) => {
            target[fieldName]?.(result, args, cache, info);
            // Not while the answer is only optimistic: forgetting then would blank the screen the person acts on.
            if (!info.optimistic) forgetHistoryOf(cache, result[info.fieldName]);
          }) satisfies UpdateResolver),
  });
  return { keys: defaultKeys, updates: { Mutation }, optimistic };
}
