// SIRENE CSV import: a file (or pasted text) and the département of new actors, a preview (dry run) with the report
// of every bad row, then the import itself (all or nothing, or leaving out the bad rows when asked) and its summary.
// A chosen file, whatever its size (a département's stock is tens of MB), goes through the upload and runs as a job
// whose progress shows; pasted text goes through the importActors mutation.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useClient, useMutation } from 'urql';
import { errorCode, fieldProblems } from '../graphql/errors';
import { followJob, uploadFile, UploadRefused, type FollowedJob } from '../graphql/uploads';
import { useMessages } from '../i18n';
import { Link } from '../router';
import { authorityName } from '../referential/authorities';
import { PageHeader } from '../shell/PageHeader';
import { useWorkingAuthorities } from '../shell/authorities';
import { CheckboxField, SelectField, TextAreaField } from '../ui/Field';
import { useUnsavedChanges } from '../ui/useUnsavedChanges';
import { canEditRegistry, useSessionUser } from './access';
import { ActorsJobQuery, ImportActorsMutation, type ImportReport } from './actors.query';

/** Files up to this size are counted in lines when chosen; larger ones only by their size. */
const COUNTED_BYTES = 1024 * 1024;

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
  const [file, setFile] = useState<File | null>(null);
  const [fileLines, setFileLines] = useState<number | null>(null);
  // One key per file and options: a resent upload (a lost answer) is the same job; a new choice is a new import.
  const [uploadKey, setUploadKey] = useState(() => crypto.randomUUID());
  const [job, setJob] = useState<FollowedJob | null>(null);
  const [uploading, setUploading] = useState(false);
  const client = useClient();
  const [authority, setAuthority] = useState(() => codes.find((code) => user?.authorities.includes(code)) ?? user?.authorities[0] ?? '');
  const [skipInvalidRows, setSkipInvalidRows] = useState(false);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [summary, setSummary] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [state, importActors] = useMutation(ImportActorsMutation);
  const result = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  useUnsavedChanges((csv.trim() !== '' || file !== null) && !summary);
  const busy = state.fetching || uploading;

  const crumbs = [{ label: t.actors.title, to: { name: 'actors' as const } }];
  if (!canEditRegistry(user)) {
    return (
      <>
        <PageHeader title={m.title} crumbs={crumbs} />
        <p className="notice">{t.actors.detail.actionFailed}</p>
      </>
    );
  }

  const runUpload = async (chosen: File, dryRun: boolean) => {
    setUploading(true);
    setJob(null);
    try {
      const key = `${uploadKey}-${dryRun ? 'preview' : 'import'}`;
      const jobId = await uploadFile('actors/sirene', { authority, dryRun, skipInvalidRows }, chosen, key);
      const ended = await followJob(async () => {
        const read = await client.query(ActorsJobQuery, { id: jobId }, { requestPolicy: 'network-only' }).toPromise();
        return (read.data?.actorsJob as FollowedJob | null | undefined) ?? null;
      }, setJob);
      const report = ended.result as ImportReport | null;
      if (ended.status === 'succeeded' && report) {
        if (dryRun) setPreview(report);
        else {
          setSummary(report);
          setPreview(null);
        }
      } else if (report && !report.applied) {
        // refused whole (bad rows): the report says which, as a preview would
        setPreview(report);
      } else {
        setProblem(`${m.refused} ${ended.error ? t.actors.serverMessage(ended.error.message) : ''}`.trim());
        setPreview(null);
      }
    } catch (error) {
      const refused = error instanceof UploadRefused ? error : new UploadRefused('UNKNOWN_ERROR', '');
      setProblem(`${m.refused} ${refused.message ? t.actors.serverMessage(refused.message) : `${t.common.errorCode} : ${refused.code}`}`);
      setPreview(null);
    } finally {
      setUploading(false);
      setJob(null);
    }
    requestAnimationFrame(() => result.current?.focus());
  };

  const run = async (dryRun: boolean) => {
    setProblem(null);
    if (file) {
      await runUpload(file, dryRun);
      return;
    }
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
    setFile(null);
    setFileLines(null);
    setUploadKey(crypto.randomUUID());
    setPreview(null);
    setSummary(null);
    setProblem(null);
    if (fileInput.current) fileInput.current.value = '';
  };

  const chooseFile = async (chosen: File | undefined) => {
    setFile(chosen ?? null);
    setFileLines(null);
    setUploadKey(crypto.randomUUID());
    setPreview(null);
    setSummary(null);
    if (!chosen) return;
    setCsv('');
    if (chosen.size <= COUNTED_BYTES) setFileLines(dataLines(await chosen.text()));
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
          aria-busy={busy}
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
              onChange={(event) => void chooseFile(event.target.files?.[0])}
            />
            {file && (
              <p className="field__hint">
                {fileLines !== null ? m.fileRead(file.name, fileLines) : m.fileChosen(file.name, t.format.integer.format(Math.ceil(file.size / 1024 / 1024)))}
              </p>
            )}
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
              if (file) {
                setFile(null);
                setFileLines(null);
                if (fileInput.current) fileInput.current.value = '';
              }
            }}
          />
          <SelectField
            label={m.authority}
            name="authority"
            required
            value={authority}
            onChange={(event) => {
              setAuthority(event.target.value);
              setUploadKey(crypto.randomUUID());
              setPreview(null);
            }}
          >
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
              setUploadKey(crypto.randomUUID());
              setPreview(null);
            }}
          />
          <div className="button-row">
            <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
              {busy && !preview ? m.previewing : m.preview}
            </button>
          </div>
        </form>
      )}
      {uploading && (
        <div className="actor-import__progress" role="status">
          <label htmlFor={`${id}-progress`}>{m.progress(job?.status ?? 'queued', percent(job))}</label>
          <progress id={`${id}-progress`} max={100} value={percent(job) ?? undefined} />
        </div>
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
                <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => void (busy ? undefined : run(false))}>
                  {busy ? m.applying : m.apply(importable)}
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

/** The share of the file read, when the job knows its size. */
function percent(job: FollowedJob | null): number | null {
  const total = job?.progress.total;
  if (!job || !total) return null;
  return Math.min(100, Math.floor((job.progress.done / total) * 100));
}
