// The sign-in page: email and password, errors said in French and announced, and the identity provider when there is one.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMessages } from '../i18n';
import { signIn, type SessionUser, type SignedOutReason } from './session';

interface FieldErrors {
  email?: string;
  password?: string;
}

export function SignInPage({ oidc, reason, onSignedIn }: { oidc: boolean; reason?: SignedOutReason; onSignedIn(user: SessionUser, expiresAt: string): void }) {
  const t = useMessages();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(reason === 'unavailable' ? t.signIn.errors.UNAVAILABLE : null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = t.app.documentTitle(t.signIn.title);
  }, [t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const errors: FieldErrors = {
      ...(email.trim() ? {} : { email: t.signIn.errors.emailMissing }),
      ...(password ? {} : { password: t.signIn.errors.passwordMissing }),
    };
    setFieldErrors(errors);
    if (errors.email || errors.password) {
      setError(null);
      (errors.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setSubmitting(true);
    setError(null);
    const result = await signIn(email.trim(), password);
    setSubmitting(false);
    if (result.ok) {
      onSignedIn(result.user, result.expiresAt);
      return;
    }
    setError(t.signIn.errors[result.error]);
    if (result.error === 'INVALID_CREDENTIALS') {
      setPassword('');
      passwordRef.current?.focus();
    }
  };

  return (
    <div className="sign-in">
      <h1>{t.signIn.title}</h1>
      <p className="lead">{t.signIn.intro}</p>

      {reason === 'expired' && !error && <p className="notice">{t.signIn.expired}</p>}
      {reason === 'signedOut' && !error && <p className="notice">{t.signIn.signedOut}</p>}

      {/* Cleared before each attempt, so that the same error said twice is announced twice. */}
      {error && (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">{t.signIn.errorTitle}</p>
          <p>{error}</p>
        </div>
      )}

      <form className="sign-in__form" noValidate onSubmit={submit} aria-busy={submitting}>
        <div className="field">
          <label htmlFor="sign-in-email">{t.signIn.email}</label>
          {fieldErrors.email && (
            <p className="field__error" id="sign-in-email-error">
              {fieldErrors.email}
            </p>
          )}
          <input
            ref={emailRef}
            id="sign-in-email"
            name="email"
            type="email"
            autoComplete="username"
            spellCheck={false}
            required
            aria-invalid={fieldErrors.email ? true : undefined}
            aria-describedby={fieldErrors.email ? 'sign-in-email-error' : undefined}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">{t.signIn.password}</label>
          {fieldErrors.password && (
            <p className="field__error" id="sign-in-password-error">
              {fieldErrors.password}
            </p>
          )}
          <input
            ref={passwordRef}
            id="sign-in-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={fieldErrors.password ? 'sign-in-password-error' : undefined}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <p>
          <button type="submit" className="button" aria-disabled={submitting}>
            {submitting ? t.signIn.submitting : t.signIn.submit}
          </button>
        </p>
      </form>

      {oidc && (
        <>
          <p className="sign-in__or">{t.signIn.or}</p>
          <p>
            {/* A full navigation: the gateway redirects to the provider and back to /auth/oidc/callback. */}
            <a className="button button--secondary" href="/auth/oidc/start">
              {t.signIn.oidc}
            </a>
          </p>
        </>
      )}
    </div>
  );
}
