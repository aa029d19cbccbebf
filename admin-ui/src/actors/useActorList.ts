// The actor list for a filter, a page at a time: "load more" appends the next page (cursor pagination).
// While a new filter or the next page loads, the rows already shown stay on screen.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createRequest, useQuery, type CombinedError } from 'urql';
import type { ActorFilter, ActorOrder } from '../graphql/types';
import { ActorsQuery, type ActorListItem, type ActorsQueryVariables } from './actors.query';

export const PAGE_SIZE = 25;

interface ListView {
  /** The filter these rows are for; null before the first answer. */
  filterKey: string | null;
  actors: ActorListItem[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

const EMPTY_VIEW: ListView = { filterKey: null, actors: [], totalCount: 0, endCursor: null, hasNextPage: false };

export interface ActorList {
  actors: ActorListItem[];
  /** Total matching the current filter; null until its first page has come. */
  totalCount: number | null;
  hasNextPage: boolean;
  /** A request is under way (first page or next page). */
  loading: boolean;
  loadingMore: boolean;
  /** The rows shown belong to a previous filter (its answer has not come yet). */
  stale: boolean;
  error: CombinedError | undefined;
  loadMore(): void;
  retry(): void;
  /** Back to the first page (after a bulk change), asked again from the server. */
  reset(): void;
}

function appendNew(shown: ActorListItem[], page: ActorListItem[]): ActorListItem[] {
  const seen = new Set(shown.map((actor) => actor.id));
  return [...shown, ...page.filter((actor) => !seen.has(actor.id))];
}

export function useActorList(filter: ActorFilter, orderBy?: ActorOrder): ActorList {
  // A new filter or sort order starts again from its first page.
  const filterKey = JSON.stringify({ filter, orderBy: orderBy ?? null });
  const [cursor, setCursor] = useState<{ filterKey: string; after: string | null }>({ filterKey, after: null });
  // A new filter starts again from its first page.
  const after = cursor.filterKey === filterKey ? cursor.after : null;

  const variables = useMemo<ActorsQueryVariables>(
    () => {
      const parsed = JSON.parse(filterKey) as { filter: ActorFilter; orderBy: ActorOrder | null };
      return { first: PAGE_SIZE, after, filter: parsed.filter, ...(parsed.orderBy ? { orderBy: parsed.orderBy } : {}) };
    },
    [filterKey, after],
  );
  const requestKey = useMemo(() => createRequest(ActorsQuery, variables).key, [variables]);
  const [result, reexecuteQuery] = useQuery({ query: ActorsQuery, variables });

  // urql keeps the previous answer while the next one loads: only use an answer to the request made now.
  const answered = !result.fetching && result.operation?.key === requestKey;
  const connection = answered ? result.data?.actors : undefined;

  const [view, setView] = useState<ListView>(EMPTY_VIEW);
  useEffect(() => {
    if (!connection) return;
    setView((shown) => {
      const keep = after !== null && shown.filterKey === filterKey ? shown.actors : [];
      return {
        filterKey,
        actors: appendNew(keep, connection.edges.map((edge) => edge.node)),
        totalCount: connection.totalCount,
        endCursor: connection.pageInfo.endCursor,
        hasNextPage: connection.pageInfo.hasNextPage,
      };
    });
  }, [connection, after, filterKey]);

  const current = view.filterKey === filterKey;
  const loadMore = useCallback(() => {
    if (current && view.hasNextPage && view.endCursor && !result.fetching) setCursor({ filterKey, after: view.endCursor });
  }, [current, view.hasNextPage, view.endCursor, result.fetching, filterKey]);
  const retry = useCallback(() => reexecuteQuery({ requestPolicy: 'network-only' }), [reexecuteQuery]);
  const reset = useCallback(() => {
    setCursor({ filterKey, after: null });
  }, [filterKey]);

  return {
    actors: view.actors,
    totalCount: current ? view.totalCount : null,
    hasNextPage: current && view.hasNextPage,
    loading: result.fetching,
    loadingMore: result.fetching && after !== null,
    stale: !current,
    error: answered ? result.error : undefined,
    loadMore,
    retry,
    reset,
  };
}
