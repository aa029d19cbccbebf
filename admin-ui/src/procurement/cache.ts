// How the procurement screens' mutations update the normalized cache (see graphql/cache.ts): a new or imported
// contract, or a modification, changes the contract lists and the year's indicators, which are forgotten so that the
// screens ask again; edits select back the fields they change, shown everywhere by id.
import type { CacheConfig } from '../graphql/cache';
import { invalidateRootLists } from '../graphql/cache';

const CONTRACT_LISTS = ['contracts', 'procurementIndicators', 'buyers'];

export const procurementCache: CacheConfig = {
  updates: {
    Mutation: {
      createContract(_result, _args, cache) {
        invalidateRootLists(cache, CONTRACT_LISTS);
      },
      updateContract(_result, _args, cache) {
        invalidateRootLists(cache, ['procurementIndicators']);
      },
      addContractModification(_result, _args, cache) {
        invalidateRootLists(cache, CONTRACT_LISTS);
      },
      importDecp(result, _args, cache) {
        const report = result.importDecp as { applied?: boolean } | null;
        if (report?.applied) invalidateRootLists(cache, CONTRACT_LISTS);
      },
    },
  },
};
