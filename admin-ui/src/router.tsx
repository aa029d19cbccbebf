// A small router on the History API: typed routes from the path, state of lists kept in the query string (shareable
// addresses, the back button works), links that behave as links (new tab, copy address). The gateway serves
// index.html for any path without an extension, so a reload or a shared address works.
import { useCallback, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'actors' }
  | { name: 'actorNew' }
  | { name: 'actorImport' }
  | { name: 'actorMapImport' }
  | { name: 'actor'; id: string }
  | { name: 'actorEdit'; id: string }
  | { name: 'plans' }
  | { name: 'plan'; id: string }
  | { name: 'actionNew'; planId: string }
  | { name: 'action'; id: string }
  | { name: 'agreements' }
  | { name: 'agreement'; id: string }
  | { name: 'calls' }
  | { name: 'callNew' }
  | { name: 'call'; id: string }
  | { name: 'application'; id: string }
  | { name: 'contracts' }
  | { name: 'contract'; id: string }
  | { name: 'decpImport' }
  | { name: 'contractNew' }
  | { name: 'contractEdit'; id: string }
  | { name: 'spaserHome' }
  | { name: 'spaser'; id: string }
  | { name: 'search' }
  | { name: 'notFound' };

export type RouteName = Route['name'];

/** The main sections, as the navigation shows them; every route belongs to one. */
export type Section = 'home' | 'actors' | 'plans' | 'agreements' | 'calls' | 'procurement';

const PATTERNS: Array<[RegExp, (match: RegExpMatchArray) => Route]> = [
  [/^\/$/, () => ({ name: 'home' })],
  [/^\/acteurs\/?$/, () => ({ name: 'actors' })],
  [/^\/acteurs\/nouveau$/, () => ({ name: 'actorNew' })],
  [/^\/acteurs\/import$/, () => ({ name: 'actorImport' })],
  [/^\/acteurs\/import-carte$/, () => ({ name: 'actorMapImport' })],
  [/^\/acteurs\/([^/]+)$/, (m) => ({ name: 'actor', id: decodeURIComponent(m[1]!) })],
  [/^\/acteurs\/([^/]+)\/modifier$/, (m) => ({ name: 'actorEdit', id: decodeURIComponent(m[1]!) })],
  [/^\/plans\/?$/, () => ({ name: 'plans' })],
  [/^\/plans\/([^/]+)$/, (m) => ({ name: 'plan', id: decodeURIComponent(m[1]!) })],
  [/^\/plans\/([^/]+)\/actions\/nouvelle$/, (m) => ({ name: 'actionNew', planId: decodeURIComponent(m[1]!) })],
  [/^\/actions\/([^/]+)$/, (m) => ({ name: 'action', id: decodeURIComponent(m[1]!) })],
  [/^\/accords\/?$/, () => ({ name: 'agreements' })],
  [/^\/accords\/([^/]+)$/, (m) => ({ name: 'agreement', id: decodeURIComponent(m[1]!) })],
  [/^\/appels\/?$/, () => ({ name: 'calls' })],
  [/^\/appels\/nouveau$/, () => ({ name: 'callNew' })],
  [/^\/appels\/([^/]+)$/, (m) => ({ name: 'call', id: decodeURIComponent(m[1]!) })],
  [/^\/candidatures\/([^/]+)$/, (m) => ({ name: 'application', id: decodeURIComponent(m[1]!) })],
  [/^\/marches\/?$/, () => ({ name: 'contracts' })],
  [/^\/marches\/import-decp$/, () => ({ name: 'decpImport' })],
  [/^\/marches\/nouveau$/, () => ({ name: 'contractNew' })],
  [/^\/marches\/([^/]+)\/modifier$/, (m) => ({ name: 'contractEdit', id: decodeURIComponent(m[1]!) })],
  [/^\/marches\/([^/]+)$/, (m) => ({ name: 'contract', id: decodeURIComponent(m[1]!) })],
  [/^\/spaser\/?$/, () => ({ name: 'spaserHome' })],
  [/^\/spaser\/([^/]+)$/, (m) => ({ name: 'spaser', id: decodeURIComponent(m[1]!) })],
  [/^\/recherche$/, () => ({ name: 'search' })],
];

export function routeOf(pathname: string): Route {
  for (const [pattern, make] of PATTERNS) {
    const match = pathname.match(pattern);
    if (match) return make(match);
  }
  return { name: 'notFound' };
}

export function sectionOf(route: Route): Section | null {
  switch (route.name) {
    case 'home':
      return 'home';
    case 'actors':
    case 'actorNew':
    case 'actorImport':
    case 'actorMapImport':
    case 'actor':
    case 'actorEdit':
      return 'actors';
    case 'plans':
    case 'plan':
    case 'actionNew':
    case 'action':
      return 'plans';
    case 'agreements':
    case 'agreement':
      return 'agreements';
    case 'calls':
    case 'callNew':
    case 'call':
    case 'application':
      return 'calls';
    case 'contracts':
    case 'contract':
    case 'decpImport':
    case 'contractNew':
    case 'contractEdit':
    case 'spaserHome':
    case 'spaser':
      return 'procurement';
    default:
      return null;
  }
}

const seg = encodeURIComponent;

/** The address of a route (the inverse of routeOf). */
export function pathOf(route: Route): string {
  switch (route.name) {
    case 'home':
      return '/';
    case 'actors':
      return '/acteurs';
    case 'actorNew':
      return '/acteurs/nouveau';
    case 'actorImport':
      return '/acteurs/import';
    case 'actorMapImport':
      return '/acteurs/import-carte';
    case 'actor':
      return `/acteurs/${seg(route.id)}`;
    case 'actorEdit':
      return `/acteurs/${seg(route.id)}/modifier`;
    case 'plans':
      return '/plans';
    case 'plan':
      return `/plans/${seg(route.id)}`;
    case 'actionNew':
      return `/plans/${seg(route.planId)}/actions/nouvelle`;
    case 'action':
      return `/actions/${seg(route.id)}`;
    case 'agreements':
      return '/accords';
    case 'agreement':
      return `/accords/${seg(route.id)}`;
    case 'calls':
      return '/appels';
    case 'callNew':
      return '/appels/nouveau';
    case 'call':
      return `/appels/${seg(route.id)}`;
    case 'application':
      return `/candidatures/${seg(route.id)}`;
    case 'contracts':
      return '/marches';
    case 'contract':
      return `/marches/${seg(route.id)}`;
    case 'decpImport':
      return '/marches/import-decp';
    case 'contractNew':
      return '/marches/nouveau';
    case 'contractEdit':
      return `/marches/${seg(route.id)}/modifier`;
    case 'spaserHome':
      return '/spaser';
    case 'spaser':
      return `/spaser/${seg(route.id)}`;
    case 'search':
      return '/recherche';
    case 'notFound':
      return '/';
  }
}

const listeners = new Set<() => void>();
/** Guards that may stop a change of page (a form with unsaved changes); each returns true to let it happen. */
const guards = new Set<() => boolean>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** Goes to an address of the app ("/acteurs?q=coop"); `replace` keeps the history entry (typing in a filter). */
export function navigate(href: string, { replace = false, force = false }: { replace?: boolean; force?: boolean } = {}): boolean {
  const current = window.location.pathname + window.location.search;
  if (href === current) return true;
  if (!force) for (const guard of guards) if (!guard()) return false;
  if (replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  notify();
  return true;
}

/** Registers a guard consulted before any change of page made by the app (links, navigate). */
export function addNavigationGuard(guard: () => boolean): () => void {
  guards.add(guard);
  return () => guards.delete(guard);
}

const locationKey = () => window.location.pathname + window.location.search;

/** The current location; components re-render when it changes. */
export function useLocation(): { pathname: string; search: string } {
  const key = useSyncExternalStore(subscribe, locationKey);
  const index = key.indexOf('?');
  return index < 0 ? { pathname: key, search: '' } : { pathname: key.slice(0, index), search: key.slice(index) };
}

export function useRoute(): Route {
  const { pathname } = useLocation();
  return routeOf(pathname);
}

/**
 * The query string as a state: `params` are the current values, `setParams` writes a new set (empty values dropped).
 * Typing in a search box replaces the history entry; a change of filter or page pushes one, so Back undoes it.
 */
export function useSearchParams(): [URLSearchParams, (next: Record<string, string | null | undefined>, options?: { replace?: boolean }) => void] {
  const { pathname, search } = useLocation();
  const setParams = useCallback(
    (next: Record<string, string | null | undefined>, { replace = false }: { replace?: boolean } = {}) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(next)) if (value !== null && value !== undefined && value !== '') params.set(key, value);
      const query = params.toString();
      navigate(query ? `${pathname}?${query}` : pathname, { replace });
    },
    [pathname],
  );
  return [new URLSearchParams(search), setParams];
}

/** A link to a page of the app: a plain click changes page without reloading; modified clicks keep the browser's behaviour. */
export function Link({ to, onClick, ...props }: { to: Route | string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const href = typeof to === 'string' ? to : pathOf(to);
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={follow} {...props} />;
}
