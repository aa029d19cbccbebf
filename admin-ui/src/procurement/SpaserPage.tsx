// "SPASER": a year of an authority's contracts against its SPASER and the national plan (PNAD: 30 % of contracts with
// a social consideration, 100 % with an environmental one by 2025): each indicator's measured value, the targets and
// whether the year is on track; the SPASER's period and objectives; the share of spend and of contracts awarded to
// ESS actors over the last years, with a chart loaded on demand beside its table.
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useQuery } from 'urql';
import type { SchemaType } from '../graphql/tada';
import { useMessages } from '../i18n';
import { authorityName } from '../referential/authorities';
import { Link, useSearchParams } from '../router';
import { PageHeader } from '../shell/PageHeader';
import { useWorkingAuthorities } from '../shell/authorities';
import { Empty } from '../ui/Empty';
import { ErrorNotice } from '../ui/ErrorNotice';
import { SelectField } from '../ui/Field';
import { recentYears } from './ess';
import { ProcurementIndicatorsQuery, SpaserPlanAuthorityQuery, type Indicators } from './spaser.query';

const SpaserChart = lazy(() => import('./SpaserChart'));
type Unit = SchemaType<'IndicatorUnit'>;
type Comparison = NonNullable<Indicators['indicators'][number]['spaserTarget']>;
const YEARS_SHOWN = 5;

function useValueFormat() {
  const t = useMessages();
  return (value: number | null | undefined, unit: Unit) => {
    if (value == null) return null;
    if (unit === 'PERCENT') return t.format.percent.format(value / 100);
    if (unit === 'EUROS') return t.format.euros(value);
    return t.format.integer.format(value);
  };
}

function Target({ comparison, unit }: { comparison: Comparison | null; unit: Unit }) {
  const s = useMessages().procurement.spaser;
  const format = useValueFormat();
  if (!comparison) return <Empty label={s.noTarget} />;
  return (
    <>
      {s.target(format(comparison.targetValue, unit) ?? '', comparison.targetYear, format(comparison.expectedValue, unit) ?? '')}
      <br />
      <span className={`target-status target-status--${comparison.status.toLowerCase()}`}>{s.statuses[comparison.status]}</span>
    </>
  );
}

/** One year's ESS figures (one request per year, each answered from the cache when seen before). */
function EssYear({ authority, year, onValue }: { authority: string; year: number; onValue(year: number, value: number | null): void }) {
  const t = useMessages();
  const [result] = useQuery({ query: ProcurementIndicatorsQuery, variables: { authority, year } });
  const figures = result.data?.procurementIndicators;
  const share = figures?.essSpendShare ?? null;
  const loaded = !!figures;
  useEffect(() => {
    if (loaded) onValue(year, share);
  }, [loaded, share, year, onValue]);
  return (
    <tr>
      <th scope="row">
        <Link to={`/marches?annee=${year}&departement=${encodeURIComponent(authority)}`}>{year}</Link>
      </th>
      <td className="number">{figures ? t.format.integer.format(figures.contractCount) : <Empty label={t.common.loading} />}</td>
      <td className="number">{figures ? t.format.integer.format(figures.essContractCount) : <Empty label={t.common.loading} />}</td>
      <td className="number nowrap">{figures ? t.format.euros(figures.essAmount) : <Empty label={t.common.loading} />}</td>
      <td className="number">{share != null ? t.format.percent.format(share / 100) : <Empty label={t.common.loading} />}</td>
    </tr>
  );
}

function EssByYear({ authority, lastYear }: { authority: string; lastYear: number }) {
  const t = useMessages();
  const s = t.procurement.spaser;
  const years = Array.from({ length: YEARS_SHOWN }, (_, index) => lastYear - YEARS_SHOWN + 1 + index);
  const [values, setValues] = useState<Record<number, number | null>>({});
  const [chart, setChart] = useState(false);
  const record = useCallback(
    (year: number, value: number | null) => setValues((current) => (current[year] === value ? current : { ...current, [year]: value })),
    [],
  );
  return (
    <section className="panel" aria-labelledby="spaser-ess-title">
      <h2 id="spaser-ess-title">{s.essTitle}</h2>
      <p className="field__hint">{s.essByBuyer}</p>
      <div className="chart-beside">
        <table className="data-table">
          <caption className="visually-hidden">{s.essTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{s.year}</th>
              <th scope="col" className="number">
                {s.contracts}
              </th>
              <th scope="col" className="number">
                {s.essContracts}
              </th>
              <th scope="col" className="number">
                {s.essAmount}
              </th>
              <th scope="col" className="number">
                {s.essShare}
              </th>
            </tr>
          </thead>
          <tbody>
            {years.map((year) => (
              <EssYear key={year} authority={authority} year={year} onValue={record} />
            ))}
          </tbody>
        </table>
        <div>
          {chart ? (
            <Suspense fallback={<p role="status">{t.common.loading}</p>}>
              <SpaserChart label={s.essShare} rows={years.map((year) => ({ year, value: values[year] ?? null }))} />
            </Suspense>
          ) : (
            <button type="button" className="button button--secondary" onClick={() => setChart(true)}>
              {s.showChart}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}

export default function SpaserPage({ id }: { id?: string }) {
  const t = useMessages();
  const s = t.procurement.spaser;
  const format = useValueFormat();
  const working = useWorkingAuthorities();
  const [params, setParams] = useSearchParams();
  const [planResult] = useQuery({ query: SpaserPlanAuthorityQuery, variables: { id: id ?? '' }, pause: !id });
  const plan = planResult.data?.spaserPlan;
  const currentYear = new Date().getUTCFullYear();
  const authority = params.get('departement') || plan?.authorityCode || working.selected || working.all[0] || '';
  const year = Number(params.get('annee')) || (plan ? Math.min(Math.max(currentYear, plan.periodStart), plan.periodEnd) : currentYear);
  const [result, reexecute] = useQuery({ query: ProcurementIndicatorsQuery, variables: { authority, year }, pause: !authority || (!!id && !plan) });
  const figures = result.data?.procurementIndicators;
  const spaser = figures?.spaserPlan;
  const label = (code: string) => t.authority(code, authorityName(code));
  const set = (changes: Record<string, string>) => setParams({ departement: params.get('departement'), annee: params.get('annee'), ...changes });

  return (
    <>
      <PageHeader title={spaser ? spaser.title : s.title} lead={s.intro} crumbs={id ? [{ label: s.title, to: { name: 'spaserHome' } }] : []} />
      <form className="filters" aria-label={s.filters} onSubmit={(event) => event.preventDefault()}>
        {!id && working.all.length > 1 && (
          <SelectField label={t.procurement.contracts.authority} value={authority} onChange={(event) => set({ departement: event.target.value })}>
            {working.all.map((code) => (
              <option key={code} value={code}>
                {label(code)}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField label={s.year} value={String(year)} onChange={(event) => set({ annee: event.target.value })}>
          {recentYears().map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
      </form>

      {result.error && <ErrorNotice title={s.loadError} error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {!figures && result.fetching && <p role="status">{t.common.loading}</p>}

      {figures && (
        <>
          <section className="panel" aria-labelledby="spaser-plan-title">
            <h2 id="spaser-plan-title">{s.plan}</h2>
            {spaser ? (
              <dl className="facts">
                <div>
                  <dt>{s.period}</dt>
                  <dd>{`${spaser.periodStart}–${spaser.periodEnd}`}</dd>
                </div>
                <div>
                  <dt>{s.status}</dt>
                  <dd>{s.planStatuses[spaser.status]}</dd>
                </div>
                <div>
                  <dt>{s.adoptedOn}</dt>
                  <dd>{spaser.adoptedOn ? t.format.date(spaser.adoptedOn) : <Empty label={s.adoptedOn} />}</dd>
                </div>
              </dl>
            ) : (
              <p>{s.noPlan(label(authority))}</p>
            )}
            {spaser && spaser.objectives.length > 0 && (
              <table className="data-table">
                <caption>{s.objectives}</caption>
                <thead>
                  <tr>
                    <th scope="col">{s.indicator}</th>
                    <th scope="col">{s.baseline}</th>
                    <th scope="col">{s.targetColumn}</th>
                  </tr>
                </thead>
                <tbody>
                  {spaser.objectives.map((objective) => {
                    const unit = objective.indicatorKind?.unit ?? 'PERCENT';
                    return (
                      <tr key={objective.id}>
                        <th scope="row">{objective.indicatorKind?.label ?? objective.description}</th>
                        <td>{objective.baselineValue != null ? `${format(objective.baselineValue, unit)} (${objective.baselineYear ?? ''})` : <Empty label={s.baseline} />}</td>
                        <td>{`${format(objective.targetValue, unit)} (${objective.targetYear})`}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>

          <section className="panel" aria-labelledby="spaser-indicators-title">
            <h2 id="spaser-indicators-title">{s.indicators(year)}</h2>
            <p>
              <Link to={`/marches?annee=${year}&departement=${encodeURIComponent(authority)}`}>{s.contractsOfYear(figures.contractCount, t.format.euros(figures.totalAmount))}</Link>
            </p>
            <table className="data-table spaser-indicators">
              <caption className="visually-hidden">{s.indicators(year)}</caption>
              <thead>
                <tr>
                  <th scope="col">{s.indicator}</th>
                  <th scope="col">{s.measured}</th>
                  <th scope="col">{s.spaserTarget}</th>
                  <th scope="col">{s.nationalTarget}</th>
                </tr>
              </thead>
              <tbody>
                {figures.indicators.map((indicator) => (
                  <tr key={indicator.kind.code} data-indicator={indicator.kind.code}>
                    <th scope="row">{indicator.kind.label}</th>
                    <td className="number indicator-value">{format(indicator.value, indicator.kind.unit) ?? <Empty label={s.noData} />}</td>
                    <td>
                      <Target comparison={indicator.spaserTarget ?? null} unit={indicator.kind.unit} />
                    </td>
                    <td>
                      <Target comparison={indicator.nationalTarget ?? null} unit={indicator.kind.unit} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <EssByYear authority={authority} lastYear={year} />
        </>
      )}
    </>
  );
}
