// How the plans screens' mutations update the normalized cache (see graphql/cache.ts).
// - Edits select the record's id, version and changed fields: the cache shows them everywhere by id.
// - A creation, a move or a status change alters the axis lists and the roll-ups (progress, budget) of the plan's axes:
//   those fields are forgotten, so the screens that show them ask again.
// - A change of status alone is answered at once (optimistic); the server's answer then replaces it.
import type { Cache, DataFields, Variables } from '@urql/exchange-graphcache';
import { invalidateFields, invalidateRootLists, type CacheConfig } from '../graphql/cache';

const ROLLUPS = ['progress', 'budget', 'agreementTotals'];

/**
 * Forgets the given fields of a plan and of all its axes (and the root action lists when `actions` is among them).
 * Never the fields the mutation itself selected: graphcache reads its result back from the cache.
 */
function planChanged(cache: Cache, planId: string | null | undefined, fieldNames: readonly string[]): void {
  if (!planId) return;
  const plan = { __typename: 'Plan', id: planId };
  invalidateFields(cache, plan, fieldNames);
  const axes = cache.resolve(plan, 'axes');
  if (Array.isArray(axes)) {
    for (const axisKey of axes) {
      if (typeof axisKey !== 'string') continue;
      const id = cache.resolve(axisKey, 'id');
      if (typeof id === 'string') invalidateFields(cache, { __typename: 'Axis', id }, fieldNames);
    }
  }
  if (fieldNames.includes('actions')) invalidateRootLists(cache, ['actions']);
}

function field(result: DataFields, name: string): Record<string, unknown> | null {
  const value = result[name];
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
}

const STATUS_ONLY = new Set(['status', 'progress']);

export const plansCache: CacheConfig = {
  updates: {
    Mutation: {
      createAction(result, _args, cache) {
        // The new action's axis and plan came back with their roll-ups; the lists of actions are asked again.
        planChanged(cache, field(result, 'createAction')?.planId as string | undefined, ['actions']);
      },
      moveAction(result, _args, cache, info) {
        if (info.optimistic) return;
        planChanged(cache, field(result, 'moveAction')?.planId as string | undefined, [...ROLLUPS, 'actions']);
      },
      updateAction(result, _args, cache, info) {
        if (info.optimistic) return;
        const action = field(result, 'updateAction');
        // An edit that brought back the roll-ups of its axis already updated them; a change of status alone did not.
        if (action && !('axis' in action)) planChanged(cache, action.planId as string | undefined, ROLLUPS);
      },
      importScdl(result, _args, cache) {
        // Imported subsidies join the lists of agreements (the agreements page, an actor's agreements).
        if ((field(result, 'importScdl') as { applied?: boolean } | undefined)?.applied) invalidateRootLists(cache, ['agreements']);
      },
      deleteAction(_result, _args, cache) {
        invalidateRootLists(cache, ['actions', 'plans', 'plan']);
      },
      createIndicator(result, _args, cache) {
        const indicator = field(result, 'createIndicator');
        if (indicator?.actionId) invalidateFields(cache, { __typename: 'Action', id: indicator.actionId as string }, ['indicators']);
        if (indicator?.planId) invalidateFields(cache, { __typename: 'Plan', id: indicator.planId as string }, ['indicators', 'indicatorCounts']);
      },
      createAgreement(_result, _args, cache) {
        invalidateRootLists(cache, ['agreements']);
      },
    },
  },
  optimistic: {
    updateAction(args: Variables) {
      const input = (args.input ?? {}) as Record<string, unknown>;
      if (!Object.keys(input).every((key) => STATUS_ONLY.has(key))) return { __typename: 'Action', id: args.id as string };
      return { __typename: 'Action', id: args.id as string, ...input };
    },
  },
};
