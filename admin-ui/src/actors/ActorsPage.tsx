// "Acteurs de l'ESS": search, every filter and the sort order kept in the address, the count, column choice, export of
// the whole filtered list (CSV, XLSX), bulk archive for editors, the table a page at a time, and the loading, empty and
// error states, each saying what to do.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { useMessages } from '../i18n';
import { Link, useSearchParams } from '../router';
import { PageHeader } from '../shell/PageHeader';
import { useWorkingAuthorities } from '../shell/authorities';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useDebouncedValue } from '../ui/useDebouncedValue';
import { canEditRegistry, takeFlash, useSessionUser } from './access';
import { ArchiveActorMutation } from './actors.query';
import { ActorFilters } from './ActorFilters';
import { ActorTable } from './ActorTable';
import { COLUMNS, useColumns } from './columns';
import { exportActors } from './exportActors';
import { isFiltered, readParams, toFilter, toOrder, writeParams, type ListParams } from './listParams';
import { useActorList } from './useActorList';

export const SEARCH_DELAY_MS = 300;

export function ActorsPage() {
  const t = useMessages();
  const client = useClient();
  const user = useSessionUser();
  const canEdit = canEditRegistry(user);
  const { codes: working } = useWorkingAuthorities();
  const [params, setParams] = useSearchParams();
  const query = params.toString();
  const values = useMemo(() => readParams(new URLSearchParams(query)), [query]);
  const valuesRef = useRef(values);
  valuesRef.current = values;

  // The search box: typed here, written to the address after a pause (replacing the entry: Back skips keystrokes).
  const [searchText, setSearchText] = useState(values.search);
  const [debounced, flushSearch] = useDebouncedValue(searchText.trim(), SEARCH_DELAY_MS);
  const urlSearch = useRef(values.search);
  useEffect(() => {
    // The address changed by Back or a link: the box follows it.
    if (values.search !== urlSearch.current) {
      urlSearch.current = values.search;
      setSearchText(values.search);
      flushSearch(values.search.trim());
    }
  }, [values.search, flushSearch]);
  useEffect(() => {
    if (debounced === valuesRef.current.search.trim()) return;
    urlSearch.current = debounced;
    setParams(writeParams({ ...valuesRef.current, search: debounced }), { replace: true });
  }, [debounced, setParams]);

  const filter = useMemo(() => toFilter(values, working), [values, working]);
  const orderBy = useMemo(() => toOrder(values.sort), [values.sort]);
  const list = useActorList(filter, orderBy);
  const [columns, toggleColumn] = useColumns();
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const clearFocusRow = useCallback(() => setFocusRow(null), []);
  const [flash] = useState(takeFlash);

  const changeFilters = (next: ListParams) => {
    const search = searchText.trim();
    urlSearch.current = search;
    setParams(writeParams({ ...next, search }));
  };
  const reset = () => {
    setSearchText('');
    flushSearch('');
    urlSearch.current = '';
    setParams({});
  };
  const submitSearch = () => {
    const search = searchText.trim();
    flushSearch(search);
    if (search !== values.search) {
      urlSearch.current = search;
      setParams(writeParams({ ...values, search }), { replace: true });
    }
  };

  // Selection for the bulk actions: forgotten when the filter changes.
  const filterKey = JSON.stringify(filter);
  const [selection, setSelection] = useState<{ key: string; ids: ReadonlySet<string> }>({ key: filterKey, ids: new Set() });
  const selected = selection.key === filterKey ? selection.ids : new Set<string>();
  const select = useCallback(
    (ids: string[], on: boolean) =>
      setSelection((current) => {
        const next = new Set(current.key === filterKey ? current.ids : []);
        for (const id of ids) {
          if (on) next.add(id);
          else next.delete(id);
        }
        return { key: filterKey, ids: next };
      }),
    [filterKey],
  );

  const [, archiveActor] = useMutation(ArchiveActorMutation);
  const [bulk, setBulk] = useState<{ busy: boolean; message: string | null; error: boolean }>({ busy: false, message: null, error: false });
  const archiveSelection = async () => {
    const targets = list.actors.filter((actor) => selected.has(actor.id) && !actor.archivedAt);
    if (targets.length === 0 || bulk.busy || !window.confirm(t.actors.bulk.confirm(targets.length))) return;
    setBulk({ busy: true, message: t.actors.bulk.archiving, error: false });
    let failed = 0;
    for (const actor of targets) {
      const result = await archiveActor({ id: actor.id, version: actor.version });
      if (result.error) failed += 1;
    }
    const done = targets.length - failed;
    setSelection({ key: filterKey, ids: new Set() });
    list.reset();
    setBulk({ busy: false, message: [done > 0 ? t.actors.bulk.done(done) : '', failed > 0 ? t.actors.bulk.failed(failed) : ''].filter(Boolean).join(' '), error: failed > 0 });
  };

  const [exporting, setExporting] = useState<{ busy: boolean; message: string; error: boolean }>({ busy: false, message: '', error: false });
  const runExport = async (format: 'csv' | 'xlsx') => {
    if (exporting.busy) return;
    setExporting({ busy: true, message: t.common.export.exporting, error: false });
    try {
      const count = await exportActors(client, t, format, filter, orderBy, (done, total) =>
        setExporting({ busy: true, message: t.actors.export.progress(done, total), error: false }),
      );
      setExporting({ busy: false, message: t.common.export.done(count), error: false });
    } catch {
      setExporting({ busy: false, message: t.actors.export.failed, error: true });
    }
  };

  const loadMore = () => {
    if (list.loadingMore) return;
    setFocusRow(list.actors.length);
    list.loadMore();
  };

  const status = list.totalCount !== null ? t.actors.count(list.totalCount) : list.loading ? t.actors.loading : '';
  const showTable = list.actors.length > 0 && list.totalCount !== 0 && !(list.error && list.stale);
  const showEmpty = list.totalCount === 0 && !list.loading && !list.error;
  const filtered = isFiltered(values);
  const nameSort = values.sort === 'nom' ? 'ascending' : values.sort === '-nom' ? 'descending' : null;

  return (
    <>
      <PageHeader
        title={t.actors.title}
        lead={t.actors.intro}
        actions={
          canEdit && (
            <>
              <Link className="button" to={{ name: 'actorNew' }}>
                {t.actors.actions.create}
              </Link>
              <Link className="button button--secondary" to={{ name: 'actorImport' }}>
                {t.actors.actions.import}
              </Link>
              <Link className="button button--secondary" to={{ name: 'actorMapImport' }}>
                {t.actors.actions.importMap}
              </Link>
            </>
          )
        }
      />

      {flash && (
        <p className="notice notice--success" role="status">
          {flash}
        </p>
      )}

      <ActorFilters
        values={values}
        searchText={searchText}
        onSearchText={setSearchText}
        onChange={changeFilters}
        onSubmit={submitSearch}
        onReset={reset}
        working={working}
      />

      <div className="actor-toolbar">
        <p className="result-count" role="status" aria-atomic="true">
          {status}
        </p>
        <details className="actor-columns">
          <summary>{t.actors.columns.label}</summary>
          <fieldset>
            <legend className="visually-hidden">{t.actors.columns.label}</legend>
            <p className="field__hint">{t.actors.columns.hint}</p>
            <ul className="actor-filters__options">
              {COLUMNS.map((column) => (
                <li key={column}>
                  <input id={`column-${column}`} type="checkbox" checked={columns.includes(column)} onChange={(event) => toggleColumn(column, event.target.checked)} />
                  <label htmlFor={`column-${column}`}>{t.actors.table[column]}</label>
                </li>
              ))}
            </ul>
          </fieldset>
        </details>
        <div className="actor-export" role="group" aria-label={t.common.export.label}>
          <button type="button" className="button button--secondary" aria-disabled={exporting.busy || !list.totalCount || undefined} onClick={() => list.totalCount && void runExport('csv')}>
            {t.common.export.csv}
          </button>
          <button type="button" className="button button--secondary" aria-disabled={exporting.busy || !list.totalCount || undefined} onClick={() => list.totalCount && void runExport('xlsx')}>
            {t.common.export.xlsx}
          </button>
        </div>
      </div>
      <p className={exporting.error ? 'field__error actor-export__status' : 'field__hint actor-export__status'} role="status" aria-live="polite">
        {exporting.message}
      </p>

      {canEdit && showTable && (
        <div className="actor-bulk" role="group" aria-label={t.actors.bulk.label}>
          <p className="actor-bulk__count">{t.actors.bulk.selected(selected.size)}</p>
          <button type="button" className="button button--secondary" aria-disabled={selected.size === 0 || bulk.busy || undefined} onClick={() => void archiveSelection()}>
            {bulk.busy ? t.actors.bulk.archiving : t.actors.bulk.archive}
          </button>
          {selected.size > 0 && (
            <button type="button" className="button button--secondary" onClick={() => setSelection({ key: filterKey, ids: new Set() })}>
              {t.actors.bulk.clear}
            </button>
          )}
        </div>
      )}
      {/* Outside the group: archiving the last actors shown empties the list and hides the group, not the outcome. */}
      {canEdit && (
        <p className={bulk.error ? 'field__error' : 'field__hint'} role="status">
          {bulk.busy ? '' : bulk.message}
        </p>
      )}

      {list.error && <ErrorNotice title={t.actors.error.title} error={list.error} onRetry={list.retry} />}

      {showEmpty && (
        <div className="notice">
          <p className="notice__title">{t.actors.empty.title}</p>
          <p>{filtered ? t.actors.empty.hint : t.actors.empty.registry}</p>
          {filtered && (
            <button type="button" className="button button--secondary" onClick={reset}>
              {t.actors.filters.reset}
            </button>
          )}
        </div>
      )}

      {showTable && (
        <ActorTable
          actors={list.actors}
          caption={t.actors.table.caption(list.actors.length, list.totalCount ?? list.actors.length)}
          busy={list.loading}
          columns={columns}
          nameSort={nameSort}
          selected={canEdit ? selected : null}
          onSelect={select}
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
