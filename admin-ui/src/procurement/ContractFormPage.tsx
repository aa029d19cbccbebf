// "Nouveau marché" and "Modifier le marché": the DECP essential data a buyer enters, awardees one per line (SIRET and
// name), the social and environmental considerations the SPASER counts, the reserved basis and insertion hours. The
// server's BAD_USER_INPUT problems show beside their fields and in a summary; an edit sent on a stale version shows
// both versions side by side (ConflictPanel) and lets the person reload or save over.
import { useRef, useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { setFlash, useSessionUser, canEditRegistry } from '../actors/access';
import { errorCode, fieldProblems, isConflict } from '../graphql/errors';
import type { SchemaType } from '../graphql/tada';
import { useMessages } from '../i18n';
import { navigate, pathOf } from '../router';
import { PageHeader } from '../shell/PageHeader';
import { useWorkingAuthorities } from '../shell/authorities';
import { ConflictPanel } from '../ui/ConflictPanel';
import { CheckboxField, ErrorSummary, SelectField, TextAreaField, TextField } from '../ui/Field';
import { useUnsavedChanges } from '../ui/useUnsavedChanges';
import { BuyersQuery, ContractQuery, CreateContractMutation, UpdateContractMutation, type ContractDetail } from './contracts.query';
import { NATURES, PROCEDURES } from './ContractsPage';

type Social = SchemaType<'SocialConsideration'>;
type Environmental = SchemaType<'EnvironmentalConsideration'>;
type Basis = SchemaType<'ReservedBasis'>;
const SOCIAL: readonly Social[] = ['SOCIAL_CLAUSE', 'SOCIAL_CRITERION', 'RESERVED_CONTRACT'];
const ENVIRONMENTAL: readonly Environmental[] = ['ENVIRONMENTAL_CLAUSE', 'ENVIRONMENTAL_CRITERION'];
const BASES: readonly Basis[] = ['L2113_12', 'L2113_13', 'L2113_15'];

interface Values {
  buyerId: string;
  decpId: string;
  object: string;
  nature: string;
  procedure: string;
  cpvCode: string;
  notifiedOn: string;
  durationMonths: string;
  amount: string;
  awardees: string;
  social: Social[];
  environmental: Environmental[];
  reservedBasis: string;
  insertionHoursPlanned: string;
  insertionHoursAchieved: string;
}

const EMPTY: Values = {
  buyerId: '',
  decpId: '',
  object: '',
  nature: 'MARCHE',
  procedure: 'ADAPTED',
  cpvCode: '',
  notifiedOn: '',
  durationMonths: '',
  amount: '',
  awardees: '',
  social: [],
  environmental: [],
  reservedBasis: '',
  insertionHoursPlanned: '',
  insertionHoursAchieved: '',
};

function valuesOf(contract: ContractDetail): Values {
  return {
    buyerId: contract.buyer?.id ?? '',
    decpId: contract.decpId,
    object: contract.object,
    nature: contract.nature,
    procedure: contract.procedure,
    cpvCode: contract.cpvCode,
    notifiedOn: contract.notifiedOn,
    durationMonths: String(contract.durationMonths),
    amount: String(contract.amount),
    awardees: contract.awardees.map((a) => [a.identifier, a.name ?? ''].filter(Boolean).join(' ; ')).join('\n'),
    social: contract.socialConsiderations.filter((value) => value !== 'NONE'),
    environmental: contract.environmentalConsiderations.filter((value) => value !== 'NONE'),
    reservedBasis: contract.reservedBasis ?? '',
    insertionHoursPlanned: contract.insertionHoursPlanned != null ? String(contract.insertionHoursPlanned) : '',
    insertionHoursAchieved: contract.insertionHoursAchieved != null ? String(contract.insertionHoursAchieved) : '',
  };
}

const number = (text: string) => (text.trim() ? Number(text.replace(',', '.').replace(/\s/g, '')) : undefined);

/** The mutation input of the form's values (a published contract's DECP data are refused by the server, field by field). */
function inputOf(values: Values) {
  const awardees = values.awardees
    .split('\n')
    .map((line) => line.split(';').map((part) => part.trim()))
    .filter(([identifier]) => !!identifier)
    .map(([identifier, name]) => ({ idType: 'SIRET' as const, identifier: identifier!.replace(/\s/g, ''), ...(name ? { name } : {}) }));
  return {
    decpId: values.decpId.trim(),
    object: values.object.trim(),
    nature: values.nature as SchemaType<'ContractNature'>,
    procedure: values.procedure as SchemaType<'ProcurementProcedure'>,
    cpvCode: values.cpvCode.trim(),
    notifiedOn: values.notifiedOn,
    durationMonths: number(values.durationMonths),
    amount: number(values.amount),
    awardees,
    socialConsiderations: values.social.length ? values.social : (['NONE'] as Social[]),
    environmentalConsiderations: values.environmental.length ? values.environmental : (['NONE'] as Environmental[]),
    reservedBasis: (values.reservedBasis || null) as Basis | null,
    insertionHoursPlanned: number(values.insertionHoursPlanned) ?? null,
    insertionHoursAchieved: number(values.insertionHoursAchieved) ?? null,
  };
}

/** On an edit, only what changed: a published contract refuses any change of its DECP data, even to the same value. */
function changedOnly<T extends Record<string, unknown>>(next: T, before: T): Partial<T> {
  return Object.fromEntries(Object.entries(next).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key]))) as Partial<T>;
}

function ContractForm({ contract, onReload }: { contract: ContractDetail | null; onReload(): void }) {
  const t = useMessages();
  const c = t.procurement.contracts;
  const f = t.procurement.form;
  const client = useClient();
  const working = useWorkingAuthorities();
  const initial = contract ? valuesOf(contract) : EMPTY;
  const [values, setValues] = useState<Values>(initial);
  const [version, setVersion] = useState(contract?.version ?? 0);
  const [problems, setProblems] = useState<Array<{ field: string; message: string }>>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<ContractDetail | null>(null);
  const [buyers] = useQuery({ query: BuyersQuery, variables: { filter: { authorities: working.all }, first: 500 } });
  const [create, createContract] = useMutation(CreateContractMutation);
  const [update, updateContract] = useMutation(UpdateContractMutation);
  const summary = useRef<HTMLDivElement>(null);
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  useUnsavedChanges(dirty && !create.fetching && !update.fetching);
  const busy = create.fetching || update.fetching;

  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((current) => ({ ...current, [key]: value }));
  const toggle = <K extends 'social' | 'environmental'>(key: K, value: Values[K][number], on: boolean) =>
    setValues((current) => ({ ...current, [key]: on ? [...current[key], value] : current[key].filter((v) => v !== value) }));

  const labels: Record<string, string> = {
    buyerId: c.buyer,
    decpId: c.decpId,
    object: c.object,
    nature: c.nature,
    procedure: c.procedure,
    cpvCode: c.cpvCode,
    notifiedOn: c.notifiedOn,
    durationMonths: c.duration,
    amount: c.amount,
    awardees: c.awardees,
    socialConsiderations: c.social,
    environmentalConsiderations: c.environmental,
    reservedBasis: t.procurement.contract.reservedBasis,
    insertionHoursPlanned: f.insertionHoursPlanned,
    insertionHoursAchieved: f.insertionHoursAchieved,
  };
  const fieldKey = (path: string) => {
    const key = path.replace(/^input\./, '').split('.')[0]!;
    return key === 'socialConsiderations' ? 'social' : key === 'environmentalConsiderations' ? 'environmental' : key;
  };
  const errorOf = (key: keyof Values) => problems.find((problem) => fieldKey(problem.field) === key)?.message;

  const save = async (atVersion: number) => {
    setFailure(null);
    const required: Array<keyof Values> = contract ? [] : ['buyerId', 'decpId', 'object', 'cpvCode', 'notifiedOn', 'durationMonths', 'amount', 'awardees'];
    const missing = required.filter((key) => !String(values[key]).trim()).map((key) => ({ field: key, message: f.required }));
    if (missing.length) {
      setProblems(missing);
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    const input = inputOf(values);
    const result = contract
      ? await updateContract({ id: contract.id, version: atVersion, input: changedOnly(input, inputOf(initial)) })
      : await createContract({ input: { ...input, buyerId: values.buyerId } });
    if (result.error) {
      if (contract && isConflict(result.error)) {
        const latest = await client.query(ContractQuery, { id: contract.id }, { requestPolicy: 'network-only' }).toPromise();
        if (latest.data?.contract) setConflict(latest.data.contract);
        return;
      }
      const found = fieldProblems(result.error);
      setProblems(found);
      if (!found.length) setFailure(`${t.common.errorCode} : ${errorCode(result.error)}`);
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    const id = contract ? contract.id : result.data && 'createContract' in result.data ? result.data.createContract.id : null;
    setValues(initial);
    setFlash(contract ? f.saved : f.created);
    if (id) navigate(pathOf({ name: 'contract', id }), { force: true });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) void save(version);
  };

  const summaryProblems = problems.map((problem) => {
    const key = fieldKey(problem.field);
    return { fieldId: `contract-${key}`, label: labels[key] ?? labels[problem.field] ?? problem.field, message: problem.message };
  });

  return (
    <>
      {conflict && (
        <ConflictPanel
          rows={(['object', 'cpvCode', 'procedure', 'amount', 'durationMonths', 'notifiedOn'] as const).map((key) => ({
            label: labels[key]!,
            theirs: String(valuesOf(conflict)[key]),
            yours: String(values[key]),
          }))}
          onReload={() => {
            setConflict(null);
            onReload();
          }}
          onOverwrite={() => {
            setVersion(conflict.version);
            setConflict(null);
            void save(conflict.version);
          }}
          busy={busy}
        />
      )}
      <ErrorSummary problems={summaryProblems} summaryRef={summary} />
      {failure && (
        <p className="field__error" role="alert">
          {f.failed} {failure}
        </p>
      )}
      <form className="form" noValidate onSubmit={submit}>
        {!contract && (
          <SelectField id="contract-buyerId" label={c.buyer} required value={values.buyerId} error={errorOf('buyerId')} onChange={(event) => set('buyerId', event.target.value)}>
            <option value="">{f.chooseBuyer}</option>
            {(buyers.data?.buyers?.nodes ?? []).map((buyer) => (
              <option key={buyer.id} value={buyer.id}>
                {`${buyer.name} (${buyer.siret})`}
              </option>
            ))}
          </SelectField>
        )}
        <TextField id="contract-decpId" label={c.decpId} hint={f.decpIdHint} required={!contract} value={values.decpId} error={errorOf('decpId')} onChange={(event) => set('decpId', event.target.value)} />
        <TextField id="contract-object" label={c.object} required={!contract} value={values.object} error={errorOf('object')} onChange={(event) => set('object', event.target.value)} />
        <SelectField id="contract-nature" label={c.nature} value={values.nature} error={errorOf('nature')} onChange={(event) => set('nature', event.target.value)}>
          {NATURES.map((nature) => (
            <option key={nature} value={nature}>
              {c.natures[nature]}
            </option>
          ))}
        </SelectField>
        <SelectField id="contract-procedure" label={c.procedure} value={values.procedure} error={errorOf('procedure')} onChange={(event) => set('procedure', event.target.value)}>
          {PROCEDURES.map((procedure) => (
            <option key={procedure} value={procedure}>
              {c.procedures[procedure]}
            </option>
          ))}
        </SelectField>
        <TextField id="contract-cpvCode" label={c.cpvCode} hint={f.cpvHint} required={!contract} value={values.cpvCode} error={errorOf('cpvCode')} onChange={(event) => set('cpvCode', event.target.value)} />
        <TextField id="contract-notifiedOn" label={c.notifiedOn} type="date" required={!contract} value={values.notifiedOn} error={errorOf('notifiedOn')} onChange={(event) => set('notifiedOn', event.target.value)} />
        <TextField id="contract-durationMonths" label={c.duration} inputMode="numeric" required={!contract} value={values.durationMonths} error={errorOf('durationMonths')} onChange={(event) => set('durationMonths', event.target.value)} />
        <TextField id="contract-amount" label={c.amount} inputMode="decimal" required={!contract} value={values.amount} error={errorOf('amount')} onChange={(event) => set('amount', event.target.value)} />
        <TextAreaField id="contract-awardees" label={c.awardees} hint={f.awardeesHint} required={!contract} rows={3} value={values.awardees} error={errorOf('awardees')} onChange={(event) => set('awardees', event.target.value)} />
        <fieldset className="field" id="contract-social">
          <legend className="field__label">{c.social}</legend>
          {errorOf('social') && <p className="field__error">{errorOf('social')}</p>}
          {SOCIAL.map((value) => (
            <CheckboxField key={value} label={c.socialConsiderations[value]} checked={values.social.includes(value)} onChange={(event) => toggle('social', value, event.target.checked)} />
          ))}
        </fieldset>
        <fieldset className="field" id="contract-environmental">
          <legend className="field__label">{c.environmental}</legend>
          {errorOf('environmental') && <p className="field__error">{errorOf('environmental')}</p>}
          {ENVIRONMENTAL.map((value) => (
            <CheckboxField key={value} label={c.environmentalConsiderations[value]} checked={values.environmental.includes(value)} onChange={(event) => toggle('environmental', value, event.target.checked)} />
          ))}
        </fieldset>
        <SelectField id="contract-reservedBasis" label={t.procurement.contract.reservedBasis} value={values.reservedBasis} error={errorOf('reservedBasis')} onChange={(event) => set('reservedBasis', event.target.value)}>
          <option value="">{f.notReserved}</option>
          {BASES.map((basis) => (
            <option key={basis} value={basis}>
              {c.reservedBases[basis]}
            </option>
          ))}
        </SelectField>
        <TextField id="contract-insertionHoursPlanned" label={f.insertionHoursPlanned} inputMode="numeric" value={values.insertionHoursPlanned} error={errorOf('insertionHoursPlanned')} onChange={(event) => set('insertionHoursPlanned', event.target.value)} />
        <TextField id="contract-insertionHoursAchieved" label={f.insertionHoursAchieved} inputMode="numeric" value={values.insertionHoursAchieved} error={errorOf('insertionHoursAchieved')} onChange={(event) => set('insertionHoursAchieved', event.target.value)} />
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {busy ? f.saving : contract ? f.save : f.create}
        </button>
      </form>
    </>
  );
}

export default function ContractFormPage({ id }: { id?: string }) {
  const t = useMessages();
  const c = t.procurement.contracts;
  const f = t.procurement.form;
  const user = useSessionUser();
  const [result, reexecute] = useQuery({ query: ContractQuery, variables: { id: id ?? '' }, pause: !id, requestPolicy: 'cache-and-network' });
  const contract = result.data?.contract ?? null;
  const crumbs = [{ label: c.title, to: { name: 'contracts' as const } }, ...(contract ? [{ label: contract.object, to: { name: 'contract' as const, id: contract.id } }] : [])];
  const title = id ? f.editTitle : f.createTitle;
  if (!canEditRegistry(user)) {
    return (
      <>
        <PageHeader title={title} crumbs={crumbs} />
        <p>{f.forbidden}</p>
      </>
    );
  }
  if (id && !contract) {
    return (
      <>
        <PageHeader title={title} crumbs={crumbs} />
        <p role="status">{result.fetching ? t.common.loading : t.procurement.contract.notFound}</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={title} crumbs={crumbs} />
      {/* Keyed by id only: the conflict's fresh read updates the cached contract, and must not reset the form. */}
      <ContractForm key={contract ? contract.id : 'new'} contract={contract} onReload={() => reexecute({ requestPolicy: 'network-only' })} />
    </>
  );
}
