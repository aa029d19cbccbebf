// The home page: the working départements' key figures in one request — progress of each plan by axis, the budget
// committed through agreements, the actors by legal family, and the latest changes (plans' history, actors edited).
import { useQuery } from 'urql';
import { graphql, readFragment, type ResultOf } from '../graphql/tada';
import { LEGAL_FAMILIES, type LegalFamily } from '../graphql/types';
import { useMessages } from '../i18n';
import { ProgressBar } from '../plans/ProgressBar';
import { Link } from '../router';
import { ErrorNotice } from '../ui/ErrorNotice';
import { changeSummary, HistoryEntryFragment } from '../ui/HistoryPanel';
import { useWorkingAuthorities } from './authorities';
import { PageHeader } from './PageHeader';

const HomeQuery = graphql(
  `
    query Home($authorities: [String!]) {
      plans(first: 20, filter: { authorities: $authorities }) {
        nodes {
          id
          title
          status
          authorities {
            code
            name
          }
          progress {
            actionCount
            progress
          }
          budget {
            planned
            committed
            commitmentRate
          }
          agreements(first: 0) {
            totalCount
          }
          axes {
            id
            position
            title
            progress {
              actionCount
              progress
            }
          }
          history(first: 5) {
            nodes {
              ...HistoryEntryFields
            }
          }
        }
      }
      allActors: actors(first: 0, filter: { authorities: $authorities }) {
        totalCount
      }
      ASSOCIATION: actors(first: 0, filter: { authorities: $authorities, legalFamilies: [ASSOCIATION] }) {
        totalCount
      }
      COOPERATIVE: actors(first: 0, filter: { authorities: $authorities, legalFamilies: [COOPERATIVE] }) {
        totalCount
      }
      MUTUAL: actors(first: 0, filter: { authorities: $authorities, legalFamilies: [MUTUAL] }) {
        totalCount
      }
      FOUNDATION: actors(first: 0, filter: { authorities: $authorities, legalFamilies: [FOUNDATION] }) {
        totalCount
      }
      ESS_COMPANY: actors(first: 0, filter: { authorities: $authorities, legalFamilies: [ESS_COMPANY] }) {
        totalCount
      }
      OTHER: actors(first: 0, filter: { authorities: $authorities, legalFamilies: [OTHER] }) {
        totalCount
      }
      recentActors: actors(first: 5, filter: { authorities: $authorities }, orderBy: { field: UPDATED_AT, direction: DESC }) {
        nodes {
          id
          name
          updatedAt
          history(first: 1) {
            nodes {
              ...HistoryEntryFields
            }
          }
        }
      }
    }
  `,
  [HistoryEntryFragment],
);

type HomeData = ResultOf<typeof HomeQuery>;
type HomePlan = NonNullable<HomeData['plans']>['nodes'][number];

function PlanFigures({ plan }: { plan: HomePlan }) {
  const t = useMessages();
  const headingId = `plan-${plan.id}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Link to={{ name: 'plan', id: plan.id }}>{plan.title}</Link>
      </h2>
      <ul className="key-figures">
        <li className="key-figure">
          <span className="key-figure__value">{plan.progress.progress === null ? '—' : t.format.percentOf100(plan.progress.progress)}</span>
          {t.home.progress(plan.progress.actionCount)}
        </li>
        <li className="key-figure">
          <span className="key-figure__value">{t.format.euros(plan.budget.committed)}</span>
          {t.home.committed(t.format.euros(plan.budget.planned))}
        </li>
        <li className="key-figure">
          <span className="key-figure__value">{t.format.integer.format(plan.agreements.totalCount)}</span>
          {t.home.agreements}
        </li>
      </ul>
      <p className="secondary figures__rule">{t.plans.rollupRule}</p>
      <table className="data-table">
        <caption>{t.home.progressByAxis}</caption>
        <thead>
          <tr>
            <th scope="col">{t.home.axis}</th>
            <th scope="col">{t.home.actions}</th>
            <th scope="col">{t.plans.progress}</th>
          </tr>
        </thead>
        <tbody>
          {plan.axes.map((axis) => (
            <tr key={axis.id}>
              <th scope="row">
                {t.plans.axis(axis.position)} – {axis.title}
              </th>
              <td>{t.format.integer.format(axis.progress.actionCount)}</td>
              <td>
                <ProgressBar value={axis.progress.progress} label={t.plans.progressOf(axis.title)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ActorFamilies({ data }: { data: HomeData }) {
  const t = useMessages();
  const count = (family: LegalFamily) => data[family]?.totalCount ?? 0;
  return (
    <section className="panel" aria-labelledby="home-families">
      <h2 id="home-families">{t.home.actorsByFamily(data.allActors?.totalCount ?? 0)}</h2>
      <table className="data-table">
        <caption className="visually-hidden">{t.home.actorsByFamily(data.allActors?.totalCount ?? 0)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.actors.table.legalFamily}</th>
            <th scope="col">{t.home.count}</th>
          </tr>
        </thead>
        <tbody>
          {LEGAL_FAMILIES.map((family) => (
            <tr key={family}>
              <th scope="row">
                <Link to={`/acteurs?famille=${family}`}>{t.legalFamilies[family]}</Link>
              </th>
              <td>{t.format.integer.format(count(family))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function LatestChanges({ data }: { data: HomeData }) {
  const t = useMessages();
  const planChanges = (data.plans?.nodes ?? []).flatMap((plan) =>
    plan.history.nodes.map((entry) => ({ plan, entry: readFragment(HistoryEntryFragment, entry) })),
  );
  planChanges.sort((a, b) => b.entry.at.localeCompare(a.entry.at));
  const actors = data.recentActors?.nodes ?? [];
  return (
    <section className="panel" aria-labelledby="home-latest">
      <h2 id="home-latest">{t.home.latest}</h2>
      <ul className="latest-changes">
        {planChanges.slice(0, 5).map(({ plan, entry }) => (
          <li key={entry.id}>
            <time dateTime={entry.at}>{t.format.dateTime(entry.at)}</time> – <Link to={{ name: 'plan', id: plan.id }}>{plan.title}</Link>
            {` (${changeSummary(
              entry,
              (action) => t.plans.action.historyActions[action] ?? t.common.history.actions[action] ?? action,
              (field) => t.plans.action.fields[field] ?? field,
            )})`}
          </li>
        ))}
        {actors.map((actor) => {
          const last = actor.history.nodes[0] ? readFragment(HistoryEntryFragment, actor.history.nodes[0]) : null;
          const fields = t.actors.fields as Record<string, unknown>;
          return (
            <li key={actor.id}>
              <time dateTime={actor.updatedAt}>{t.format.dateTime(actor.updatedAt)}</time> –{' '}
              <Link to={{ name: 'actor', id: actor.id }}>{actor.name}</Link>
              {last &&
                ` (${changeSummary(
                  last,
                  (action) => t.actors.history.actions[action] ?? action,
                  (field) => (typeof fields[field] === 'string' ? (fields[field] as string) : field),
                )})`}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function HomePage() {
  const t = useMessages();
  const { codes } = useWorkingAuthorities();
  const [result, reexecute] = useQuery({ query: HomeQuery, variables: { authorities: codes } });
  const data = result.data;
  return (
    <>
      <PageHeader title={t.nav.home} lead={t.home.intro} />
      <p className="result-count" role="status" aria-atomic="true">
        {result.fetching && !data ? t.common.loading : ''}
      </p>
      {result.error && <ErrorNotice title={t.home.error} error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {data && (
        <>
          {(data.plans?.nodes ?? []).length === 0 && (
            <div className="notice">
              <p className="notice__title">{t.plans.empty.title}</p>
              <p>{t.plans.empty.hint}</p>
            </div>
          )}
          {(data.plans?.nodes ?? []).map((plan) => (
            <PlanFigures key={plan.id} plan={plan} />
          ))}
          <div className="home-columns">
            <ActorFamilies data={data} />
            <LatestChanges data={data} />
          </div>
        </>
      )}
    </>
  );
}
