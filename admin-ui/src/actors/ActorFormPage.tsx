// Create or edit an actor: client checks before sending, the server's BAD_USER_INPUT problems on their fields with a
// focused summary, a warning before leaving unsaved changes, and on CONFLICT (someone saved meanwhile) both versions
// side by side with a deliberate choice: reload the saved one, or save this one over it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { fieldProblems, isConflict, errorCode } from '../graphql/errors';
import { readFragment, type FragmentOf, type SchemaType } from '../graphql/tada';
import { LEGAL_FAMILIES } from '../graphql/types';
import { useMessages, type Messages } from '../i18n';
import { Link, navigate, pathOf } from '../router';
import { authorityName, AUTHORITIES } from '../referential/authorities';
import { PageHeader } from '../shell/PageHeader';
import { useWorkingAuthorities } from '../shell/authorities';
import { ConflictPanel, type ConflictRow } from '../ui/ConflictPanel';
import { ErrorNotice } from '../ui/ErrorNotice';
import { CheckboxField, ErrorSummary, SelectField, TextAreaField, TextField } from '../ui/Field';
import { useUnsavedChanges } from '../ui/useUnsavedChanges';
import { canEditActor, canEditRegistry, setFlash, useSessionUser } from './access';
import { ActorEditQuery, ActorFormFragment, CreateActorMutation, UpdateActorMutation } from './actors.query';
import { INCLUSION_TYPES } from './listParams';
import { compactDigits, validateActor, type ActorFormValues, type FieldName, type FormErrors } from './validation';

type ActorInput = SchemaType<'UpdateActorInput'>;
type StoredActor = FragmentOf<typeof ActorFormFragment>;

const HEADCOUNT_BANDS = ['NN', '00', '01', '02', '03', '11', '12', '21', '22', '31', '32', '41', '42', '51', '52', '53'];

/** The order of the fields, as the form and the conflict table show them. */
const FIELDS: readonly FieldName[] = [
  'name',
  'siret',
  'siren',
  'rna',
  'legalFormCode',
  'legalFamily',
  'nafCode',
  'headcountBand',
  'status',
  'essMember',
  'esusApprovedOn',
  'inclusionType',
  'street',
  'postalCode',
  'communeName',
  'communeCode',
  'authority',
  'website',
  'sectors',
  'description',
];

const fieldId = (field: FieldName) => `actor-${field}`;

function emptyValues(authority: string): ActorFormValues {
  return {
    name: '',
    siret: '',
    siren: '',
    rna: '',
    legalFormCode: '',
    legalFamily: '',
    essMember: true,
    esusApprovedOn: '',
    inclusionType: 'NONE',
    nafCode: '',
    headcountBand: '',
    street: '',
    postalCode: '',
    communeCode: '',
    communeName: '',
    authority,
    website: '',
    description: '',
    sectors: '',
    status: 'ACTIVE',
  };
}

function fromActor(stored: StoredActor): ActorFormValues {
  const actor = readFragment(ActorFormFragment, stored);
  return {
    name: actor.name,
    siret: actor.siret ?? '',
    siren: actor.siren ?? '',
    rna: actor.rna ?? '',
    legalFormCode: actor.legalForm.code ?? '',
    legalFamily: actor.legalForm.family,
    essMember: actor.essMember,
    esusApprovedOn: actor.esus?.approvedOn ?? '',
    inclusionType: actor.inclusionType,
    nafCode: actor.nafCode ?? '',
    headcountBand: actor.headcount?.code ?? '',
    street: actor.address.street ?? '',
    postalCode: actor.address.postalCode ?? '',
    communeCode: actor.address.communeCode ?? '',
    communeName: actor.address.communeName ?? '',
    authority: actor.authorityCode,
    website: actor.website ?? '',
    description: actor.description ?? '',
    sectors: actor.sectors.join(', '),
    status: actor.status,
  };
}

const splitSectors = (text: string) =>
  text
    .split(',')
    .map((sector) => sector.trim())
    .filter(Boolean);

/** The input for the given fields (all of them for a creation); empty text clears a field on an edit. */
function toInput(values: ActorFormValues, fields: readonly FieldName[], creating: boolean): ActorInput {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field];
    if (field === 'essMember') input.essMember = value;
    else if (field === 'sectors') input.sectors = splitSectors(values.sectors);
    else if (typeof value === 'string') {
      const text = field === 'siret' || field === 'siren' ? compactDigits(value) : value.trim();
      if (text === '') {
        if (!creating && field !== 'authority' && field !== 'inclusionType' && field !== 'status' && field !== 'name') input[field] = null;
      } else input[field] = field === 'rna' || field === 'nafCode' || field === 'communeCode' ? text.toUpperCase() : text;
    }
  }
  return input as ActorInput;
}

function changedFields(values: ActorFormValues, base: ActorFormValues): FieldName[] {
  return FIELDS.filter((field) => (field === 'sectors' ? splitSectors(values.sectors).join(',') !== splitSectors(base.sectors).join(',') : values[field] !== base[field]));
}

function display(t: Messages, field: FieldName, values: ActorFormValues): string {
  const value = values[field];
  if (field === 'essMember') return value ? t.common.yes : t.common.no;
  if (value === '') return '—';
  if (field === 'legalFamily') return t.legalFamilies[value as keyof Messages['legalFamilies']] ?? String(value);
  if (field === 'inclusionType') return t.inclusionTypes[value as keyof Messages['inclusionTypes']]?.long ?? String(value);
  if (field === 'headcountBand') return t.actors.headcountBands[String(value)] ?? String(value);
  if (field === 'status') return t.actors.fields.statuses[value as 'ACTIVE' | 'CEASED'] ?? String(value);
  if (field === 'authority') return t.authority(String(value), authorityName(String(value)));
  return String(value);
}

function serverMessage(t: Messages, message: string): string {
  const taken = message.match(/is already registered \((.*)\)$/);
  if (taken) return t.actors.form.errors.siretTaken(taken[1]!);
  return t.actors.form.errors.server(t.actors.serverMessage(message));
}

export function ActorFormPage({ id }: { id?: string }) {
  const t = useMessages();
  const user = useSessionUser();
  const { codes } = useWorkingAuthorities();
  const [stored] = useQuery({ query: ActorEditQuery, variables: { id: id ?? '' }, pause: !id });

  if (!id) {
    const authority = codes.find((code) => user?.authorities.includes(code)) ?? user?.authorities[0] ?? '';
    return <ActorForm initial={emptyValues(authority)} version={null} />;
  }
  const crumbs = [{ label: t.actors.title, to: { name: 'actors' as const } }];
  if (!stored.data && stored.fetching) {
    return (
      <p className="result-count" role="status">
        {t.common.loading}
      </p>
    );
  }
  if (!stored.data?.actor) {
    if (stored.error) {
      return (
        <>
          <PageHeader title={t.actors.detail.loadError} crumbs={crumbs} />
          <ErrorNotice title={t.actors.detail.loadError} error={stored.error} />
        </>
      );
    }
    return (
      <>
        <PageHeader title={t.actors.detail.notFound} crumbs={crumbs} />
        <p>
          <Link to={{ name: 'actors' }}>{t.actors.detail.backToList}</Link>
        </p>
      </>
    );
  }
  const actor = readFragment(ActorFormFragment, stored.data.actor);
  return <ActorForm key={actor.id} id={actor.id} initial={fromActor(stored.data.actor)} version={actor.version} />;
}

function ActorForm({ id, initial, version: initialVersion }: { id?: string; initial: ActorFormValues; version: number | null }) {
  const t = useMessages();
  const client = useClient();
  const user = useSessionUser();
  const creating = !id;
  const f = t.actors.fields;
  // What the server holds as far as this page knows (the form compares against it), set once: later cache updates
  // (someone else's save read by another screen) do not overwrite what the person is typing.
  const [base, setBase] = useState<{ values: ActorFormValues; version: number | null }>({ values: initial, version: initialVersion });
  const [values, setValues] = useState<ActorFormValues>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ values: ActorFormValues; version: number } | null>(null);
  const [saved, setSaved] = useState(false);
  const [focusSummary, setFocusSummary] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  const [creation, createActor] = useMutation(CreateActorMutation);
  const [update, updateActor] = useMutation(UpdateActorMutation);
  const saving = creation.fetching || update.fetching;

  const changed = creating ? [] : changedFields(values, base.values);
  const dirty = creating ? JSON.stringify(values) !== JSON.stringify(initial) : changed.length > 0;
  useUnsavedChanges(dirty && !saved);

  useEffect(() => {
    if (focusSummary > 0) summary.current?.focus();
  }, [focusSummary]);

  const allowed = creating ? canEditRegistry(user) : canEditActor(user, initial.authority);
  const title = creating ? t.actors.form.newTitle : t.actors.form.editTitle(initial.name);
  const crumbs = [{ label: t.actors.title, to: { name: 'actors' as const } }, ...(id ? [{ label: initial.name, to: { name: 'actor' as const, id } }] : [])];

  const set = <K extends FieldName>(field: K, value: ActorFormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const finish = (actorId: string, message: string) => {
    setSaved(true);
    setFlash(message);
    navigate(pathOf({ name: 'actor', id: actorId }), { force: true });
  };

  const send = async (fields: readonly FieldName[], version: number | null) => {
    setFailure(null);
    setOtherProblems([]);
    const result = creating
      ? await createActor({ input: toInput(values, fields, true) })
      : await updateActor({ id: id!, version: version!, input: toInput(values, fields, false) });
    if (!result.error) {
      const actor = creating ? (result.data as { createActor?: StoredActor } | undefined)?.createActor : (result.data as { updateActor?: StoredActor } | undefined)?.updateActor;
      if (actor) finish(readFragment(ActorFormFragment, actor).id, creating ? t.actors.detail.created : t.actors.form.saved);
      return;
    }
    if (!creating && isConflict(result.error)) {
      const latest = await client.query(ActorEditQuery, { id: id! }, { requestPolicy: 'network-only' }).toPromise();
      const actor = latest.data?.actor;
      if (actor) {
        setConflict({ values: fromActor(actor), version: readFragment(ActorFormFragment, actor).version });
        return;
      }
    }
    const problems = fieldProblems(result.error);
    if (problems.length > 0) {
      const byField: FormErrors = {};
      const others: string[] = [];
      for (const problem of problems) {
        const message = serverMessage(t, problem.message);
        if ((FIELDS as readonly string[]).includes(problem.field)) byField[problem.field as FieldName] ??= message;
        else others.push(`${problem.field} : ${message}`);
      }
      setErrors(byField);
      setOtherProblems(others);
      setFocusSummary((count) => count + 1);
      return;
    }
    setFailure(`${t.actors.form.saveFailed} ${t.common.errorCode} : ${errorCode(result.error)}`);
    setFocusSummary((count) => count + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const found = validateActor(values, t.actors.form.errors);
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      setOtherProblems([]);
      setFailure(null);
      setFocusSummary((count) => count + 1);
      return;
    }
    if (!creating && changed.length === 0) {
      finish(id!, t.actors.form.saved);
      return;
    }
    await send(creating ? FIELDS : changed, base.version);
  };

  const reload = () => {
    if (!conflict) return;
    setBase(conflict);
    setValues(conflict.values);
    setErrors({});
    setConflict(null);
  };
  const overwrite = async () => {
    if (!conflict || saving) return;
    const fields = changedFields(values, conflict.values);
    setBase(conflict);
    setConflict(null);
    if (fields.length === 0) {
      finish(id!, t.actors.form.saved);
      return;
    }
    await send(fields, conflict.version);
  };

  const problems = [
    ...FIELDS.filter((field) => errors[field]).map((field) => ({ fieldId: fieldId(field), label: f[field as keyof typeof f] as string, message: errors[field]! })),
    ...otherProblems.map((message) => ({ label: t.actors.form.unknownField, message })),
    ...(failure ? [{ label: t.actors.form.unknownField, message: failure }] : []),
  ];
  const authorities = [...new Set([...(user?.authorities ?? []), ...(initial.authority ? [initial.authority] : [])])];
  const text = (field: Exclude<FieldName, 'essMember'>, extra: { hint?: string; required?: boolean; type?: string; inputMode?: 'numeric' | 'text'; autoComplete?: string } = {}) => (
    <TextField
      id={fieldId(field)}
      name={field}
      label={f[field as keyof typeof f] as string}
      error={errors[field]}
      value={values[field]}
      onChange={(event) => set(field, event.target.value)}
      {...extra}
    />
  );

  if (!allowed) {
    return (
      <>
        <PageHeader title={title} crumbs={crumbs} />
        <p className="notice">{t.actors.detail.actionFailed}</p>
      </>
    );
  }

  return (
    <>
      <PageHeader title={title} crumbs={crumbs} lead={t.actors.form.requiredHint} />
      {conflict && (
        <ConflictPanel
          rows={FIELDS.map((field): ConflictRow => ({ label: f[field as keyof typeof f] as string, theirs: display(t, field, conflict.values), yours: display(t, field, values) }))}
          onReload={reload}
          onOverwrite={() => void overwrite()}
          busy={saving}
        />
      )}
      <ErrorSummary problems={problems} summaryRef={summary} />
      <form className="form actor-form" noValidate onSubmit={(event) => void submit(event)} aria-busy={saving}>
        <fieldset>
          <legend>{t.actors.form.identity}</legend>
          {text('name', { required: true, autoComplete: 'organization' })}
          {text('siret', { hint: f.siretHint, inputMode: 'numeric' })}
          {text('siren', { hint: f.sirenHint, inputMode: 'numeric' })}
          {text('rna', { hint: f.rnaHint })}
          {text('legalFormCode', { hint: f.legalFormCodeHint, inputMode: 'numeric' })}
          <SelectField id={fieldId('legalFamily')} name="legalFamily" label={f.legalFamily} hint={f.legalFamilyHint} error={errors.legalFamily} value={values.legalFamily} onChange={(event) => set('legalFamily', event.target.value)}>
            <option value="">{f.legalFamilyFromCode}</option>
            {LEGAL_FAMILIES.map((family) => (
              <option key={family} value={family}>
                {t.legalFamilies[family]}
              </option>
            ))}
          </SelectField>
          {text('nafCode', { hint: f.nafCodeHint })}
          <SelectField id={fieldId('headcountBand')} name="headcountBand" label={f.headcountBand} error={errors.headcountBand} value={values.headcountBand} onChange={(event) => set('headcountBand', event.target.value)}>
            <option value="">{f.headcountUnknown}</option>
            {HEADCOUNT_BANDS.map((band) => (
              <option key={band} value={band}>
                {t.actors.headcountBands[band]}
              </option>
            ))}
          </SelectField>
          <SelectField id={fieldId('status')} name="status" label={f.status} error={errors.status} value={values.status} onChange={(event) => set('status', event.target.value)}>
            <option value="ACTIVE">{f.statuses.ACTIVE}</option>
            <option value="CEASED">{f.statuses.CEASED}</option>
          </SelectField>
        </fieldset>
        <fieldset>
          <legend>{t.actors.form.labels}</legend>
          <CheckboxField id={fieldId('essMember')} name="essMember" label={f.essMember} checked={values.essMember} onChange={(event) => set('essMember', event.target.checked)} />
          {text('esusApprovedOn', { hint: f.esusApprovedOnHint, type: 'date' })}
          <SelectField id={fieldId('inclusionType')} name="inclusionType" label={f.inclusionType} error={errors.inclusionType} value={values.inclusionType} onChange={(event) => set('inclusionType', event.target.value)}>
            {INCLUSION_TYPES.map((type) => (
              <option key={type} value={type}>
                {type === 'NONE' ? t.common.none : `${t.inclusionTypes[type].short} – ${t.inclusionTypes[type].long}`}
              </option>
            ))}
          </SelectField>
        </fieldset>
        <fieldset>
          <legend>{t.actors.form.address}</legend>
          {text('street', { autoComplete: 'street-address' })}
          {text('postalCode', { hint: f.postalCodeHint, inputMode: 'numeric', autoComplete: 'postal-code' })}
          {text('communeName', { autoComplete: 'address-level2' })}
          {text('communeCode', { hint: f.communeCodeHint })}
          <SelectField id={fieldId('authority')} name="authority" label={f.authority} required error={errors.authority} value={values.authority} onChange={(event) => set('authority', event.target.value)}>
            {authorities.map((code) => (
              <option key={code} value={code}>
                {t.authority(code, AUTHORITIES.find((authority) => authority.code === code)?.name)}
              </option>
            ))}
          </SelectField>
        </fieldset>
        <fieldset>
          <legend>{t.actors.form.more}</legend>
          {text('website', { hint: f.websiteHint, type: 'url', autoComplete: 'url' })}
          {text('sectors', { hint: f.sectorsHint })}
          <TextAreaField id={fieldId('description')} name="description" label={f.description} error={errors.description} value={values.description} rows={5} onChange={(event) => set('description', event.target.value)} />
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button" aria-disabled={saving || undefined}>
            {saving ? t.common.saving : creating ? t.actors.form.submitCreate : t.common.save}
          </button>
          <Link className="button button--secondary" to={id ? { name: 'actor', id } : { name: 'actors' }}>
            {t.actors.form.cancel}
          </Link>
        </div>
      </form>
    </>
  );
}
