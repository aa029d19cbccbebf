// The actor registry's pages, by route. The list comes with the app (the most visited page); the detail, the form
// and the import are loaded when first opened, to keep the first download small.
import { lazy, type ReactNode } from 'react';
import type { Route } from '../router';
import { ActorsPage } from './ActorsPage';

const ActorDetailPage = lazy(() => import('./ActorDetailPage').then((module) => ({ default: module.ActorDetailPage })));
const ActorFormPage = lazy(() => import('./ActorFormPage').then((module) => ({ default: module.ActorFormPage })));
const ActorImportPage = lazy(() => import('./ActorImportPage').then((module) => ({ default: module.ActorImportPage })));
const ActorMapImportPage = lazy(() => import('./ActorMapImportPage').then((module) => ({ default: module.ActorMapImportPage })));

export function actorsRoute(route: Route): ReactNode {
  switch (route.name) {
    case 'actors':
      return <ActorsPage />;
    case 'actorNew':
      return <ActorFormPage />;
    case 'actorImport':
      return <ActorImportPage />;
    case 'actorMapImport':
      return <ActorMapImportPage />;
    case 'actor':
      return <ActorDetailPage key={route.id} id={route.id} />;
    case 'actorEdit':
      return <ActorFormPage key={route.id} id={route.id} />;
    default:
      return null;
  }
}
