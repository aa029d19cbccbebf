// "Conventions": the agreements of the person's départements, filtered by département, plan, year and status (kept in
// the address: shareable, the back button undoes a change), exported as CSV or XLSX as filtered, and the SCDL export
// (national open data format of subsidies) of the working département for a year.
import { useMemo, useState, type FormEvent } from 'react';
import { useClient, useQuery } from 'urql';
import { errorCode } from '../graphql/errors';
import type { SchemaType } from '../graphql/tada';
import { useMessages } from '../i18n';
import { authorityName } from '../referential/authorities';
import { Link, useSearchParams } from '../router';
import { PageHeader } from '../shell/PageHeader';
import { useWorkingAuthorities } from '../shell/authorities';
import { ErrorNotice } from '../ui/ErrorNotice';
import { SelectField } from '../ui/Field';
import { download, exportRows, type ExportColumn } from '../ui/exportRows';
import { canEditActor, useSessionUser } from '../actors/access';
import { AgreementFilterPlansQuery, AgreementsQuery, AgreementsScdlQuery, ScdlYearsQuery, type AgreementRow } from './agreements.query';
import { ScdlImport } from './ScdlImport';

type AgreementStatus = SchemaType<'AgreementStatus'>;
type ScdlFormat = SchemaType<'ScdlFormat'>;
const STATUSES: readonly AgreementStatus[] = ['DRAFT', 'SIGNED', 'CLOSED', 'CANCELLED'];
const PAGE_SIZE = 25;
const EXPORT_LIMIT = 500;
const FIRST_YEAR = 2008;

function years(): number[] {
  const list: number[] = [];
  for (let year = new Date().getUTCFullYear(); year >= FIRST_YEAR; year--) list.push(year);
  return list;
}

function ScdlExport({ authority, authorityLabel }: { authority: string | null; authorityLabel: string }) {
  const t = useMessages();
  const s = t.plans.agreements.scdl;
  const client = useClient();
  // The latest year with signed agreements (an export of the current year was empty until some were signed).
  const [years_] = useQuery({ query: ScdlYearsQuery, variables: { authority: authority ?? '' }, pause: !authority });
  const latest = Math.max(0, ...(years_.data?.plans?.nodes ?? []).flatMap((plan) => plan.agreementTotals.map((total) => total.year)));
  const [chosen, setYear] = useState<string | null>(null);
  const year = chosen ?? String(latest || new Date().getUTCFullYear());
  const [format, setFormat] = useState<ScdlFormat>('CSV');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!authority || busy) return;
    setBusy(true);
    setMessage(s.working);
    setFailure(null);
    const answer = await client.query(AgreementsScdlQuery, { authority, year: Number(year), format }, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    if (answer.error || answer.data?.agreementsScdl == null) {
      setMessage('');
      setFailure(answer.error ? errorCode(answer.error) : 'NO_DATA');
      return;
    }
    // A year without signed agreements: said, rather than an empty file downloaded.
    if (format === 'CSV' && answer.data.agreementsScdl.split(/\r?\n/).filter((line) => line.trim()).length <= 1) {
      setMessage(s.empty(year));
      return;
    }
    const filename = `scdl-subventions-${authority}-${year}.${format === 'CSV' ? 'csv' : 'json'}`;
    download(new Blob([answer.data.agreementsScdl], { type: format === 'CSV' ? 'text/csv;charset=utf-8' : 'application/json' }), filename);
    setMessage(s.done(filename));
  };
  return (
    <section className="panel" aria-labelledby="scdl-title">
      <h2 id="scdl-title">{s.title}</h2>
      {!authority ? (
        <p>{s.chooseAuthority}</p>
      ) : (
        <form className="form form--inline" onSubmit={(event) => void submit(event)}>
          <p className="field__hint">{s.hint(authorityLabel)}</p>
          <SelectField label={s.year} value={year} onChange={(event) => setYear(event.target.value)}>
            {years().map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </SelectField>
          <SelectField label={s.format} value={format} onChange={(event) => setFormat(event.target.value as ScdlFormat)}>
            <option value="CSV">CSV</option>
            <option value="JSON">JSON</option>
          </SelectField>
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            {s.submit}
          </button>
        </form>
      )}
      <p role="status" aria-live="polite" className="live-message">
        {message}
      </p>
      {failure && (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">{s.failed}</p>
          <p>
            {t.common.errorCode} : <code>{failure}</code>
          </p>
        </div>
      )}
    </section>
  );
}

export default function AgreementsPage({ authorities }: { authorities: string[] }) {
  const t = useMessages();
  const a = t.plans.agreements;
  const client = useClient();
  const working = useWorkingAuthorities();
  const [params, setParams] = useSearchParams();
  const authority = params.get('departement') ?? '';
  const planId = params.get('plan') ?? '';
  const year = params.get('annee') ?? '';
  const status = (params.get('statut') ?? '') as AgreementStatus | '';
  const shown = Math.min(Math.max(Number(params.get('n')) || PAGE_SIZE, PAGE_SIZE), EXPORT_LIMIT);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState('');

  const authorityKey = authorities.join(',');
  const filter = useMemo(
    () => ({
      authorities: authority && authorityKey.split(',').includes(authority) ? [authority] : authorityKey.split(','),
      planId: planId || null,
      year: year ? Number(year) : null,
      statuses: status ? [status] : null,
    }),
    [authority, authorityKey, planId, year, status],
  );
  const [result, reexecute] = useQuery({ query: AgreementsQuery, variables: { filter, first: shown } });
  const [plansResult] = useQuery({ query: AgreementFilterPlansQuery, variables: { filter: { authorities: authorityKey.split(',') } } });
  const list = result.data?.agreements;
  const current = { departement: authority, plan: planId, annee: year, statut: status, n: null as string | null };
  const setFilter = (name: keyof typeof current, value: string) => setParams({ ...current, [name]: value, n: null });

  const columns: ReadonlyArray<ExportColumn<AgreementRow>> = [
    { header: a.beneficiary, value: (row) => row.beneficiaryName },
    { header: a.siret, value: (row) => row.beneficiarySiret },
    { header: a.object, value: (row) => row.object },
    { header: a.amount, value: (row) => row.amount },
    { header: a.nature, value: (row) => a.natures[row.nature] },
    { header: a.status, value: (row) => a.statuses[row.status] },
    { header: a.signedOn, value: (row) => row.signedOn },
    { header: a.authority, value: (row) => row.authorityCode },
    { header: a.plan, value: (row) => row.plan?.title ?? '' },
    { header: a.action, value: (row) => row.action?.title ?? '' },
  ];

  const exportList = async (format: 'csv' | 'xlsx') => {
    setExporting(true);
    setExported('');
    const answer = await client.query(AgreementsQuery, { filter, first: EXPORT_LIMIT }, { requestPolicy: 'network-only' }).toPromise();
    const rows = answer.data?.agreements?.nodes ?? [];
    if (!answer.error) await exportRows(format, a.exportName, columns, rows);
    setExporting(false);
    setExported(answer.error ? `${t.common.errorCode} : ${errorCode(answer.error)}` : t.common.export.done(rows.length));
  };

  const user = useSessionUser();
  const scdlAuthority = working.selected ?? (working.all.length === 1 ? working.all[0]! : null);
  const authorityLabel = (code: string) => t.authority(code, authorityName(code));
  const status_ = list ? a.count(list.totalCount) : result.fetching ? a.loading : '';

  return (
    <>
      <PageHeader title={a.title} lead={a.intro} />
      <form className="filters" aria-label={a.filters} onSubmit={(event) => event.preventDefault()}>
        {authorities.length > 1 && (
          <SelectField label={a.authority} value={authority} onChange={(event) => setFilter('departement', event.target.value)}>
            <option value="">{a.allAuthorities}</option>
            {authorities.map((code) => (
              <option key={code} value={code}>
                {authorityLabel(code)}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField label={a.plan} value={planId} onChange={(event) => setFilter('plan', event.target.value)}>
          <option value="">{a.allPlans}</option>
          {(plansResult.data?.plans?.nodes ?? []).map((plan) => (
            <option key={plan.id} value={plan.id}>
              {plan.title}
            </option>
          ))}
        </SelectField>
        <SelectField label={a.year} value={year} onChange={(event) => setFilter('annee', event.target.value)}>
          <option value="">{a.allYears}</option>
          {years().map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
        <SelectField label={a.status} value={status} onChange={(event) => setFilter('statut', event.target.value)}>
          <option value="">{a.allStatuses}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {a.statuses[s]}
            </option>
          ))}
        </SelectField>
        {(authority || planId || year || status) && (
          <button type="button" className="button button--secondary" onClick={() => setParams({})}>
            {a.reset}
          </button>
        )}
      </form>

      <div className="list-toolbar">
        <p className="result-count" role="status" aria-atomic="true">
          {status_}
        </p>
        <div className="button-row" role="group" aria-label={t.common.export.label}>
          <button type="button" className="button button--secondary" aria-disabled={exporting || !list?.totalCount || undefined} onClick={() => !exporting && list?.totalCount && void exportList('csv')}>
            {t.common.export.csv}
          </button>
          <button type="button" className="button button--secondary" aria-disabled={exporting || !list?.totalCount || undefined} onClick={() => !exporting && list?.totalCount && void exportList('xlsx')}>
            {t.common.export.xlsx}
          </button>
        </div>
      </div>
      <p role="status" aria-live="polite" className="live-message">
        {exporting ? t.common.export.exporting : exported}
      </p>

      {result.error && <ErrorNotice title={a.loadError} error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {list && list.totalCount === 0 && (
        <div className="notice">
          <p className="notice__title">{a.empty}</p>
          <p>{a.emptyHint}</p>
        </div>
      )}
      {list && list.nodes.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={a.title}>
          <table className="data-table">
            <caption className="visually-hidden">{`${a.title} : ${a.count(list.totalCount)}`}</caption>
            <thead>
              <tr>
                <th scope="col">{a.beneficiary}</th>
                <th scope="col">{a.object}</th>
                <th scope="col" className="number">
                  {a.amount}
                </th>
                <th scope="col">{a.status}</th>
                <th scope="col">{a.signedOn}</th>
                <th scope="col">{a.plan}</th>
              </tr>
            </thead>
            <tbody>
              {list.nodes.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link to={{ name: 'agreement', id: row.id }}>{row.beneficiaryName}</Link>
                  </th>
                  <td>{row.object}</td>
                  <td className="number nowrap">{t.format.euros(row.amount)}</td>
                  <td>{a.statuses[row.status]}</td>
                  <td className="nowrap">{row.signedOn ? t.format.date(row.signedOn) : a.notSigned}</td>
                  <td>{row.plan ? <Link to={{ name: 'plan', id: row.plan.id }}>{row.plan.title}</Link> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list?.pageInfo.hasNextPage && shown < EXPORT_LIMIT && (
        <p className="load-more">
          <button type="button" className="button button--secondary" onClick={() => setParams({ ...current, n: String(shown + PAGE_SIZE) }, { replace: true })}>
            {a.more}
          </button>
        </p>
      )}

      <ScdlExport authority={scdlAuthority} authorityLabel={scdlAuthority ? authorityLabel(scdlAuthority) : ''} />
      {scdlAuthority && canEditActor(user, scdlAuthority) && (
        <ScdlImport
          key={scdlAuthority}
          authority={scdlAuthority}
          authorityLabel={authorityLabel(scdlAuthority)}
          onImported={() => reexecute({ requestPolicy: 'network-only' })}
        />
      )}
    </>
  );
}
