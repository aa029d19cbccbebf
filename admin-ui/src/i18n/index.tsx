// The active catalogue, given through React context: French first, English second. The choice is kept in the browser
// (localStorage) and sets <html lang>; the first visit follows nothing but French, the platform's working language.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { fr, type Messages } from './fr';

export const catalogues = { fr, en } satisfies Record<string, Messages>;
export type Language = keyof typeof catalogues;
export const LANGUAGES = Object.keys(catalogues) as Language[];
export type { Messages };

const STORAGE_KEY = 'ess.language';

function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value && value in catalogues ? (value as Language) : null;
  } catch {
    return null;
  }
}

interface LanguageContextValue {
  language: Language;
  messages: Messages;
  setLanguage(language: Language): void;
}

const LanguageContext = createContext<LanguageContextValue>({ language: 'fr', messages: fr, setLanguage: () => undefined });

export function MessagesProvider({ language: initial, children }: { language?: Language; children: ReactNode }) {
  const [language, setState] = useState<Language>(() => initial ?? storedLanguage() ?? 'fr');
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    setState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing: the choice lasts for this page only.
    }
  }, []);
  const value = useMemo(() => ({ language, messages: catalogues[language], setLanguage }), [language, setLanguage]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useMessages(): Messages {
  return useContext(LanguageContext).messages;
}

export function useLanguage(): [Language, (language: Language) => void] {
  const { language, setLanguage } = useContext(LanguageContext);
  return [language, setLanguage];
}
