// "Nouvelle action": a plan's new action, usable with the keyboard alone. Checked on the client first (errors beside
// their fields and in a summary that takes the focus), then by the server (BAD_USER_INPUT shown on the same fields);
// leaving with unsaved changes asks first. Once created, the action's page opens.
import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { fieldProblems } from '../graphql/errors';
import { graphql } from '../graphql/tada';
import { useMessages } from '../i18n';
import { Link, navigate, pathOf, useSearchParams } from '../router';
import { PageHeader } from '../shell/PageHeader';
import { ErrorNotice } from '../ui/ErrorNotice';
import { ErrorSummary } from '../ui/Field';
import { useUnsavedChanges } from '../ui/useUnsavedChanges';
import { ActionFields, fieldIds } from './ActionFields';
import { actionInput, checkAction, EMPTY_ACTION, serverProblems, type ActionField, type ActionFormValues, type Problems } from './actionForm';
import { CreateActionMutation } from './plans.query';

const PlanAxesQuery = graphql(`
  query PlanAxes($id: ID!) {
    plan(id: $id) {
      id
      title
      axes {
        id
        position
        title
      }
    }
  }
`);

export function ActionNewPage({ planId }: { planId: string }) {
  const t = useMessages();
  const [params] = useSearchParams();
  const [result, reexecute] = useQuery({ query: PlanAxesQuery, variables: { id: planId } });
  const [creating, create] = useMutation(CreateActionMutation);
  const [values, setValues] = useState<ActionFormValues>(() => ({ ...EMPTY_ACTION, axisId: params.get('axe') ?? '' }));
  const [problems, setProblems] = useState<Problems>({});
  const [others, setOthers] = useState<string[]>([]);
  const [summary, setSummary] = useState<Array<{ fieldId?: string; label: string; message: string }>>([]);
  const form = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const dirty = JSON.stringify(values) !== JSON.stringify({ ...EMPTY_ACTION, axisId: params.get('axe') ?? '' });
  useUnsavedChanges(dirty && !creating.fetching);

  const plan = result.data?.plan;
  const axes = plan ? [...plan.axes].sort((a, b) => a.position - b.position) : [];
  const label = (field: ActionField) => t.plans.action.fields[field] ?? field;

  const refuse = (fields: Problems, extra: string[]) => {
    setProblems(fields);
    setOthers(extra);
    setSummary([...fieldIds(form.current, fields, label), ...extra.map((message) => ({ label: t.plans.form.newTitle, message }))]);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (creating.fetching) return;
    const found = checkAction(values, t);
    if (Object.keys(found).length) return refuse(found, []);
    const answer = await create({ input: { ...actionInput(values), axisId: values.axisId } });
    if (answer.error) {
      const { fields, others: rest } = serverProblems(fieldProblems(answer.error), t);
      if (Object.keys(fields).length || rest.length) return refuse(fields, rest);
      setProblems({});
      setSummary([]);
      setOthers([]);
      return;
    }
    const created = answer.data?.createAction;
    if (created) navigate(pathOf({ name: 'action', id: created.id }), { force: true });
  };

  const change = (field: ActionField, value: string) => {
    setValues((current) => {
      const next = { ...current, [field]: value };
      // A done action is complete: choosing "done" sets the progress to 100.
      if (field === 'status' && value === 'DONE') next.progress = '100';
      return next;
    });
    if (problems[field]) setProblems((current) => ({ ...current, [field]: undefined }));
  };

  const crumbs = [{ label: t.plans.title, to: { name: 'plans' as const } }, ...(plan ? [{ label: plan.title, to: { name: 'plan' as const, id: plan.id } }] : [])];
  if (result.error && !plan) {
    return (
      <>
        <PageHeader title={t.plans.form.newTitle} crumbs={crumbs} />
        <ErrorNotice title={t.plans.plan.loadError} error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t.plans.form.newTitle} crumbs={crumbs} lead={plan ? t.plans.form.intro(plan.title) : undefined} />
      {!plan ? (
        result.fetching ? (
          <p role="status">{t.common.loading}</p>
        ) : (
          <p>{t.plans.plan.notFound}</p>
        )
      ) : (
        <form ref={form} className="form action-form" noValidate onSubmit={(event) => void submit(event)}>
          <ErrorSummary problems={summary} summaryRef={summaryRef} />
          {creating.error && !Object.keys(problems).length && !others.length && <ErrorNotice title={t.plans.action.loadError} error={creating.error} />}
          <ActionFields values={values} problems={problems} onChange={change} axes={axes} />
          <div className="button-row">
            <button type="submit" className="button" aria-disabled={creating.fetching || undefined}>
              {creating.fetching ? t.plans.form.submitting : t.plans.form.submit}
            </button>
            <Link to={{ name: 'plan', id: planId }} className="button button--secondary">
              {t.plans.form.cancel}
            </Link>
          </div>
        </form>
      )}
    </>
  );
}
