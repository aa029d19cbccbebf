// A small router on the History API: two pages for now, links that behave as links (new tab, copy address).
// The gateway serves index.html for any path without an extension, so a reload or a shared address works.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export type Route = 'actors' | 'plans';

export const ROUTE_PATHS: Record<Route, string> = { actors: '/acteurs', plans: '/plans' };

export function routeOf(pathname: string): Route {
  return pathname === ROUTE_PATHS.plans || pathname.startsWith(`${ROUTE_PATHS.plans}/`) ? 'plans' : 'actors';
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(route: Route): void {
  const path = ROUTE_PATHS[route];
  if (window.location.pathname !== path) window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => routeOf(window.location.pathname));
}

/** A link to a page of the app: a plain click changes page without reloading; modified clicks keep the browser's behaviour. */
export function Link({ to, onClick, ...props }: { to: Route } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={ROUTE_PATHS[to]} onClick={follow} {...props} />;
}
