// The plans' and agreements' pages, by route. The action page (with its chart) and the agreements pages are loaded on
// demand, to keep the initial JavaScript small.
import { lazy, type ReactNode } from 'react';
import type { Route } from '../router';
import { ActionNewPage } from './ActionNewPage';
import { PlanPage } from './PlanPage';
import { PlansPage } from './PlansPage';

const ActionPage = lazy(() => import('./ActionPage'));
const AgreementsPage = lazy(() => import('../agreements/AgreementsPage'));
const AgreementPage = lazy(() => import('../agreements/AgreementPage'));

export function plansRoute(route: Route, authorities: string[]): ReactNode {
  switch (route.name) {
    case 'plans':
      return <PlansPage authorities={authorities} />;
    case 'plan':
      return <PlanPage key={route.id} id={route.id} />;
    case 'actionNew':
      return <ActionNewPage key={route.planId} planId={route.planId} />;
    case 'action':
      return <ActionPage key={route.id} id={route.id} />;
    case 'agreements':
      return <AgreementsPage authorities={authorities} />;
    case 'agreement':
      return <AgreementPage key={route.id} id={route.id} />;
    default:
      return null;
  }
}
