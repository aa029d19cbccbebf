// The session for the whole app: loaded once, set by the sign-in page, ended by sign-out or by the server (401).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fetchSession, signOut as endSession, type SessionState, type SessionUser } from './session';

interface SessionContextValue {
  state: SessionState;
  signedIn(user: SessionUser, expiresAt: string): void;
  signOut(): Promise<void>;
  /** The server no longer knows the session (401, UNAUTHENTICATED): back to the sign-in page. */
  expired(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    void fetchSession().then((next) => {
      if (!cancelled) setState(next);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const signedIn = useCallback((user: SessionUser, expiresAt: string) => setState({ status: 'signedIn', user, expiresAt }), []);

  const signOut = useCallback(async () => {
    await endSession();
    const next = await fetchSession();
    setState(next.status === 'signedOut' ? { ...next, reason: next.reason ?? 'signedOut' } : next);
  }, []);

  const expired = useCallback(() => {
    setState((current) => (current.status === 'signedIn' ? { status: 'signedOut', oidc: false, reason: 'expired' } : current));
    // Learn again whether an identity provider is offered; keep saying why the person is back here.
    void fetchSession().then((next) => {
      if (next.status === 'signedOut') setState((current) => (current.status === 'signedOut' ? { ...current, oidc: next.oidc } : current));
    });
  }, []);

  const value = useMemo(() => ({ state, signedIn, signOut, expired }), [state, signedIn, signOut, expired]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() outside <SessionProvider>');
  return value;
}
