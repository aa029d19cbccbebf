// "Importer des DECP": a DECP file (JSON or XML) of one of the person's départements, checked first with a dry run,
// then imported; the report lists what would be or was created, updated, unchanged, left out, and each refused
// record with its path, field, value and reason, and each warning. Goes through the `importDecp` mutation (the file's
// text in one request, within the gateway's body limit); larger files take the background-job route (see below).
import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { errorCode, fieldProblems } from '../graphql/errors';
import { useMessages } from '../i18n';
import { authorityName } from '../referential/authorities';
import { PageHeader } from '../shell/PageHeader';
import { useWorkingAuthorities } from '../shell/authorities';
import { CheckboxField, SelectField } from '../ui/Field';
import { ImportDecpMutation, type DecpReport } from './contracts.query';

/**
 * The largest file sent inline: the gateway refuses bodies over 1 MiB by default (MAX_BODY_BYTES), and the JSON
 * string escaping adds some. HOOK for the large-file upload onto background jobs (kit uploads.ts + jobs): when a
 * file is larger, `startLargeImport` should upload it and follow the job; until that route exists it is null and the
 * screen says to split the file.
 */
export const INLINE_FILE_LIMIT = 900 * 1024;
export const startLargeImport: ((authority: string, file: File, options: { dryRun: boolean; skipInvalidRecords: boolean; completeMissing: boolean }) => Promise<DecpReport>) | null = null;

type Problem = DecpReport['errors'][number];

function ProblemTable({ caption, problems }: { caption: string; problems: readonly Problem[] }) {
  const d = useMessages().procurement.decp;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{d.position}</th>
            <th scope="col">{d.path}</th>
            <th scope="col">{d.field}</th>
            <th scope="col">{d.value}</th>
            <th scope="col">{d.reason}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => (
            <tr key={`${problem.path}-${problem.field ?? ''}-${index}`}>
              <th scope="row">{problem.decpId ? `${problem.index + 1} (${problem.decpId})` : problem.index + 1}</th>
              <td>
                <code>{problem.path}</code>
              </td>
              <td>{problem.field ?? ''}</td>
              <td className="decp-value">{problem.value ?? ''}</td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Report({ report }: { report: DecpReport }) {
  const d = useMessages().procurement.decp;
  const figures: Array<[string, number]> = [
    [d.records, report.records],
    [d.created, report.created],
    [d.updated, report.updated],
    [d.unchanged, report.unchanged],
    [d.skipped, report.skipped],
    [d.concessions, report.ignoredConcessions],
    [d.buyersCreated, report.buyersCreated],
  ];
  return (
    <>
      <p className={report.applied ? 'notice notice--success' : 'notice'}>
        {report.dryRun ? d.dryRun : report.applied ? d.applied : d.notApplied} {report.summary}
      </p>
      <dl className="facts">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {report.errors.length > 0 && <ProblemTable caption={d.rejected(report.errors.length)} problems={report.errors} />}
      {report.warnings.length > 0 && <ProblemTable caption={d.warnings(report.warnings.length)} problems={report.warnings} />}
    </>
  );
}

export default function DecpImportPage({ authorities }: { authorities: string[] }) {
  const t = useMessages();
  const d = t.procurement.decp;
  const working = useWorkingAuthorities();
  const [authority, setAuthority] = useState(working.selected ?? authorities[0] ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalidRecords, setSkipInvalidRecords] = useState(false);
  const [completeMissing, setCompleteMissing] = useState(false);
  const [report, setReport] = useState<DecpReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [{ fetching }, importDecp] = useMutation(ImportDecpMutation);
  const output = useRef<HTMLDivElement>(null);
  const label = (code: string) => t.authority(code, authorityName(code));

  const run = async (dryRun: boolean) => {
    if (fetching) return;
    setProblem(null);
    setReport(null);
    const focus = () => requestAnimationFrame(() => output.current?.focus());
    if (!file) {
      setProblem(d.chooseFile);
      focus();
      return;
    }
    const options = { dryRun, skipInvalidRecords, completeMissing };
    if (file.size > INLINE_FILE_LIMIT) {
      if (startLargeImport) setReport(await startLargeImport(authority, file, options));
      else setProblem(d.largeFile);
      focus();
      return;
    }
    const outcome = await importDecp({ authority, json: await file.text(), ...options });
    if (outcome.error || !outcome.data) {
      const problems = outcome.error ? fieldProblems(outcome.error) : [];
      setProblem(
        problems.length
          ? `${d.failed} ${problems.map((p) => `${p.field} : ${p.message}`).join(' ; ')}`
          : `${d.failed} ${t.common.errorCode} : ${outcome.error ? errorCode(outcome.error) : 'UNKNOWN_ERROR'}`,
      );
    } else {
      setReport(outcome.data.importDecp);
    }
    focus();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(false);
  };

  return (
    <>
      <PageHeader title={d.title} lead={d.intro} crumbs={[{ label: t.procurement.contracts.title, to: { name: 'contracts' } }]} />
      <form className="form panel" onSubmit={submit}>
        {authorities.length > 1 && (
          <SelectField label={d.authority} value={authority} onChange={(event) => setAuthority(event.target.value)}>
            {authorities.map((code) => (
              <option key={code} value={code}>
                {label(code)}
              </option>
            ))}
          </SelectField>
        )}
        <div className="field">
          <label htmlFor="decp-file" className="field__label">
            {d.file}
          </label>
          <p id="decp-file-hint" className="field__hint">
            {d.fileHint}
          </p>
          <input
            id="decp-file"
            type="file"
            className="input"
            accept=".json,.xml,application/json,application/xml,text/xml"
            aria-describedby="decp-file-hint"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
        </div>
        <CheckboxField label={d.skipInvalid} checked={skipInvalidRecords} onChange={(event) => setSkipInvalidRecords(event.target.checked)} />
        <CheckboxField label={d.completeMissing} checked={completeMissing} onChange={(event) => setCompleteMissing(event.target.checked)} />
        <div className="button-row">
          <button type="button" className="button button--secondary" aria-disabled={fetching || undefined} onClick={() => void run(true)}>
            {d.preview}
          </button>
          <button type="submit" className="button" aria-disabled={fetching || undefined}>
            {d.submit}
          </button>
        </div>
      </form>
      <p role="status" aria-live="polite" className="live-message">
        {fetching ? d.working : ''}
      </p>
      <section className="panel" aria-labelledby="decp-report-title" tabIndex={-1} ref={output}>
        <h2 id="decp-report-title">{d.report}</h2>
        {problem && (
          <p className="field__error" role="alert">
            {problem}
          </p>
        )}
        {report && <Report report={report} />}
      </section>
    </>
  );
}
