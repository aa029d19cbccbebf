// The normalized cache (graphcache): an entity edited anywhere shows everywhere at once (records are keyed by
// __typename and id); creations, deletions and moves update the lists through each area's `updates`; simple toggles
// are answered optimistically by each area's `optimistic` functions. Areas declare theirs beside their screens
// (actors/cache.ts, plans/cache.ts); this file merges them.
import type { CacheExchangeOpts, Cache } from '@urql/exchange-graphcache';

export type CacheConfig = Pick<CacheExchangeOpts, 'updates' | 'optimistic' | 'keys'>;

/**
 * Types without an id (connections, edges, page info, progress, budgets, addresses…) are values embedded in their
 * parent: every type is keyed by its id when it has one, and embedded otherwise, without a warning for each.
 */
const keyById = (data: { id?: unknown; _id?: unknown }) => (data.id != null ? String(data.id) : data._id != null ? String(data._id) : null);
const defaultKeys = new Proxy({} as NonNullable<CacheExchangeOpts['keys']>, { get: () => keyById });

/** Forgets every list asked from the root (Query.actors, Query.plans…), so that screens ask again after a creation. */
export function invalidateRootLists(cache: Cache, fieldNames?: readonly string[]): void {
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName === 'me') continue;
    if (!fieldNames || fieldNames.includes(field.fieldName)) cache.invalidate('Query', field.fieldName, field.arguments ?? undefined);
  }
}

export function mergeCacheConfigs(...configs: CacheConfig[]): CacheConfig {
  const merged: CacheConfig = { keys: defaultKeys, updates: { Mutation: {} }, optimistic: {} };
  for (const config of configs) {
    Object.assign(merged.updates!.Mutation!, config.updates?.Mutation ?? {});
    Object.assign(merged.optimistic!, config.optimistic ?? {});
  }
  return merged;
}
