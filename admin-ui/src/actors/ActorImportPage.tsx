// SIRENE CSV import: a file (or pasted text) and the département of new actors, a preview (dry run) with the report
// of every bad row, then the import itself (all or nothing, or leaving out the bad rows when asked) and its summary.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { errorCode, fieldProblems } from '../graphql/errors';
import { useMessages } from '../i18n';
import { Link } from '../router';
import { authorityName } from '../referential/authorities';
import { PageHeader } from '../shell/PageHeader';
import { useWorkingAuthorities } from '../shell/authorities';
import { CheckboxField, SelectField, TextAreaField } from '../ui/Field';
import { useUnsavedChanges } from '../ui/useUnsavedChanges';
import { canEditRegistry, useSessionUser } from './access';
import { ImportActorsMutation, type ImportReport } from './actors.query';

/** The data lines of a CSV as the import counts them ("Lignes lues"): the non-empty lines after the header. */
function dataLines(csv: string): number {
  return Math.max(0, csv.split(/\r?\n/).filter((line) => line.trim()).length - 1);
}

export function ActorImportPage() {
  const t = useMessages();
  const m = t.actors.import;
  const user = useSessionUser();
  const { codes } = useWorkingAuthorities();
  const id = useId();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [authority, setAuthority] = useState(() => codes.find((code) => user?.authorities.includes(code)) ?? user?.authorities[0] ?? '');
  const [skipInvalidRows, setSkipInvalidRows] = useState(false);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [summary, setSummary] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [state, importActors] = useMutation(ImportActorsMutation);
  const result = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  useUnsavedChanges(csv.trim() !== '' && !summary);

  const crumbs = [{ label: t.actors.title, to: { name: 'actors' as const } }];
  if (!canEditRegistry(user)) {
    return (
      <>
        <PageHeader title={m.title} crumbs={crumbs} />
        <p className="notice">{t.actors.detail.actionFailed}</p>
      </>
    );
  }

  const run = async (dryRun: boolean) => {
    setProblem(null);
    if (!csv.trim()) {
      setProblem(m.noFile);
      requestAnimationFrame(() => result.current?.focus());
      return;
    }
    const outcome = await importActors({ csv, authority, dryRun, skipInvalidRows });
    if (outcome.error || !outcome.data) {
      const problems = outcome.error ? fieldProblems(outcome.error) : [];
      setProblem(problems.length ? `${m.refused} ${problems.map((p) => t.actors.serverMessage(p.message)).join(' ; ')}` : `${m.refused} ${t.common.errorCode} : ${outcome.error ? errorCode(outcome.error) : 'UNKNOWN_ERROR'}`);
      setPreview(null);
    } else if (dryRun) {
      setPreview(outcome.data.importActors);
    } else {
      setSummary(outcome.data.importActors);
      setPreview(null);
    }
    requestAnimationFrame(() => result.current?.focus());
  };

  const restart = () => {
    setCsv('');
    setFileName(null);
    setPreview(null);
    setSummary(null);
    setProblem(null);
    if (fileInput.current) fileInput.current.value = '';
  };

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setCsv(await file.text());
    setFileName(file.name);
    setPreview(null);
    setSummary(null);
  };

  const report = summary ?? preview;
  const applicable = preview && !preview.applied && (preview.errors.length === 0 || skipInvalidRows);
  const importable = preview ? preview.rows - (skipInvalidRows ? new Set(preview.errors.map((error) => error.line)).size : 0) : 0;

  return (
    <>
      <PageHeader title={m.title} crumbs={crumbs} lead={m.intro} />
      {!summary && (
        <form
          className="form actor-import"
          noValidate
          aria-busy={state.fetching}
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            void run(true);
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-file`}>{m.file}</label>
            <p id={`${id}-file-hint`} className="field__hint">
              {m.fileHint}
            </p>
            <input
              ref={fileInput}
              id={`${id}-file`}
              type="file"
              accept=".csv,text/csv"
              aria-describedby={`${id}-file-hint`}
              onChange={(event) => void readFile(event.target.files?.[0])}
            />
            {fileName && <p className="field__hint">{m.fileRead(fileName, dataLines(csv))}</p>}
          </div>
          <TextAreaField
            label={m.paste}
            name="csv"
            rows={8}
            spellCheck={false}
            className="input actor-import__csv"
            value={csv}
            onChange={(event) => {
              setCsv(event.target.value);
              setPreview(null);
            }}
          />
          <SelectField label={m.authority} name="authority" required value={authority} onChange={(event) => setAuthority(event.target.value)}>
            {(user?.authorities ?? []).map((code) => (
              <option key={code} value={code}>
                {t.authority(code, authorityName(code))}
              </option>
            ))}
          </SelectField>
          <CheckboxField
            label={m.skipInvalidRows}
            hint={m.skipInvalidRowsHint}
            checked={skipInvalidRows}
            onChange={(event) => {
              setSkipInvalidRows(event.target.checked);
              setPreview(null);
            }}
          />
          <div className="button-row">
            <button type="submit" className="button button--secondary" aria-disabled={state.fetching || undefined}>
              {state.fetching && !preview ? m.previewing : m.preview}
            </button>
          </div>
        </form>
      )}

      <div ref={result} tabIndex={-1} className="actor-import__result" aria-live="polite">
        {problem && (
          <div className="notice notice--error" role="alert">
            <p>{problem}</p>
          </div>
        )}
        {report && (
          <section className="panel" aria-labelledby={`${id}-report`}>
            <h2 id={`${id}-report`}>{summary ? m.summaryTitle : m.previewTitle}</h2>
            <ul className="key-figures actor-import__figures">
              <li className="key-figure">
                <span className="key-figure__value">{t.format.integer.format(report.rows)}</span> {m.report.rows}
              </li>
              <li className="key-figure">
                <span className="key-figure__value">{t.format.integer.format(report.created)}</span> {summary ? m.report.created : m.report.toCreate}
              </li>
              <li className="key-figure">
                <span className="key-figure__value">{t.format.integer.format(report.updated)}</span> {summary ? m.report.updated : m.report.toUpdate}
              </li>
              <li className="key-figure">
                <span className="key-figure__value">{t.format.integer.format(report.unchanged)}</span> {m.report.unchanged}
              </li>
              {(report.skipped > 0 || summary) && (
                <li className="key-figure">
                  <span className="key-figure__value">{t.format.integer.format(report.skipped)}</span> {m.report.skipped}
                </li>
              )}
              <li className="key-figure">
                <span className="key-figure__value">{t.format.integer.format(new Set(report.errors.map((error) => error.line)).size)}</span> {m.report.errors}
              </li>
            </ul>
            {report.layout && <p>{m.layouts[report.layout]}</p>}
            {summary && summary.applied && summary.created + summary.updated === 0 && <p className="notice">{m.nothingChanged}</p>}
            {report.errors.length === 0 ? (
              <p>{m.noError}</p>
            ) : (
              <>
                <h3>{m.errorsTitle(report.errors.length)}</h3>
                <div className="table-scroll" role="region" aria-labelledby={`${id}-errors`} tabIndex={0}>
                  <table className="data-table actor-import__errors">
                    <caption id={`${id}-errors`}>{m.errorsCaption}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{m.line}</th>
                        <th scope="col">{t.actors.fields.siret}</th>
                        <th scope="col">{m.column}</th>
                        <th scope="col">{m.message}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {report.errors.map((error, index) => (
                        <tr key={`${error.line}-${error.column ?? ''}-${index}`}>
                          <th scope="row">{error.line}</th>
                          <td className="nowrap">{error.siret ?? '—'}</td>
                          <td>
                            <code>{error.column ?? '—'}</code>
                          </td>
                          <td>{t.actors.serverMessage(error.message)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
            {preview && !applicable && <p className="notice notice--error">{m.blocked}</p>}
            {preview && applicable && (
              <div className="button-row">
                <button type="button" className="button" aria-disabled={state.fetching || undefined} onClick={() => void run(false)}>
                  {state.fetching ? m.applying : m.apply(importable)}
                </button>
              </div>
            )}
            {summary && (
              <>
                <p>{m.appliedHint}</p>
                <div className="button-row">
                  <Link className="button" to={{ name: 'actors' }}>
                    {m.goToList}
                  </Link>
                  <button type="button" className="button button--secondary" onClick={restart}>
                    {m.restart}
                  </button>
                </div>
              </>
            )}
          </section>
        )}
      </div>
    </>
  );
}
