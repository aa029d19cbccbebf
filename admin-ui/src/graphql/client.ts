// The GraphQL client: the gateway serves the SPA and /graphql on the same origin (the Vite dev server proxies it).
import { Client, cacheExchange, fetchExchange } from 'urql';

export function createGraphQLClient(url = '/graphql'): Client {
  return new Client({
    url,
    // A document cache for now; @urql/exchange-graphcache comes with the first mutations.
    exchanges: [cacheExchange, fetchExchange],
    // Session cookies will travel with the identity issue; same-origin keeps them off other hosts.
    fetchOptions: { credentials: 'same-origin' },
    preferGetMethod: false,
  });
}
