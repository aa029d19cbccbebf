// "Plans": the plans of the person's départements as outlines; each plan and action opens its page.
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { errorCode } from '../graphql/errors';
import { useMessages } from '../i18n';
import { PageHeader } from '../shell/PageHeader';
import { PlanOutline } from './PlanOutline';
import { ACTIONS_PER_AXIS, PLANS_PAGE_SIZE, PlansOutlineQuery, type PlansQueryVariables } from './plans.query';

export function PlansPage({ authorities }: { authorities: string[] }) {
  const t = useMessages();
  const authorityKey = authorities.join(',');
  const variables = useMemo<PlansQueryVariables>(
    () => ({ filter: { authorities: authorityKey.split(',') }, first: PLANS_PAGE_SIZE, actionsPerAxis: ACTIONS_PER_AXIS }),
    [authorityKey],
  );
  const [result, reexecute] = useQuery({ query: PlansOutlineQuery, variables });

  const plans = result.data?.plans;
  const status = plans ? t.plans.count(plans.totalCount) : result.fetching ? t.plans.loading : '';

  return (
    <>
      <PageHeader title={t.plans.title} lead={t.plans.intro} />

      <p className="result-count" role="status" aria-atomic="true">
        {status}
      </p>

      {result.error && (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">{t.plans.error.title}</p>
          <p>{t.plans.error.hint}</p>
          <p>
            {t.plans.error.code} : <code>{errorCode(result.error)}</code>
          </p>
          <button type="button" className="button button--secondary" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
            {t.plans.error.retry}
          </button>
        </div>
      )}

      {plans && plans.totalCount === 0 && (
        <div className="notice">
          <p className="notice__title">{t.plans.empty.title}</p>
          <p>{t.plans.empty.hint}</p>
        </div>
      )}

      {plans?.nodes.map((plan) => <PlanOutline key={plan.id} plan={plan} />)}
    </>
  );
}
