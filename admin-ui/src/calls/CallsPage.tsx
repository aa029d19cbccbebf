// "Appels à communs": the calls of the person's départements, filtered by status and département (both kept in the
// address, so a filtered list can be shared and Back undoes a change of filter); each call opens its page.
import { useId, useMemo } from 'react';
import { useQuery } from 'urql';
import { useMessages } from '../i18n';
import { authorityName } from '../referential/authorities';
import { Link, useSearchParams } from '../router';
import { PageHeader } from '../shell/PageHeader';
import { ErrorNotice } from '../ui/ErrorNotice';
import { SelectField } from '../ui/Field';
import { CALLS_PAGE_SIZE, CallsQuery, type CallsQueryVariables } from './calls.query';
import { CALL_LIFECYCLE, type CallStatus } from './lifecycle';
import { useCallsMessages } from './messages';

export default function CallsPage({ authorities }: { authorities: string[] }) {
  const t = useMessages();
  const c = useCallsMessages();
  const captionId = useId();
  const [params, setParams] = useSearchParams();
  const status = CALL_LIFECYCLE.find((value) => value === params.get('statut')) ?? null;
  const authority = authorities.find((code) => code === params.get('departement')) ?? null;
  const limit = Math.min(Number(params.get('n')) || CALLS_PAGE_SIZE, 500);

  const variables = useMemo<CallsQueryVariables>(
    () => ({ filter: { authorities: authority ? [authority] : authorities, statuses: status ? [status] : null }, first: limit }),
    [authority, authorities, status, limit],
  );
  const [result, reexecute] = useQuery({ query: CallsQuery, variables });
  const calls = result.data?.calls;
  const set = (next: { statut?: CallStatus | null; departement?: string | null; n?: string | null }) =>
    setParams({ statut: status, departement: authority, ...next, ...('n' in next ? {} : { n: null }) });
  const date = (value: string | null) => (value ? t.format.date(value) : '–');

  return (
    <>
      <PageHeader
        title={c.title}
        lead={c.intro}
        actions={
          <Link to={{ name: 'callNew' }} className="button">
            {c.newCall}
          </Link>
        }
      />

      <form className="filters" aria-label={c.filters} onSubmit={(event) => event.preventDefault()}>
        <SelectField label={c.status} value={status ?? ''} onChange={(event) => set({ statut: (event.target.value || null) as CallStatus | null })}>
          <option value="">{c.allStatuses}</option>
          {CALL_LIFECYCLE.map((value) => (
            <option key={value} value={value}>
              {c.statuses[value]}
            </option>
          ))}
        </SelectField>
        {authorities.length > 1 && (
          <SelectField label={c.authority} value={authority ?? ''} onChange={(event) => set({ departement: event.target.value || null })}>
            <option value="">{c.allAuthorities}</option>
            {authorities.map((code) => (
              <option key={code} value={code}>
                {authorityName(code) ?? code}
              </option>
            ))}
          </SelectField>
        )}
      </form>

      <p className="result-count" role="status" aria-atomic="true">
        {calls ? c.count(calls.totalCount) : result.fetching ? c.loading : ''}
      </p>

      {result.error && <ErrorNotice title={c.loadError} error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}

      {calls && calls.totalCount === 0 && <p className="notice">{c.empty}</p>}

      {calls && calls.nodes.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby={captionId} aria-busy={result.fetching} tabIndex={0}>
          <table className="data-table">
            <caption id={captionId} className="visually-hidden">
              {c.title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{c.callTitle}</th>
                <th scope="col">{c.status}</th>
                <th scope="col">{c.authority}</th>
                <th scope="col">{c.period}</th>
                <th scope="col" className="numeric">
                  {c.envelope}
                </th>
              </tr>
            </thead>
            <tbody>
              {calls.nodes.map((call) => (
                <tr key={call.id}>
                  <th scope="row">
                    <Link to={{ name: 'call', id: call.id }}>{call.title}</Link>
                  </th>
                  <td>{c.statuses[call.status]}</td>
                  <td>{authorityName(call.authorityCode) ?? call.authorityCode}</td>
                  <td>{c.periodValue(date(call.opensOn), date(call.closesOn))}</td>
                  <td className="numeric">{call.budgetEnvelope == null ? '–' : t.format.euros(call.budgetEnvelope)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {calls?.pageInfo.hasNextPage && (
        <button type="button" className="button button--secondary" onClick={() => set({ n: String(limit + CALLS_PAGE_SIZE) })}>
          {c.more}
        </button>
      )}
    </>
  );
}
