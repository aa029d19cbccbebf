// The application frame: skip link, header, main content. Routing comes with the next pages.
import { ActorsPage } from './actors/ActorsPage';
import { useMessages } from './i18n';

export function App() {
  const t = useMessages();
  return (
    <>
      <a className="skip-link" href="#contenu">
        {t.app.skipToContent}
      </a>
      <header className="app-header">
        <div className="container">
          <p className="app-header__name">{t.app.name}</p>
          <p className="app-header__tagline">{t.app.tagline}</p>
        </div>
      </header>
      <main id="contenu" className="container" tabIndex={-1}>
        <ActorsPage />
      </main>
    </>
  );
}
