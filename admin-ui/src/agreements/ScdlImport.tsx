// The SCDL import of the working département's existing subsidies file: the action to file them under, the file (sent
// as its bytes, the server tells UTF-8 from Windows-1252), a preview with every refused row, then the import.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorCode, fieldProblems } from '../graphql/errors';
import { useMessages } from '../i18n';
import { CheckboxField, SelectField } from '../ui/Field';
import { AgreementFilterPlansQuery } from './agreements.query';
import { ImportScdlMutation, ScdlImportActionsQuery, type ScdlImportReport } from './scdlImport.query';

/** The file's bytes in base64, a chunk at a time (a large file would overflow the arguments of one call). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ScdlImport({
  authority,
  authorityLabel,
  onImported,
}: {
  authority: string;
  authorityLabel: string;
  onImported: () => void;
}) {
  const t = useMessages();
  const s = t.plans.agreements.scdlImport;
  const id = useId();
  const [planId, setPlanId] = useState('');
  const [actionId, setActionId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalidRows, setSkipInvalidRows] = useState(false);
  const [preview, setPreview] = useState<ScdlImportReport | null>(null);
  const [summary, setSummary] = useState<ScdlImportReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [state, importScdl] = useMutation(ImportScdlMutation);
  const result = useRef<HTMLDivElement>(null);
  const [plans] = useQuery({ query: AgreementFilterPlansQuery, variables: { filter: { authorities: [authority] } } });
  const [actions] = useQuery({ query: ScdlImportActionsQuery, variables: { planId }, pause: !planId });

  const run = async (dryRun: boolean) => {
    setProblem(null);
    if (!actionId || !file) {
      setProblem(s.missing);
      requestAnimationFrame(() => result.current?.focus());
      return;
    }
    const outcome = await importScdl({ authority, actionId, file: await base64Of(file), dryRun, skipInvalidRows });
    if (outcome.error || !outcome.data) {
      const problems = outcome.error ? fieldProblems(outcome.error) : [];
      setProblem(
        problems.length
          ? `${s.refused} ${problems.map((p) => `${p.field} : ${p.message}`).join(' ; ')}`
          : `${s.refused} ${t.common.errorCode} : ${outcome.error ? errorCode(outcome.error) : 'UNKNOWN_ERROR'}`,
      );
      setPreview(null);
    } else if (dryRun) {
      setPreview(outcome.data.importScdl);
      setSummary(null);
    } else {
      setSummary(outcome.data.importScdl);
      setPreview(null);
      onImported();
    }
    requestAnimationFrame(() => result.current?.focus());
  };

  const report = summary ?? preview;
  const badLines = report ? new Set(report.errors.map((e) => e.line)).size : 0;
  const writable = preview ? preview.created + preview.updated : 0;
  const applicable = preview !== null && (preview.errors.length === 0 || skipInvalidRows) && writable > 0;

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{s.title}</h2>
      <p className="field__hint">{s.hint(authorityLabel)}</p>
      <form
        className="form"
        noValidate
        aria-busy={state.fetching}
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void run(true);
        }}
      >
        <SelectField
          label={s.plan}
          value={planId}
          onChange={(event) => {
            setPlanId(event.target.value);
            setActionId('');
            setPreview(null);
          }}
        >
          <option value="">{s.choose}</option>
          {(plans.data?.plans?.nodes ?? []).map((plan) => (
            <option key={plan.id} value={plan.id}>
              {plan.title}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={s.action}
          value={actionId}
          disabled={!planId}
          onChange={(event) => {
            setActionId(event.target.value);
            setPreview(null);
          }}
        >
          <option value="">{s.choose}</option>
          {(actions.data?.plan?.actions?.nodes ?? []).map((action) => (
            <option key={action.id} value={action.id}>
              {action.title}
            </option>
          ))}
        </SelectField>
        <div className="field">
          <label htmlFor={`${id}-file`}>{s.file}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setPreview(null);
              setSummary(null);
            }}
          />
        </div>
        <CheckboxField
          label={s.skipInvalidRows}
          checked={skipInvalidRows}
          onChange={(event) => {
            setSkipInvalidRows(event.target.checked);
            setPreview(null);
          }}
        />
        <div className="button-row">
          <button type="submit" className="button button--secondary" aria-disabled={state.fetching || undefined}>
            {state.fetching && !preview ? s.previewing : s.preview}
          </button>
        </div>
      </form>

      <div ref={result} tabIndex={-1} aria-live="polite">
        {problem && (
          <div className="notice notice--error" role="alert">
            <p>{problem}</p>
          </div>
        )}
        {report && (
          <>
            <h3>{summary ? s.summaryTitle : s.previewTitle}</h3>
            <p>{s.read(report.encoding, report.delimiter)}</p>
            <ul className="key-figures">
              {(
                [
                  ['rows', report.rows],
                  ['created', report.created],
                  ['updated', report.updated],
                  ['unchanged', report.unchanged],
                  ['linked', report.linked],
                  ['skipped', report.skipped],
                  ['errors', badLines],
                ] as const
              ).map(([key, value]) => (
                <li key={key} className="key-figure">
                  <span className="key-figure__value">{t.format.integer.format(value)}</span> {s.figures[key]}
                </li>
              ))}
            </ul>
            {report.ignoredColumns.length > 0 && <p>{s.ignoredColumns(report.ignoredColumns.join(', '))}</p>}
            {(
              [
                ['errors', s.errorsCaption, report.errors],
                ['unlinked', s.unlinkedCaption, report.unlinked],
              ] as const
            ).map(
              ([key, caption, rows]) =>
                rows.length > 0 && (
                  <div key={key} className="table-scroll" role="region" aria-labelledby={`${id}-${key}`} tabIndex={0}>
                    <table className="data-table">
                      <caption id={`${id}-${key}`}>{caption}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{s.line}</th>
                          <th scope="col">{s.column}</th>
                          <th scope="col">{s.value}</th>
                          <th scope="col">{s.message}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((row, index) => (
                          <tr key={`${row.line}-${index}`}>
                            <th scope="row">{row.line}</th>
                            <td>
                              <code>{row.column ?? '—'}</code>
                            </td>
                            <td>{row.value ?? '—'}</td>
                            <td>{row.message}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ),
            )}
            {report.preview.length > 0 && (
              <div className="table-scroll" role="region" aria-labelledby={`${id}-preview`} tabIndex={0}>
                <table className="data-table">
                  <caption id={`${id}-preview`}>{s.previewCaption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{s.line}</th>
                      <th scope="col">{s.outcome}</th>
                      <th scope="col">{s.beneficiary}</th>
                      <th scope="col">{s.identifier}</th>
                      <th scope="col">{s.signedOn}</th>
                      <th scope="col">{s.amount}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.preview.map((row) => (
                      <tr key={row.line}>
                        <th scope="row">{row.line}</th>
                        <td>{s.outcomes[row.outcome]}</td>
                        <td>{row.beneficiaryName}</td>
                        <td className="nowrap">{row.beneficiarySiret ?? row.beneficiaryRna ?? '—'}</td>
                        <td className="nowrap">{t.format.date(row.signedOn)}</td>
                        <td className="nowrap">{t.format.euros(row.amount)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {preview && preview.errors.length > 0 && !skipInvalidRows && <p className="notice notice--error">{s.blocked}</p>}
            {preview && !applicable && preview.errors.length === 0 && <p className="notice">{s.nothing}</p>}
            {applicable && (
              <div className="button-row">
                <button type="button" className="button" aria-disabled={state.fetching || undefined} onClick={() => void run(false)}>
                  {state.fetching ? s.applying : s.apply(writable)}
                </button>
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}
