// The header of the signed-in app: the platform's name, the main navigation, who is signed in and sign-out.
import type { SessionUser } from '../auth/session';
import { useMessages } from '../i18n';
import { authorityName } from '../referential/authorities';
import { Link, type Route } from '../router';

const PAGES: readonly Route[] = ['actors', 'plans'];

export function AppHeader({ user, route, onSignOut, signingOut }: { user: SessionUser; route: Route; onSignOut(): void; signingOut: boolean }) {
  const t = useMessages();
  const authorities = user.authorities.map((code) => t.authority(code, authorityName(code))).join(', ');
  return (
    <header className="app-header">
      <div className="container app-header__bar">
        <div>
          <p className="app-header__name">{t.app.name}</p>
          <p className="app-header__tagline">{t.app.tagline}</p>
        </div>
        <section className="account" aria-label={t.shell.account}>
          <p className="account__name">{user.displayName}</p>
          <p className="account__details">
            <span>
              {t.shell.role} : {t.roles[user.role]}
            </span>
            <span>
              {t.shell.authorities(user.authorities.length)} : {authorities}
            </span>
          </p>
          <button type="button" className="button button--on-dark" aria-disabled={signingOut} onClick={signingOut ? undefined : onSignOut}>
            {t.shell.signOut}
          </button>
        </section>
      </div>
      <nav className="main-nav" aria-label={t.shell.navigation}>
        <ul className="container main-nav__list">
          {PAGES.map((page) => (
            <li key={page}>
              <Link to={page} className="main-nav__link" aria-current={page === route ? 'page' : undefined}>
                {t.nav[page]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
