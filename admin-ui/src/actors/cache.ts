// How the actors screens' mutations update the normalized cache (see graphql/cache.ts). Edits need nothing: their
// results carry the actor's id and version, so every screen showing it follows. A creation, an archive, a restore or
// an import changes which actors a list holds: the lists are asked again.
import type { Cache } from '@urql/exchange-graphcache';
import { invalidateRootLists, type CacheConfig } from '../graphql/cache';

const refreshLists = (_result: unknown, _args: unknown, cache: Cache): void => {
  invalidateRootLists(cache, ['actors']);
};

export const actorsCache: CacheConfig = {
  updates: {
    Mutation: {
      createActor: refreshLists,
      archiveActor: refreshLists,
      restoreActor: refreshLists,
      importActors: (result: unknown, _args: unknown, cache: Cache) => {
        const report = (result as { importActors?: { applied?: boolean } }).importActors;
        if (report?.applied) invalidateRootLists(cache, ['actors']);
      },
    },
  },
  optimistic: {},
};
