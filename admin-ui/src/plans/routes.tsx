// The plans' pages, by route.
import type { ReactNode } from 'react';
import type { Route } from '../router';
import { PlansPage } from './PlansPage';

export function plansRoute(route: Route, authorities: string[]): ReactNode {
  switch (route.name) {
    case 'plans':
      return <PlansPage authorities={authorities} />;
    default:
      return null;
  }
}
