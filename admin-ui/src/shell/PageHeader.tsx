// The top of every page: the breadcrumb (where this page sits), its title as the only <h1>, and the document title.
import { useEffect, type ReactNode } from 'react';
import { useMessages } from '../i18n';
import { Link, type Route } from '../router';

export interface Crumb {
  label: string;
  to: Route | string;
}

export function PageHeader({ title, crumbs = [], lead, actions }: { title: string; crumbs?: Crumb[]; lead?: ReactNode; actions?: ReactNode }) {
  const t = useMessages();
  useEffect(() => {
    document.title = t.app.documentTitle(title);
  }, [t, title]);
  return (
    <div className="page-header">
      {crumbs.length > 0 && (
        <nav className="breadcrumb" aria-label={t.shell.breadcrumb}>
          <ol>
            {crumbs.map((crumb) => (
              <li key={crumb.label}>
                <Link to={crumb.to}>{crumb.label}</Link>
              </li>
            ))}
            <li>
              <span aria-current="page">{title}</span>
            </li>
          </ol>
        </nav>
      )}
      <div className="page-header__title">
        <h1>{title}</h1>
        {actions && <div className="page-header__actions">{actions}</div>}
      </div>
      {lead && <p className="lead">{lead}</p>}
    </div>
  );
}
