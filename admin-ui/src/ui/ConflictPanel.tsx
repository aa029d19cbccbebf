// A version conflict: someone else saved the record while this person edited it. Both versions side by side, field by
// field (differences marked), then a deliberate choice: reload the saved version, or save this one over it.
import { useEffect, useRef } from 'react';
import { useMessages } from '../i18n';

export interface ConflictRow {
  label: string;
  theirs: string;
  yours: string;
}

export function ConflictPanel({ rows, onReload, onOverwrite, busy }: { rows: ConflictRow[]; onReload(): void; onOverwrite(): void; busy?: boolean }) {
  const t = useMessages();
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), []);
  return (
    <section className="notice notice--error conflict" role="alert" aria-labelledby="conflict-title" tabIndex={-1} ref={panel}>
      <h2 id="conflict-title" className="notice__title">
        {t.common.conflict.title}
      </h2>
      <p>{t.common.conflict.hint}</p>
      <table className="data-table conflict__table">
        <thead>
          <tr>
            <th scope="col">{t.common.conflict.field}</th>
            <th scope="col">{t.common.conflict.theirs}</th>
            <th scope="col">{t.common.conflict.yours}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} className={row.theirs !== row.yours ? 'conflict__differs' : undefined}>
              <th scope="row">{row.label}</th>
              <td>{row.theirs}</td>
              <td>{row.yours}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={onReload} aria-disabled={busy || undefined}>
          {t.common.conflict.reload}
        </button>
        <button type="button" className="button" onClick={onOverwrite} aria-disabled={busy || undefined}>
          {t.common.conflict.overwrite}
        </button>
      </div>
    </section>
  );
}
