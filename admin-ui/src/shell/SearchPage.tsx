// Global search (/recherche?q=…): one request across actors, plans and actions of the working départements, accents
// and case ignored by the subgraphs; each group shows its first results and its count.
import type { ReactNode } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../graphql/tada';
import { useMessages } from '../i18n';
import { Link, useSearchParams } from '../router';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useWorkingAuthorities } from './authorities';
import { PageHeader } from './PageHeader';

export const SEARCH_RESULTS_PER_GROUP = 10;

const GlobalSearchQuery = graphql(`
  query GlobalSearch($q: String!, $authorities: [String!], $first: Int!) {
    actors(first: $first, filter: { search: $q, authorities: $authorities }) {
      totalCount
      nodes {
        id
        name
        address {
          communeName
        }
      }
    }
    plans(first: $first, filter: { search: $q, authorities: $authorities }) {
      totalCount
      nodes {
        id
        title
      }
    }
    actions(first: $first, filter: { search: $q, authorities: $authorities }) {
      totalCount
      nodes {
        id
        title
        plan {
          id
          title
        }
      }
    }
  }
`);

function Group({ title, children, empty }: { title: string; children: ReactNode; empty: boolean }) {
  const t = useMessages();
  const id = `search-${title.replace(/\W+/g, '-')}`;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {empty ? <p>{t.search.none}</p> : <ul className="search-results">{children}</ul>}
    </section>
  );
}

export function SearchPage() {
  const t = useMessages();
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const { codes } = useWorkingAuthorities();
  const [result, reexecute] = useQuery({
    query: GlobalSearchQuery,
    variables: { q, authorities: codes, first: SEARCH_RESULTS_PER_GROUP },
    pause: q === '',
  });
  const data = result.data;
  const actors = data?.actors;
  const plans = data?.plans;
  const actions = data?.actions;
  return (
    <>
      <PageHeader title={t.shell.search} lead={q ? t.search.intro(q) : t.search.empty} />
      <p className="result-count" role="status" aria-atomic="true">
        {result.fetching ? t.common.loading : ''}
      </p>
      {result.error && <ErrorNotice title={t.search.error} error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {q && data && (
        <>
          <Group title={t.search.actors(actors?.totalCount ?? 0)} empty={!actors?.nodes.length}>
            {actors?.nodes.map((actor) => (
              <li key={actor.id}>
                <Link to={{ name: 'actor', id: actor.id }}>{actor.name}</Link>
                {actor.address.communeName && <span className="secondary"> – {actor.address.communeName}</span>}
              </li>
            ))}
            {actors && actors.totalCount > actors.nodes.length && (
              <li>
                <Link to={`/acteurs?q=${encodeURIComponent(q)}`}>{t.search.more(actors.totalCount)}</Link>
              </li>
            )}
          </Group>
          <Group title={t.search.plans(plans?.totalCount ?? 0)} empty={!plans?.nodes.length}>
            {plans?.nodes.map((plan) => (
              <li key={plan.id}>
                <Link to={{ name: 'plan', id: plan.id }}>{plan.title}</Link>
              </li>
            ))}
          </Group>
          <Group title={t.search.actions(actions?.totalCount ?? 0)} empty={!actions?.nodes.length}>
            {actions?.nodes.map((action) => (
              <li key={action.id}>
                <Link to={{ name: 'action', id: action.id }}>{action.title}</Link>
                {action.plan && <span className="secondary"> – {action.plan.title}</span>}
              </li>
            ))}
          </Group>
        </>
      )}
    </>
  );
}
