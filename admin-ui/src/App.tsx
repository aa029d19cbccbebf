// The application frame: the sign-in page until the gateway knows the person, then the header, navigation and pages.
import { Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Provider as GraphQLProvider } from 'urql';
import { actorsRoute } from './actors/routes';
import { callsRoute } from './calls/routes';
import { SignInPage } from './auth/SignInPage';
import { useSession } from './auth/SessionProvider';
import type { SessionUser } from './auth/session';
import { createGraphQLClient } from './graphql/client';
import { useMessages } from './i18n';
import { plansRoute } from './plans/routes';
import { procurementRoute } from './procurement/routes';
import { Link, pathOf, useRoute, type Route } from './router';
import { AppHeader } from './shell/AppHeader';
import { AuthoritiesProvider, useWorkingAuthorities } from './shell/authorities';
import { HomePage } from './shell/HomePage';
import { PageHeader } from './shell/PageHeader';
import { SearchPage } from './shell/SearchPage';

function SkipLink() {
  const t = useMessages();
  return (
    <a className="skip-link" href="#contenu">
      {t.app.skipToContent}
    </a>
  );
}

export function App() {
  const t = useMessages();
  const session = useSession();
  const { state } = session;

  if (state.status === 'signedIn') return <SignedInApp user={state.user} />;
  return (
    <>
      <SkipLink />
      <header className="app-header">
        <div className="container">
          <p className="app-header__name">{t.app.name}</p>
          <p className="app-header__tagline">{t.app.tagline}</p>
        </div>
      </header>
      <main id="contenu" className="container" tabIndex={-1}>
        {state.status === 'loading' ? (
          <p className="result-count" role="status">
            {t.app.loading}
          </p>
        ) : (
          <SignInPage oidc={state.oidc} reason={state.reason} onSignedIn={session.signedIn} />
        )}
      </main>
    </>
  );
}

function NotFoundPage() {
  const t = useMessages();
  return (
    <>
      <PageHeader title={t.shell.notFound.title} />
      <p>{t.shell.notFound.hint}</p>
      <p>
        <Link to={{ name: 'home' }}>{t.shell.notFound.home}</Link>
      </p>
    </>
  );
}

function Page({ route }: { route: Route }) {
  const { codes } = useWorkingAuthorities();
  if (route.name === 'home') return <HomePage />;
  if (route.name === 'search') return <SearchPage />;
  return actorsRoute(route) ?? plansRoute(route, codes) ?? callsRoute(route, codes) ?? procurementRoute(route, codes) ?? <NotFoundPage />;
}

function SignedInApp({ user }: { user: SessionUser }) {
  const { signOut, expired } = useSession();
  const route = useRoute();
  const routeKey = pathOf(route);
  const [signingOut, setSigningOut] = useState(false);
  // One client (and so one cache) per signed-in person: nothing of a previous session is shown to the next.
  const client = useMemo(() => createGraphQLClient({ onUnauthenticated: expired }), [expired]);
  const main = useRef<HTMLElement>(null);
  const firstRoute = useRef(routeKey);

  // After a change of page, focus goes to the content, so that screen readers start there.
  useEffect(() => {
    if (routeKey !== firstRoute.current) {
      firstRoute.current = routeKey;
      main.current?.focus();
    }
  }, [routeKey]);

  const leave = () => {
    setSigningOut(true);
    void signOut();
  };

  return (
    <GraphQLProvider value={client}>
      <AuthoritiesProvider authorities={user.authorities}>
        <SkipLink />
        <AppHeader user={user} route={route} onSignOut={leave} signingOut={signingOut} />
        <main id="contenu" className="container" tabIndex={-1} ref={main}>
          <Suspense fallback={<p role="status">{null}</p>}>
            <Page route={route} />
          </Suspense>
        </main>
      </AuthoritiesProvider>
    </GraphQLProvider>
  );
}
