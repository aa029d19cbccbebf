// The home page: the working départements' key figures (filled in by the shell's home query).
import { useMessages } from '../i18n';
import { PageHeader } from './PageHeader';

export function HomePage() {
  const t = useMessages();
  return <PageHeader title={t.nav.home} />;
}
