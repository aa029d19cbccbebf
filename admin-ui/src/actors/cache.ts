// How the actors screens' mutations update the normalized cache (see graphql/cache.ts).
import type { CacheConfig } from '../graphql/cache';

export const actorsCache: CacheConfig = {
  updates: { Mutation: {} },
  optimistic: {},
};
