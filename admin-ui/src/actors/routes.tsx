// The actor registry's pages, by route (loaded with the app: the list is the most visited page).
import type { ReactNode } from 'react';
import type { Route } from '../router';
import { ActorsPage } from './ActorsPage';

export function actorsRoute(route: Route): ReactNode {
  switch (route.name) {
    case 'actors':
      return <ActorsPage />;
    default:
      return null;
  }
}
