// The active catalogue, given through React context so that a language switch later changes one provider.
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { fr, type Messages } from './fr';

export const catalogues = { fr } satisfies Record<string, Messages>;
export type Language = keyof typeof catalogues;
export type { Messages };

const MessagesContext = createContext<Messages>(fr);

export function MessagesProvider({ language = 'fr', children }: { language?: Language; children: ReactNode }) {
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return <MessagesContext.Provider value={catalogues[language]}>{children}</MessagesContext.Provider>;
}

export function useMessages(): Messages {
  return useContext(MessagesContext);
}
