// "Marchés publics": the contracts of the person's départements with the filters a buyer uses (kept in the address:
// shareable, Back undoes a change), the count and totals of the filtered list, CSV/XLSX export as filtered, and the
// links to each contract, its buyer's other contracts and its awardees in the registry.
import { useMemo, useState, type FormEvent } from 'react';
import { useClient, useQuery } from 'urql';
import { canEditRegistry, useSessionUser } from '../actors/access';
import { errorCode } from '../graphql/errors';
import type { SchemaType } from '../graphql/tada';
import { useMessages, type Messages } from '../i18n';
import { authorityName } from '../referential/authorities';
import { Link, useSearchParams } from '../router';
import { PageHeader } from '../shell/PageHeader';
import { ErrorNotice } from '../ui/ErrorNotice';
import { SelectField, TextField } from '../ui/Field';
import { exportRows, type ExportColumn } from '../ui/exportRows';
import { BuyersQuery, ContractsQuery, type ContractRow } from './contracts.query';
import { DecpExport } from './DecpExport';
import { essAwardee, recentYears } from './ess';

type Nature = SchemaType<'ContractNature'>;
type Procedure = SchemaType<'ProcurementProcedure'>;
type ContractFilter = SchemaType<'ContractFilter'>;
export const NATURES: readonly Nature[] = ['MARCHE', 'PARTNERSHIP', 'DEFENCE_OR_SECURITY'];
export const PROCEDURES: readonly Procedure[] = ['ADAPTED', 'OPEN_TENDER', 'RESTRICTED_TENDER', 'NEGOTIATED', 'WITHOUT_PUBLICITY_OR_COMPETITION', 'COMPETITIVE_DIALOGUE'];
const PAGE_SIZE = 25;
const EXPORT_LIMIT = 500;

/** The address parameters of the list, by name (French, as the addresses are). */
const PARAMS = ['q', 'departement', 'annee', 'acheteur', 'procedure', 'nature', 'cpv', 'titulaire', 'sociale', 'environnementale', 'reserve'] as const;
type ParamName = (typeof PARAMS)[number];
type Values = Record<ParamName, string>;

const tristate = (value: string): boolean | undefined => (value === 'oui' ? true : value === 'non' ? false : undefined);

/** The server filter of the address's values; départements outside the person's are ignored. */
export function toContractFilter(values: Values, authorities: readonly string[]): ContractFilter {
  const authority = values.departement && authorities.includes(values.departement) ? [values.departement] : [...authorities];
  const year = Number(values.annee);
  const social = tristate(values.sociale);
  const environmental = tristate(values.environnementale);
  const reserved = tristate(values.reserve);
  return {
    authorities: authority,
    ...(Number.isInteger(year) && year > 0 ? { years: [year] } : {}),
    ...(values.acheteur ? { buyerIds: [values.acheteur] } : {}),
    ...(PROCEDURES.includes(values.procedure as Procedure) ? { procedures: [values.procedure as Procedure] } : {}),
    ...(NATURES.includes(values.nature as Nature) ? { natures: [values.nature as Nature] } : {}),
    ...(/^\d{1,8}$/.test(values.cpv) ? { cpvPrefix: values.cpv } : {}),
    ...(/^\d{14}$/.test(values.titulaire) ? { awardeeSiret: values.titulaire } : {}),
    ...(social !== undefined ? { hasSocialConsideration: social } : {}),
    ...(environmental !== undefined ? { hasEnvironmentalConsideration: environmental } : {}),
    ...(reserved !== undefined ? { reserved } : {}),
    ...(values.q.trim() ? { search: values.q.trim() } : {}),
  };
}

function exportColumns(t: Messages): ReadonlyArray<ExportColumn<ContractRow>> {
  const c = t.procurement.contracts;
  return [
    { header: c.decpId, value: (row) => row.decpId },
    { header: c.object, value: (row) => row.object },
    { header: c.buyer, value: (row) => row.buyer?.name },
    { header: c.authority, value: (row) => row.authorityCode },
    { header: c.nature, value: (row) => c.natures[row.nature] },
    { header: c.procedure, value: (row) => c.procedures[row.procedure] },
    { header: c.cpvCode, value: (row) => row.cpvCode },
    { header: c.notifiedOn, value: (row) => row.notifiedOn },
    { header: c.duration, value: (row) => row.durationMonths },
    { header: c.amount, value: (row) => row.amount },
    { header: c.currentAmount, value: (row) => row.currentAmount },
    { header: c.awardees, value: (row) => row.currentAwardees.map((a) => a.actor?.name ?? a.name ?? a.identifier).join(', ') },
    { header: c.essAwardee, value: (row) => (row.currentAwardees.some(essAwardee) ? t.common.yes : t.common.no) },
    { header: c.social, value: (row) => (row.hasSocialConsideration ? t.common.yes : t.common.no) },
    { header: c.environmental, value: (row) => (row.hasEnvironmentalConsideration ? t.common.yes : t.common.no) },
    { header: c.reserved, value: (row) => (row.reservedBasis ? c.reservedBases[row.reservedBasis] : row.reserved ? t.common.yes : t.common.no) },
  ];
}

function Tristate({ label, value, onChange }: { label: string; value: string; onChange(value: string): void }) {
  const c = useMessages().procurement.contracts;
  return (
    <SelectField label={label} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{c.any}</option>
      <option value="oui">{c.yes}</option>
      <option value="non">{c.no}</option>
    </SelectField>
  );
}

export default function ContractsPage({ authorities }: { authorities: string[] }) {
  const t = useMessages();
  const c = t.procurement.contracts;
  const client = useClient();
  const user = useSessionUser();
  const [params, setParams] = useSearchParams();
  const query = params.toString();
  const values = useMemo(() => {
    const read = new URLSearchParams(query);
    return Object.fromEntries(PARAMS.map((name) => [name, read.get(name) ?? ''])) as Values;
  }, [query]);
  const shown = Math.min(Math.max(Number(params.get('n')) || PAGE_SIZE, PAGE_SIZE), EXPORT_LIMIT);
  const authorityKey = authorities.join(',');
  const filter = useMemo(() => toContractFilter(values, authorityKey.split(',').filter(Boolean)), [values, authorityKey]);
  const [result, reexecute] = useQuery({ query: ContractsQuery, variables: { filter, first: shown } });
  const [buyersResult] = useQuery({ query: BuyersQuery, variables: { filter: { authorities: filter.authorities ?? [] }, first: 500 } });
  const list = result.data?.contracts;

  // Typed boxes (search, CPV, SIRET) apply on submit; the selects apply at once.
  const [text, setText] = useState({ q: values.q, cpv: values.cpv, titulaire: values.titulaire });
  const [textKey, setTextKey] = useState(query);
  if (textKey !== query) {
    setTextKey(query);
    setText({ q: values.q, cpv: values.cpv, titulaire: values.titulaire });
  }
  const set = (changes: Partial<Values>) => setParams({ ...values, ...changes, n: null });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    set({ q: text.q.trim(), cpv: text.cpv.trim(), titulaire: text.titulaire.replace(/\s/g, '') });
  };
  const filtered = PARAMS.some((name) => values[name] !== '');

  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState('');
  const exportList = async (format: 'csv' | 'xlsx') => {
    setExporting(true);
    setExported('');
    const answer = await client.query(ContractsQuery, { filter, first: EXPORT_LIMIT }, { requestPolicy: 'network-only' }).toPromise();
    const rows = answer.data?.contracts?.nodes ?? [];
    if (!answer.error) await exportRows(format, `${c.exportName}-${new Date().toISOString().slice(0, 10)}`, exportColumns(t), rows);
    setExporting(false);
    setExported(answer.error ? `${t.common.errorCode} : ${errorCode(answer.error)}` : t.common.export.done(rows.length));
  };

  const rows = list?.nodes ?? [];
  const totalAmount = rows.reduce((sum, row) => sum + row.currentAmount, 0);
  const essCount = rows.filter((row) => row.currentAwardees.some(essAwardee)).length;
  const status = list ? c.count(list.totalCount) : result.fetching ? c.loading : '';
  const authorityLabel = (code: string) => t.authority(code, authorityName(code));

  return (
    <>
      <PageHeader
        title={c.title}
        lead={c.intro}
        actions={
          <>
            <Link className="button button--secondary" to={{ name: 'spaserHome' }}>
              {t.procurement.spaser.title}
            </Link>
            {canEditRegistry(user) && (
              <>
                <Link className="button" to={{ name: 'contractNew' }}>
                  {c.create}
                </Link>
                <Link className="button button--secondary" to={{ name: 'decpImport' }}>
                  {c.importDecp}
                </Link>
              </>
            )}
          </>
        }
      />
      <form className="filters" aria-label={c.filters} onSubmit={submit}>
        <TextField label={c.search} type="search" value={text.q} onChange={(event) => setText({ ...text, q: event.target.value })} />
        {authorities.length > 1 && (
          <SelectField label={c.authority} value={values.departement} onChange={(event) => set({ departement: event.target.value, acheteur: '' })}>
            <option value="">{c.allAuthorities}</option>
            {authorities.map((code) => (
              <option key={code} value={code}>
                {authorityLabel(code)}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField label={c.year} value={values.annee} onChange={(event) => set({ annee: event.target.value })}>
          <option value="">{c.allYears}</option>
          {recentYears().map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </SelectField>
        <SelectField label={c.buyer} value={values.acheteur} onChange={(event) => set({ acheteur: event.target.value })}>
          <option value="">{c.allBuyers}</option>
          {(buyersResult.data?.buyers?.nodes ?? []).map((buyer) => (
            <option key={buyer.id} value={buyer.id}>
              {buyer.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={c.procedure} value={values.procedure} onChange={(event) => set({ procedure: event.target.value })}>
          <option value="">{c.allProcedures}</option>
          {PROCEDURES.map((procedure) => (
            <option key={procedure} value={procedure}>
              {c.procedures[procedure]}
            </option>
          ))}
        </SelectField>
        <SelectField label={c.nature} value={values.nature} onChange={(event) => set({ nature: event.target.value })}>
          <option value="">{c.allNatures}</option>
          {NATURES.map((nature) => (
            <option key={nature} value={nature}>
              {c.natures[nature]}
            </option>
          ))}
        </SelectField>
        <TextField label={c.cpv} hint={c.cpvHint} inputMode="numeric" value={text.cpv} onChange={(event) => setText({ ...text, cpv: event.target.value })} />
        <TextField label={c.awardeeSiret} inputMode="numeric" value={text.titulaire} onChange={(event) => setText({ ...text, titulaire: event.target.value })} />
        <Tristate label={c.social} value={values.sociale} onChange={(sociale) => set({ sociale })} />
        <Tristate label={c.environmental} value={values.environnementale} onChange={(environnementale) => set({ environnementale })} />
        <Tristate label={c.reserved} value={values.reserve} onChange={(reserve) => set({ reserve })} />
        <div className="button-row">
          <button type="submit" className="button">
            {c.apply}
          </button>
          {filtered && (
            <button type="button" className="button button--secondary" onClick={() => setParams({})}>
              {c.reset}
            </button>
          )}
        </div>
      </form>
      <p className="field__hint">{c.notSupported}</p>

      <div className="list-toolbar">
        <p className="result-count" role="status" aria-atomic="true">
          {status}
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
      {list && rows.length > 0 && <p className="contract-totals">{c.totals(rows.length, list.totalCount, t.format.euros(totalAmount), essCount)}</p>}

      {result.error && <ErrorNotice title={c.loadError} error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {list && list.totalCount === 0 && (
        <div className="notice">
          <p className="notice__title">{c.empty}</p>
          <p>{c.emptyHint}</p>
        </div>
      )}
      {rows.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={c.title}>
          <table className="data-table">
            <caption className="visually-hidden">{`${c.title} : ${c.count(list?.totalCount ?? rows.length)}`}</caption>
            <thead>
              <tr>
                <th scope="col">{c.object}</th>
                <th scope="col">{c.buyer}</th>
                <th scope="col">{c.notifiedOn}</th>
                <th scope="col">{c.procedure}</th>
                <th scope="col" className="number">
                  {c.currentAmount}
                </th>
                <th scope="col">{c.awardees}</th>
                <th scope="col">{c.considerations}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link to={{ name: 'contract', id: row.id }}>{row.object}</Link>
                    <span className="field__hint"> {`${row.decpId} · CPV ${row.cpvCode}`}</span>
                  </th>
                  <td>{row.buyer?.name}</td>
                  <td className="nowrap">{t.format.date(row.notifiedOn)}</td>
                  <td>{c.procedures[row.procedure]}</td>
                  <td className="number nowrap">{t.format.euros(row.currentAmount)}</td>
                  <td>
                    <ul className="plain-list">
                      {row.currentAwardees.map((awardee) => (
                        <li key={awardee.identifier}>
                          {awardee.actor ? <Link to={{ name: 'actor', id: awardee.actor.id }}>{awardee.actor.name}</Link> : (awardee.name ?? awardee.identifier)}
                          {essAwardee(awardee) && <span className="badge"> {c.essAwardee}</span>}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {[row.hasSocialConsideration && c.socialShort, row.hasEnvironmentalConsideration && c.environmentalShort, row.reserved && c.reservedShort].filter(Boolean).join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list?.pageInfo.hasNextPage && shown < EXPORT_LIMIT && (
        <p className="load-more">
          <button type="button" className="button button--secondary" onClick={() => setParams({ ...values, n: String(shown + PAGE_SIZE) }, { replace: true })}>
            {c.loadMore}
          </button>
        </p>
      )}
      <DecpExport authorities={authorities} />
    </>
  );
}
