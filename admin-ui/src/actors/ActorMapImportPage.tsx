// Import of an ESS map exported from GoGoCarto (Carteco…): the JSON file, the map's name and the département of new
// actors; a preview lists every element with what would happen to it, and for each element with proposed registry
// actors a choice (link to one of them, create, skip); the confirmation sends those decisions.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { errorCode, fieldProblems } from '../graphql/errors';
import { useMessages } from '../i18n';
import { Link } from '../router';
import { authorityName } from '../referential/authorities';
import { PageHeader } from '../shell/PageHeader';
import { CheckboxField, SelectField, TextField } from '../ui/Field';
import { useUnsavedChanges } from '../ui/useUnsavedChanges';
import { canEditRegistry, useSessionUser } from './access';
import { ImportMapMutation, type MapDecision, type MapImportReport } from './mapImport.query';

/** A choice for an element: link to a proposed actor (its id), create a new actor, or skip. */
type Choice = string;
const CREATE = 'CREATE';
const SKIP = 'SKIP';

export function ActorMapImportPage() {
  const t = useMessages();
  const m = t.actors.mapImport;
  const user = useSessionUser();
  const id = useId();
  const [json, setJson] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [source, setSource] = useState('carteco');
  const [authority, setAuthority] = useState(() => user?.authorities[0] ?? '');
  const [skipInvalidRows, setSkipInvalidRows] = useState(false);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [preview, setPreview] = useState<MapImportReport | null>(null);
  const [summary, setSummary] = useState<MapImportReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** The decisions or options changed since the preview: preview again before importing. */
  const [stale, setStale] = useState(false);
  const [state, importMap] = useMutation(ImportMapMutation);
  const result = useRef<HTMLDivElement>(null);
  useUnsavedChanges(json.trim() !== '' && !summary);

  const crumbs = [{ label: t.actors.title, to: { name: 'actors' as const } }];
  if (!canEditRegistry(user)) {
    return (
      <>
        <PageHeader title={m.title} crumbs={crumbs} />
        <p className="notice">{t.actors.detail.actionFailed}</p>
      </>
    );
  }

  const decisions = (): MapDecision[] =>
    Object.entries(choices).map(([sourceId, choice]) =>
      choice === CREATE || choice === SKIP ? { sourceId, action: choice } : { sourceId, action: 'LINK', actorId: choice },
    );

  const run = async (dryRun: boolean) => {
    setProblem(null);
    if (!json.trim()) {
      setProblem(m.noFile);
      requestAnimationFrame(() => result.current?.focus());
      return;
    }
    const outcome = await importMap({ json, authority, source, decisions: decisions(), dryRun, skipInvalidRows });
    setStale(false);
    if (outcome.error || !outcome.data) {
      const problems = outcome.error ? fieldProblems(outcome.error) : [];
      setProblem(
        problems.length
          ? `${m.refused} ${problems.map((p) => `${p.field} : ${t.actors.serverMessage(p.message)}`).join(' ; ')}`
          : `${m.refused} ${t.common.errorCode} : ${outcome.error ? errorCode(outcome.error) : 'UNKNOWN_ERROR'}`,
      );
      setPreview(null);
    } else if (dryRun) setPreview(outcome.data.importMap);
    else {
      setSummary(outcome.data.importMap);
      setPreview(null);
    }
    requestAnimationFrame(() => result.current?.focus());
  };

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setJson(await file.text());
    setFileName(file.name);
    setPreview(null);
    setSummary(null);
    setChoices({});
  };

  const choose = (sourceId: string, choice: Choice) => {
    setChoices((current) => ({ ...current, [sourceId]: choice }));
    setStale(true);
  };

  const report = summary ?? preview;
  const blocked = preview !== null && (preview.errors.length > 0 || preview.needsDecision > 0) && !skipInvalidRows;
  const undecided = (report?.items ?? []).filter((item) => item.outcome === 'NEEDS_DECISION' || (item.sourceId && choices[item.sourceId]));

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
              id={`${id}-file`}
              type="file"
              accept=".json,application/json"
              aria-describedby={`${id}-file-hint`}
              onChange={(event) => void readFile(event.target.files?.[0])}
            />
            {fileName && <p className="field__hint">{m.fileRead(fileName)}</p>}
          </div>
          <TextField
            label={m.source}
            hint={m.sourceHint}
            name="source"
            value={source}
            onChange={(event) => setSource(event.target.value)}
          />
          <SelectField
            label={m.authority}
            name="authority"
            required
            value={authority}
            onChange={(event) => setAuthority(event.target.value)}
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
              setStale(true);
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
              {(
                [
                  ['elements', report.elements],
                  ['created', report.created],
                  ['linked', report.linked],
                  ['updated', report.updated],
                  ['unchanged', report.unchanged],
                  ['needsDecision', report.needsDecision],
                  ['skipped', report.skipped],
                ] as const
              ).map(([key, value]) => (
                <li key={key} className="key-figure">
                  <span className="key-figure__value">{t.format.integer.format(value)}</span> {m.report[key]}
                </li>
              ))}
            </ul>
            {report.unmappedCategories.length > 0 && <p>{m.unmapped(report.unmappedCategories.join(', '))}</p>}

            {undecided.length > 0 && !summary && (
              <fieldset className="form">
                <legend>{m.decisionsTitle}</legend>
                <p className="field__hint">{m.decisionsHint}</p>
                {undecided.map((item) => (
                  <SelectField
                    key={item.index}
                    label={m.decisionFor(item.name ?? item.sourceId ?? String(item.index), item.communeName ?? item.postalCode ?? '')}
                    name={`decision-${item.index}`}
                    value={(item.sourceId && choices[item.sourceId]) || ''}
                    onChange={(event) => item.sourceId && choose(item.sourceId, event.target.value)}
                  >
                    <option value="">{m.choose}</option>
                    {item.candidates.map((candidate) => (
                      <option key={candidate.actorId} value={candidate.actorId}>
                        {m.linkTo(
                          candidate.name,
                          candidate.communeName ?? candidate.postalCode ?? '',
                          t.actors.serverMessage(candidate.reason),
                        )}
                      </option>
                    ))}
                    <option value={CREATE}>{m.create}</option>
                    <option value={SKIP}>{m.skip}</option>
                  </SelectField>
                ))}
              </fieldset>
            )}

            <div className="table-scroll" role="region" aria-labelledby={`${id}-items`} tabIndex={0}>
              <table className="data-table">
                <caption id={`${id}-items`}>{m.itemsCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.index}</th>
                    <th scope="col">{m.name}</th>
                    <th scope="col">{m.commune}</th>
                    <th scope="col">{m.outcome}</th>
                    <th scope="col">{m.sectors}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.items.map((item) => (
                    <tr key={item.index}>
                      <th scope="row">{item.index}</th>
                      <td>{item.actorId ? <Link to={{ name: 'actor', id: item.actorId }}>{item.name}</Link> : (item.name ?? '—')}</td>
                      <td>{[item.postalCode, item.communeName].filter(Boolean).join(' ') || '—'}</td>
                      <td>{m.outcomes[item.outcome]}</td>
                      <td>{item.sectors.join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>

            {report.errors.length > 0 && (
              <div className="table-scroll" role="region" aria-labelledby={`${id}-errors`} tabIndex={0}>
                <table className="data-table actor-import__errors">
                  <caption id={`${id}-errors`}>{m.errorsCaption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m.index}</th>
                      <th scope="col">{m.sourceId}</th>
                      <th scope="col">{m.field}</th>
                      <th scope="col">{m.message}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.errors.map((error, index) => (
                      <tr key={`${error.index}-${index}`}>
                        <th scope="row">{error.index}</th>
                        <td>{error.sourceId ?? '—'}</td>
                        <td>
                          <code>{error.field ?? '—'}</code>
                        </td>
                        <td>{t.actors.serverMessage(error.message)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}

            {preview && stale && (
              <div className="button-row">
                <p className="notice">{m.previewAgain}</p>
                <button
                  type="button"
                  className="button button--secondary"
                  aria-disabled={state.fetching || undefined}
                  onClick={() => void run(true)}
                >
                  {m.preview}
                </button>
              </div>
            )}
            {preview && !stale && blocked && <p className="notice notice--error">{m.blocked}</p>}
            {preview && !stale && !blocked && (
              <div className="button-row">
                <button type="button" className="button" aria-disabled={state.fetching || undefined} onClick={() => void run(false)}>
                  {state.fetching ? m.applying : m.apply}
                </button>
              </div>
            )}
            {summary && (
              <div className="button-row">
                <Link className="button" to={{ name: 'actors' }}>
                  {t.actors.import.goToList}
                </Link>
              </div>
            )}
          </section>
        )}
      </div>
    </>
  );
}
