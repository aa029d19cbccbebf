// The header of the signed-in app: the platform's name, the global search, who is signed in (role, départements, the
// working département when they have several), preferences (language, theme), sign-out, and the main navigation.
import { useState, type FormEvent } from 'react';
import type { SessionUser } from '../auth/session';
import { LANGUAGES, useLanguage, useMessages, type Language } from '../i18n';
import { authorityName } from '../referential/authorities';
import { Link, navigate, sectionOf, useSearchParams, type Route, type Section } from '../router';
import { useWorkingAuthorities } from './authorities';
import { THEME_CHOICES, useTheme, type ThemeChoice } from './theme';

const SECTIONS: ReadonlyArray<{ section: Section; to: Route }> = [
  { section: 'home', to: { name: 'home' } },
  { section: 'actors', to: { name: 'actors' } },
  { section: 'plans', to: { name: 'plans' } },
  { section: 'agreements', to: { name: 'agreements' } },
  { section: 'calls', to: { name: 'calls' } },
  { section: 'procurement', to: { name: 'contracts' } },
];

function GlobalSearch({ route }: { route: Route }) {
  const t = useMessages();
  const [params] = useSearchParams();
  const [text, setText] = useState(() => (route.name === 'search' ? (params.get('q') ?? '') : ''));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = text.trim();
    if (q) navigate(`/recherche?q=${encodeURIComponent(q)}`);
  };
  return (
    <div className="global-search">
      <form role="search" aria-label={t.shell.search} onSubmit={submit}>
        <label htmlFor="global-search" className="visually-hidden">
          {t.shell.searchLabel}
        </label>
        <input
          id="global-search"
          type="search"
          className="input"
          placeholder={t.shell.searchPlaceholder}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="button button--on-dark">
          {t.shell.searchSubmit}
        </button>
      </form>
    </div>
  );
}

function Preferences() {
  const t = useMessages();
  const [language, setLanguage] = useLanguage();
  const [theme, setTheme] = useTheme();
  return (
    <div className="preferences" role="group" aria-label={t.shell.settings}>
      <label>
        <span>{t.shell.language}</span>
        <select className="input input--compact" value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
          {LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {t.shell.languages[code]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t.shell.theme}</span>
        <select className="input input--compact" value={theme} onChange={(event) => setTheme(event.target.value as ThemeChoice)}>
          {THEME_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t.shell.themes[choice]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

export function AppHeader({ user, route, onSignOut, signingOut }: { user: SessionUser; route: Route; onSignOut(): void; signingOut: boolean }) {
  const t = useMessages();
  const working = useWorkingAuthorities();
  const current = sectionOf(route);
  const label = (code: string) => t.authority(code, authorityName(code));
  return (
    <header className="app-header">
      <div className="container app-header__bar">
        <div>
          <p className="app-header__name">{t.app.name}</p>
          <p className="app-header__tagline">{t.app.tagline}</p>
        </div>
        <GlobalSearch key={route.name === 'search' ? 'search' : 'other'} route={route} />
        <section className="account" aria-label={t.shell.account}>
          <p className="account__name">{user.displayName}</p>
          <p className="account__details">
            <span>
              {t.shell.role} : {t.roles[user.role]}
            </span>
            {working.all.length > 1 ? (
              <label>
                <span>{t.shell.authority} : </span>
                <select className="input input--compact" value={working.selected ?? ''} onChange={(event) => working.select(event.target.value || null)}>
                  <option value="">{t.shell.allAuthorities}</option>
                  {working.all.map((code) => (
                    <option key={code} value={code}>
                      {label(code)}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <span>
                {t.shell.authorities(working.all.length)} : {working.all.map(label).join(', ')}
              </span>
            )}
          </p>
          <Preferences />
          <button type="button" className="button button--on-dark" aria-disabled={signingOut} onClick={signingOut ? undefined : onSignOut}>
            {t.shell.signOut}
          </button>
        </section>
      </div>
      <nav className="main-nav" aria-label={t.shell.navigation}>
        <ul className="container main-nav__list">
          {SECTIONS.map(({ section, to }) => (
            <li key={section}>
              <Link to={to} className="main-nav__link" aria-current={section === current ? 'page' : undefined}>
                {t.nav[section]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
