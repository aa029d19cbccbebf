// "Nouvel appel": a call for commons created in draft, usable with the keyboard alone. Checked on the client first
// (errors beside their fields and in a summary that takes the focus), then by the server (BAD_USER_INPUT shown on the
// same fields); leaving with unsaved changes asks first. Once created, the call's page opens (its lifecycle starts).
import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { fieldProblems } from '../graphql/errors';
import { authorityName } from '../referential/authorities';
import { Link, navigate, pathOf } from '../router';
import { PageHeader } from '../shell/PageHeader';
import { ErrorNotice } from '../ui/ErrorNotice';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../ui/Field';
import { useUnsavedChanges } from '../ui/useUnsavedChanges';
import { CreateCallMutation } from './calls.query';
import { useCallsMessages } from './messages';

const FIELDS = ['title', 'authorityCode', 'description', 'budgetEnvelope', 'minStructures', 'opensOn', 'closesOn', 'challenge'] as const;
type CallField = (typeof FIELDS)[number];
type Values = Record<CallField, string>;

const fieldId = (field: string) => `call-${field.split('.')[0]}`;

export default function CallNewPage({ authorities }: { authorities: string[] }) {
  const c = useCallsMessages();
  const empty: Values = { title: '', authorityCode: authorities[0] ?? '', description: '', budgetEnvelope: '', minStructures: '3', opensOn: '', closesOn: '', challenge: '' };
  const [values, setValues] = useState<Values>(empty);
  const [problems, setProblems] = useState<Partial<Record<CallField, string>>>({});
  const [summary, setSummary] = useState<Array<{ fieldId?: string; label: string; message: string }>>([]);
  const [creating, create] = useMutation(CreateCallMutation);
  const summaryRef = useRef<HTMLDivElement>(null);
  useUnsavedChanges(JSON.stringify(values) !== JSON.stringify(empty) && !creating.fetching);

  const refuse = (found: Partial<Record<CallField, string>>, others: Array<{ field: string; message: string }> = []) => {
    setProblems(found);
    setSummary([
      ...Object.entries(found).map(([field, message]) => ({ fieldId: fieldId(field), label: c.fields[field as CallField], message: message! })),
      ...others.map((problem) => ({ label: problem.field, message: problem.message })),
    ]);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (creating.fetching) return;
    const found: Partial<Record<CallField, string>> = {};
    if (!values.title.trim()) found.title = c.required;
    if (!values.authorityCode) found.authorityCode = c.required;
    const envelope = values.budgetEnvelope.trim() === '' ? null : Number(values.budgetEnvelope.replace(',', '.'));
    if (envelope != null && (!Number.isFinite(envelope) || envelope < 0)) found.budgetEnvelope = c.amountInvalid;
    const minStructures = Number(values.minStructures);
    if (!Number.isInteger(minStructures) || minStructures < 1) found.minStructures = c.wholeNumber;
    if (values.opensOn && values.closesOn && values.closesOn < values.opensOn) found.closesOn = c.closesAfterOpens;
    if (Object.keys(found).length) return refuse(found);
    const answer = await create({
      input: {
        title: values.title.trim(),
        authorityCode: values.authorityCode,
        description: values.description.trim() || null,
        budgetEnvelope: envelope,
        minStructures,
        opensOn: values.opensOn || null,
        closesOn: values.closesOn || null,
        challenges: values.challenge.trim() ? [{ title: values.challenge.trim() }] : null,
      },
    });
    if (answer.error) {
      const server = fieldProblems(answer.error);
      const known = Object.fromEntries(server.filter((p) => (FIELDS as readonly string[]).includes(p.field.split('.')[0]!)).map((p) => [p.field.split('.')[0], p.message]));
      const rest = server.filter((p) => !(FIELDS as readonly string[]).includes(p.field.split('.')[0]!));
      if (server.length) refuse(known, rest);
      return;
    }
    const created = answer.data?.createCall;
    if (created) navigate(pathOf({ name: 'call', id: created.id }), { force: true });
  };

  const bind = (field: CallField) => ({
    id: fieldId(field),
    label: c.fields[field],
    value: values[field],
    error: problems[field],
    onChange: (event: { target: { value: string } }) => {
      setValues((current) => ({ ...current, [field]: event.target.value }));
      if (problems[field]) setProblems((current) => ({ ...current, [field]: undefined }));
    },
  });

  return (
    <>
      <PageHeader title={c.newCall} crumbs={[{ label: c.title, to: { name: 'calls' } }]} lead={c.newCallIntro} />
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary problems={summary} summaryRef={summaryRef} />
        {creating.error && !summary.length && <ErrorNotice title={c.createRefused} error={creating.error} />}
        <TextField {...bind('title')} required />
        <SelectField {...bind('authorityCode')} required>
          {authorities.map((code) => (
            <option key={code} value={code}>
              {authorityName(code) ?? code}
            </option>
          ))}
        </SelectField>
        <TextAreaField {...bind('description')} />
        <TextField {...bind('budgetEnvelope')} inputMode="decimal" />
        <TextField {...bind('minStructures')} inputMode="numeric" required />
        <TextField {...bind('opensOn')} type="date" />
        <TextField {...bind('closesOn')} type="date" />
        <TextField {...bind('challenge')} hint={c.challengeHint} />
        <div className="button-row">
          <button type="submit" className="button" aria-disabled={creating.fetching || undefined}>
            {c.create}
          </button>
          <Link to={{ name: 'calls' }} className="button button--secondary">
            {c.cancel}
          </Link>
        </div>
      </form>
    </>
  );
}
