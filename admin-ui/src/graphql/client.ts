// The GraphQL client: the gateway serves the SPA and /graphql on the same origin (the Vite dev server proxies it).
import { cacheExchange } from '@urql/exchange-graphcache';
import { Client, fetchExchange, mapExchange, type CombinedError } from 'urql';
import { actorsCache } from '../actors/cache';
import { callsCache } from '../calls/cache';
import { plansCache } from '../plans/cache';
import { procurementCache } from '../procurement/cache';
import { mergeCacheConfigs } from './cache';

/** The gateway refused the credentials (401 before any GraphQL work) or a subgraph said UNAUTHENTICATED. */
export function isUnauthenticated(error: CombinedError): boolean {
  const status = (error.response as { status?: number } | undefined)?.status;
  return status === 401 || error.graphQLErrors.some((graphQLError) => graphQLError.extensions?.code === 'UNAUTHENTICATED');
}

export function createGraphQLClient({ url = '/graphql', onUnauthenticated }: { url?: string; onUnauthenticated?: () => void } = {}): Client {
  return new Client({
    url,
    exchanges: [
      mapExchange({
        onError(error) {
          if (onUnauthenticated && isUnauthenticated(error)) onUnauthenticated();
        },
      }),
      cacheExchange(mergeCacheConfigs(actorsCache, plansCache, callsCache, procurementCache)),
      fetchExchange,
    ],
    // The HttpOnly session cookie travels with every request, and only to this origin.
    fetchOptions: { credentials: 'same-origin' },
    preferGetMethod: false,
  });
}
