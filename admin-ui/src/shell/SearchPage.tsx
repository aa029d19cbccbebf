// Global search results across actors, plans and actions.
import { useMessages } from '../i18n';
import { PageHeader } from './PageHeader';

export function SearchPage() {
  const t = useMessages();
  return <PageHeader title={t.shell.search} />;
}
