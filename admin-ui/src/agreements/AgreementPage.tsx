// One agreement (convention): what it grants, to whom, under which plan and action, its payment schedule and history.
import { useQuery } from 'urql';
import { useMessages } from '../i18n';
import { Link } from '../router';
import { PageHeader } from '../shell/PageHeader';
import { ErrorNotice } from '../ui/ErrorNotice';
import { HistoryPanel } from '../ui/HistoryPanel';
import { AgreementQuery } from './agreements.query';

export default function AgreementPage({ id }: { id: string }) {
  const t = useMessages();
  const a = t.plans.agreements;
  const d = a.detail;
  const [result, reexecute] = useQuery({ query: AgreementQuery, variables: { id } });
  const agreement = result.data?.agreement;
  const crumbs = [{ label: a.title, to: { name: 'agreements' as const } }];
  if (result.error && !agreement) {
    return (
      <>
        <PageHeader title={a.title} crumbs={crumbs} />
        <ErrorNotice title={d.loadError} error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      </>
    );
  }
  if (!agreement) {
    return (
      <>
        <PageHeader title={result.fetching ? t.common.loading : a.title} crumbs={crumbs} />
        {result.fetching ? <p role="status">{t.common.loading}</p> : <p>{d.notFound}</p>}
      </>
    );
  }
  const yesNo = (value: boolean) => (value ? t.common.yes : t.common.no);
  const period = agreement.startOn && agreement.endOn ? t.plans.action.between(t.format.date(agreement.startOn), t.format.date(agreement.endOn)) : t.common.unknown;
  return (
    <>
      <PageHeader title={`${agreement.beneficiaryName} — ${t.format.euros(agreement.amount)}`} crumbs={crumbs} lead={agreement.object} />
      <div className="action-layout">
        <section className="panel" aria-labelledby="agreement-identity">
          <h2 id="agreement-identity">{d.identity}</h2>
          <dl className="facts">
            <div>
              <dt>{a.status}</dt>
              <dd>{a.statuses[agreement.status]}</dd>
            </div>
            <div>
              <dt>{a.authority}</dt>
              <dd>{t.authority(agreement.authorityCode, agreement.authority?.name)}</dd>
            </div>
            <div>
              <dt>{a.amount}</dt>
              <dd>
                {t.format.euros(agreement.amount)} ({a.natures[agreement.nature]})
              </dd>
            </div>
            <div>
              <dt>{a.signedOn}</dt>
              <dd>{agreement.signedOn ? t.format.date(agreement.signedOn) : a.notSigned}</dd>
            </div>
            <div>
              <dt>{d.period}</dt>
              <dd>{period}</dd>
            </div>
            <div>
              <dt>{d.paymentTerms}</dt>
              <dd>
                {a.paymentTerms[agreement.paymentTerms]}
                {agreement.paymentTermsNote ? ` — ${agreement.paymentTermsNote}` : ''}
              </dd>
            </div>
            <div>
              <dt>{d.decisionReference}</dt>
              <dd>{agreement.decisionReference ?? t.common.unknown}</dd>
            </div>
            <div>
              <dt>{d.subsidyShare}</dt>
              <dd>{t.format.percentOf100(agreement.subsidyShare)}</dd>
            </div>
            <div>
              <dt>{d.aidScheme}</dt>
              <dd>{agreement.aidScheme ?? t.common.unknown}</dd>
            </div>
            <div>
              <dt>{d.multiFunder}</dt>
              <dd>{yesNo(agreement.multiFunder)}</dd>
            </div>
            <div>
              <dt>{d.euNotified}</dt>
              <dd>{yesNo(agreement.euNotified)}</dd>
            </div>
            {agreement.raeId && (
              <div>
                <dt>{d.raeId}</dt>
                <dd>{agreement.raeId}</dd>
              </div>
            )}
            <div>
              <dt>{d.plan}</dt>
              <dd>{agreement.plan ? <Link to={{ name: 'plan', id: agreement.plan.id }}>{agreement.plan.title}</Link> : t.common.unknown}</dd>
            </div>
            <div>
              <dt>{d.action}</dt>
              <dd>{agreement.action ? <Link to={{ name: 'action', id: agreement.action.id }}>{agreement.action.title}</Link> : t.common.unknown}</dd>
            </div>
          </dl>
        </section>
        <section className="panel" aria-labelledby="agreement-beneficiary">
          <h2 id="agreement-beneficiary">{d.beneficiary}</h2>
          <dl className="facts">
            <div>
              <dt>{a.beneficiary}</dt>
              <dd>{agreement.actor ? <Link to={{ name: 'actor', id: agreement.actor.id }}>{agreement.beneficiaryName}</Link> : agreement.beneficiaryName}</dd>
            </div>
            <div>
              <dt>{a.siret}</dt>
              <dd>{agreement.beneficiarySiret}</dd>
            </div>
            <div>
              <dt>{d.rna}</dt>
              <dd>{agreement.beneficiaryRna ?? t.common.unknown}</dd>
            </div>
          </dl>
          <h2>{d.instalments}</h2>
          {agreement.instalments.length === 0 ? (
            <p>{t.common.none}</p>
          ) : (
            <table className="data-table">
              <caption className="visually-hidden">{d.instalments}</caption>
              <thead>
                <tr>
                  <th scope="col">{d.dueOn}</th>
                  <th scope="col" className="number">
                    {a.amount}
                  </th>
                  <th scope="col">{d.paidOn}</th>
                </tr>
              </thead>
              <tbody>
                {agreement.instalments.map((instalment) => (
                  <tr key={instalment.id}>
                    <td>{t.format.date(instalment.dueOn)}</td>
                    <td className="number nowrap">{t.format.euros(instalment.amount)}</td>
                    <td>{instalment.paidOn ? t.format.date(instalment.paidOn) : d.unpaid}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <HistoryPanel entries={agreement.history.nodes} totalCount={agreement.history.totalCount} actionLabel={(name) => t.plans.action.historyActions[name] ?? name} />
    </>
  );
}
