// How the calls screens' mutations update the normalized cache (see graphql/cache.ts).
// - A new call joins the lists of calls: they are asked again.
// - A step of the lifecycle may move the call's applications (the review starts with the eligible ones): the call's
//   applications are asked again.
// - A juror's first review changes the application's reviews and score; an edited one, its score.
// - A decision changes its application (status, decision) and the money the call granted (metrics): both are forgotten.
import type { DataFields } from '@urql/exchange-graphcache';
import { invalidateFields, invalidateRootLists, type CacheConfig } from '../graphql/cache';

function field(result: DataFields, name: string): Record<string, unknown> | null {
  const value = result[name];
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
}

export const callsCache: CacheConfig = {
  updates: {
    Mutation: {
      createCall(_result, _args, cache) {
        invalidateRootLists(cache, ['calls']);
      },
      transitionCall(result, _args, cache) {
        const call = field(result, 'transitionCall');
        if (typeof call?.id === 'string') invalidateFields(cache, { __typename: 'Call', id: call.id }, ['applications', 'metrics']);
      },
      reviewApplication(result, _args, cache) {
        const applicationId = field(result, 'reviewApplication')?.applicationId;
        if (typeof applicationId === 'string') invalidateFields(cache, { __typename: 'Application', id: applicationId }, ['reviews', 'score']);
      },
      updateReview(result, _args, cache) {
        const applicationId = field(result, 'updateReview')?.applicationId;
        if (typeof applicationId === 'string') invalidateFields(cache, { __typename: 'Application', id: applicationId }, ['score']);
      },
      decideApplication(result, _args, cache) {
        const applicationId = field(result, 'decideApplication')?.applicationId;
        if (typeof applicationId !== 'string') return;
        const application = { __typename: 'Application', id: applicationId };
        const callId = cache.resolve(application, 'callId');
        invalidateFields(cache, application, ['status', 'decision', 'version']);
        if (typeof callId === 'string') invalidateFields(cache, { __typename: 'Call', id: callId }, ['metrics', 'history']);
      },
    },
  },
};
