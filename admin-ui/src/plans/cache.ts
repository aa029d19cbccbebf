// How the plans screens' mutations update the normalized cache (see graphql/cache.ts).
import type { CacheConfig } from '../graphql/cache';

export const plansCache: CacheConfig = {
  updates: { Mutation: {} },
  optimistic: {},
};
