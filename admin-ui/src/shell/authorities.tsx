// The départements the person works on: all of theirs by default, or the one chosen in the header when they have
// several. Screens filter their lists with `codes`; the choice is kept in the browser for the next visit.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface WorkingAuthorities {
  /** Every département of the person. */
  all: string[];
  /** The one chosen, or null for all of them. */
  selected: string | null;
  /** What screens filter on: the chosen one, or all. */
  codes: string[];
  select(code: string | null): void;
}

const STORAGE_KEY = 'ess.authority';
const Context = createContext<WorkingAuthorities | null>(null);

export function AuthoritiesProvider({ authorities, children }: { authorities: string[]; children: ReactNode }) {
  const [selected, setSelected] = useState<string | null>(() => {
    try {
      const stored = window.localStorage.getItem(STORAGE_KEY);
      return stored && authorities.includes(stored) ? stored : null;
    } catch {
      return null;
    }
  });
  const select = useCallback((code: string | null) => {
    setSelected(code);
    try {
      if (code) window.localStorage.setItem(STORAGE_KEY, code);
      else window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Private browsing: the choice lasts for this page only.
    }
  }, []);
  const key = authorities.join(',');
  const value = useMemo(() => {
    const all = key ? key.split(',') : [];
    return { all, selected, codes: selected ? [selected] : all, select };
  }, [key, selected, select]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useWorkingAuthorities(): WorkingAuthorities {
  const value = useContext(Context);
  if (!value) throw new Error('useWorkingAuthorities() outside <AuthoritiesProvider>');
  return value;
}
