// Warns before leaving a form with unsaved changes: closing or reloading the tab (beforeunload) and any change of page
// made inside the app (links, Back is not stoppable by the History API and is left to the browser).
import { useEffect } from 'react';
import { useMessages } from '../i18n';
import { addNavigationGuard } from '../router';

export function useUnsavedChanges(dirty: boolean): void {
  const t = useMessages();
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    const removeGuard = addNavigationGuard(() => window.confirm(t.common.unsavedChanges));
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      removeGuard();
    };
  }, [dirty, t]);
}
