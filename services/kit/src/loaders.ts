// Helpers to build per-request DataLoaders that answer a whole list of keys with one SQL statement.
import DataLoader from 'dataloader';

/** One value per key (or null): for lookups by a unique key. */
export function oneByKeyLoader<K, V>(
  load: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (value: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const values = await load(keys);
    const byKey = new Map<K, V>();
    for (const value of values) byKey.set(keyOf(value), value);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A list of values per key (possibly empty): for one-to-many and many-to-many links. */
export function manyByKeyLoader<K, V>(
  load: (keys: readonly K[]) => Promise<Array<{ key: K; value: V }>>,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await load(keys);
    const byKey = new Map<K, V[]>();
    for (const row of rows) {
      const list = byKey.get(row.key);
      if (list) list.push(row.value);
      else byKey.set(row.key, [row.value]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}
