// "Acteurs de l'ESS": search, filters, the count, the table a page at a time, and the loading, empty and error states.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { errorCode } from '../graphql/errors';
import type { ActorFilter } from '../graphql/types';
import { useMessages } from '../i18n';
import { useDebouncedValue } from '../ui/useDebouncedValue';
import { ActorFilters, NO_FILTERS, type ActorFilterValues } from './ActorFilters';
import { ActorTable } from './ActorTable';
import { useActorList } from './useActorList';

export const SEARCH_DELAY_MS = 300;

function toFilter(search: string, values: ActorFilterValues): ActorFilter {
  return {
    ...(search ? { search } : {}),
    ...(values.authority ? { authorities: [values.authority] } : {}),
    ...(values.legalFamily ? { legalFamilies: [values.legalFamily] } : {}),
  };
}

export function ActorsPage() {
  const t = useMessages();
  const [values, setValues] = useState<ActorFilterValues>(NO_FILTERS);
  const [search, applySearch] = useDebouncedValue(values.search.trim(), SEARCH_DELAY_MS);
  const filter = useMemo(() => toFilter(search, values), [search, values]);
  const list = useActorList(filter);
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const clearFocusRow = useCallback(() => setFocusRow(null), []);

  useEffect(() => {
    document.title = t.app.documentTitle(t.actors.title);
  }, [t]);

  const changeFilters = (next: ActorFilterValues) => {
    setValues(next);
    // Clearing the search is applied at once; typing waits for a pause.
    if (next.search.trim() === '') applySearch('');
  };

  const loadMore = () => {
    if (list.loadingMore) return;
    setFocusRow(list.actors.length);
    list.loadMore();
  };

  const status = list.totalCount !== null ? t.actors.count(list.totalCount) : list.loading ? t.actors.loading : '';
  const showTable = list.actors.length > 0 && list.totalCount !== 0 && !(list.error && list.stale);
  const showEmpty = list.totalCount === 0 && !list.loading && !list.error;

  return (
    <>
      <h1>{t.actors.title}</h1>
      <p className="lead">{t.actors.intro}</p>

      <ActorFilters values={values} onChange={changeFilters} onSubmit={() => applySearch()} />

      <p className="result-count" role="status" aria-atomic="true">
        {status}
      </p>

      {list.error && (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">{t.actors.error.title}</p>
          <p>{t.actors.error.hint}</p>
          <p>
            {t.actors.error.code} : <code>{errorCode(list.error)}</code>
          </p>
          <button type="button" className="button button--secondary" onClick={list.retry}>
            {t.actors.error.retry}
          </button>
        </div>
      )}

      {showEmpty && (
        <div className="notice">
          <p className="notice__title">{t.actors.empty.title}</p>
          <p>{t.actors.empty.hint}</p>
        </div>
      )}

      {showTable && (
        <ActorTable
          actors={list.actors}
          caption={t.actors.table.caption(list.actors.length, list.totalCount ?? list.actors.length)}
          busy={list.loading}
          focusRow={focusRow}
          onRowFocused={clearFocusRow}
        />
      )}

      {showTable && list.hasNextPage && (
        <p className="load-more">
          <button type="button" className="button" aria-disabled={list.loadingMore} onClick={loadMore}>
            {list.loadingMore ? t.actors.loadingMore : t.actors.loadMore}
          </button>
        </p>
      )}
    </>
  );
}
