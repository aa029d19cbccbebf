// The calls-for-commons workspace's pages, by route; loaded on demand (their own chunk, with their words), so the
// initial JavaScript does not grow with the workspace.
import { lazy, type ReactNode } from 'react';
import type { Route } from '../router';

const CallsPage = lazy(() => import('./CallsPage'));
const CallPage = lazy(() => import('./CallPage'));
const CallNewPage = lazy(() => import('./CallNewPage'));
const ApplicationPage = lazy(() => import('./ApplicationPage'));

export function callsRoute(route: Route, authorities: string[]): ReactNode {
  switch (route.name) {
    case 'calls':
      return <CallsPage authorities={authorities} />;
    case 'callNew':
      return <CallNewPage authorities={authorities} />;
    case 'call':
      return <CallPage key={route.id} id={route.id} />;
    case 'application':
      return <ApplicationPage key={route.id} id={route.id} />;
    default:
      return null;
  }
}
