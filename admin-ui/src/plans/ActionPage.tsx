// One action (loaded on demand with its chart): status (changed at once, optimistic), axis (move to another through
// moveAction), dates, budget, milestones, partners, links to the call for commons, SPASER and network it produces,
// agreements, indicators (a chart with its table, value entry), the edit form (CONFLICT shown with both versions), and
// its history.
import { lazy, Suspense, useRef, useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { fieldProblems, isConflict } from '../graphql/errors';
import type { ActionStatus } from '../graphql/types';
import { useMessages, type Messages } from '../i18n';
import { Link } from '../router';
import { PageHeader } from '../shell/PageHeader';
import { ConflictPanel, type ConflictRow } from '../ui/ConflictPanel';
import { ErrorNotice } from '../ui/ErrorNotice';
import { ErrorSummary, SelectField, TextField } from '../ui/Field';
import { HistoryPanel } from '../ui/HistoryPanel';
import { useUnsavedChanges } from '../ui/useUnsavedChanges';
import { ActionFields, fieldIds } from './ActionFields';
import { ACTION_STATUSES, actionInput, checkAction, parseAmount, serverProblems, type ActionField, type ActionFormValues, type Problems } from './actionForm';
import { statusClass } from './PlanOutline';
import {
  ActionQuery,
  ActionStatusMutation,
  CreateIndicatorMutation,
  MoveActionMutation,
  RecordIndicatorValueMutation,
  UpdateActionMutation,
  type ActionDetail,
  type ActionIndicator,
} from './plans.query';
import { ProgressBar } from './ProgressBar';

const IndicatorChart = lazy(() => import('./IndicatorChart'));

const today = () => new Date().toISOString().slice(0, 10);

function formValues(action: ActionDetail): ActionFormValues {
  return {
    title: action.title,
    axisId: action.axisId,
    status: action.status,
    progress: String(action.progress),
    startOn: action.startOn ?? '',
    endOn: action.endOn ?? '',
    plannedBudget: action.plannedBudget == null ? '' : String(action.plannedBudget),
    committedBudget: action.committedBudget == null ? '' : String(action.committedBudget),
    leadService: action.leadService ?? '',
    description: action.description ?? '',
  };
}

function Live({ message }: { message: string }) {
  return (
    <p className="live-message" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </p>
  );
}

function StatusButtons({ action }: { action: ActionDetail }) {
  const t = useMessages();
  const [, setStatus] = useMutation(ActionStatusMutation);
  const [message, setMessage] = useState('');
  const choose = async (status: ActionStatus) => {
    if (status === action.status) return;
    // A done action is complete; leaving "done", the server gives back the progress it had before (from its history).
    const input = status === 'DONE' ? { status, progress: 100 } : { status };
    // The buttons show the new status at once (optimistic); the message says it is saved only once it is.
    setMessage('');
    const answer = await setStatus({ id: action.id, version: action.version, input });
    setMessage(answer.error ? t.plans.action.statusFailed : t.plans.action.statusChanged(t.actionStatuses[status]));
  };
  return (
    <div className="status-picker">
      <div role="group" aria-label={t.plans.action.changeStatus} className="status-picker__buttons">
        {ACTION_STATUSES.map((status) => (
          <button key={status} type="button" className="button button--secondary button--small" aria-pressed={status === action.status} onClick={() => void choose(status)}>
            {t.actionStatuses[status]}
          </button>
        ))}
      </div>
      <Live message={message} />
    </div>
  );
}

function MoveToAxis({ action }: { action: ActionDetail }) {
  const t = useMessages();
  const [moving, move] = useMutation(MoveActionMutation);
  const [axisId, setAxisId] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | undefined>();
  const axes = [...(action.plan?.axes ?? [])].sort((a, b) => a.position - b.position).filter((axis) => axis.id !== action.axisId);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const target = axes.find((axis) => axis.id === axisId);
    if (!target) return setError(t.plans.form.errors.axisRequired);
    setError(undefined);
    const answer = await move({ id: action.id, version: action.version, axisId: target.id, position: target.actions.totalCount + 1 });
    if (answer.error) {
      setMessage(t.plans.action.moveFailed);
      return;
    }
    setAxisId('');
    setMessage(t.plans.action.moved(`${t.plans.axis(target.position)} – ${target.title}`));
  };
  return (
    <form className="form form--inline" onSubmit={(event) => void submit(event)} aria-labelledby="move-title">
      <h3 id="move-title">{t.plans.action.move}</h3>
      <SelectField label={t.plans.action.moveTo} value={axisId} error={error} onChange={(event) => setAxisId(event.target.value)}>
        <option value="">{t.plans.form.chooseAxis}</option>
        {axes.map((axis) => (
          <option key={axis.id} value={axis.id}>
            {`${t.plans.axis(axis.position)} – ${axis.title}`}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button button--secondary" aria-disabled={moving.fetching || undefined}>
        {t.plans.action.moveSubmit}
      </button>
      <Live message={message} />
    </form>
  );
}

function conflictRows(t: Messages, theirs: ActionFormValues, yours: ActionFormValues): ConflictRow[] {
  const fields: ActionField[] = ['title', 'status', 'progress', 'startOn', 'endOn', 'plannedBudget', 'committedBudget', 'leadService', 'description'];
  const show = (field: ActionField, value: string) => (field === 'status' ? t.actionStatuses[value as ActionStatus] : value || '—');
  return fields.map((field) => ({ label: t.plans.action.fields[field] ?? field, theirs: show(field, theirs[field]), yours: show(field, yours[field]) }));
}

function EditAction({ action, onClose }: { action: ActionDetail; onClose(message: string): void }) {
  const t = useMessages();
  const client = useClient();
  const [saving, save] = useMutation(UpdateActionMutation);
  const [values, setValues] = useState(() => formValues(action));
  const [version, setVersion] = useState(action.version);
  const [problems, setProblems] = useState<Problems>({});
  const [summary, setSummary] = useState<Array<{ fieldId?: string; label: string; message: string }>>([]);
  const [conflict, setConflict] = useState<{ theirs: ActionDetail } | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const initial = useRef(JSON.stringify(formValues(action)));
  const progressBeforeDone = useRef<string | null>(null);
  useUnsavedChanges(JSON.stringify(values) !== initial.current);
  const label = (field: ActionField) => t.plans.action.fields[field] ?? field;

  const refuse = (fields: Problems, others: string[]) => {
    setProblems(fields);
    setSummary([...fieldIds(form.current, fields, label), ...others.map((message) => ({ label: t.plans.action.editTitle, message }))]);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const send = async (withVersion: number) => {
    const answer = await save({ id: action.id, version: withVersion, input: actionInput(values) });
    if (isConflict(answer.error)) {
      const latest = await client.query(ActionQuery, { id: action.id }, { requestPolicy: 'network-only' }).toPromise();
      if (latest.data?.action) setConflict({ theirs: latest.data.action });
      return;
    }
    if (answer.error) {
      const { fields, others } = serverProblems(fieldProblems(answer.error), t);
      return refuse(fields, others);
    }
    initial.current = JSON.stringify(values);
    onClose(t.plans.action.saved);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (saving.fetching) return;
    const found = checkAction(values, t, { requireAxis: false });
    if (Object.keys(found).length) return refuse(found, []);
    setSummary([]);
    void send(version);
  };

  return (
    <form ref={form} className="form action-form panel" noValidate onSubmit={submit} aria-labelledby="edit-title">
      <h2 id="edit-title">{t.plans.action.editTitle}</h2>
      {conflict && (
        <ConflictPanel
          rows={conflictRows(t, formValues(conflict.theirs), values)}
          busy={saving.fetching}
          onReload={() => {
            const theirs = formValues(conflict.theirs);
            initial.current = JSON.stringify(theirs);
            setValues(theirs);
            setVersion(conflict.theirs.version);
            setConflict(null);
          }}
          onOverwrite={() => {
            const next = conflict.theirs.version;
            setVersion(next);
            setConflict(null);
            void send(next);
          }}
        />
      )}
      <ErrorSummary problems={summary} summaryRef={summaryRef} />
      <ActionFields
        values={values}
        problems={problems}
        onChange={(field, value) => {
          setValues((current) => {
            // "Done" sets 100 %; choosing another status again gives back the progress typed before (issue 16).
            if (field === 'status' && value === 'DONE' && current.status !== 'DONE') progressBeforeDone.current = current.progress;
            if (field === 'status' && value !== 'DONE' && current.status === 'DONE' && progressBeforeDone.current !== null) {
              return { ...current, status: value as ActionFormValues['status'], progress: progressBeforeDone.current };
            }
            return { ...current, [field]: value, ...(field === 'status' && value === 'DONE' ? { progress: '100' } : {}) };
          });
          if (problems[field]) setProblems((current) => ({ ...current, [field]: undefined }));
        }}
      />
      <div className="button-row">
        <button type="submit" className="button" aria-disabled={saving.fetching || undefined}>
          {saving.fetching ? t.common.saving : t.common.save}
        </button>
        <button type="button" className="button button--secondary" onClick={() => onClose('')}>
          {t.common.cancel}
        </button>
      </div>
    </form>
  );
}

function RecordValue({ indicator }: { indicator: ActionIndicator }) {
  const t = useMessages();
  const [recording, record] = useMutation(RecordIndicatorValueMutation);
  const [measuredOn, setMeasuredOn] = useState(today);
  const [value, setValue] = useState('');
  const [problems, setProblems] = useState<{ measuredOn?: string; value?: string }>({});
  const [message, setMessage] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (recording.fetching) return;
    const number = Number(value.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
    const found: typeof problems = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(measuredOn)) found.measuredOn = t.plans.form.errors.dateInvalid;
    if (value.trim() === '' || !Number.isFinite(number)) found.value = t.plans.form.errors.valueInvalid;
    setProblems(found);
    setMessage('');
    if (Object.keys(found).length) return;
    const answer = await record({ indicatorId: indicator.id, version: indicator.version, input: { measuredOn, value: number } });
    if (answer.error) {
      const server: typeof problems = {};
      for (const problem of fieldProblems(answer.error)) {
        const field = problem.field.replace(/^input\./, '');
        const text = t.plans.form.server[problem.message] ?? problem.message;
        if (field === 'measuredOn' || field === 'value') server[field] = text;
      }
      setProblems(Object.keys(server).length ? server : { value: t.plans.action.statusFailed });
      return;
    }
    setValue('');
    setMessage(t.plans.action.valueRecorded(`${t.format.decimal.format(number)} ${indicator.unit}`, t.format.date(measuredOn)));
  };
  return (
    <form className="form form--inline" noValidate onSubmit={(event) => void submit(event)} aria-label={t.plans.action.recordValueTitle(indicator.title)}>
      <TextField label={t.plans.action.measuredOn} type="date" name="measuredOn" value={measuredOn} error={problems.measuredOn} onChange={(event) => setMeasuredOn(event.target.value)} />
      <TextField label={`${t.plans.action.value} (${indicator.unit})`} name="value" inputMode="decimal" autoComplete="off" value={value} error={problems.value} onChange={(event) => setValue(event.target.value)} />
      <button type="submit" className="button button--secondary" aria-disabled={recording.fetching || undefined}>
        {t.plans.action.recordValue}
      </button>
      <Live message={message} />
    </form>
  );
}

function IndicatorBlock({ indicator }: { indicator: ActionIndicator }) {
  const t = useMessages();
  const values = [...indicator.values.nodes].sort((a, b) => (a.measuredOn < b.measuredOn ? -1 : 1));
  const headingId = `indicator-${indicator.id}`;
  const number = (value: number) => `${t.format.decimal.format(value)} ${indicator.unit}`;
  return (
    <article className="indicator" aria-labelledby={headingId}>
      <h3 id={headingId}>{indicator.title}</h3>
      <p className="secondary">
        {t.plans.action.baselineTarget(number(indicator.baseline), number(indicator.target), t.format.date(indicator.targetOn))} —{' '}
        <span className={`tracking tracking--${indicator.tracking.status.toLowerCase().replace('_', '-')}`}>{t.plans.action.tracking[indicator.tracking.status]}</span>
      </p>
      <div className="indicator__body">
        <Suspense fallback={<p className="secondary">{t.plans.action.chartLoading}</p>}>
          <IndicatorChart indicator={indicator} />
        </Suspense>
        <table className="data-table indicator__table">
          <caption>{t.plans.action.valuesTable(indicator.title)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.plans.action.measuredOn}</th>
              <th scope="col">{t.plans.action.value}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">
                {t.format.date(indicator.baselineOn)} <span className="secondary">({t.plans.action.kinds.baseline})</span>
              </th>
              <td className="number">{number(indicator.baseline)}</td>
            </tr>
            {values.map((v) => (
              <tr key={v.id}>
                <th scope="row">{t.format.date(v.measuredOn)}</th>
                <td className="number">{number(v.value)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">
                {t.format.date(indicator.targetOn)} <span className="secondary">({t.plans.action.kinds.target})</span>
              </th>
              <td className="number">{number(indicator.target)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <RecordValue indicator={indicator} />
    </article>
  );
}

function NewIndicator({ action }: { action: ActionDetail }) {
  const t = useMessages();
  const [creating, create] = useMutation(CreateIndicatorMutation);
  const empty = { title: '', unit: '', baseline: '0', baselineOn: today(), target: '', targetOn: '' };
  const [values, setValues] = useState(empty);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const field = (name: keyof typeof empty) => ({
    name,
    value: values[name],
    error: problems[name],
    onChange: (event: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: event.target.value })),
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const e = t.plans.form.errors;
    const found: Record<string, string> = {};
    if (!values.title.trim()) found.title = e.required;
    if (!values.unit.trim()) found.unit = e.required;
    const baseline = parseAmount(values.baseline);
    const target = parseAmount(values.target);
    if (baseline === null || Number.isNaN(baseline)) found.baseline = e.valueInvalid;
    if (target === null || Number.isNaN(target)) found.target = e.valueInvalid;
    if (!values.baselineOn) found.baselineOn = e.dateInvalid;
    if (!values.targetOn) found.targetOn = e.dateInvalid;
    setProblems(found);
    if (Object.keys(found).length) return;
    const answer = await create({
      input: { planId: action.planId, actionId: action.id, title: values.title.trim(), unit: values.unit.trim(), baseline, baselineOn: values.baselineOn, target, targetOn: values.targetOn },
    });
    if (answer.error) {
      const server: Record<string, string> = {};
      for (const problem of fieldProblems(answer.error)) server[problem.field.replace(/^input\./, '')] = t.plans.form.server[problem.message] ?? problem.message;
      setProblems(server);
      return;
    }
    setValues(empty);
    setMessage(t.plans.action.indicatorCreated);
  };
  return (
    <details className="panel new-indicator">
      <summary>{t.plans.action.newIndicator}</summary>
      <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-label={t.plans.action.newIndicator}>
        <TextField label={t.plans.action.indicatorTitle} required autoComplete="off" {...field('title')} />
        <TextField label={t.plans.action.indicatorUnit} required autoComplete="off" {...field('unit')} />
        <div className="form-row">
          <TextField label={t.plans.action.baseline} required inputMode="decimal" {...field('baseline')} />
          <TextField label={t.plans.action.baselineOn} required type="date" {...field('baselineOn')} />
        </div>
        <div className="form-row">
          <TextField label={t.plans.action.target} required inputMode="decimal" {...field('target')} />
          <TextField label={t.plans.action.targetOn} required type="date" {...field('targetOn')} />
        </div>
        <button type="submit" className="button button--secondary" aria-disabled={creating.fetching || undefined}>
          {t.plans.action.newIndicator}
        </button>
      </form>
      <Live message={message} />
    </details>
  );
}

function dates(t: Messages, action: ActionDetail): string {
  const a = t.plans.action;
  if (action.startOn && action.endOn) return a.between(t.format.date(action.startOn), t.format.date(action.endOn));
  if (action.startOn) return a.from(t.format.date(action.startOn));
  if (action.endOn) return a.until(t.format.date(action.endOn));
  return t.common.unknown;
}

export default function ActionPage({ id }: { id: string }) {
  const t = useMessages();
  const a = t.plans.action;
  const [result, reexecute] = useQuery({ query: ActionQuery, variables: { id } });
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState('');
  const editButton = useRef<HTMLButtonElement>(null);
  const action = result.data?.action;

  if (result.error && !action) {
    return (
      <>
        <PageHeader title={a.crumb} crumbs={[{ label: t.plans.title, to: { name: 'plans' } }]} />
        <ErrorNotice title={a.loadError} error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      </>
    );
  }
  if (!action) {
    return (
      <>
        <PageHeader title={result.fetching ? t.common.loading : a.crumb} crumbs={[{ label: t.plans.title, to: { name: 'plans' } }]} />
        {result.fetching ? <p role="status">{t.common.loading}</p> : <p>{a.notFound}</p>}
      </>
    );
  }

  const crumbs = [{ label: t.plans.title, to: { name: 'plans' as const } }, ...(action.plan ? [{ label: action.plan.title, to: { name: 'plan' as const, id: action.plan.id } }] : [])];
  const axisLabel = action.axis ? `${t.plans.axis(action.axis.position)} – ${action.axis.title}` : '';
  // A link served by another subgraph that failed (an error on its path) is said to be unavailable, never "none".
  const failed = (field: string) => !!result.error?.graphQLErrors.some((e) => e.path?.[0] === 'action' && e.path[1] === field);
  const unavailable = (['callForCommons', 'spaserPlan', 'network'] as const).filter(failed);
  const links = [
    action.callForCommons && { kind: a.call, label: action.callForCommons.title },
    action.spaserPlan && {
      kind: a.spaser,
      label: `${action.spaserPlan.title} (${action.spaserPlan.periodStart}–${action.spaserPlan.periodEnd})`,
      to: `/spaser/${encodeURIComponent(action.spaserPlan.id)}`,
    },
    ...unavailable.map((field) => ({ kind: a.linkKinds[field], label: a.linkUnavailable, error: true })),
    // A network has no page of its own: its link opens the registry filtered on its members.
    action.network && {
      kind: a.network,
      label: action.network.acronym ? `${action.network.name} (${action.network.acronym})` : action.network.name,
      to: `/acteurs?reseau=${encodeURIComponent(action.network.id)}&dep=tous`,
    },
  ].filter((link): link is { kind: string; label: string; to?: string; error?: boolean } => !!link);

  return (
    <>
      <PageHeader
        title={action.title}
        crumbs={crumbs}
        actions={
          !editing && (
            <button ref={editButton} type="button" className="button" onClick={() => setEditing(true)}>
              {a.edit}
            </button>
          )
        }
      />
      <Live message={saved} />
      {editing && (
        <EditAction
          action={action}
          onClose={(message) => {
            setEditing(false);
            setSaved(message);
            requestAnimationFrame(() => editButton.current?.focus());
          }}
        />
      )}

      <div className="action-layout">
        <section className="panel" aria-labelledby="action-summary">
          <h2 id="action-summary">{a.summary}</h2>
          <dl className="facts">
            <div>
              <dt>{a.status}</dt>
              <dd>
                <span className={statusClass(action.status)}>{t.actionStatuses[action.status]}</span>
                <StatusButtons action={action} />
              </dd>
            </div>
            <div>
              <dt>{t.plans.progress}</dt>
              <dd>
                <ProgressBar value={action.progress} label={t.plans.progressOf(action.title)} />
              </dd>
            </div>
            <div>
              <dt>{a.axis}</dt>
              <dd>
                {axisLabel}
                {action.axis && (
                  <span className="axis-progress">
                    <ProgressBar value={action.axis.progress.progress} label={t.plans.progressOf(axisLabel)} />
                  </span>
                )}
              </dd>
            </div>
            <div>
              <dt>{a.dates}</dt>
              <dd>{dates(t, action)}</dd>
            </div>
            <div>
              <dt>{a.leadService}</dt>
              <dd>{action.leadService ?? t.common.unknown}</dd>
            </div>
            <div>
              <dt>{t.plans.budget}</dt>
              <dd>
                {t.plans.planned} : {action.plannedBudget == null ? t.common.unknown : t.format.euros(action.plannedBudget)}
                <br />
                {t.plans.committed} : {action.committedBudget == null ? t.common.unknown : t.format.euros(action.committedBudget)}
              </dd>
            </div>
          </dl>
          {action.description && (
            <>
              <h3>{a.description}</h3>
              <p className="prose">{action.description}</p>
            </>
          )}
          <MoveToAxis action={action} />
        </section>

        <section className="panel" aria-labelledby="action-milestones">
          <h2 id="action-milestones">{a.milestones}</h2>
          {action.milestones.length === 0 ? (
            <p>{a.noMilestones}</p>
          ) : (
            <ul className="milestones">
              {action.milestones.map((milestone) => (
                <li key={milestone.id} className={milestone.done ? 'milestone milestone--done' : 'milestone'}>
                  <span aria-hidden="true">{milestone.done ? '✓ ' : '○ '}</span>
                  {milestone.title} — <span className="secondary">{milestone.done && milestone.doneOn ? a.milestoneDone(t.format.date(milestone.doneOn)) : a.milestoneDue(t.format.date(milestone.dueOn))}</span>
                </li>
              ))}
            </ul>
          )}
          <h2>{a.partners}</h2>
          {!action.partners?.length ? (
            <p>{a.noPartners}</p>
          ) : (
            <ul className="inline-list partners">
              {action.partners.map((partner) => (
                <li key={partner.id}>
                  <Link to={{ name: 'actor', id: partner.id }}>{partner.name}</Link>
                </li>
              ))}
            </ul>
          )}
          <h2>{a.links}</h2>
          {links.length === 0 ? (
            <p>{a.noLinks}</p>
          ) : (
            <dl className="facts">
              {links.map((link) => (
                <div key={link.kind}>
                  <dt>{link.kind}</dt>
                  <dd className={link.error ? 'link-unavailable' : undefined}>
                    {link.to ? <Link to={link.to}>{link.label}</Link> : link.label}
                  </dd>
                </div>
              ))}
            </dl>
          )}
          <h2>{a.agreements}</h2>
          {action.agreements.nodes.length === 0 ? (
            <p>{a.noAgreements}</p>
          ) : (
            <ul className="agreement-list">
              {action.agreements.nodes.map((agreement) => (
                <li key={agreement.id}>
                  <Link to={{ name: 'agreement', id: agreement.id }}>{agreement.beneficiaryName}</Link> — {t.format.euros(agreement.amount)} (
                  {t.plans.agreements.statuses[agreement.status]})
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="action-indicators">
        <h2 id="action-indicators">{a.indicators}</h2>
        {action.indicators.nodes.length === 0 && <p>{a.noIndicators}</p>}
        {action.indicators.nodes.map((indicator) => (
          <IndicatorBlock key={indicator.id} indicator={indicator} />
        ))}
        <NewIndicator action={action} />
      </section>

      <HistoryPanel entries={action.history.nodes} totalCount={action.history.totalCount} fieldLabel={(field) => a.fields[field] ?? field} actionLabel={(name) => a.historyActions[name] ?? name} />
    </>
  );
}
