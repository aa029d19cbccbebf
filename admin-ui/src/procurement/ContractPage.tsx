// A contract: its DECP essential data, its awardees at notification and today (linked to their registry page, ESS
// status shown), its modifications and subcontracting, recording a modification (version conflict handled: the
// page reloads the latest version and says so), and its history.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { canEditActor, takeFlash, useSessionUser } from '../actors/access';
import { errorCode, fieldProblems, isConflict } from '../graphql/errors';
import { useMessages } from '../i18n';
import { authorityName } from '../referential/authorities';
import { Link } from '../router';
import { PageHeader } from '../shell/PageHeader';
import { Empty } from '../ui/Empty';
import { ErrorNotice } from '../ui/ErrorNotice';
import { TextField } from '../ui/Field';
import { HistoryPanel } from '../ui/HistoryPanel';
import { AddModificationMutation, ContractQuery, type AwardeeView, type ContractDetail } from './contracts.query';

function EssStatus({ awardee }: { awardee: AwardeeView }) {
  const d = useMessages().procurement.contract;
  if (!awardee.ess) return <>{d.essUnknown}</>;
  const parts = [awardee.ess.essMember ? d.essMember : d.notEss];
  if (awardee.ess.inclusionType !== 'NONE') parts.push(d.inclusion(awardee.ess.inclusionType));
  return <>{parts.join(', ')}</>;
}

function AwardeeTable({ title, awardees }: { title: string; awardees: readonly AwardeeView[] }) {
  const d = useMessages().procurement.contract;
  return (
    <table className="data-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{d.name}</th>
          <th scope="col">{d.identifier}</th>
          <th scope="col">{d.ess}</th>
        </tr>
      </thead>
      <tbody>
        {awardees.map((awardee) => (
          <tr key={`${awardee.idType}:${awardee.identifier}`}>
            <th scope="row">
              {awardee.actor ? <Link to={{ name: 'actor', id: awardee.actor.id }}>{awardee.actor.name}</Link> : (awardee.name ?? d.notInRegistry)}
            </th>
            <td className="nowrap">{`${awardee.idType} ${awardee.identifier}`}</td>
            <td>
              <EssStatus awardee={awardee} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ModificationForm({ contract, onConflict }: { contract: ContractDetail; onConflict(): void }) {
  const t = useMessages();
  const d = t.procurement.contract;
  const [{ fetching }, addModification] = useMutation(AddModificationMutation);
  const [values, setValues] = useState({ object: '', notifiedOn: '', amount: '', durationMonths: '' });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (fetching) return;
    if (!values.notifiedOn) {
      setProblems({ notifiedOn: d.required });
      return;
    }
    setProblems({});
    const amount = values.amount.trim() ? Number(values.amount.replace(',', '.').replace(/\s/g, '')) : undefined;
    const durationMonths = values.durationMonths.trim() ? Number(values.durationMonths) : undefined;
    const result = await addModification({
      contractId: contract.id,
      version: contract.version,
      input: { notifiedOn: values.notifiedOn, ...(values.object.trim() ? { object: values.object.trim() } : {}), ...(amount !== undefined ? { amount } : {}), ...(durationMonths !== undefined ? { durationMonths } : {}) },
    });
    if (!result.error) {
      setValues({ object: '', notifiedOn: '', amount: '', durationMonths: '' });
      setMessage({ text: d.modSaved, error: false });
      return;
    }
    if (isConflict(result.error)) {
      onConflict();
      setMessage({ text: d.conflict, error: true });
      return;
    }
    const byField = Object.fromEntries(fieldProblems(result.error).map((problem) => [problem.field.replace(/^input\./, ''), problem.message]));
    setProblems(byField);
    setMessage({ text: `${d.modFailed} ${t.common.errorCode} : ${errorCode(result.error)}`, error: true });
  };

  return (
    <section className="panel" aria-labelledby="modification-form-title">
      <h2 id="modification-form-title">{d.addModification}</h2>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField id="modification-notified" label={d.modNotifiedOn} type="date" required value={values.notifiedOn} error={problems.notifiedOn} onChange={(event) => setValues({ ...values, notifiedOn: event.target.value })} />
        <TextField id="modification-object" label={d.modObject} value={values.object} error={problems.object} onChange={(event) => setValues({ ...values, object: event.target.value })} />
        <TextField id="modification-amount" label={d.modAmount} inputMode="decimal" value={values.amount} error={problems.amount} onChange={(event) => setValues({ ...values, amount: event.target.value })} />
        <TextField id="modification-duration" label={d.modDuration} inputMode="numeric" value={values.durationMonths} error={problems.durationMonths} onChange={(event) => setValues({ ...values, durationMonths: event.target.value })} />
        <button type="submit" className="button" aria-disabled={fetching || undefined}>
          {fetching ? d.modSaving : d.modSubmit}
        </button>
        <p role="status" aria-live="polite" className={message?.error ? 'field__error' : 'field__hint'}>
          {message?.text ?? ''}
        </p>
      </form>
    </section>
  );
}

export default function ContractPage({ id }: { id: string }) {
  const t = useMessages();
  const c = t.procurement.contracts;
  const d = t.procurement.contract;
  const user = useSessionUser();
  const [result, reexecute] = useQuery({ query: ContractQuery, variables: { id } });
  const contract = result.data?.contract;
  const [flash] = useState(takeFlash);
  const crumbs = [{ label: c.title, to: { name: 'contracts' as const } }];

  if (result.error && !contract) {
    return (
      <>
        <PageHeader title={c.title} crumbs={crumbs} />
        <ErrorNotice title={d.loadError} error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      </>
    );
  }
  if (!contract) {
    return (
      <>
        <PageHeader title={c.title} crumbs={crumbs} />
        <p role="status">{result.fetching ? t.common.loading : d.notFound}</p>
      </>
    );
  }

  const yesNo = (value: boolean | null | undefined) => (value == null ? <Empty label={t.common.no} /> : value ? t.common.yes : t.common.no);
  const modificationsChanged = contract.modifications.length > 0;
  const facts: Array<[string, ReactNode]> = [
    [c.decpId, contract.decpId],
    [d.buyer, contract.buyer ? `${contract.buyer.name} (SIRET ${contract.buyer.siret})` : <Empty label={d.buyer} />],
    [c.authority, t.authority(contract.authorityCode, authorityName(contract.authorityCode))],
    [c.nature, c.natures[contract.nature]],
    [c.procedure, c.procedures[contract.procedure]],
    [c.cpvCode, contract.cpvCode],
    [c.notifiedOn, t.format.date(contract.notifiedOn)],
    [d.publishedOn, contract.publishedOn ? t.format.date(contract.publishedOn) : d.notPublished],
    [c.amount, t.format.euros(contract.amount)],
    [c.currentAmount, t.format.euros(contract.currentAmount)],
    [c.duration, modificationsChanged ? `${contract.currentDurationMonths} (${contract.durationMonths})` : String(contract.durationMonths)],
    [d.offers, contract.offersReceived ?? <Empty label={d.offers} />],
    [d.subcontractingDeclared, yesNo(contract.subcontractingDeclared)],
    [c.social, contract.socialConsiderations.map((value) => c.socialConsiderations[value]).join(', ') || <Empty label={c.social} />],
    [c.environmental, contract.environmentalConsiderations.map((value) => c.environmentalConsiderations[value]).join(', ') || <Empty label={c.environmental} />],
    [d.reservedBasis, contract.reservedBasis ? c.reservedBases[contract.reservedBasis] : contract.reserved ? t.common.yes : t.common.no],
    [d.insertionHours, `${contract.insertionHoursAchieved ?? 0} / ${contract.insertionHoursPlanned ?? 0}`],
  ];

  return (
    <>
      <PageHeader
        title={contract.object}
        crumbs={crumbs}
        actions={
          canEditActor(user, contract.authorityCode) && (
            <Link className="button" to={{ name: 'contractEdit', id: contract.id }}>
              {t.procurement.form.edit}
            </Link>
          )
        }
      />
      {flash && (
        <p className="notice notice--success" role="status">
          {flash}
        </p>
      )}
      <section className="panel" aria-labelledby="contract-data-title">
        <h2 id="contract-data-title">{d.data}</h2>
        <dl className="facts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="panel" aria-labelledby="contract-awardees-title">
        <h2 id="contract-awardees-title">{c.awardees}</h2>
        <AwardeeTable title={d.currentAwardees} awardees={contract.currentAwardees} />
        {modificationsChanged && <AwardeeTable title={d.initialAwardees} awardees={contract.awardees} />}
      </section>

      <section className="panel" aria-labelledby="contract-modifications-title">
        <h2 id="contract-modifications-title">{d.modifications}</h2>
        {contract.modifications.length === 0 ? (
          <p>{d.noModification}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{d.modifications}</caption>
            <thead>
              <tr>
                <th scope="col">{d.modificationId}</th>
                <th scope="col">{c.notifiedOn}</th>
                <th scope="col">{c.object}</th>
                <th scope="col" className="number">
                  {c.currentAmount}
                </th>
                <th scope="col">{c.duration}</th>
                <th scope="col">{c.awardees}</th>
              </tr>
            </thead>
            <tbody>
              {contract.modifications.map((modification) => (
                <tr key={modification.id}>
                  <th scope="row">{modification.decpId}</th>
                  <td className="nowrap">{t.format.date(modification.notifiedOn)}</td>
                  <td>{modification.object ?? <Empty label={c.object} />}</td>
                  <td className="number nowrap">{modification.amount != null ? t.format.euros(modification.amount) : <Empty label={c.currentAmount} />}</td>
                  <td>{modification.durationMonths ?? <Empty label={c.duration} />}</td>
                  <td>
                    {modification.awardees.length === 0 ? (
                      <Empty label={c.awardees} />
                    ) : (
                      modification.awardees.map((awardee) => (
                        <span key={awardee.identifier}>
                          {awardee.actor ? <Link to={{ name: 'actor', id: awardee.actor.id }}>{awardee.actor.name}</Link> : (awardee.name ?? awardee.identifier)}{' '}
                        </span>
                      ))
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {canEditActor(user, contract.authorityCode) && <ModificationForm key={contract.version} contract={contract} onConflict={() => reexecute({ requestPolicy: 'network-only' })} />}

      <section className="panel" aria-labelledby="contract-subcontracts-title">
        <h2 id="contract-subcontracts-title">{d.subcontracts}</h2>
        {contract.subcontracts.length === 0 ? (
          <p>{d.noSubcontract}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{d.subcontracts}</caption>
            <thead>
              <tr>
                <th scope="col">{d.actId}</th>
                <th scope="col">{d.subcontractor}</th>
                <th scope="col">{c.notifiedOn}</th>
                <th scope="col" className="number">
                  {c.amount}
                </th>
                <th scope="col">{c.duration}</th>
                <th scope="col">{d.priceVariation}</th>
              </tr>
            </thead>
            <tbody>
              {contract.subcontracts.map((act) => (
                <tr key={act.decpId}>
                  <th scope="row">{act.decpId}</th>
                  <td className="nowrap">{`${act.subcontractor.idType} ${act.subcontractor.identifier}`}</td>
                  <td className="nowrap">{act.notifiedOn ? t.format.date(act.notifiedOn) : <Empty label={c.notifiedOn} />}</td>
                  <td className="number nowrap">{act.amount != null ? t.format.euros(act.amount) : <Empty label={c.amount} />}</td>
                  <td>{act.durationMonths ?? <Empty label={c.duration} />}</td>
                  <td>{act.priceVariation ?? <Empty label={d.priceVariation} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {contract.subcontractModifications.length > 0 && (
          <table className="data-table">
            <caption>{d.subcontractModifications}</caption>
            <thead>
              <tr>
                <th scope="col">{d.actId}</th>
                <th scope="col">{c.notifiedOn}</th>
                <th scope="col" className="number">
                  {c.amount}
                </th>
                <th scope="col">{c.duration}</th>
              </tr>
            </thead>
            <tbody>
              {contract.subcontractModifications.map((change, index) => (
                <tr key={`${change.subcontractId}-${index}`}>
                  <th scope="row">{change.subcontractId}</th>
                  <td className="nowrap">{change.notifiedOn ? t.format.date(change.notifiedOn) : <Empty label={c.notifiedOn} />}</td>
                  <td className="number nowrap">{change.amount != null ? t.format.euros(change.amount) : <Empty label={c.amount} />}</td>
                  <td>{change.durationMonths ?? <Empty label={c.duration} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <HistoryPanel entries={contract.history.nodes} totalCount={contract.history.totalCount} />
    </>
  );
}
