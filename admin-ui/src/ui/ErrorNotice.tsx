// A failed request, said in words with what to do, and the code to quote to support (never the server's message).
import type { CombinedError } from 'urql';
import { errorCode } from '../graphql/errors';
import { useMessages } from '../i18n';

export function ErrorNotice({ title, error, onRetry }: { title: string; error: CombinedError; onRetry?: () => void }) {
  const t = useMessages();
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{title}</p>
      <p>{t.common.errorHint}</p>
      <p>
        {t.common.errorCode} : <code>{errorCode(error)}</code>
      </p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t.common.retry}
        </button>
      )}
    </div>
  );
}
